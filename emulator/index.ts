import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { CATALOG } from './catalog';
import {
	applyConfigPatch,
	cloneConfig,
	DEFAULT_API_KEY,
	DEFAULT_BALANCE,
	DEFAULT_CONFIG,
	parseConfigPatch,
	restoreConfig,
	type EmulatorConfig,
	type RenderFailureRule,
} from './config';
import type { EmulatorControls } from './control';
import { FaultInjector, type FaultRule } from './faults';
import { RequestRecorder, type RecordedRequest } from './recording';
import { Router } from './router';
import { assertEveryEndpointHandled } from './routes';
import { createApiServer, createStorageServer } from './server';
import { EmulatorState } from './state';
import { UrlSigner } from './storage';

export { SEED_IDS, CATALOG } from './catalog';
export { TEMPLATES } from './templateCatalog';
export type { Template, TemplateScene, TemplateVariableSeed } from './templateCatalog';
export { AGENT_STYLES } from './styleCatalog';
export { TRANSLATION_LANGUAGES, TRANSLATION_FAILURES } from './translation';
export { AGENT_FAIL_MARKER } from './agent';
export { detectMimeType } from './assets';
export { DEFAULT_API_KEY, DEFAULT_BALANCE, DEFAULT_CONFIG } from './config';
export type { AgentTimings, EmulatorConfig, RenderFailureRule, TranslationTimings, VideoTimings } from './config';
export type { FaultAction, FaultMatch, FaultRule, FaultStatus } from './faults';
export type { RecordedRequest } from './recording';
export { MAGIC_INPUTS } from './rendering';
export { EmulatorState, videoStatusAt } from './state';
export type { StateSummary, VideoJob, VideoStatus } from './state';
export type { TranslationJob, TranslationStatus } from './translation';
export type { AgentSession, AgentSessionStatus } from './agent';

export interface EmulatorOptions {
	/** Default '127.0.0.1'. */
	host?: string;
	/** API port; default 0 (a free port). */
	port?: number;
	/** Storage host port; default 0. A separate listener, so downloads come from another origin. */
	storagePort?: number;
	/** Default 'hg_emulator_test_key'. */
	apiKey?: string;
	/** Video lifecycle; defaults 1000 ms pending and 9000 ms processing. */
	timings?: { pendingMs?: number; processingMs?: number };
	/**
	 * Translation lifecycle (`pending`, then `running`); when omitted it follows `timings`
	 * (pending, then processing), else defaults to 1000 ms and 9000 ms.
	 */
	translationTimings?: { pendingMs?: number; runningMs?: number };
	/** How long a Video Agent run is `thinking`; when omitted `timings.pendingMs`, else 1000 ms. */
	agentTimings?: { thinkingMs?: number };
	/** Jobs in flight per account; default 10. */
	concurrencyLimit?: number;
	/** Presigned URL lifetime; default 7 days. */
	downloadUrlTtlSeconds?: number;
	/** Size of each served video file; default 1 MiB. */
	videoSizeBytes?: number;
	/** Wallet credits; default 1000. */
	balance?: number;
	faults?: FaultRule[];
	/** Render-time failures by script substring or avatar id. */
	renderFailures?: RenderFailureRule[];
}

export interface Emulator {
	/** API base URL, e.g. http://127.0.0.1:43123. */
	url: string;
	/** Storage origin (presigned downloads, previews). */
	storageUrl: string;
	apiKey: string;
	/** Every API and storage request, in arrival order (control API calls excluded). */
	requests: RecordedRequest[];
	/** Live settings; changes apply to videos created afterwards. */
	config: EmulatorConfig;
	state: EmulatorState;
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	/**
	 * Clears requests, videos, translations, agent sessions, assets, speech clips, idempotency records
	 * and faults; restores balance and config.
	 */
	reset(): void;
	close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function closeServer(server: Server): Promise<void> {
	return new Promise((resolve) => {
		if (!server.listening) return resolve();
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

function origin(host: string, port: number): string {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function initialConfig(options: EmulatorOptions): EmulatorConfig {
	const config = cloneConfig(DEFAULT_CONFIG);
	// Same validation as PATCH /__emulator/config, so a bad option fails at start.
	applyConfigPatch(
		config,
		parseConfigPatch({
			timings: options.timings,
			// Tests that speed videos up get fast translations and agents too, unless they say otherwise.
			translationTimings: options.translationTimings ?? {
				pendingMs: options.timings?.pendingMs,
				runningMs: options.timings?.processingMs,
			},
			agentTimings: options.agentTimings ?? { thinkingMs: options.timings?.pendingMs },
			concurrencyLimit: options.concurrencyLimit,
			downloadUrlTtlSeconds: options.downloadUrlTtlSeconds,
			videoSizeBytes: options.videoSizeBytes,
			renderFailures: options.renderFailures,
			balance: options.balance,
		}),
	);
	return config;
}

/** Starts the HeyGen v3 emulator: an API listener and a storage listener on loopback. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	assertEveryEndpointHandled();
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? DEFAULT_API_KEY;
	const config = initialConfig(options);
	const configAtStart = cloneConfig(config);
	const balanceAtStart = options.balance ?? DEFAULT_BALANCE;

	const state = new EmulatorState(balanceAtStart);
	const faults = new FaultInjector();
	const recorder = new RequestRecorder();
	const signer = new UrlSigner(() => config.downloadUrlTtlSeconds);
	for (const rule of options.faults ?? []) faults.add(rule);

	const reset = () => {
		recorder.clear();
		faults.clear();
		state.reset(balanceAtStart);
		restoreConfig(config, configAtStart);
	};
	const controls: EmulatorControls = {
		requests: () => recorder.requests,
		reset,
		addFault: (rule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		listFaults: () => faults.list(),
		patchConfig: (patch) => {
			applyConfigPatch(config, patch);
			if (patch.balance !== undefined) state.balance = patch.balance;
		},
		currentConfig: () => ({ ...cloneConfig(config), balance: state.balance }),
		summary: () => state.summary(),
	};

	const closing = new AbortController();
	const deps = {
		services: { state, config, catalog: CATALOG, signer },
		router: new Router(),
		faults,
		recorder,
		apiKey,
		closing: closing.signal,
		controls,
	};
	const apiServer = createApiServer(deps);
	const storageServer = createStorageServer(deps);
	try {
		const apiPort = await listen(apiServer, host, options.port ?? 0);
		const storagePort = await listen(storageServer, host, options.storagePort ?? 0);
		signer.origin = origin(host, storagePort);
		return {
			url: origin(host, apiPort),
			storageUrl: signer.origin,
			apiKey,
			requests: recorder.requests,
			config,
			state,
			addFault: (rule) => void faults.add(rule),
			clearFaults: () => faults.clear(),
			reset,
			close: async () => {
				closing.abort();
				await Promise.all([closeServer(apiServer), closeServer(storageServer)]);
			},
		};
	} catch (error) {
		await Promise.all([closeServer(apiServer), closeServer(storageServer)]);
		throw error;
	}
}
