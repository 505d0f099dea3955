import { z } from 'zod';

import { httpUrl, nonEmptyId, urlOrAssetSchema } from './common';
import { TRANSLATION_MODES } from './translation';

export const PROOFREAD_STATUSES = ['processing', 'completed', 'failed'] as const;
export const PROOFREAD_EVENTS = ['proofread_creation.success', 'proofread_creation.fail'] as const;

/**
 * Body of `POST /v3/video-translations/proofreads`: one proofread (editable subtitles) per output
 * language. HeyGen takes no `callback_url` or `callback_id` here; the end of a proofread is announced
 * only to registered webhook endpoints (`proofread_creation.*`).
 */
export const createProofreadBodySchema = z
	.object({
		video: urlOrAssetSchema,
		output_languages: z.array(z.string().min(1, 'must not be empty')).min(1, 'must list at least one language'),
		title: z.string().trim().min(1, 'must not be empty'),
		mode: z.enum(TRANSLATION_MODES).optional(),
		speaker_num: z.number().int('must be a whole number').min(1, 'must be at least 1').nullish(),
		srt: urlOrAssetSchema.nullish(),
		// The digest (July 2026) names the glossary field as on translations; the April OpenAPI has `brand_voice_id`.
		brand_glossary_id: nonEmptyId.nullish(),
		brand_voice_id: nonEmptyId.nullish(),
		folder_id: z.string().nullish(),
		enable_video_stretching: z.boolean().optional(),
		disable_music_track: z.boolean().optional(),
		enable_speech_enhancement: z.boolean().optional(),
		keep_the_same_format: z.boolean().optional(),
	})
	.strict();
export type CreateProofreadBody = z.infer<typeof createProofreadBodySchema>;

export const createProofreadResponseSchema = z
	.object({ proofread_ids: z.array(z.string()), status: z.enum(PROOFREAD_STATUSES) })
	.passthrough();

/** `ProofreadDetail`: `GET .../proofreads/{proofread_id}`, and the answer of `PUT .../srt`. */
export const proofreadDetailSchema = z
	.object({
		id: z.string(),
		status: z.string(),
		title: z.string().nullish(),
		output_language: z.string().nullish(),
		input_language: z.string().nullish(),
		submitted_for_review: z.boolean().nullish(),
		created_at: z.number().nullish(),
		failure_message: z.string().nullish(),
	})
	.passthrough();
export type ProofreadDetail = z.infer<typeof proofreadDetailSchema>;

/** `GET .../srt`: the edited subtitles, and the SRT given at creation (if one was). */
export const proofreadSrtSchema = z.object({ srt_url: z.string(), original_srt_url: z.string().nullish() }).passthrough();
export type ProofreadSrt = z.infer<typeof proofreadSrtSchema>;

/** `PUT .../srt`: the edited SRT, as a file HeyGen fetches or an uploaded asset. */
export const uploadProofreadSrtBodySchema = z.object({ srt: urlOrAssetSchema }).strict();

/** `POST .../generate`: the translated video made from the proofread's subtitles. */
export const generateFromProofreadBodySchema = z
	.object({
		captions: z.boolean().optional(),
		translate_audio_only: z.boolean().optional(),
		callback_id: z.string().nullish(),
		callback_url: httpUrl.nullish(),
	})
	.strict();

/** A video translation like any other: wait for it by `video_translation_id`. Its `status` is the proofread vocabulary's. */
export const generateFromProofreadResponseSchema = z
	.object({ video_translation_id: z.string(), status: z.string() })
	.passthrough();
