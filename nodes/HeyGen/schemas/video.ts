import { z } from 'zod';

import { assetInputSchema, hexColor, httpUrl, nonEmptyId, pageQuery } from './common';

/** The most characters HeyGen accepts in one script. */
export const MAX_SCRIPT_LENGTH = 5000;

export const VIDEO_RESOLUTIONS = ['4k', '1080p', '720p'] as const;
export const VIDEO_ASPECT_RATIOS = ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'] as const;
export const VIDEO_ENGINES = ['avatar_iv', 'avatar_v', 'avatar_iii'] as const;
export const EXPRESSIVENESS_LEVELS = ['high', 'medium', 'low'] as const;
export const OUTPUT_FORMATS = ['mp4', 'webm'] as const;
export const FIT_MODES = ['contain', 'cover'] as const;

/** Statuses `GET /v3/videos/{id}` reports; a create answers `waiting` before the first of them. */
export const VIDEO_STATUSES = ['waiting', 'pending', 'processing', 'completed', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

export const scriptSchema = z
	.string()
	.refine((s) => s.trim().length > 0, 'must not be empty')
	.refine(
		(s) => s.length <= MAX_SCRIPT_LENGTH,
		(s) => ({
			message: `must be at most ${MAX_SCRIPT_LENGTH.toLocaleString('en-US')} characters (it has ${s.length.toLocaleString('en-US')})`,
		}),
	);

const unitInterval = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

// HeyGen takes no null for a field with a default (speed, pitch, volume, output_format, ...): leave it out instead.
export const voiceSettingsSchema = z
	.object({
		speed: z.number().min(0.5, 'must be between 0.5 and 1.5').max(1.5, 'must be between 0.5 and 1.5').optional(),
		pitch: z.number().min(-50, 'must be between -50 and 50').max(50, 'must be between -50 and 50').optional(),
		volume: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
		locale: z.string().min(2, 'must be a locale such as en-US').nullish(),
		engine_settings: z
			.discriminatedUnion('engine_type', [
				z
					.object({
						engine_type: z.literal('elevenlabs'),
						model: z
							.enum(['eleven_multilingual_v2', 'eleven_turbo_v2_5', 'eleven_flash_v2_5', 'eleven_v3'])
							.nullish(),
						stability: unitInterval.nullish(),
						similarity_boost: unitInterval.nullish(),
						style: unitInterval.nullish(),
						use_speaker_boost: z.boolean().nullish(),
					})
					.strict(),
				z
					.object({
						engine_type: z.literal('fish'),
						model: z.enum(['s1', 's2-pro']).nullish(),
						stability: unitInterval.nullish(),
						similarity: unitInterval.nullish(),
					})
					.strict(),
				z.object({ engine_type: z.literal('starfish') }).strict(),
			])
			.nullish(),
	})
	.strict();

export const backgroundSchema = z
	.object({
		type: z.enum(['color', 'image']),
		value: hexColor.nullish(),
		url: httpUrl.nullish(),
		asset_id: nonEmptyId.nullish(),
	})
	.strict()
	.superRefine((bg, ctx) => {
		if (bg.type === 'color') {
			if (!bg.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required for a colour background' });
			if (bg.url || bg.asset_id)
				ctx.addIssue({ code: 'custom', path: ['url'], message: 'is only allowed for an image background' });
		} else {
			if (Boolean(bg.url) === Boolean(bg.asset_id))
				ctx.addIssue({ code: 'custom', path: ['url'], message: 'needs exactly one of url or asset_id for an image background' });
			if (bg.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is only allowed for a colour background' });
		}
	});

export const captionSchema = z
	.object({
		file_format: z.enum(['srt']).optional(),
		style: z.enum(['default']).nullish(),
	})
	.strict();

/** Fields every single-shot `POST /v3/videos` body shares (speech, output, callbacks). */
const sharedVideoFields = {
	title: z.string().nullish(),
	resolution: z.enum(VIDEO_RESOLUTIONS).nullish(),
	aspect_ratio: z.enum(VIDEO_ASPECT_RATIOS).nullish(),
	fit: z.enum(FIT_MODES).nullish(),
	background: backgroundSchema.nullish(),
	remove_background: z.boolean().nullish(),
	output_format: z.enum(OUTPUT_FORMATS).optional(),
	caption: captionSchema.nullish(),
	watermark: z.object({ image: assetInputSchema }).strict().nullish(),
	callback_url: httpUrl.nullish(),
	callback_id: z.string().nullish(),
	script: scriptSchema.nullish(),
	voice_id: nonEmptyId.nullish(),
	audio_url: httpUrl.nullish(),
	audio_asset_id: nonEmptyId.nullish(),
	voice_settings: voiceSettingsSchema.nullish(),
	motion_prompt: z.string().nullish(),
	expressiveness: z.enum(EXPRESSIVENESS_LEVELS).nullish(),
};

/** The render engine; only Avatar V takes a reference look. */
export const engineSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('avatar_iv') }).strict(),
	z.object({ type: z.literal('avatar_v'), reference_look_id: nonEmptyId.nullish() }).strict(),
	z.object({ type: z.literal('avatar_iii') }).strict(),
]);

