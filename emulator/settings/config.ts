import { z } from 'zod';

/** Small enough for tests, large enough for every container header jobs/media.ts writes. */
export const MIN_VIDEO_SIZE_BYTES = 1024;

export interface VideoTimings {
	/** How long a new video reports `pending`. */
	pendingMs: number;
	/** How long it then reports `processing` before it completes or fails. */
	processingMs: number;
}

/** Video translation lifecycle: `pending`, then `running`, then `completed` or `failed`. */
export interface TranslationTimings {
	pendingMs: number;
	runningMs: number;
}

/** Video Agent pacing: how long each run reports `thinking` before it asks, fails or starts its video. */
export interface AgentTimings {
	thinkingMs: number;
}

/**
 * Makes matching videos fail at render time. With neither `failureCode` nor `failureMessage`
 * the failure is "bare" (status `failed` and no failure fields), as production sometimes answers.
 */
export interface RenderFailureRule {
	match: { scriptIncludes?: string; avatarId?: string };
	failureCode?: string;
	failureMessage?: string;
}

/** Events never delivered (recorded as `dropped`): the next `count` events, then each with probability `rate`. */
export interface DropDeliveries {
	count: number;
	rate: number;
}

/** How webhook events are delivered, and the delivery faults to simulate. */
export interface WebhookSettings {
	/** Tries per delivery, the first included; default 5. */
	attempts: number;
	/** Wait before the first retry; it doubles for each further retry. Default 1000 ms. */
	retryDelayMs: number;
	/** A receiver slower than this to answer counts as failed (HeyGen's limit is 10 s). */
	timeoutMs: number;
	/** Also send the legacy `Signature` header (same value as `Heygen-Signature`). */
	legacySignatureHeader: boolean;
	/** Also put `event_id` in the delivered body (unconfirmed for v3, so off by default). */
	eventIdInBody: boolean;
	/** Send every event twice, back to back, with the same event id. */
	duplicateDeliveries: boolean;
	/** Hold every event this long before its first delivery. */
	deliveryDelayMs: number;
	/** Deliver events that finish within `reorderWindowMs` of each other in reverse order. */
	reorderDeliveries: boolean;
	reorderWindowMs: number;
	dropDeliveries: DropDeliveries;
}

/**
 * Faults of per-request `callback_url` deliveries only (registered endpoints are untouched); on top
 * of the webhook delivery faults, which apply to every target.
 */
export interface CallbackFaults {
	/** Callbacks never sent (recorded as `dropped`): the next `count`, then each with probability `rate`. */
	lost: DropDeliveries;
	/** Send every callback twice, the copy right after the first try. */
	duplicate: boolean;
	/** Hold every callback this long before its first try. */
	delayMs: number;
	/** Batches created now also call their `callback_url` once when their first item ends, before the rest. */
	early: boolean;
}

/** Settings read while serving; tests may change them at run time (new videos pick them up). */
export interface EmulatorConfig {
	timings: VideoTimings;
	translationTimings: TranslationTimings;
	agentTimings: AgentTimings;
	concurrencyLimit: number;
	downloadUrlTtlSeconds: number;
	videoSizeBytes: number;
	renderFailures: RenderFailureRule[];
	webhooks: WebhookSettings;
	callbacks: CallbackFaults;
}

export const DEFAULT_API_KEY = 'hg_emulator_test_key';
export const DEFAULT_BALANCE = 1000;

export const DEFAULT_CONFIG: Readonly<EmulatorConfig> = Object.freeze({
	timings: Object.freeze({ pendingMs: 1000, processingMs: 9000 }),
	translationTimings: Object.freeze({ pendingMs: 1000, runningMs: 9000 }),
	agentTimings: Object.freeze({ thinkingMs: 1000 }),
	concurrencyLimit: 10,
	downloadUrlTtlSeconds: 7 * 24 * 60 * 60,
	videoSizeBytes: 1024 * 1024,
	renderFailures: [],
	webhooks: Object.freeze({
		attempts: 5,
		retryDelayMs: 1000,
		timeoutMs: 10_000,
		legacySignatureHeader: false,
		eventIdInBody: false,
		duplicateDeliveries: false,
		deliveryDelayMs: 0,
		reorderDeliveries: false,
		reorderWindowMs: 200,
		dropDeliveries: Object.freeze({ count: 0, rate: 0 }),
	}),
	callbacks: Object.freeze({
		lost: Object.freeze({ count: 0, rate: 0 }),
		duplicate: false,
		delayMs: 0,
		early: false,
	}),
});

const renderFailureRuleSchema = z
	.object({
		match: z
			.object({ scriptIncludes: z.string().min(1).optional(), avatarId: z.string().min(1).optional() })
			.strict()
			.refine((m) => m.scriptIncludes !== undefined || m.avatarId !== undefined, 'needs scriptIncludes or avatarId'),
		failureCode: z.string().min(1).optional(),
		failureMessage: z.string().min(1).optional(),
	})
	.strict();

const wholeMs = z.number().int().min(0);

const dropPatchSchema = z
	.object({ count: z.number().int().min(0).optional(), rate: z.number().min(0).max(1).optional() })
	.strict();

const callbackFaultsPatchSchema = z
	.object({
		lost: dropPatchSchema.optional(),
		duplicate: z.boolean().optional(),
		delayMs: wholeMs.optional(),
		early: z.boolean().optional(),
	})
	.strict();

