import { setTimeout as delay } from 'node:timers/promises';

import type { z } from 'zod';

import { errorEnvelopeSchema, listEnvelope, dataEnvelope } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS, type Endpoint, type EndpointKey } from '../../nodes/HeyGen/transport/endpoints';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';

/** Short lifecycle so a whole render takes a fraction of a second. */
export const FAST_TIMINGS = { pendingMs: 60, processingMs: 140 };

/** A JSON answer, read field by field in assertions (a wrong path fails the assertion, not the compile). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse {
	status: number;
	headers: Headers;
	body: Json;
}

export interface CallOptions {
	body?: unknown;
	/** Raw body text (sent as-is, for malformed JSON). */
	rawBody?: string;
	headers?: Record<string, string>;
	/** `null` sends no key at all. */
	apiKey?: string | null;
	idempotencyKey?: string;
}

export async function call(
	emulator: Emulator,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<ApiResponse> {
	const headers: Record<string, string> = { ...options.headers };
	const apiKey = options.apiKey === undefined ? emulator.apiKey : options.apiKey;
	if (apiKey !== null) headers['X-Api-Key'] = apiKey;
	if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
	let body: string | undefined = options.rawBody;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Parses a success body with the endpoint's own response schema, wrapped in its envelope. */
export function expectValidResponse(key: EndpointKey, body: unknown): void {
	const endpoint: Endpoint = ENDPOINTS[key];
	const envelope: z.ZodTypeAny = endpoint.page ? listEnvelope(endpoint.response) : dataEnvelope(endpoint.response);
	const result = envelope.safeParse(body);
	if (!result.success) throw new Error(`${key} response does not match its schema: ${result.error.message}`);
}

export function expectError(response: ApiResponse, status: number, code: string, param?: string | null): void {
	expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
	expect(errorEnvelopeSchema.safeParse(response.body).success).toBe(true);
	expect(response.body.error.doc_url).toBe(`https://developers.heygen.com/docs/error-codes#${code}`);
	if (param !== undefined) expect(response.body.error.param).toBe(param);
}

export async function sleep(ms: number): Promise<void> {
	await delay(ms);
}

/** Polls the video until it is completed or failed, collecting every status seen. */
export async function waitForVideo(
	emulator: Emulator,
	videoId: string,
	timeoutMs = 5000,
): Promise<{ detail: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await call(emulator, 'GET', `/v3/videos/${videoId}`);
		const { status } = response.body.data;
		if (seen[seen.length - 1] !== status) seen.push(status);
		if (status === 'completed' || status === 'failed') return { detail: response.body.data, seen };
		await sleep(20);
	}
	throw new Error(`video ${videoId} did not finish within ${timeoutMs} ms (saw ${seen.join(' → ')})`);
}

export function avatarVideo(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		type: 'avatar',
		avatar_id: 'lk_abigail_office',
		script: 'Hello from the emulator test suite.',
		...overrides,
	};
}

/** Starts an emulator per test file with fast timings; closes it after. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator({ timings: FAST_TIMINGS, ...options });
	});
	afterEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.close();
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