export const createAvatarVideoBodySchema = z
	.object({
		type: z.literal('avatar'),
		avatar_id: nonEmptyId,
		engine: engineSchema.nullish(),
		...sharedVideoFields,
	})
	.strict();

export const createImageVideoBodySchema = z
	.object({
		type: z.literal('image'),
		image: assetInputSchema,
		...sharedVideoFields,
	})
	.strict();

type SpeechFields = {
	script?: string | null;
	audio_url?: string | null;
	audio_asset_id?: string | null;
	output_format?: string | null;
	background?: unknown;
};

/** Cross-field rules of the speech source and output format. */
function checkSpeechAndOutput(body: SpeechFields, ctx: z.RefinementCtx) {
	const sources = (['script', 'audio_url', 'audio_asset_id'] as const).filter((key) => body[key]);
	if (sources.length === 0) {
		ctx.addIssue({
			code: 'custom',
			path: ['script'],
			message: 'is required: give exactly one of script, audio_url or audio_asset_id',
		});
	} else if (sources.length > 1) {
		ctx.addIssue({
			code: 'custom',
			path: [sources[1]],
			message: `cannot be combined with ${sources[0]}: give exactly one speech source`,
		});
	}
	if (body.output_format === 'webm' && body.background) {
		ctx.addIssue({
			code: 'custom',
			path: ['background'],
			message: 'is not allowed with output_format webm (the video keeps a transparent background)',
		});
	}
}

export const MAX_STUDIO_SCENES = 50;

/** The speech of a studio scene: the same fields as a single-shot video. */
const sceneSpeechFields = {
	script: scriptSchema.nullish(),
	voice_id: nonEmptyId.nullish(),
	audio_url: httpUrl.nullish(),
	audio_asset_id: nonEmptyId.nullish(),
	voice_settings: voiceSettingsSchema.nullish(),
};

