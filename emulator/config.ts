import { z } from 'zod';

import { MIN_VIDEO_SIZE_BYTES } from './media';

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

/** Settings read while serving; tests may change them at run time (new videos pick them up). */
export interface EmulatorConfig {
	timings: VideoTimings;
	translationTimings: TranslationTimings;
	agentTimings: AgentTimings;
	concurrencyLimit: number;
	downloadUrlTtlSeconds: number;
	videoSizeBytes: number;
	renderFailures: RenderFailureRule[];
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
}
