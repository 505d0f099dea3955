import { z } from 'zod';

import { pageQuery } from './common';

export const VOICE_TYPES = ['public', 'private'] as const;

/** A voice of `GET /v3/voices`. */
export const voiceSchema = z
	.object({
		voice_id: z.string(),
		name: z.string(),
		language: z.string(),
		gender: z.string(),
		type: z.string(),
		preview_audio_url: z.string().nullish(),
		support_pause: z.boolean(),
		support_locale: z.boolean(),
	})
	.passthrough();
export type Voice = z.infer<typeof voiceSchema>;

/** `GET /v3/voices/{voice_id}`: also a clone still in training, whose name, language and gender may be missing. */
export const voiceDetailSchema = z
	.object({
		voice_id: z.string(),
		name: z.string().nullish(),
		language: z.string().nullish(),
		gender: z.string().nullish(),
		preview_audio_url: z.string().nullish(),
		support_pause: z.boolean(),
	})
	.passthrough();

export const listVoicesQuerySchema = pageQuery(100)
	.extend({
		type: z.enum(VOICE_TYPES).optional(),
		engine: z.string().min(1).optional(),
		language: z.string().min(1).optional(),
		gender: z.string().min(1).optional(),
	})
	.strict();
