import { CINEMATIC_DURATION, CINEMATIC_MEDIA_LIMITS, type AssetInput, type CreateCinematicVideoBody, type CreateStudioVideoBody, type CreateVideoBody, type StudioScene } from '../../nodes/HeyGen/schemas';
import type { Catalog, CatalogLook } from '../catalogues/catalog';
import { ApiProblem, invalidParameter } from '../http/errors';
import type { RenderFailureRule } from '../settings/config';
import { checkAssetInput, requireAsset, type AssetStore } from './assets';

/** How a render ends; a failure at stage `pending` never reaches `processing` (inputs could not be fetched). */
export type RenderOutcome =
	| { status: 'completed' }
	| { status: 'failed'; stage: 'pending' | 'processing'; failureCode?: string; failureMessage?: string };

/** Everything decided about a video when it is accepted. */
export interface RenderPlan {
	/** How it was asked for: a `POST /v3/videos` type, a template, or a Video Agent session. */
	kind: 'avatar' | 'image' | 'studio' | 'cinematic' | 'template' | 'agent';
	/** The template a `template` video was generated from. */
	templateId: string | null;
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
	/**
	 * A host ending in this (audio, image, background, watermark, studio scene or cinematic reference
	 * URL, template media): fails with `download_failed`; a translation source or a lipsync's video
	 * or audio on such a host fails that job.
	 */
	unreachableHostSuffix: '.invalid',
});

const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
	rendering_failed: 'Avatar rendering timed out',
	download_failed: 'Failed to download the input file.',
	content_policy_violation: 'The script was flagged by content moderation.',
};

/** Credits per second of output by engine (Avatar IV/V 0.1/s as published; Avatar III assumed cheaper). */
const CREDITS_PER_SECOND: Readonly<Record<string, number>> = { avatar_iv: 0.1, avatar_v: 0.1, avatar_iii: 0.05 };
export const DEFAULT_ENGINE = 'avatar_iv';
const WORDS_PER_SECOND = 2.5;
/** Audio is not fetched, so its length is assumed. */
export const ASSUMED_AUDIO_SECONDS = 15;
/** Nor are video clips (studio video scenes). */
export const ASSUMED_CLIP_SECONDS = 10;

export function roundCredits(value: number): number {
	return Math.round(value * 100) / 100;
}

export function estimateDurationSeconds(script: string | null | undefined, speed: number | null | undefined): number {
	if (!script) return ASSUMED_AUDIO_SECONDS;
	const words = script.trim().split(/\s+/).length;
	const seconds = words / WORDS_PER_SECOND / (speed ?? 1);
	return Math.max(1, Math.round(seconds * 10) / 10);
}

export function creditsFor(seconds: number, engine: string): number {
	return roundCredits(seconds * (CREDITS_PER_SECOND[engine] ?? CREDITS_PER_SECOND[DEFAULT_ENGINE]));
}

export function isUnreachable(url: string | null | undefined): boolean {
	if (!url) return false;
	try {
		return new URL(url).hostname.endsWith(MAGIC_INPUTS.unreachableHostSuffix);
	} catch {
		return false;
	}
}

/** A named input URL (`audio_url`, `scenes.2.source`) that the render would fetch. */
export type FetchedInput = [name: string, url: string | null | undefined];

function downloadFailure(inputs: readonly FetchedInput[]): RenderOutcome | undefined {
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
	avatarIds: readonly string[],
): RenderOutcome | undefined {
	const rule = rules.find(
		({ match }) =>
			(match.scriptIncludes === undefined || (script ?? '').includes(match.scriptIncludes)) &&
			(match.avatarId === undefined || avatarIds.includes(match.avatarId)),
	);
	if (!rule) return undefined;
	const outcome: RenderOutcome = { status: 'failed', stage: 'processing' };
	if (rule.failureCode !== undefined) outcome.failureCode = rule.failureCode;
	if (rule.failureMessage !== undefined) outcome.failureMessage = rule.failureMessage;
	return outcome;
}

/** How a render accepted now will end: unreachable inputs first, then script markers, then configured rules. */
export function decideOutcome(
	inputs: readonly FetchedInput[],
	script: string | null,
	avatarIds: readonly string[],
	renderFailures: readonly RenderFailureRule[],
): RenderOutcome {
	return (
		downloadFailure(inputs) ??
		scriptFailure(script) ??
		ruleFailure(renderFailures, script, avatarIds) ?? { status: 'completed' }
	);
}

