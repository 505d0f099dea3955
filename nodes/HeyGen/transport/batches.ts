import { MAX_BATCH_ITEMS, MAX_STATUS_IDS, type BatchDetail, type StatusEntry } from '../schemas';
import type { IDataObject } from 'n8n-workflow';

import { apiData, type RunContext } from './request';

/** One item of a batch as HeyGen reports it, by its place in the batch. */
export interface BatchItemState {
	index: number;
	status: string;
	/** The job's id, once HeyGen created it. */
	id?: string;
	error?: string;
}

/** Every item of a batch, page by page (HeyGen pages a batch's items inside its answer). */
export async function readBatchItems(ctx: RunContext, key: 'getVideoBatch' | 'getTranslationBatch', batchId: string): Promise<BatchItemState[]> {
	const items: BatchItemState[] = [];
	let token: string | undefined;
	do {
		const page = await apiData<BatchDetail>(ctx, key, { pathParams: { batch_id: batchId }, qs: { limit: MAX_BATCH_ITEMS, ...(token ? { token } : {}) } });
		for (const item of page.items) {
			const error = item.error ? [item.error.code, item.error.message].filter(Boolean).join(': ') : undefined;
			items.push({ index: item.item_index, status: item.status, ...(item.video_id ? { id: item.video_id } : {}), ...(error ? { error } : {}) });
		}
		token = page.has_more && page.next_token ? page.next_token : undefined;
	} while (token);
	return items;
}

/** Jobs' statuses by id with HeyGen's bulk read, 100 ids a call. */
export async function readStatuses(
	ctx: RunContext,
	key: 'getVideoStatuses' | 'getTranslationStatuses' | 'getLipsyncStatuses',
	idsField: 'video_ids' | 'video_translation_ids' | 'lipsync_ids',
	ids: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (let start = 0; start < ids.length; start += MAX_STATUS_IDS) {
		const entries = await apiData<StatusEntry[]>(ctx, key, { qs: { [idsField]: ids.slice(start, start + MAX_STATUS_IDS).join(',') } });
		for (const entry of entries) if (entry.video_id) found.set(entry.video_id, entry.status);
	}
	return found;
}

/** HeyGen's batch endpoints of one kind of job. */
const BATCH_ENDPOINTS = {
	video: { create: 'createVideoBatch', read: 'getVideoBatch', field: 'videos' },
	translation: { create: 'createTranslationBatch', read: 'getTranslationBatch', field: 'video_translations' },
} as const;

/** Creates a batch of create bodies with its key and callback; answers the batch id (and when HeyGen made it). */
export async function createBatch(
	ctx: RunContext,
	kind: keyof typeof BATCH_ENDPOINTS,
	bodies: IDataObject[],
	idempotencyKey: string,
	callbackUrl: string,
	itemIndex?: number,
): Promise<{ id: string; createdAtMs?: number }> {
	const endpoints = BATCH_ENDPOINTS[kind];
	const created = await apiData<{ batch_id: string; created_at?: number | null }>(ctx, endpoints.create, {
		body: { [endpoints.field]: bodies, callback_url: callbackUrl },
		itemIndex,
		idempotencyKey,
	});
	return { id: created.batch_id, ...(typeof created.created_at === 'number' ? { createdAtMs: created.created_at * 1000 } : {}) };
}

export async function readBatch(ctx: RunContext, kind: keyof typeof BATCH_ENDPOINTS, batchId: string): Promise<BatchItemState[]> {
	return await readBatchItems(ctx, BATCH_ENDPOINTS[kind].read, batchId);
}
