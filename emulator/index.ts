import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import type { EmulatorControls } from './control';
import { RequestRecorder, type RecordedRequest } from './http/recording';
import { Router } from './http/router';
import { JobScheduler } from './jobs/scheduler';
import type { EmulatorState } from './jobs/state';
import { watchFor } from './jobs/webhookEvents';
import { assertEveryEndpointHandled } from './routes';
import { createApiServer, createElsewhereServer, createStorageServer } from './server';
import { createServices } from './services';
import {
	applyConfigPatch,
	cloneConfig,
	DEFAULT_API_KEY,
	DEFAULT_BALANCE,
	DEFAULT_CONFIG,
	parseConfigPatch,
	restoreConfig,
	type CallbackFaults,
	type EmulatorConfig,
	type RenderFailureRule,
	type WebhookSettings,
} from './settings/config';
import { FaultInjector, type FaultRule, type FaultStatus } from './settings/faults';
import { WebhookDispatcher, type WaitOptions } from './webhooks/delivery';
import type { DeliveryAttempt, EventDraft } from './webhooks/store';

export { SEED_IDS, CATALOG } from './catalogues/catalog';
export { TEMPLATES } from './catalogues/templateCatalog';
export type { Template, TemplateScene, TemplateVariableSeed } from './catalogues/templateCatalog';
export { AGENT_STYLES } from './catalogues/styleCatalog';
export { TRANSLATION_LANGUAGES, TRANSLATION_FAILURES } from './jobs/translation';
export { LIPSYNC_FAILURES } from './jobs/lipsync';
export type { LipsyncJob } from './jobs/lipsync';
export { CINEMATIC_CREDITS_PER_VIDEO } from './jobs/rendering';
export { PROOFREAD_FAILURES } from './jobs/proofread';
export { AGENT_FAIL_MARKER } from './jobs/agent';
export { detectMimeType } from './jobs/assets';
export { DEFAULT_API_KEY, DEFAULT_BALANCE, DEFAULT_CONFIG } from './settings/config';
export type {
	AgentTimings,
	CallbackFaults,
	DropDeliveries,
	EmulatorConfig,
	RenderFailureRule,
	TranslationTimings,
	VideoTimings,
	WebhookSettings,
} from './settings/config';
export { DEFAULT_FAULT_SEED, parseFaultRule } from './settings/faults';
export type {
	FaultAction,
	FaultMatch,
	FaultRule,
	FaultServer,
	FaultStatus,
	MalformedShape,
	RedirectStatus,
} from './settings/faults';
export type { WaitOptions } from './webhooks/delivery';
export type { DeliveryAttempt, DeliveryOutcome, WebhookSummary } from './webhooks/store';
export type { RecordedRequest, RecordedServer } from './http/recording';
export { MAGIC_INPUTS } from './jobs/rendering';
export { EmulatorState, videoStatusAt } from './jobs/state';
export type { StateSummary, VideoJob, VideoStatus } from './jobs/state';
export type { TranslationJob, TranslationStatus } from './jobs/translation';
export type { ProofreadJob, ProofreadStatus } from './jobs/proofread';
export type { AgentSession, AgentSessionStatus } from './jobs/agent';

export interface EmulatorOptions {
	/** Default '127.0.0.1'. */
	host?: string;
	/** API port; default 0 (a free port). */
	port?: number;
	/** Storage host port; default 0. A separate listener, so downloads come from another origin. */
	storagePort?: number;
	/** Port of the elsewhere listener, the other origin redirect faults point to; default 0. */
	elsewherePort?: number;
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
	/** Seeds the draws of fault rules with a `probability` and no `seed` of their own; default 1. */
	faultSeed?: number;
	/** Render-time failures by script substring or avatar id. */
	renderFailures?: RenderFailureRule[];
	/**
	 * Webhook delivery: retries (`attempts` 5, `retryDelayMs` 1000 doubling, `timeoutMs` 10000), the
	 * legacy `Signature` header, and delivery faults (duplicates, delay, reordering, drops). All off by default.
	 */
	webhooks?: Partial<Omit<WebhookSettings, 'dropDeliveries'>> & { dropDeliveries?: Partial<WebhookSettings['dropDeliveries']> };
	/**
	 * Faults of per-request `callback_url` deliveries only: lost (`lost.count` / `lost.rate`),
	 * duplicated, delayed, and early batch callbacks. All off by default.
	 */
	callbacks?: Partial<Omit<CallbackFaults, 'lost'>> & { lost?: Partial<CallbackFaults['lost']> };
}