/** What planning a video checks ids against. */
export interface PlanContext {
	catalog: Catalog;
	assets: AssetStore;
	renderFailures: readonly RenderFailureRule[];
}

/** `param` of a field under `prefix` (`''` at the top level, `scenes.1.input` in a studio scene). */
function at(prefix: string, field: string): string {
	return prefix ? `${prefix}.${field}` : field;
}

export function requireLook(catalog: Catalog, avatarId: string, param: string): CatalogLook {
	const look = catalog.lookById.get(avatarId);
	if (!look) throw new ApiProblem(404, 'avatar_not_found', `Avatar '${avatarId}' not found.`, param);
	return look;
}

type EngineInput = { type: string; reference_look_id?: string | null } | null | undefined;

/** The engine to render `look` with; 400 when the look does not support it. */
function checkEngine(engine: EngineInput, look: CatalogLook, catalog: Catalog, prefix: string): string {
	if (!engine) return DEFAULT_ENGINE;
	const { type, reference_look_id: referenceLookId } = engine;
	if (!look.supportedEngines.includes(type)) {
		throw invalidParameter(
			at(prefix, 'engine.type'),
			`Avatar look '${look.id}' does not support engine '${type}' (supported: ${look.supportedEngines.join(', ')}).`,
		);
	}
	if (referenceLookId) {
		const param = at(prefix, 'engine.reference_look_id');
		if (type !== 'avatar_v') throw invalidParameter(param, `'${param}' is only used with engine 'avatar_v'.`);
		const reference = catalog.lookById.get(referenceLookId);
		if (!reference || reference.groupId !== look.groupId || reference.avatarType !== 'digital_twin') {
			throw invalidParameter(param, `'${param}' must be a digital twin look of the same avatar group as '${look.id}'.`);
		}
	}
	return type;
}

/** The speech fields a single-shot video and every speaking studio scene share. */
interface SpeechInput {
	script?: string | null;
	voice_id?: string | null;
	audio_url?: string | null;
	audio_asset_id?: string | null;
	voice_settings?: { speed?: number | null; engine_settings?: { engine_type: string } | null } | null;
}

/** A known voice by id; 404 `voice_not_found` at `param` otherwise. */
export function requireVoice(catalog: Catalog, voiceId: string, param: string) {
	const voice = catalog.voiceById.get(voiceId);
	if (!voice) throw new ApiProblem(404, 'voice_not_found', `Voice '${voiceId}' not found.`, param);
	return voice;
}

/** The voice that reads the script: the given one (checked), else the look's default. */
function resolveVoice(
	speech: SpeechInput,
	look: CatalogLook | undefined,
	catalog: Catalog,
	prefix: string,
): string | null {
	if (speech.voice_id) {
		const voice = requireVoice(catalog, speech.voice_id, at(prefix, 'voice_id'));
		if (speech.voice_settings?.engine_settings?.engine_type === 'starfish' && !voice.engines.includes('starfish')) {
			throw invalidParameter(
				at(prefix, 'voice_settings.engine_settings.engine_type'),
				`Voice '${voice.voiceId}' does not support the starfish engine.`,
			);
		}
		return voice.voiceId;
	}
	if (!speech.script) return null;
	if (look?.defaultVoiceId) return look.defaultVoiceId;
	const param = at(prefix, 'voice_id');
	throw invalidParameter(
		param,
		look
			? `'${param}' is required: avatar look '${look.id}' has no default voice.`
			: `'${param}' is required when 'script' is given.`,
	);
}

/** Checks the uploaded audio of a speech source; returns the seconds it speaks for. */
function speechSeconds(speech: SpeechInput, assets: AssetStore, prefix: string): number {
	if (speech.audio_asset_id) requireAsset(assets, speech.audio_asset_id, at(prefix, 'audio_asset_id'), ['audio']);
	return speech.script ? estimateDurationSeconds(speech.script, speech.voice_settings?.speed) : ASSUMED_AUDIO_SECONDS;
}

type SingleShotBody = Exclude<CreateVideoBody, CreateStudioVideoBody | CreateCinematicVideoBody>;

