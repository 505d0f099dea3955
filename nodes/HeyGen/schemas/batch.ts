import { z } from 'zod';

import { httpUrl, pageQuery } from './common';
import { createTranslationBodySchema } from './translation';
import { createVideoBodySchema } from './video';

/** Payloads one batch create takes (for translations: items after one per output language). */
export const MAX_BATCH_ITEMS = 100;
/** Ids one bulk status read takes, `video_ids` (or `video_translation_ids`, `lipsync_ids`) and `batch_ids` together. */
export const MAX_STATUS_IDS = 100;

/** What a batch item reports; a bulk status read adds `not_found`. */
export const BATCH_ITEM_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export const BATCH_STATUSES = ['processing', 'completed', 'failed'] as const;
export const STATUS_NOT_FOUND = 'not_found';

/** The event HeyGen posts to a batch's `callback_url` (and to endpoints subscribed to it) once every item is final. */
export const BATCH_FINISHED_EVENT = 'batch.finished';

/** Body of `POST /v3/videos/batches`: each item is a `POST /v3/videos` body with its own callback fields. */
export const createVideoBatchBodySchema = z
	.object({
		videos: z
			.array(createVideoBodySchema)
			.min(1, 'must hold at least one video')
			.max(MAX_BATCH_ITEMS, `must hold at most ${MAX_BATCH_ITEMS} videos`),
		title: z.string().nullish(),
		callback_url: httpUrl.nullish(),
	})
	.strict();
export type CreateVideoBatchBody = z.infer<typeof createVideoBatchBodySchema>;

/**
 * Body of `POST /v3/video-translations/batches`: each payload is a `POST /v3/video-translations`
 * body and becomes one item per output language, at most 100 items in all.
 */
export const createTranslationBatchBodySchema = z
	.object({
		video_translations: z
			.array(createTranslationBodySchema)
			.min(1, 'must hold at least one translation')
			.max(MAX_BATCH_ITEMS, `must hold at most ${MAX_BATCH_ITEMS} translations`),
		title: z.string().nullish(),
		callback_url: httpUrl.nullish(),
	})
	.strict()
	.superRefine((body, ctx) => {
		const items = body.video_translations.reduce((sum, payload) => sum + payload.output_languages.length, 0);
		if (items > MAX_BATCH_ITEMS) {
			ctx.addIssue({
				code: 'custom',
				path: ['video_translations'],
				message: `makes ${items} items (one per output language); a batch holds at most ${MAX_BATCH_ITEMS}`,
			});
		}
	});
export type CreateTranslationBatchBody = z.infer<typeof createTranslationBatchBodySchema>;

/** Query of a batch read: one page of its items. */
export const getBatchQuerySchema = pageQuery(100).strict();

/** Why an item failed; HeyGen documents no fields, so every one is optional. */
const itemErrorSchema = z.object({ code: z.string().nullish(), message: z.string().nullish() }).passthrough();

/** One item of a batch, by its position in the submitted list; `video_id` once its job exists (a translation id on translation batches). */
export const batchItemSchema = z
	.object({
		item_index: z.number().int().min(0),
		status: z.string().min(1),
		video_id: z.string().nullish(),
		error: itemErrorSchema.nullish(),
	})
	.passthrough();
export type BatchItem = z.infer<typeof batchItemSchema>;

const cursorRule = (body: { has_more?: boolean | null; next_token?: string | null }) =>
	body.has_more !== true || (typeof body.next_token === 'string' && body.next_token !== '');

/** `GET /v3/videos/batches/{batch_id}` (and the translation twin): the batch and one page of items. */
export const batchDetailSchema = z
	.object({
		batch_id: z.string().min(1),
		status: z.string().min(1),
		total_items: z.number().int().min(0).nullish(),
		counts_by_status: z.record(z.string(), z.number()).nullish(),
		created_at: z.number().nullish(),
		title: z.string().nullish(),
		items: z.array(batchItemSchema),
		has_more: z.boolean().nullish(),
		next_token: z.string().nullish(),
	})
	.passthrough()
	.refine(cursorRule, { message: '"has_more" without a "next_token"', path: ['next_token'] });