export interface Emulator {
	/** API base URL, e.g. http://127.0.0.1:43123. */
	url: string;
	/** Storage origin (presigned downloads, previews). */
	storageUrl: string;
	/**
	 * Another origin, where redirect faults point: it serves storage objects (same presigned
	 * signatures), answers 404 `NoSuchKey` to anything else and records every request (`server: 'elsewhere'`).
	 */
	elsewhereUrl: string;
	apiKey: string;
	/** Every API, storage and elsewhere request, in arrival order (control API calls excluded). */
	requests: RecordedRequest[];
	/** Every webhook delivery attempt (and dropped delivery), oldest first; the same array for the emulator's life. */
	deliveries: DeliveryAttempt[];
	/** Live settings; changes apply to videos created afterwards. */
	config: EmulatorConfig;
	state: EmulatorState;
	/** Resolves with the finished delivery attempts once `count` of them (matching `where`) have an outcome. */
	waitForDeliveries(count: number, options?: WaitOptions): Promise<DeliveryAttempt[]>;
	addFault(rule: FaultRule): void;
	/** The rules in force with how many requests each matched and affected. */
	listFaults(): FaultStatus[];
	clearFaults(): void;
	/**
	 * Clears requests, videos, translations, agent sessions, assets, speech clips, idempotency records,
	 * webhook endpoints, events and deliveries (pending retries stop) and faults; restores balance and config.
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
			webhooks: options.webhooks,
			callbacks: options.callbacks,
		}),
	);
	return config;
}

/** Starts the HeyGen v3 emulator: API, storage and elsewhere listeners on loopback. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	assertEveryEndpointHandled();
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? DEFAULT_API_KEY;
	const config = initialConfig(options);
	const configAtStart = cloneConfig(config);
	const balanceAtStart = options.balance ?? DEFAULT_BALANCE;

	const services = createServices(config, balanceAtStart);
	const { state, signer } = services;
	if (options.faultSeed !== undefined && !(Number.isInteger(options.faultSeed) && options.faultSeed >= 0))
		throw new Error(`faultSeed must be a non-negative integer (got ${options.faultSeed})`);
	const faults = new FaultInjector(options.faultSeed);
	const recorder = new RequestRecorder();
	for (const rule of options.faults ?? []) faults.add(rule);

	const dispatcher = new WebhookDispatcher(state.webhooks, config, faults);
	// Events fire when a job's final moment comes, whether or not anyone polls it.
	const scheduler = new JobScheduler<EventDraft>(
		(now) => state.settle(now),
		(draft) => dispatcher.publish(draft),
	);
	const sources = {
		signer,
		findVideo: (id: string) => state.videos.get(id),
		jobs: state.jobs,
		nextSlotFreeMs: (now: number) => Math.min(...state.busySlots(now).map((slot) => slot.finishedAtMs), now + 1000),
	};
	state.onWorkStarted((work) => {
		for (const watch of watchFor(work, sources)) scheduler.watch(watch.key, watch.dueAtMs, watch.check);
	});

	const reset = () => {
		recorder.clear();
		faults.clear();
		scheduler.clear();
		dispatcher.reset();
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
		deliveries: () => state.webhooks.attempts,
		redeliver: (eventId, endpointId) => {
			const { event, targets } = dispatcher.redeliver(eventId, endpointId);
			return {
				event_id: event.id,
				targets: targets.map((target) => ({
					target: target.kind,
					endpoint_id: target.kind === 'endpoint' ? target.endpointId : null,
				})),
			};
		},
		webhookSecrets: () =>
			state.webhooks
				.listEndpoints()
				.map((endpoint) => ({ endpoint_id: endpoint.id, url: endpoint.url, secret: endpoint.secret })),
		issuedSecrets: () => [...state.webhooks.issuedSecrets],
	};

	const closing = new AbortController();
	const deps = {
		services,
		router: new Router(),
		faults,
		recorder,
		apiKey,
		closing: closing.signal,
		controls,
		origins: { elsewhere: '' },
	};
	const apiServer = createApiServer(deps);
	const storageServer = createStorageServer(deps);
	const elsewhereServer = createElsewhereServer(deps);
	const servers = [apiServer, storageServer, elsewhereServer];
	try {
		const apiPort = await listen(apiServer, host, options.port ?? 0);
		const storagePort = await listen(storageServer, host, options.storagePort ?? 0);
		const elsewherePort = await listen(elsewhereServer, host, options.elsewherePort ?? 0);
		signer.origin = origin(host, storagePort);
		deps.origins.elsewhere = origin(host, elsewherePort);
		return {
			url: origin(host, apiPort),
			storageUrl: signer.origin,
			elsewhereUrl: deps.origins.elsewhere,
			apiKey,
			requests: recorder.requests,
			deliveries: state.webhooks.attempts,
			config,
			state,
			waitForDeliveries: (count, waitOptions) => dispatcher.waitFor(count, waitOptions),
			addFault: (rule) => void faults.add(rule),
			listFaults: () => faults.list(),
			clearFaults: () => faults.clear(),
			reset,
			close: async () => {
				closing.abort();
				scheduler.stop();
				await Promise.all([...servers.map(closeServer), dispatcher.close()]);
			},
		};
	} catch (error) {
		scheduler.stop();
		await Promise.all([...servers.map(closeServer), dispatcher.close()]);
		throw error;
	}
}
