import type { Emulator } from '../../emulator';
import { avatarVideo, call, sleep, type Json } from './helpers';

/** `POST /v3/videos/batches` with these items (avatar videos by default); fails the test unless it answers 202. */
export async function createBatch(
	emulator: Emulator,
	videos: Array<Record<string, unknown>>,
	extra: Record<string, unknown> = {},
	idempotencyKey?: string,
): Promise<Json> {
	const response = await call(emulator, 'POST', '/v3/videos/batches', { body: { videos, ...extra }, idempotencyKey });
	if (response.status !== 202) throw new Error(`batch create failed: ${response.status} ${JSON.stringify(response.body)}`);
	return response.body.data;
}

/** `count` avatar videos, the i-th with `overrides(i)` applied. */
export function videos(count: number, overrides: (index: number) => Record<string, unknown> = () => ({})): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, index) => avatarVideo({ script: `Item ${index} speaks.`, ...overrides(index) }));
}

/** Polls a batch until its aggregate status is final; answers the last read (first page of items). */
export async function waitForBatch(emulator: Emulator, batchId: string, timeoutMs = 5000, path = '/v3/videos/batches'): Promise<Json> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await call(emulator, 'GET', `${path}/${batchId}`);
		if (response.status !== 200) throw new Error(`batch read failed: ${JSON.stringify(response.body)}`);
		if (response.body.data.status !== 'processing') return response.body.data;
		await sleep(20);
	}
	throw new Error(`batch ${batchId} did not finish within ${timeoutMs} ms`);
}

/** The most jobs that ever ran at once, from their [created, finished) intervals. */
export function peakOverlap(intervals: Array<[start: number, end: number]>): number {
	const edges = intervals.flatMap(([start, end]) => [
		[start, 1],
		[end, -1],
	]);
	// At the same instant a slot is released before another is taken.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let peak = 0;
	for (const [, change] of edges) {
		running += change;
		peak = Math.max(peak, running);
	}
	return peak;
}