const studioAvatarInputSchema = z
	.object({
		type: z.literal('avatar'),
		avatar_id: nonEmptyId,
		engine: engineSchema.nullish(),
		motion_prompt: z.string().nullish(),
		expressiveness: z.enum(EXPRESSIVENESS_LEVELS).nullish(),
		// A studio scene's background is colour only, under `color` (not `value`).
		background: z.object({ type: z.literal('color'), color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour such as #1a2b3c') }).strict().nullish(),
		...sceneSpeechFields,
	})
	.strict();

const studioImageInputSchema = z
	.object({
		type: z.literal('image'),
		image: assetInputSchema,
		motion_prompt: z.string().nullish(),
		expressiveness: z.enum(EXPRESSIVENESS_LEVELS).nullish(),
		...sceneSpeechFields,
	})
	.strict();

const avatarVideoSceneSchema = z
	.object({
		type: z.literal('avatar_video'),
		input: z.discriminatedUnion('type', [studioAvatarInputSchema, studioImageInputSchema]),
	})
	.strict();

const imageSceneSchema = z
	.object({
		type: z.literal('image'),
		source: assetInputSchema,
		duration: z.number().gt(0, 'must be more than 0 seconds').max(300, 'must be at most 300 seconds').nullish(),
		...sceneSpeechFields,
	})
	.strict();

const videoSceneSchema = z
	.object({
		type: z.literal('video'),
		source: assetInputSchema,
		playback: z
			.object({
				volume: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
				mute: z.boolean().optional(),
			})
			.strict()
			.nullish(),
	})
	.strict();

export const studioSceneSchema = z.discriminatedUnion('type', [avatarVideoSceneSchema, imageSceneSchema, videoSceneSchema]);
export type StudioScene = z.infer<typeof studioSceneSchema>;

export const createStudioVideoBodySchema = z
	.object({
		type: z.literal('studio'),
		scenes: z
			.array(studioSceneSchema)
			.min(1, 'must hold at least one scene')
			.max(MAX_STUDIO_SCENES, `must hold at most ${MAX_STUDIO_SCENES} scenes`),
		aspect_ratio: z.enum(VIDEO_ASPECT_RATIOS).nullish(),
		resolution: z.enum(VIDEO_RESOLUTIONS).nullish(),
		caption: captionSchema.nullish(),
		title: z.string().nullish(),
		watermark: z.object({ image: assetInputSchema }).strict().nullish(),
		callback_url: httpUrl.nullish(),
		callback_id: z.string().nullish(),
	})
	.strict();
export type CreateStudioVideoBody = z.infer<typeof createStudioVideoBodySchema>;

type SceneAudio = { script?: string | null; audio_url?: string | null; audio_asset_id?: string | null };

function audioSources(scene: SceneAudio): string[] {
	return (['script', 'audio_url', 'audio_asset_id'] as const).filter((key) => scene[key]);
}

/** Cross-field rules of studio scenes: one audio source per speaking scene, silent or narrated images. */
function checkStudioScenes(body: CreateStudioVideoBody, ctx: z.RefinementCtx) {
	body.scenes.forEach((scene, index) => {
		const at = (...path: Array<string | number>) => ['scenes', index, ...path];
		if (scene.type === 'avatar_video') {
			const sources = audioSources(scene.input);
			if (sources.length !== 1) {
				ctx.addIssue({
					code: 'custom',
					path: at('input', sources[1] ?? 'script'),
					message: 'needs exactly one of script, audio_url or audio_asset_id',
				});
			}
			if (scene.input.type === 'image' && scene.input.script && !scene.input.voice_id) {
				ctx.addIssue({ code: 'custom', path: at('input', 'voice_id'), message: 'is required with a script on an image' });
			}
		} else if (scene.type === 'image') {
			const sources = audioSources(scene);
			const silent = scene.duration != null;
			if (silent && sources.length > 0) {
				ctx.addIssue({ code: 'custom', path: at('duration'), message: 'cannot be combined with narration: a scene is silent or narrated' });
			} else if (!silent && sources.length !== 1) {
				ctx.addIssue({
					code: 'custom',
					path: at(sources[1] ?? 'duration'),
					message: 'needs a duration (silent) or exactly one of script, audio_url or audio_asset_id (narrated)',
				});
			}
			if (scene.script && !scene.voice_id) {
				ctx.addIssue({ code: 'custom', path: at('voice_id'), message: 'is required with a script' });
			}
		}
	});
}

export const CINEMATIC_ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const CINEMATIC_RESOLUTIONS = ['720p', '1080p'] as const;
export const MAX_CINEMATIC_LOOKS = 3;
export const CINEMATIC_DURATION = { min: 4, max: 15, default: 10 } as const;
export const MAX_CINEMATIC_PROMPT_LENGTH = 10_000;
/** A cinematic video's media budget: its avatar looks count as images, beside the reference images. */
export const CINEMATIC_MEDIA_LIMITS = { images: 9, videos: 3 } as const;

const durationMessage = `must be from ${CINEMATIC_DURATION.min} to ${CINEMATIC_DURATION.max} seconds`;

/**
 * `type: cinematic_avatar`: a prompt and one to three looks drive the whole video (no script, no
 * voice). HeyGen's spec gives this type no `callback_id` or `callback_url`.
 */
export const createCinematicVideoBodySchema = z
	.object({
		type: z.literal('cinematic_avatar'),
		prompt: z
			.string()
			.refine((s) => s.trim().length > 0, 'must not be empty')
			.refine(
				(s) => s.length <= MAX_CINEMATIC_PROMPT_LENGTH,
				(s) => ({ message: `must be at most ${MAX_CINEMATIC_PROMPT_LENGTH.toLocaleString('en-US')} characters (it has ${s.length.toLocaleString('en-US')})` }),
			),
		avatar_id: z
			.array(nonEmptyId)
			.min(1, 'must name at least one avatar look')
			.max(MAX_CINEMATIC_LOOKS, `must name at most ${MAX_CINEMATIC_LOOKS} avatar looks`),
		references: z.array(assetInputSchema).nullish(),
		duration: z.number().int('must be a whole number of seconds').min(CINEMATIC_DURATION.min, durationMessage).max(CINEMATIC_DURATION.max, durationMessage).nullish(),
		auto_duration: z.boolean().optional(),
		enhance_prompt: z.boolean().optional(),
		aspect_ratio: z.enum(CINEMATIC_ASPECT_RATIOS).optional(),
		resolution: z.enum(CINEMATIC_RESOLUTIONS).optional(),
		title: z.string().nullish(),
	})
	.strict();
export type CreateCinematicVideoBody = z.infer<typeof createCinematicVideoBodySchema>;

/** HeyGen picks the length itself with `auto_duration`; a duration beside it is a contradiction. */
function checkCinematicDuration(body: CreateCinematicVideoBody, ctx: z.RefinementCtx) {
	if (body.auto_duration && body.duration != null) {
		ctx.addIssue({ code: 'custom', path: ['duration'], message: 'cannot be combined with auto_duration: give one or the other' });
	}
}

/** Body of `POST /v3/videos`, a union on `type`. */
export const createVideoBodySchema = z
	.discriminatedUnion('type', [createAvatarVideoBodySchema, createImageVideoBodySchema, createStudioVideoBodySchema, createCinematicVideoBodySchema])
	.superRefine((body, ctx) => {
		if (body.type === 'studio') checkStudioScenes(body, ctx);
		else if (body.type === 'cinematic_avatar') checkCinematicDuration(body, ctx);
		else checkSpeechAndOutput(body, ctx);
	});
export type CreateVideoBody = z.infer<typeof createVideoBodySchema>;
export type CreateAvatarVideoBody = z.infer<typeof createAvatarVideoBodySchema>;
export type CreateImageVideoBody = z.infer<typeof createImageVideoBodySchema>;

export const createVideoResponseSchema = z
	.object({
		video_id: z.string(),
		status: z.string(),
		output_format: z.string().nullish(),
	})
	.passthrough();
export type CreateVideoResponse = z.infer<typeof createVideoResponseSchema>;

/** `VideoDetail` of `GET /v3/videos/{video_id}` and of the list. */
export const videoDetailSchema = z
	.object({
		id: z.string(),
		title: z.string().nullish(),
		status: z.string(),
		created_at: z.number().nullish(),
		completed_at: z.number().nullish(),
		video_url: z.string().nullish(),
		thumbnail_url: z.string().nullish(),
		gif_url: z.string().nullish(),
		captioned_video_url: z.string().nullish(),
		subtitle_url: z.string().nullish(),
		duration: z.number().nullish(),
		folder_id: z.string().nullish(),
		output_language: z.string().nullish(),
		failure_code: z.string().nullish(),
		failure_message: z.string().nullish(),
		video_page_url: z.string().nullish(),
	})
	.passthrough();
export type VideoDetail = z.infer<typeof videoDetailSchema>;

export const listVideosQuerySchema = pageQuery(100)
	.extend({
		folder_id: z.string().optional(),
		title: z.string().optional(),
	})
	.strict();
