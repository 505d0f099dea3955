import type { CreateVideoBody } from '../nodes/HeyGen/schemas';
import type { Catalog, CatalogLook } from './catalog';
import type { RenderFailureRule } from './config';
import { ApiProblem, invalidParameter } from './errors';

/** How a render ends; a failure at stage `pending` never reaches `processing` (inputs could not be fetched). */
export type RenderOutcome =
	| { status: 'completed' }
	| { status: 'failed'; stage: 'pending' | 'processing'; failureCode?: string; failureMessage?: string };

/** Everything decided about a video when it is accepted. */
export interface RenderPlan {
	kind: 'avatar' | 'image';
	title: string | null;
	avatarId: string | null;
	voiceId: string | null;
	script: string | null;
	engine: string;
	outputFormat: 'mp4' | 'webm';
	captions: boolean;
	callbackId: string | null;
	callbackUrl: string | null;
	durationSeconds: number;
	costCredits: number;
	outcome: RenderOutcome;
}

/** Inputs that make a render fail, for tests. */
export const MAGIC_INPUTS = Object.freeze({
	/** In a script: fails with `rendering_failed`, "Avatar rendering timed out". */
	fail: '[[fail]]',
	/** In a script: fails with neither `failure_code` nor `failure_message`. */
	bareFail: '[[fail:bare]]',
	/** In a script, `[[fail:<code>]]`: fails with that failure code. */
	failWithCodePattern: /\[\[fail:([a-z0-9_]+)\]\]/,
	/** A host ending in this (audio, image, background or watermark URL): fails with `download_failed`. */
	unreachableHostSuffix: '.invalid',
});

const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
	rendering_failed: 'Avatar rendering timed out',
	download_failed: 'Failed to download the input file.',
	content_policy_violation: 'The script was flagged by content moderation.',
};

/** Credits per second of output by engine (Avatar IV/V 0.1/s as published; Avatar III assumed cheaper). */
const CREDITS_PER_SECOND: Readonly<Record<string, number>> = { avatar_iv: 0.1, avatar_v: 0.1, avatar_iii: 0.05 };
const DEFAULT_ENGINE = 'avatar_iv';
const WORDS_PER_SECOND = 2.5;
/** Audio is not fetched, so its length is assumed. */
const ASSUMED_AUDIO_SECONDS = 15;

export function roundCredits(value: number): number {
	return Math.round(value * 100) / 100;
}

function estimateDurationSeconds(script: string | null | undefined, speed: number | null | undefined): number {
	if (!script) return ASSUMED_AUDIO_SECONDS;
	const words = script.trim().split(/\s+/).length;
	const seconds = words / WORDS_PER_SECOND / (speed ?? 1);
	return Math.max(1, Math.round(seconds * 10) / 10);
}

function isUnreachable(url: string | null | undefined): boolean {
	if (!url) return false;
	try {
		return new URL(url).hostname.endsWith(MAGIC_INPUTS.unreachableHostSuffix);
	} catch {
		return false;
	}
}

function downloadFailure(body: CreateVideoBody): RenderOutcome | undefined {
	const inputs: Array<[string, string | null | undefined]> = [
		['audio_url', body.audio_url],
		['image', body.type === 'image' && body.image.type === 'url' ? body.image.url : undefined],
		['background', body.background?.url],
		['watermark', body.watermark?.image.type === 'url' ? body.watermark.image.url : undefined],
	];
	const unreachable = inputs.find(([, url]) => isUnreachable(url));
	if (!unreachable) return undefined;
	return {
		status: 'failed',
		stage: 'pending',
		failureCode: 'download_failed',
		failureMessage: `Failed to download ${unreachable[0]} from ${unreachable[1]}: the host could not be resolved.`,
	};
}

function scriptFailure(script: string | null | undefined): RenderOutcome | undefined {
	if (!script) return undefined;
	if (script.includes(MAGIC_INPUTS.bareFail)) return { status: 'failed', stage: 'processing' };
	if (script.includes(MAGIC_INPUTS.fail)) {
		return {
			status: 'failed',
			stage: 'processing',
			failureCode: 'rendering_failed',
			failureMessage: FAILURE_MESSAGES.rendering_failed,
		};
	}
	const coded = MAGIC_INPUTS.failWithCodePattern.exec(script);
	if (!coded) return undefined;
	const failureCode = coded[1];
	return {
		status: 'failed',
		stage: failureCode === 'download_failed' ? 'pending' : 'processing',
		failureCode,
		failureMessage: FAILURE_MESSAGES[failureCode] ?? 'Video rendering failed.',
	};
}