function planSingleShot(body: SingleShotBody, context: PlanContext): RenderPlan {
	const { catalog, assets } = context;
	const look = body.type === 'avatar' ? requireLook(catalog, body.avatar_id, 'avatar_id') : undefined;
	const engine = body.type === 'avatar' && look ? checkEngine(body.engine, look, catalog, '') : DEFAULT_ENGINE;
	const voiceId = resolveVoice(body, look, catalog, '');
	const durationSeconds = speechSeconds(body, assets, '');
	const inputs: FetchedInput[] = [
		['audio_url', body.audio_url],
		['image', body.type === 'image' ? checkAssetInput(assets, body.image, 'image', ['image']) : undefined],
		['background', body.background?.url],
		['watermark', checkAssetInput(assets, body.watermark?.image, 'watermark.image', ['image'])],
	];
	if (body.background?.asset_id) requireAsset(assets, body.background.asset_id, 'background.asset_id', ['image']);
	const script = body.script ?? null;
	const avatarId = look?.id ?? null;
	return {
		kind: body.type,
		templateId: null,
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
		costCredits: creditsFor(durationSeconds, engine),
		outcome: decideOutcome(inputs, script, avatarId ? [avatarId] : [], context.renderFailures),
	};
}

/** What one studio scene contributes: its length, engine, speaker and the inputs it fetches. */
interface ScenePlan {
	seconds: number;
	engine: string;
	avatarId: string | null;
	voiceId: string | null;
	script: string | null;
	inputs: FetchedInput[];
}

function planScene(scene: StudioScene, prefix: string, context: PlanContext): ScenePlan {
	const { catalog, assets } = context;
	if (scene.type === 'avatar_video') {
		const { input } = scene;
		const inputPrefix = `${prefix}.input`;
		let look: CatalogLook | undefined;
		let engine = DEFAULT_ENGINE;
		const inputs: FetchedInput[] = [[`${inputPrefix}.audio_url`, input.audio_url]];
		if (input.type === 'avatar') {
			look = requireLook(catalog, input.avatar_id, `${inputPrefix}.avatar_id`);
			engine = checkEngine(input.engine, look, catalog, inputPrefix);
		} else {
			inputs.push([`${inputPrefix}.image`, checkAssetInput(assets, input.image, `${inputPrefix}.image`, ['image'])]);
		}
		return {
			seconds: speechSeconds(input, assets, inputPrefix),
			engine,
			avatarId: look?.id ?? null,
			voiceId: resolveVoice(input, look, catalog, inputPrefix),
			script: input.script ?? null,
			inputs,
		};
	}
	if (scene.type === 'image') {
		const inputs: FetchedInput[] = [
			[`${prefix}.source`, checkAssetInput(assets, scene.source, `${prefix}.source`, ['image'])],
			[`${prefix}.audio_url`, scene.audio_url],
		];
		const narrated = speechSeconds(scene, assets, prefix);
		return {
			seconds: scene.duration ?? narrated,
			engine: DEFAULT_ENGINE,
			avatarId: null,
			voiceId: resolveVoice(scene, undefined, catalog, prefix),
			script: scene.script ?? null,
			inputs,
		};
	}
	return {
		seconds: ASSUMED_CLIP_SECONDS,
		engine: DEFAULT_ENGINE,
		avatarId: null,
		voiceId: null,
		script: null,
		inputs: [[`${prefix}.source`, checkAssetInput(assets, scene.source, `${prefix}.source`, ['video'])]],
	};
}

/** A studio video: scenes checked one by one, lengths and costs summed, always MP4. */
function planStudio(body: CreateStudioVideoBody, context: PlanContext): RenderPlan {
	const scenes = body.scenes.map((scene, index) => planScene(scene, `scenes.${index}`, context));
	const watermark = checkAssetInput(context.assets, body.watermark?.image, 'watermark.image', ['image']);
	const inputs = [...scenes.flatMap((scene) => scene.inputs), ['watermark.image', watermark] as FetchedInput];
	const scripts = scenes.map((scene) => scene.script).filter((script): script is string => Boolean(script));
	const script = scripts.length > 0 ? scripts.join('\n') : null;
	const avatarIds = scenes.map((scene) => scene.avatarId).filter((id): id is string => id !== null);
	const durationSeconds = Math.round(scenes.reduce((sum, scene) => sum + scene.seconds, 0) * 10) / 10;
	const speaking = scenes.find((scene) => scene.avatarId !== null);
	return {
		kind: 'studio',
		templateId: null,
		title: body.title ?? null,
		avatarId: avatarIds[0] ?? null,
		voiceId: scenes.find((scene) => scene.voiceId !== null)?.voiceId ?? null,
		script,
		engine: speaking?.engine ?? DEFAULT_ENGINE,
		outputFormat: 'mp4',
		captions: Boolean(body.caption),
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		durationSeconds,
		costCredits: roundCredits(scenes.reduce((sum, scene) => sum + creditsFor(scene.seconds, scene.engine), 0)),
		outcome: decideOutcome(inputs, script, avatarIds, context.renderFailures),
	};
}

