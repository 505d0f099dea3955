/**
 * `npm run soak`: N items through Create Avatar Video with Wait for Completion and Download Video
 * on, against an emulator that injects mixed faults into a fifth or more of all API and storage
 * requests (5xx, 429 and 503 with Retry-After, resets before and after a request takes effect,
 * slow answers, truncated and malformed 2xx bodies, redirects). Figures are printed, not asserted:
 *   - items completed / failed / lost (a lost item has neither a video nor an error naming it);
 *   - renders per item (every created video grouped by its Callback ID: exactly 1 is right);
 *   - billed renders no output item reports (must be 0);
 *   - early retries: a request sent again before the Retry-After its earlier answer carried.
 * Settings: SOAK_ITEMS (300), SOAK_RENDER_SECONDS (3), SOAK_CAP (10), SOAK_SEED (7).
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type Emulator, type FaultRule, type RecordedRequest } from '../../emulator';
import { harnessTeardown } from '../harness/engine';
import { runAvatarVideos } from './avatarRuns';

const setting = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Each rule draws on its own; a request not drawn falls through to the next one. */
function faultMix(seed: number): FaultRule[] {
	const api = (probability: number, action: FaultRule['action']): FaultRule => ({ match: { server: 'api' }, probability, seed: seed++, action });
	const storage = (probability: number, action: FaultRule['action']): FaultRule => ({ match: { server: 'storage' }, probability, seed: seed++, action });
	return [
		api(0.04, { type: 'status', status: 503 }),
		api(0.03, { type: 'status', status: 500 }),
		api(0.02, { type: 'status', status: 502, retryAfterSeconds: 1 }),
		api(0.04, { type: 'rate_limit', retryAfterSeconds: 2 }),
		api(0.03, { type: 'drop', when: 'before' }),
		api(0.04, { type: 'drop', when: 'after' }),
		api(0.03, { type: 'delay', ms: 1500 }),
		api(0.03, { type: 'truncate' }),
		api(0.02, { type: 'malformed', shape: 'missing_id' }),
		api(0.02, { type: 'redirect', status: 302 }),
		storage(0.05, { type: 'status', status: 500 }),
		storage(0.05, { type: 'rate_limit', retryAfterSeconds: 1 }),
		storage(0.04, { type: 'drop', when: 'before' }),
		storage(0.05, { type: 'drop', when: 'after' }),
		storage(0.03, { type: 'delay', ms: 1000 }),
		storage(0.03, { type: 'redirect', status: 302 }),
	];
}

/** Requests sent again (same create key, or same GET path) before the Retry-After of the answer before. */
function earlyRetries(requests: RecordedRequest[]): { early: number; checked: number } {
	const sameTarget = (request: RecordedRequest) =>
		request.method === 'POST' ? `${request.server} POST ${request.headers['idempotency-key'] ?? request.id}` : `${request.server} ${request.method} ${request.path}`;
	const last = new Map<string, RecordedRequest>();
	let early = 0;
	let checked = 0;
	for (const request of [...requests].sort((a, b) => a.receivedAt - b.receivedAt)) {
		const key = sameTarget(request);
		const before = last.get(key);
		if (before?.retryAfterSeconds !== undefined && before.finishedAt !== undefined) {
			checked++;
			if (request.receivedAt < before.finishedAt + before.retryAfterSeconds * 1000) early++;
		}
		last.set(key, request);
	}
	return { early, checked };
}

async function soak(emulator: Emulator, count: number, cap: number) {
	const started = Date.now();
	const result = await runAvatarVideos(
		emulator,
		count,
		{ downloadVideo: true, options: { maxConcurrentJobs: cap, maxWaitMinutes: 30 } },
		{ continueOnFail: true },
	);
	const seconds = (Date.now() - started) / 1000;
	if (result.error) throw result.error;
	return { output: result.output, seconds };
}

async function main() {
	const count = setting('SOAK_ITEMS', 300);
	const renderSeconds = setting('SOAK_RENDER_SECONDS', 3);
	const cap = setting('SOAK_CAP', 10);
	const seed = setting('SOAK_SEED', 7);
	const emulator = await startEmulator({
		timings: { pendingMs: 500, processingMs: Math.max(0, renderSeconds * 1000 - 500) },
		concurrencyLimit: cap,
		balance: 1_000_000,
		videoSizeBytes: 256 * 1024,
	});
	try {
		for (const rule of faultMix(seed)) emulator.addFault(rule);
		const progress = setInterval(() => {
			const videos = emulator.state.liveVideos();
			const done = videos.filter((video) => video.finishedAtMs <= Date.now()).length;
			console.log(`  ... ${videos.length} videos created, ${done} rendered, ${emulator.requests.length} requests`);
		}, 15_000);
		const { output, seconds } = await soak(emulator, count, cap).finally(() => clearInterval(progress));

		const requests = emulator.requests.filter((request) => request.server !== 'elsewhere');
		const faulted = requests.filter((request) => request.fault !== undefined);
		const byKind = new Map<string, number>();
		for (const request of faulted) {
			const kind = `${request.server} ${(request.fault ?? '').replace(/:\d+$/, '')}`;
			byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
		}

		const reported = new Set<string>();
		let completed = 0;
		let failed = 0;
		let lost = 0;
		for (const item of output) {
			const json = item.json as IDataObject;
			const text = JSON.stringify(json);
			for (const video of emulator.state.liveVideos()) if (text.includes(video.id)) reported.add(video.id);
			if (json.status === 'completed' && item.binary?.data && !json.error) completed++;
			else if (json.error) failed++;
			else lost++;
		}
		lost += count - output.length;
		const videos = emulator.state.liveVideos();
		const perItem = new Map<string, number>();
		for (const video of videos) perItem.set(String(video.callbackId), (perItem.get(String(video.callbackId)) ?? 0) + 1);
		const renderCounts = [...perItem.values()];
		const unreported = videos.filter((video) => !reported.has(video.id)).length;
		const { early, checked } = earlyRetries(requests);
		const elsewhereKeys = emulator.requests.filter((request) => request.server === 'elsewhere' && request.headers['x-api-key']).length;

		console.log(`\nSoak: ${count} items, account cap ${cap}, ${renderSeconds} s renders, Wait for Completion and Download Video on`);
		console.log(`  wall time                       ${seconds.toFixed(1)} s`);
		console.log(`  requests (API and storage)      ${requests.length}, of them faulted ${faulted.length} (${((faulted.length / requests.length) * 100).toFixed(1)} %)`);
		for (const [kind, n] of [...byKind.entries()].sort()) console.log(`      ${kind.padEnd(26)} ${n}`);
		console.log(`  items completed (with file)     ${completed}`);
		console.log(`  items failed (error item)       ${failed}`);
		console.log(`  items lost                      ${lost}`);
		console.log(`  renders per item                min ${Math.min(...renderCounts)}, max ${Math.max(...renderCounts)} over ${perItem.size} items (${videos.length} videos)`);
		console.log(`  billed renders not reported     ${unreported}`);
		console.log(`  early retries                   ${early} of ${checked} retries after a Retry-After`);
		console.log(`  API key sent to another origin  ${elsewhereKeys}`);
	} finally {
		await emulator.close();
		await harnessTeardown();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
