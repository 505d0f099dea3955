import { setTimeout as delay } from 'node:timers/promises';

import type { z } from 'zod';

import { errorEnvelopeSchema, listEnvelope, dataEnvelope } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS, type Endpoint, type EndpointKey } from '../../nodes/HeyGen/schemas/endpoints';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';

/** Short lifecycle so a whole render takes a fraction of a second. */
export const FAST_TIMINGS = { pendingMs: 60, processingMs: 140 };

/**
 * Checks the statuses a poll saw against a job's lifecycle: in order, ending in the final one.
 * A busy machine can poll too late to see a short intermediate status, so one may be skipped.
 */
export function expectLifecycle(seen: string[], lifecycle: string[]): void {
	expect(seen[seen.length - 1]).toBe(lifecycle[lifecycle.length - 1]);
	let next = 0;
	for (const status of seen) {
		const at = lifecycle.indexOf(status, next);
		if (at === -1) throw new Error(`saw ${seen.join(' → ')}, which is not in the order ${lifecycle.join(' → ')}`);
		next = at + 1;
	}
}

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

/**
 * Lists HeyGen answers in one page, so the contract declares no `page` for them: their `data` is
 * still an array of `response` items. (Asked of the contract's owner: declare them as lists.)
 */
const SINGLE_PAGE_LISTS: ReadonlySet<EndpointKey> = new Set(['listWebhookEventTypes']);

/** Parses a success body with the endpoint's own response schema, wrapped in its envelope. */
export function expectValidResponse(key: EndpointKey, body: unknown): void {
	const endpoint: Endpoint = ENDPOINTS[key];
	const isList = Boolean(endpoint.page) || SINGLE_PAGE_LISTS.has(key);
	const envelope: z.ZodTypeAny = isList ? listEnvelope(endpoint.response) : dataEnvelope(endpoint.response);
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

/** Polls a translation until it is completed or failed, collecting every status seen. */
export async function waitForTranslation(
	emulator: Emulator,
	id: string,
	timeoutMs = 5000,
): Promise<{ detail: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await call(emulator, 'GET', `/v3/video-translations/${id}`);
		const { status } = response.body.data;
		if (seen[seen.length - 1] !== status) seen.push(status);
		if (status === 'completed' || status === 'failed') return { detail: response.body.data, seen };
		await sleep(20);
	}
	throw new Error(`translation ${id} did not finish within ${timeoutMs} ms (saw ${seen.join(' → ')})`);
}

/** Polls a Video Agent session until `until` says stop, collecting every status seen. */
export async function waitForSession(
	emulator: Emulator,
	id: string,
	until: (session: Json) => boolean = (session) =>
		['completed', 'failed', 'waiting_for_input'].includes(session.status),
	timeoutMs = 5000,
): Promise<{ session: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await call(emulator, 'GET', `/v3/video-agents/${id}`);
		const session = response.body.data;
		if (seen[seen.length - 1] !== session.status) seen.push(session.status);
		if (until(session)) return { session, seen };
		await sleep(20);
	}
	throw new Error(`session ${id} did not get there within ${timeoutMs} ms (saw ${seen.join(' → ')})`);
}

export interface UploadOptions {
	/** Part name; default `file`. */
	field?: string;
	filename?: string;
	/** Declared Content-Type of the part; default application/octet-stream. */
	contentType?: string;
	/** Extra text parts sent before the file. */
	fields?: Record<string, string>;
	idempotencyKey?: string;
}

export const TEST_BOUNDARY = '----emulatorTestBoundary7MA4YWxkTrZu0gW';

/** A multipart/form-data body with one file part, the way HeyGen's CLI and the node build it. */
export function multipartBody(bytes: Buffer, options: UploadOptions = {}): Buffer {
	const field = options.field ?? 'file';
	const textParts = Object.entries(options.fields ?? {}).map(
		([name, value]) => `--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
	);
	const head =
		`${textParts.join('')}--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; ` +
		`filename="${options.filename ?? 'upload.bin'}"\r\nContent-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`;
	return Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${TEST_BOUNDARY}--\r\n`)]);
}

/** `POST /v3/assets` with `bytes` as the file part. */
export async function upload(emulator: Emulator, bytes: Buffer, options: UploadOptions = {}): Promise<ApiResponse> {
	const headers: Record<string, string> = {
		'X-Api-Key': emulator.apiKey,
		'Content-Type': `multipart/form-data; boundary=${TEST_BOUNDARY}`,
	};
	if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
	const response = await fetch(`${emulator.url}/v3/assets`, {
		method: 'POST',
		headers,
		body: multipartBody(bytes, options),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Small but real files of each type HeyGen stores, for uploads. */
export const SAMPLE_FILES = {
	png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
	jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1)]),
	mp4: Buffer.concat([
		Buffer.from([0, 0, 0, 0x18]),
		Buffer.from('ftypisom'),
		Buffer.from([0, 0, 2, 0]),
		Buffer.from('isomiso2'),
		Buffer.alloc(64),
	]),
	webm: Buffer.concat([
		Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
		Buffer.from('webm'),
		Buffer.alloc(32),
	]),
	mp3: Buffer.concat([
		Buffer.from('ID3'),
		Buffer.from([4, 0, 0, 0, 0, 0, 0]),
		Buffer.from([0xff, 0xfb, 0x90, 0x04]),
		Buffer.alloc(413),
	]),
	mp3FrameSync: Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x04]), Buffer.alloc(413)]),
	wav: Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WAVEfmt '), Buffer.alloc(32)]),
	pdf: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
	srt: Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:02,000 --> 00:00:04,000\nGoodbye.\n'),
};

/** Uploads a sample file and answers its asset id. */
export async function uploadSample(emulator: Emulator, kind: keyof typeof SAMPLE_FILES): Promise<string> {
	const response = await upload(emulator, SAMPLE_FILES[kind], { filename: `sample.${kind}` });
	if (response.status !== 200) throw new Error(`upload of ${kind} failed: ${JSON.stringify(response.body)}`);
	return response.body.data.asset_id;
}

/** A call to the emulator's test-only control API (`/__emulator/...`, no key). */
export async function control(
	emulator: Emulator,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${emulator.url}/__emulator${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}
