import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import dns from 'node:dns';

import { HeyGenApi } from '../../credentials/HeyGenApi.credentials';
import { startEmulator, type Emulator, type EmulatorOptions, type RecordedRequest } from '../../emulator';
import { HeyGen } from '../../nodes/HeyGen/HeyGen.node';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/HeyGen/transport/retry';
import { harnessTeardown, runListSearch, runNode, type HarnessNode, type RunNodeResult } from '../harness/engine';
import { disarmAllDeadlines } from '../../nodes/HeyGen/actions/park/park';
import { ParkingLot } from '../harness/parking';
import { assertNoLeaks, loggedLines } from '../harness/secrets';

export const NODE_TYPE = 'n8n-nodes-heygen-video.heyGen';
export const heyGen = new HeyGen();
export const credentialTypes = { heyGenApi: new HeyGenApi() };

/**
 * Shortens the transport's retry backoff for one test file, so a test can exhaust every retry in
 * seconds; HeyGen's Retry-After is still honoured as sent.
 */
export function useFastRetries(policy: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 40 }): void {
	const saved = { ...DEFAULT_RETRY_POLICY };
	beforeAll(() => Object.assign(DEFAULT_RETRY_POLICY, policy));
	afterAll(() => Object.assign(DEFAULT_RETRY_POLICY, saved));
}

/** Emulator timings short enough for tests, long enough to see every status. */
export const FAST_RENDER = { pendingMs: 100, processingMs: 300 };

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await startEmulator({ timings: FAST_RENDER, videoSizeBytes: 64 * 1024, ...options });
}

/**
 * One emulator for a test file, reset before each test and closed after the last. The returned
 * object stands for the emulator started in `beforeAll` (it forwards to it), so tests can keep a
 * plain `const emulator = useEmulator()`.
 */
export function useEmulator(options: EmulatorOptions = {}): Emulator {
	let started: Emulator | undefined;
	beforeAll(async () => {
		started = await startTestEmulator(options);
	});
	beforeEach(() => started?.reset());
	afterAll(async () => {
		await started?.close();
		await harnessTeardown();
	});
	return new Proxy({} as Emulator, {
		get(_, property) {
			if (!started) throw new Error('the emulator starts in beforeAll; use it inside a test');
			const value = Reflect.get(started, property, started);
			return typeof value === 'function' ? value.bind(started) : value;
		},
	});
}

export function credentialsFor(emulator: Emulator, apiKey = emulator.apiKey, baseUrl = emulator.url) {
	return { heyGenApi: { apiKey, baseUrl } };
}

/** A host name that looks public to the node but reaches the emulator: it resolves to loopback in this test process only. */
export const PUBLIC_LOOKING_HOST = 'api.heygen-emulator.test';

/**
 * Lets a test file use a Base URL on a public-looking host (`publicBaseUrl`), so the node treats
 * HeyGen as remote (local media URLs are refused) while its requests still reach the emulator.
 */
export function usePublicLookingHost(): void {
	const original = dns.lookup;
	const patched = function (this: unknown, hostname: string, options: unknown, callback?: unknown) {
		const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
		const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
		if (hostname !== PUBLIC_LOOKING_HOST) return (original as (...args: unknown[]) => void).call(this, hostname, options, callback);
		return all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4);
	};
	beforeAll(() => {
		(dns as { lookup: unknown }).lookup = patched;
	});
	afterAll(() => {
		(dns as { lookup: unknown }).lookup = original;
	});
}

export function publicBaseUrl(emulator: Emulator): string {
	return `http://${PUBLIC_LOOKING_HOST}:${new URL(emulator.url).port}`;
}

/**
 * n8n's side of parked runs for a test file: runs given `parkingLot` get its URL as their resume
 * base, and a run that parks is handed to it (see test/harness/parking.ts).
 */
export function useParkingLot(): ParkingLot {
	const lot = new ParkingLot();
	beforeAll(async () => {
		await lot.start();
	});
	afterAll(async () => {
		disarmAllDeadlines();
		await lot.close();
	});
	return lot;
}

export interface RunOptions extends Partial<Omit<HarnessNode, 'type' | 'parameters'>> {
	/** Where the run may park; a parked run is handed to it. */
	parkingLot?: ParkingLot;
	items?: INodeExecutionData[];
	apiKey?: string;
	/** The credential's Base URL (default: the emulator's own, a local address). */
	baseUrl?: string;
	executionId?: string;
	cancelAfterMs?: number;
}

/** Runs the HeyGen node through n8n-core's engine against the emulator. */
export async function runHeyGen(emulator: Emulator, parameters: INodeParameters, options: RunOptions = {}): Promise<RunNodeResult> {
	const { items, apiKey, baseUrl, executionId, cancelAfterMs, parkingLot, ...node } = options;
	const logsBefore = loggedLines.length;
	const result = await runNode({
		nodeTypes: { [NODE_TYPE]: heyGen },
		credentialTypes,
		credentials: credentialsFor(emulator, apiKey, baseUrl),
		// Without a parking lot nothing could resume a parked run: such runs poll unless told otherwise.
		node: { type: NODE_TYPE, parameters: parkingLot ? parameters : { waitMode: 'poll', ...parameters }, ...node },
		items,
		executionId,
		cancelAfterMs,
		webhookWaitingBaseUrl: parkingLot?.url,
	});
	if (parkingLot && result.parked) parkingLot.park(result);
	// Every run is scanned: the key must show nowhere, and presigned signatures only in URL fields.
	assertNoLeaks(
		{ visible: visibleParts(result), logs: loggedLines.slice(logsBefore) },
		[emulator.apiKey, apiKey],
	);
	return result;
}

function errorParts(error: RunNodeResult['error']) {
	return error ? { message: error.message, description: error.description, context: error.context, stack: error.stack, cause: (error as { cause?: unknown }).cause } : null;
}

/** What a user or a log could see of a run. */
function visibleParts(result: RunNodeResult) {
	return { outputs: result.outputs, runData: result.runData, error: errorParts(result.error), nodeError: errorParts(result.nodeError) };
}

export async function listSearch(emulator: Emulator, method: string, filter?: string, paginationToken?: string) {
	return await runListSearch({
		nodeType: heyGen,
		nodeTypeName: NODE_TYPE,
		credentialTypes,
		credentials: credentialsFor(emulator),
		method,
		filter,
		paginationToken,
	});
}

export const items = (...jsons: Array<Record<string, unknown>>): INodeExecutionData[] =>
	jsons.map((json) => ({ json: json as INodeExecutionData['json'] }));

/** The API requests of one kind the emulator received, in order. */
export function apiCalls(emulator: Emulator, method?: string, path?: string | RegExp): RecordedRequest[] {
	return emulator.requests.filter(
		(r) =>
			r.server === 'api' &&
			(!method || r.method === method) &&
			(!path || (typeof path === 'string' ? r.path === path : path.test(r.path))),
	);
}

export const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** Parameters of a plain "create avatar video" with the emulator's seed look. */
export function avatarVideoParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'video',
		operation: 'createAvatarVideo',
		avatar_id: locator('lk_abigail_office'),
		speechSource: 'script',
		script: '={{ "Hello " + $json.name + ", welcome aboard!" }}',
		voice_id: locator(''),
		callback_id: '={{ $json.id }}',
		waitForCompletion: true,
		downloadVideo: false,
		...overrides,
	};
}

/** Everything a run produced that a user or a log could see, as text. */
export function visibleText(result: RunNodeResult): string {
	return JSON.stringify(visibleParts(result));
}
