import { z } from 'zod';

import { nonEmptyId } from './common';

export const MAX_SPEECH_TEXT_LENGTH = 5000;

/** Body of `POST /v3/voices/speech` (synchronous text to speech). */
export const createSpeechBodySchema = z
	.object({
		text: z
			.string()
			.refine((s) => s.trim().length > 0, 'must not be empty')
			.refine(
				(s) => s.length <= MAX_SPEECH_TEXT_LENGTH,
				(s) => ({ message: `must be at most 5,000 characters (it has ${s.length.toLocaleString('en-US')})` }),
			),
		voice_id: nonEmptyId,
		// No null for these two (they have defaults): left out when not set.
		input_type: z.enum(['text', 'ssml']).optional(),
		speed: z.number().min(0.5, 'must be between 0.5 and 2').max(2, 'must be between 0.5 and 2').optional(),
		language: z.string().min(2, 'must be a language code such as en').nullish(),
		locale: z.string().min(2, 'must be a locale such as en-US').nullish(),
	})
	.strict();
export type CreateSpeechBody = z.infer<typeof createSpeechBodySchema>;

export const speechResponseSchema = z
	.object({
		audio_url: z.string(),
		duration: z.number(),
		request_id: z.string().nullish(),
		word_timestamps: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() }).passthrough()).nullish(),
	})
	.passthrough();
