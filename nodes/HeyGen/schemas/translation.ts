import { z } from 'zod';

import { httpUrl, nonEmptyId, pageQuery, urlOrAssetSchema } from './common';

export const TRANSLATION_MODES = ['speed', 'precision'] as const;
export const TRANSLATION_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;

/** Body of `POST /v3/video-translations`; one translation per output language. */
export const createTranslationBodySchema = z
	.object({
		video: urlOrAssetSchema,
		output_languages: z.array(z.string().min(1, 'must not be empty')).min(1, 'must list at least one language'),
		title: z.string().nullish(),
		input_language: z.string().nullish(),
		// HeyGen takes no null for the fields with defaults (mode and the flags): left out when not set.
		mode: z.enum(TRANSLATION_MODES).optional(),
		translate_audio_only: z.boolean().optional(),
		speaker_num: z.number().int('must be a whole number').min(1, 'must be at least 1').nullish(),
		audio: urlOrAssetSchema.nullish(),
		fps_mode: z.enum(['vfr', 'cfr', 'passthrough']).nullish(),
		srt: urlOrAssetSchema.nullish(),
		srt_role: z.enum(['input', 'output']).nullish(),
		enable_caption: z.boolean().optional(),
		enable_dynamic_duration: z.boolean().optional(),
		disable_music_track: z.boolean().optional(),
		enable_speech_enhancement: z.boolean().optional(),
		enable_watermark: z.boolean().optional(),
		keep_the_same_format: z.boolean().nullish(),
		start_time: z.number().min(0, 'must be 0 or more').nullish(),
		end_time: z.number().min(0, 'must be 0 or more').nullish(),
		brand_glossary_id: nonEmptyId.nullish(),
		brand_voice_id: nonEmptyId.nullish(),
		stock_voice_config: z
			.object({ use_stock_voice: z.boolean().optional(), preferred_stock_voice_ids: z.array(z.string()).optional() })
			.strict()
			.nullish(),
		folder_id: z.string().nullish(),
		callback_url: httpUrl.nullish(),
		callback_id: z.string().nullish(),
	})
	.strict()
	.superRefine((body, ctx) => {
		if (body.start_time != null && body.end_time != null && body.end_time <= body.start_time) {
			ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'must be after start_time' });
		}
		if (body.fps_mode && !body.audio) {
			ctx.addIssue({ code: 'custom', path: ['fps_mode'], message: 'only applies with a custom audio track' });
		}
	});
export type CreateTranslationBody = z.infer<typeof createTranslationBodySchema>;

export const createTranslationResponseSchema = z.object({ video_translation_ids: z.array(z.string()) }).passthrough();

/** `GET /v3/video-translations/{id}`. */
export const translationDetailSchema = z
	.object({
		id: z.string(),
		status: z.string(),
		title: z.string().nullish(),
		input_language: z.string().nullish(),
		output_language: z.string().nullish(),
		duration: z.number().nullish(),
		translate_audio_only: z.boolean().nullish(),
		video_url: z.string().nullish(),
		audio_url: z.string().nullish(),
		srt_caption_url: z.string().nullish(),
		vtt_caption_url: z.string().nullish(),
		callback_id: z.string().nullish(),
		created_at: z.number().nullish(),
		failure_message: z.string().nullish(),
	})
	.passthrough();
export type TranslationDetail = z.infer<typeof translationDetailSchema>;

export const translationLanguagesSchema = z.object({ languages: z.array(z.string()) }).passthrough();

export const listTranslationsQuerySchema = pageQuery(100).strict();
