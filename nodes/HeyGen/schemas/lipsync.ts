import { z } from 'zod';

import { httpUrl, pageQuery, urlOrAssetSchema } from './common';

/** HeyGen's lipsync shares the translation pipeline's vocabulary: its modes and its statuses. */
export const LIPSYNC_MODES = ['speed', 'precision'] as const;
export const LIPSYNC_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export const FPS_MODES = ['vfr', 'cfr', 'passthrough'] as const;

/** Body of `POST /v3/lipsyncs`: a video whose speech is replaced by an audio track, mouth movements to match. */
export const createLipsyncBodySchema = z
	.object({
		video: urlOrAssetSchema,
		audio: urlOrAssetSchema,
		title: z.string().nullish(),
		mode: z.enum(LIPSYNC_MODES).optional(),
		enable_caption: z.boolean().optional(),
		enable_dynamic_duration: z.boolean().optional(),
		disable_music_track: z.boolean().optional(),
		enable_speech_enhancement: z.boolean().optional(),
		enable_watermark: z.boolean().optional(),
		keep_the_same_format: z.boolean().nullish(),
		start_time: z.number().min(0, 'must be 0 or more').nullish(),
		end_time: z.number().min(0, 'must be 0 or more').nullish(),
		fps_mode: z.enum(FPS_MODES).nullish(),
		folder_id: z.string().nullish(),
		callback_url: httpUrl.nullish(),
		callback_id: z.string().nullish(),
	})
	.strict()
	.superRefine((body, ctx) => {
		if (body.start_time != null && body.end_time != null && body.end_time <= body.start_time) {
			ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'must be after start_time' });
		}
	});
export type CreateLipsyncBody = z.infer<typeof createLipsyncBodySchema>;

export const createLipsyncResponseSchema = z.object({ lipsync_id: z.string() }).passthrough();

/** `LipsyncDetail` of `GET /v3/lipsyncs/{lipsync_id}` and of the list: file links once completed. */
export const lipsyncDetailSchema = z
	.object({
		id: z.string(),
		status: z.string(),
		title: z.string().nullish(),
		duration: z.number().nullish(),
		video_url: z.string().nullish(),
		caption_url: z.string().nullish(),
		callback_id: z.string().nullish(),
		created_at: z.number().nullish(),
		failure_message: z.string().nullish(),
	})
	.passthrough();
export type LipsyncDetail = z.infer<typeof lipsyncDetailSchema>;

export const listLipsyncsQuerySchema = pageQuery(100).strict();
