import type { TranslationTimings, VideoTimings } from '../settings/config';
import type { RenderPlan } from './rendering';
import { translationStatusAt, type TranslationJob, type TranslationPlan } from './translation';
import { videoStatusAt, type VideoJob } from './videoJob';

/** Why an item ended without a job, or how its job failed. */
export interface ItemError {
	code?: string;
	message?: string;
}

interface ItemBase {
	index: number;
	/** Its video (or translation) once started; null while queued, or when it could not start. */
	jobId: string | null;
	/** Set when the item failed before it got a job (credits gone by the time a slot freed). */
	startFailure: (ItemError & { atMs: number }) | null;
}

export type BatchItemRecord =
	| (ItemBase & { kind: 'video'; plan: RenderPlan })
	| (ItemBase & { kind: 'translation'; plan: TranslationPlan });

export interface Batch {
	id: string;
	kind: 'video' | 'translation';
	sequence: number;
	title: string | null;
	callbackUrl: string | null;
	createdAtMs: number;
	items: BatchItemRecord[];
	/** Settings at creation, applied to items whenever they start. */
	videoTimings: VideoTimings;
	translationTimings: TranslationTimings;
	sizeBytes: number;
	/** The `callbacks.early` fault was on when the batch was created. */
	earlyCallback: boolean;
}

export type ItemStatus = 'queued' | 'processing' | 'completed' | 'failed';
export type BatchStatus = 'processing' | 'completed' | 'failed';

export interface ItemView {
	item_index: number;
	status: ItemStatus;
	video_id: string | null;
	error?: ItemError | null;
	/** When it became final, for the scheduler; not shown. */
	finishedAtMs: number | null;
}

/** Where the jobs of started items are looked up (deleted videos included). */
export interface JobLookups {
	video(id: string): VideoJob | undefined;
	translation(id: string): TranslationJob | undefined;
}

export function videoItemView(index: number, job: VideoJob, now: number): ItemView {
	if (job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs) {
		return {
			item_index: index,
			status: 'failed',
			video_id: job.id,
			error: { code: 'video_deleted', message: 'The video was deleted before it finished.' },
			finishedAtMs: job.deletedAtMs,
		};
	}
	const status = videoStatusAt(job, now);
	// A video waiting in HeyGen's render queue is `pending`; the batch read model calls that `queued`.
	if (status === 'pending') return { item_index: index, status: 'queued', video_id: job.id, finishedAtMs: null };
	if (status === 'processing') return { item_index: index, status: 'processing', video_id: job.id, finishedAtMs: null };
	if (status === 'completed') return { item_index: index, status, video_id: job.id, finishedAtMs: job.finishedAtMs };
	const outcome = job.outcome.status === 'failed' ? job.outcome : undefined;
	const error: ItemError = {};
	if (outcome?.failureCode !== undefined) error.code = outcome.failureCode;
	if (outcome?.failureMessage !== undefined) error.message = outcome.failureMessage;
	return {
		item_index: index,
		status: 'failed',
		video_id: job.id,
		// A bare failure (no code, no message) reports no error, as the video itself reports none.
		error: Object.keys(error).length > 0 ? error : null,
		finishedAtMs: job.finishedAtMs,
	};
}

/** A job on the dubbing pipeline (a translation, or a lipsync with its own failure code) as an item. */
export function translationItemView(
	index: number,
	job: Pick<TranslationJob, 'id' | 'runningAtMs' | 'finishedAtMs' | 'outcome'>,
	now: number,
	failureCode = 'translation_failed',
): ItemView {
	const status = translationStatusAt(job, now);
	if (status === 'pending') return { item_index: index, status: 'queued', video_id: job.id, finishedAtMs: null };
	if (status === 'running') return { item_index: index, status: 'processing', video_id: job.id, finishedAtMs: null };
	if (status === 'completed') return { item_index: index, status, video_id: job.id, finishedAtMs: job.finishedAtMs };
	const message = job.outcome.status === 'failed' ? job.outcome.failureMessage : undefined;
	return {
		item_index: index,
		status: 'failed',
		video_id: job.id,
		error: { code: failureCode, ...(message ? { message } : {}) },
		finishedAtMs: job.finishedAtMs,
	};
}

/** An item as HeyGen reports it at `now`. */
export function itemView(item: BatchItemRecord, now: number, lookups: JobLookups): ItemView {
	if (item.startFailure) {
		const { atMs, ...error } = item.startFailure;
		return { item_index: item.index, status: 'failed', video_id: null, error, finishedAtMs: atMs };
	}
	if (item.jobId === null) return { item_index: item.index, status: 'queued', video_id: null, finishedAtMs: null };
	if (item.kind === 'video') {
		const job = lookups.video(item.jobId);
		if (job) return videoItemView(item.index, job, now);
	} else {
		const job = lookups.translation(item.jobId);
		if (job) return translationItemView(item.index, job, now);
	}
	return { item_index: item.index, status: 'queued', video_id: null, finishedAtMs: null };
}

export function isFinal(view: ItemView): boolean {
	return view.status === 'completed' || view.status === 'failed';
}

export interface BatchSummary {
	batch_id: string;
	status: BatchStatus;
	total_items: number;
	counts_by_status: Record<ItemStatus, number>;
	created_at: number;
	title: string | null;
}

/**
 * The aggregate: `processing` while any item is not final, then `failed` when every item failed
 * and `completed` otherwise (HeyGen derives it from the items without saying how).
 */
export function summarise(batch: Batch, views: readonly ItemView[]): BatchSummary {
	const counts: Record<ItemStatus, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
	for (const view of views) counts[view.status]++;
	const open = counts.queued + counts.processing > 0;
	const status: BatchStatus = open ? 'processing' : counts.completed === 0 ? 'failed' : 'completed';
	return {
		batch_id: batch.id,
		status,
		total_items: batch.items.length,
		counts_by_status: counts,
		created_at: Math.floor(batch.createdAtMs / 1000),
		title: batch.title,
	};
}

/** What the API shows of an item (the finish time stays inside). */
export function presentItem(view: ItemView): Record<string, unknown> {
	const shown: Record<string, unknown> = { item_index: view.item_index, status: view.status, video_id: view.video_id };
	if (view.status === 'failed') shown.error = view.error ?? null;
	return shown;
}
