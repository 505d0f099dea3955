import { STATUS_NOT_FOUND } from '../../nodes/HeyGen/schemas';
import { notFound, underParam } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import {
	itemView,
	presentItem,
	summarise,
	translationItemView,
	videoItemView,
	type Batch,
	type BatchItemRecord,
	type ItemView,
} from '../jobs/batches';
import { planVideo, roundCredits } from '../jobs/rendering';
import type { NewBatch } from '../jobs/state';
import type { Services } from '../services';
import { checkCredits } from './admission';
import type { HandlerTable } from './context';
import { planTranslations } from './translations';

/** Items a batch read shows when the query gives no `limit`. */
const DEFAULT_ITEMS_PER_PAGE = 100;

type Plans = NewBatch['plans'];

/** Records the batch (no 429: items past the cap wait in HeyGen's queue), after a credit check for all of it. */
function createBatch(
	kind: Batch['kind'],
	body: { title?: string | null; callback_url?: string | null },
	plans: Plans,
	now: number,
	services: Services,
) {
	const cost = roundCredits(plans.reduce((sum, entry) => sum + entry.plan.costCredits, 0));
	checkCredits(services, cost, now, 'batch');
	const { config } = services;
	const batch = services.state.addBatch(
		{
			kind,
			title: body.title ?? null,
			callbackUrl: body.callback_url ?? null,
			createdAtMs: now,
			videoTimings: { ...config.timings },
			translationTimings: { ...config.translationTimings },
			sizeBytes: config.videoSizeBytes,
			earlyCallback: config.callbacks.early,
			plans,
		},
		now,
	);
	const views = batch.items.map((item) => itemView(item, now, services.state.jobs));
	return dataReply({ ...summarise(batch, views), items: views.map(presentItem) }, 202);
}

function requireBatch(services: Services, id: string, kind: Batch['kind']): Batch {
	const batch = services.state.batches.get(id);
	if (!batch || batch.kind !== kind) throw notFound('Batch not found.');
	return batch;
}

/** The batch's aggregate (over every item) and one page of its items, by item index. */
function readBatch(batch: Batch, query: { limit?: number; token?: string }, now: number, services: Services) {
	const views = batch.items.map((item) => itemView(item, now, services.state.jobs));
	const page = paginate<BatchItemRecord>({
		items: batch.items,
		limit: query.limit ?? DEFAULT_ITEMS_PER_PAGE,
		token: query.token,
		list: `batch:${batch.id}`,
		rankOf: (item) => item.index,
	});
	return dataReply({
		...summarise(batch, views),
		items: page.data.map((item) => presentItem(views[item.index])),
		has_more: page.has_more,
		next_token: page.next_token,
	});
}

function unique(ids: readonly string[] | undefined): string[] {
	return [...new Set(ids ?? [])];
}

/** An entry of a bulk status read for a job looked up by id. */
function jobEntry(id: string, view: ItemView | undefined): Record<string, unknown> {
	if (!view) return { video_id: id, status: STATUS_NOT_FOUND };
	const entry: Record<string, unknown> = { video_id: id, status: view.status };
	if (view.status === 'failed') entry.error = view.error ?? null;
	return entry;
}

/** The entries of a batch's items, or one `not_found` entry for an unknown batch. */
function batchEntries(id: string, kind: Batch['kind'], now: number, services: Services): Array<Record<string, unknown>> {
	const batch = services.state.batches.get(id);
	if (!batch || batch.kind !== kind) return [{ batch_id: id, status: STATUS_NOT_FOUND }];
	return batch.items.map((item) => ({ ...presentItem(itemView(item, now, services.state.jobs)), batch_id: batch.id }));
}

/** Every entry in one answer; the cursor fields HeyGen's schema carries say there is no more. */
function statusesReply(entries: Array<Record<string, unknown>>) {
	return listReply({ data: entries, has_more: false, next_token: null });
}

export const batchHandlers: HandlerTable = {
	/** Every item is checked as `POST /v3/videos` checks its body; a problem names it (`videos.3.avatar_id`). */
	createVideoBatch: ({ body, now, services }) => {
		const context = {
			catalog: services.catalog,
			assets: services.state.assets,
			renderFailures: services.config.renderFailures,
		};
		const plans: Plans = body.videos.map((video, index) => ({
			kind: 'video',
			plan: underParam(`videos.${index}`, () => planVideo(video, context)),
		}));
		return createBatch('video', body, plans, now, services);
	},

	getVideoBatch: ({ params, query, now, services }) =>
		readBatch(requireBatch(services, params.batch_id, 'video'), query, now, services),

	getVideoStatuses: ({ query, now, services }) => {
		const direct = unique(query.video_ids).map((id) => {
			const job = services.state.findVideo(id);
			return jobEntry(id, job && videoItemView(0, job, now));
		});
		const expanded = unique(query.batch_ids).flatMap((id) => batchEntries(id, 'video', now, services));
		return statusesReply([...direct, ...expanded]);
	},

	/** One item per output language of each payload, in order. */
	createTranslationBatch: ({ body, now, services }) => {
		const plans: Plans = body.video_translations.flatMap((payload, index) =>
			underParam(`video_translations.${index}`, () => planTranslations(payload, services)).map((plan) => ({
				kind: 'translation' as const,
				plan,
			})),
		);
		return createBatch('translation', body, plans, now, services);
	},

	getTranslationBatch: ({ params, query, now, services }) =>
		readBatch(requireBatch(services, params.batch_id, 'translation'), query, now, services),

	/** Lipsyncs by id; the emulator takes no lipsync batches, so every batch id is `not_found`. */
	getLipsyncStatuses: ({ query, now, services }) => {
		const direct = unique(query.lipsync_ids).map((id) => {
			const job = services.state.lipsyncs.get(id);
			// A lipsync has no failure code of its own; its status entry tells an input that could not be fetched.
			const code = job?.outcome.status === 'failed' && job.outcome.stage === 'pending' ? 'download_failed' : 'lipsync_failed';
			return jobEntry(id, job && translationItemView(0, job, now, code));
		});
		const expanded = unique(query.batch_ids).map((id) => ({ batch_id: id, status: STATUS_NOT_FOUND }));
		return statusesReply([...direct, ...expanded]);
	},

	getTranslationStatuses: ({ query, now, services }) => {
		const direct = unique(query.video_translation_ids).map((id) => {
			const job = services.state.translations.get(id);
			return jobEntry(id, job && translationItemView(0, job, now));
		});
		const expanded = unique(query.batch_ids).flatMap((id) => batchEntries(id, 'translation', now, services));
		return statusesReply([...direct, ...expanded]);
	},
};