function ruleFailure(
	rules: readonly RenderFailureRule[],
	script: string | null,
	avatarId: string | null,
): RenderOutcome | undefined {
	const rule = rules.find(
		({ match }) =>
			(match.scriptIncludes === undefined || (script ?? '').includes(match.scriptIncludes)) &&
			(match.avatarId === undefined || match.avatarId === avatarId),
	);
	if (!rule) return undefined;
	const outcome: RenderOutcome = { status: 'failed', stage: 'processing' };
	if (rule.failureCode !== undefined) outcome.failureCode = rule.failureCode;
	if (rule.failureMessage !== undefined) outcome.failureMessage = rule.failureMessage;
	return outcome;
}

function checkEngine(body: CreateVideoBody, look: CatalogLook | undefined, catalog: Catalog): string {
	if (body.type !== 'avatar' || !body.engine || !look) return DEFAULT_ENGINE;
	const { type, reference_look_id: referenceLookId } = body.engine;
	if (!look.supportedEngines.includes(type)) {
		throw invalidParameter(
			'engine.type',
			`Avatar look '${look.id}' does not support engine '${type}' (supported: ${look.supportedEngines.join(', ')}).`,
		);
	}
	if (referenceLookId) {
		if (type !== 'avatar_v') {
			throw invalidParameter(
				'engine.reference_look_id',
				"'engine.reference_look_id' is only used with engine 'avatar_v'.",
			);
		}
		const reference = catalog.lookById.get(referenceLookId);
		if (!reference || reference.groupId !== look.groupId || reference.avatarType !== 'digital_twin') {
			throw invalidParameter(
				'engine.reference_look_id',
				`'engine.reference_look_id' must be a digital twin look of the same avatar group as '${look.id}'.`,
			);
		}
	}
	return type;
}

function resolveVoice(body: CreateVideoBody, look: CatalogLook | undefined, catalog: Catalog): string | null {
	if (body.voice_id) {
		const voice = catalog.voiceById.get(body.voice_id);
		if (!voice) throw new ApiProblem(404, 'voice_not_found', `Voice '${body.voice_id}' not found.`, 'voice_id');
		if (body.voice_settings?.engine_settings?.engine_type === 'starfish' && !voice.engines.includes('starfish')) {
			throw invalidParameter(
				'voice_settings.engine_settings.engine_type',
				`Voice '${voice.voiceId}' does not support the starfish engine.`,
			);
		}
		return voice.voiceId;
	}
	if (!body.script) return null;
	if (look?.defaultVoiceId) return look.defaultVoiceId;
	throw invalidParameter(
		'voice_id',
		look
			? `'voice_id' is required: avatar look '${look.id}' has no default voice.`
			: "'voice_id' is required when 'script' is given.",
	);
}

/** Checks a validated create body against the catalogue and decides duration, cost and outcome. */
export function planVideo(
	body: CreateVideoBody,
	catalog: Catalog,
	renderFailures: readonly RenderFailureRule[],
): RenderPlan {
	let look: CatalogLook | undefined;
	if (body.type === 'avatar') {
		look = catalog.lookById.get(body.avatar_id);
		if (!look) throw new ApiProblem(404, 'avatar_not_found', `Avatar '${body.avatar_id}' not found.`, 'avatar_id');
	}
	const engine = checkEngine(body, look, catalog);
	const voiceId = resolveVoice(body, look, catalog);
	const script = body.script ?? null;
	const durationSeconds = estimateDurationSeconds(script, body.voice_settings?.speed);
	const avatarId = look?.id ?? null;
	return {
		kind: body.type,
		title: body.title ?? null,
		avatarId,
		voiceId,
		script,
		engine,
		outputFormat: body.output_format ?? 'mp4',
		captions: Boolean(body.caption),
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		durationSeconds,
		costCredits: roundCredits(durationSeconds * (CREDITS_PER_SECOND[engine] ?? CREDITS_PER_SECOND[DEFAULT_ENGINE])),
		outcome: downloadFailure(body) ??
			scriptFailure(script) ??
			ruleFailure(renderFailures, script, avatarId) ?? { status: 'completed' },
	};
}