export type BatchDetail = z.infer<typeof batchDetailSchema>;

/** What a batch create answers (202). HeyGen publishes only the batch id; anything else is optional. */
export const createBatchResponseSchema = z
	.object({
		batch_id: z.string().min(1),
		status: z.string().nullish(),
		total_items: z.number().int().min(0).nullish(),
		counts_by_status: z.record(z.string(), z.number()).nullish(),
		created_at: z.number().nullish(),
		title: z.string().nullish(),
		items: z.array(batchItemSchema).nullish(),
	})
	.passthrough();
export type CreateBatchResponse = z.infer<typeof createBatchResponseSchema>;

/** A comma-separated id list of a bulk status read, split and trimmed. */
const idList = z
	.string()
	.transform((value) => value.split(',').map((id) => id.trim()))
	.refine((ids) => ids.every((id) => id.length > 0), 'must be ids separated by commas, none empty');

/** At least one list, and at most 100 ids in both together. */
function checkIdCount(field: string, direct: string[] | undefined, batches: string[] | undefined, ctx: z.RefinementCtx) {
	if (direct === undefined && batches === undefined) {
		ctx.addIssue({ code: 'custom', path: [field], message: 'or batch_ids is required' });
		return;
	}
	const count = (direct?.length ?? 0) + (batches?.length ?? 0);
	if (count > MAX_STATUS_IDS) {
		const [param, other] = (direct?.length ?? 0) > MAX_STATUS_IDS ? [field, 'batch_ids'] : ['batch_ids', field];
		ctx.addIssue({
			code: 'custom',
			path: [param],
			message: `and ${other} may name at most ${MAX_STATUS_IDS} ids in all (got ${count})`,
		});
	}
}

/** Query of `GET /v3/videos/statuses`: `video_ids` and/or `batch_ids`, comma-separated. */
export const videoStatusesQuerySchema = z
	.object({ video_ids: idList.optional(), batch_ids: idList.optional() })
	.strict()
	.superRefine((query, ctx) => checkIdCount('video_ids', query.video_ids, query.batch_ids, ctx));

/** Query of `GET /v3/video-translations/statuses`: `video_translation_ids` and/or `batch_ids`. */
export const translationStatusesQuerySchema = z
	.object({ video_translation_ids: idList.optional(), batch_ids: idList.optional() })
	.strict()
	.superRefine((query, ctx) => checkIdCount('video_translation_ids', query.video_translation_ids, query.batch_ids, ctx));

/** Query of `GET /v3/lipsyncs/statuses`: `lipsync_ids` and/or `batch_ids`. */
export const lipsyncStatusesQuerySchema = z
	.object({ lipsync_ids: idList.optional(), batch_ids: idList.optional() })
	.strict()
	.superRefine((query, ctx) => checkIdCount('lipsync_ids', query.lipsync_ids, query.batch_ids, ctx));

/**
 * One entry of a bulk status read: a looked-up id (its `video_id`, a translation id on the
 * translation twin), or an item expanded from a batch (`batch_id`, `item_index`, and `video_id`
 * once created). An unknown id answers `not_found`.
 */
export const statusEntrySchema = z
	.object({
		video_id: z.string().nullish(),
		status: z.string().min(1),
		batch_id: z.string().nullish(),
		item_index: z.number().int().min(0).nullish(),
		error: itemErrorSchema.nullish(),
	})
	.passthrough()
	.refine((entry) => Boolean(entry.video_id) || Boolean(entry.batch_id), {
		message: 'names neither a video_id nor a batch_id',
		path: ['video_id'],
	});
export type StatusEntry = z.infer<typeof statusEntrySchema>;

/** `data` of a bulk status read: the entries, in one list. */
export const statusEntriesSchema = z.array(statusEntrySchema);

/** What a batch callback carries: its id; the rest is read again, never trusted. */
export const batchFinishedEventSchema = z
	.object({
		event_type: z.literal(BATCH_FINISHED_EVENT),
		event_data: z.object({ batch_id: z.string().min(1) }).passthrough(),
	})
	.passthrough();