/** A cinematic video costs the same whatever its length (HeyGen charges $7 a video; taken as 7 credits here). */
export const CINEMATIC_CREDITS_PER_VIDEO = 7;
/** The engine a cinematic video is recorded with (HeyGen names its pipeline Seedance). */
export const CINEMATIC_ENGINE = 'seedance';

type Media = 'image' | 'video' | 'audio';

const MEDIA_BY_EXTENSION: Readonly<Record<string, Media>> = {
	png: 'image',
	jpg: 'image',
	jpeg: 'image',
	webp: 'image',
	mp4: 'video',
	webm: 'video',
	mov: 'video',
	mp3: 'audio',
	wav: 'audio',
	m4a: 'audio',
};

/** What a reference is: an upload's own kind, a base64 part's media type, or a URL's extension (HeyGen requires it to match). */
function referenceMedia(input: AssetInput, assets: AssetStore, param: string): Media | undefined {
	if (input.type === 'asset_id') return requireAsset(assets, input.asset_id, `${param}.asset_id`, ['image', 'video', 'audio']).kind as Media;
	if (input.type === 'base64') {
		const top = input.media_type.split('/')[0];
		return top === 'image' || top === 'video' || top === 'audio' ? top : undefined;
	}
	try {
		const extension = /\.([a-z0-9]+)$/i.exec(new URL(input.url).pathname)?.[1]?.toLowerCase();
		return extension ? MEDIA_BY_EXTENSION[extension] : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A cinematic video: every look must exist, and looks plus references stay within HeyGen's media
 * budget (looks count as images). The prompt drives everything, so it is what failure markers
 * and rules match. With `auto_duration` the length follows the prompt, within 4 to 15 seconds.
 */
function planCinematic(body: CreateCinematicVideoBody, context: PlanContext): RenderPlan {
	const { catalog, assets } = context;
	const looks = body.avatar_id.map((id, index) => requireLook(catalog, id, `avatar_id.${index}`));
	const counts: Record<Media, number> = { image: looks.length, video: 0, audio: 0 };
	const inputs: FetchedInput[] = [];
	(body.references ?? []).forEach((reference, index) => {
		const param = `references.${index}`;
		const media = referenceMedia(reference, assets, param);
		if (media) counts[media]++;
		if (reference.type === 'url') inputs.push([param, reference.url]);
	});
	if (counts.image > CINEMATIC_MEDIA_LIMITS.images) {
		throw invalidParameter(
			'references',
			`At most ${CINEMATIC_MEDIA_LIMITS.images} images are allowed across 'avatar_id' and 'references' (got ${counts.image}: ${looks.length} avatar looks and ${counts.image - looks.length} reference images).`,
		);
	}
	if (counts.video > CINEMATIC_MEDIA_LIMITS.videos) {
		throw invalidParameter('references', `At most ${CINEMATIC_MEDIA_LIMITS.videos} videos are allowed in 'references' (got ${counts.video}).`);
	}
	const durationSeconds = body.auto_duration
		? Math.min(CINEMATIC_DURATION.max, Math.max(CINEMATIC_DURATION.min, Math.round(estimateDurationSeconds(body.prompt, 1))))
		: (body.duration ?? CINEMATIC_DURATION.default);
	const lookIds = looks.map((look) => look.id);
	return {
		kind: 'cinematic',
		templateId: null,
		title: body.title ?? null,
		avatarId: lookIds[0],
		voiceId: null,
		script: body.prompt,
		engine: CINEMATIC_ENGINE,
		outputFormat: 'mp4',
		captions: false,
		callbackId: null,
		callbackUrl: null,
		durationSeconds,
		costCredits: CINEMATIC_CREDITS_PER_VIDEO,
		outcome: decideOutcome(inputs, body.prompt, lookIds, context.renderFailures),
	};
}

/** Checks a validated create body against the catalogue and uploads, and decides duration, cost and outcome. */
export function planVideo(body: CreateVideoBody, context: PlanContext): RenderPlan {
	if (body.type === 'studio') return planStudio(body, context);
	if (body.type === 'cinematic_avatar') return planCinematic(body, context);
	return planSingleShot(body, context);
}