const webhookSettingsPatchSchema = z
	.object({
		attempts: z.number().int().min(1).max(20).optional(),
		retryDelayMs: wholeMs.optional(),
		timeoutMs: z.number().int().min(1).optional(),
		legacySignatureHeader: z.boolean().optional(),
		eventIdInBody: z.boolean().optional(),
		duplicateDeliveries: z.boolean().optional(),
		deliveryDelayMs: wholeMs.optional(),
		reorderDeliveries: z.boolean().optional(),
		reorderWindowMs: wholeMs.optional(),
		dropDeliveries: dropPatchSchema.optional(),
	})
	.strict();

/** What `PATCH /__emulator/config` and `startEmulator` accept; `balance` goes to the wallet. */
export const configPatchSchema = z
	.object({
		timings: z.object({ pendingMs: wholeMs.optional(), processingMs: wholeMs.optional() }).strict().optional(),
		translationTimings: z.object({ pendingMs: wholeMs.optional(), runningMs: wholeMs.optional() }).strict().optional(),
		agentTimings: z.object({ thinkingMs: wholeMs.optional() }).strict().optional(),
		concurrencyLimit: z.number().int().min(1).optional(),
		downloadUrlTtlSeconds: z.number().int().min(1).optional(),
		videoSizeBytes: z.number().int().min(MIN_VIDEO_SIZE_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
		renderFailures: z.array(renderFailureRuleSchema).optional(),
		balance: z.number().finite().min(0).optional(),
		webhooks: webhookSettingsPatchSchema.optional(),
		callbacks: callbackFaultsPatchSchema.optional(),
	})
	.strict();
export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** Validates a patch; the message names the offending field (`timings.pendingMs: ...`). */
export function parseConfigPatch(input: unknown): ConfigPatch {
	const result = configPatchSchema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new Error(`${issue.path.join('.') || 'config'}: ${issue.message}`);
}

function cloneRenderFailures(rules: readonly RenderFailureRule[]): RenderFailureRule[] {
	return rules.map((rule) => ({ ...rule, match: { ...rule.match } }));
}

export function cloneConfig(config: Readonly<EmulatorConfig>): EmulatorConfig {
	return {
		timings: { ...config.timings },
		translationTimings: { ...config.translationTimings },
		agentTimings: { ...config.agentTimings },
		concurrencyLimit: config.concurrencyLimit,
		downloadUrlTtlSeconds: config.downloadUrlTtlSeconds,
		videoSizeBytes: config.videoSizeBytes,
		renderFailures: cloneRenderFailures(config.renderFailures),
		webhooks: { ...config.webhooks, dropDeliveries: { ...config.webhooks.dropDeliveries } },
		callbacks: { ...config.callbacks, lost: { ...config.callbacks.lost } },
	};
}

/** Applies a validated patch in place, so objects handed out earlier stay live. */
export function applyConfigPatch(config: EmulatorConfig, patch: ConfigPatch): void {
	if (patch.timings?.pendingMs !== undefined) config.timings.pendingMs = patch.timings.pendingMs;
	if (patch.timings?.processingMs !== undefined) config.timings.processingMs = patch.timings.processingMs;
	if (patch.translationTimings?.pendingMs !== undefined)
		config.translationTimings.pendingMs = patch.translationTimings.pendingMs;
	if (patch.translationTimings?.runningMs !== undefined)
		config.translationTimings.runningMs = patch.translationTimings.runningMs;
	if (patch.agentTimings?.thinkingMs !== undefined) config.agentTimings.thinkingMs = patch.agentTimings.thinkingMs;
	if (patch.concurrencyLimit !== undefined) config.concurrencyLimit = patch.concurrencyLimit;
	if (patch.downloadUrlTtlSeconds !== undefined) config.downloadUrlTtlSeconds = patch.downloadUrlTtlSeconds;
	if (patch.videoSizeBytes !== undefined) config.videoSizeBytes = patch.videoSizeBytes;
	if (patch.renderFailures !== undefined) config.renderFailures = cloneRenderFailures(patch.renderFailures);
	if (patch.webhooks) {
		const { dropDeliveries, ...flat } = patch.webhooks;
		assignGiven(config.webhooks, flat);
		assignGiven(config.webhooks.dropDeliveries, dropDeliveries ?? {});
	}
	if (patch.callbacks) {
		const { lost, ...flat } = patch.callbacks;
		assignGiven(config.callbacks, flat);
		assignGiven(config.callbacks.lost, lost ?? {});
	}
}

/** Copies the fields a patch gives (not the ones it leaves undefined) onto a live settings object. */
function assignGiven<T extends object>(target: T, patch: Partial<T>): void {
	for (const [name, value] of Object.entries(patch)) {
		if (value !== undefined) Object.assign(target, { [name]: value });
	}
}

/** Restores every field in place from a snapshot. */
export function restoreConfig(config: EmulatorConfig, snapshot: Readonly<EmulatorConfig>): void {
	const copy = cloneConfig(snapshot);
	Object.assign(config.timings, copy.timings);
	Object.assign(config.translationTimings, copy.translationTimings);
	Object.assign(config.agentTimings, copy.agentTimings);
	config.concurrencyLimit = copy.concurrencyLimit;
	config.downloadUrlTtlSeconds = copy.downloadUrlTtlSeconds;
	config.videoSizeBytes = copy.videoSizeBytes;
	config.renderFailures = copy.renderFailures;
	Object.assign(config.webhooks, copy.webhooks, { dropDeliveries: config.webhooks.dropDeliveries });
	Object.assign(config.webhooks.dropDeliveries, copy.webhooks.dropDeliveries);
	Object.assign(config.callbacks, copy.callbacks, { lost: config.callbacks.lost });
	Object.assign(config.callbacks.lost, copy.callbacks.lost);
}
