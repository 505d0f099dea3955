import type { RenderPlan } from './rendering';

/** HeyGen's page of a video; the id follows the last slash. */
export const VIDEO_PAGE_URL = 'https://app.heygen.com/videos';

export type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** A video job; its status is derived from the clock, so it needs no timers. */
export interface VideoJob extends RenderPlan {
	id: string;
	/** Creation order; the list shows higher sequences first. */
	sequence: number;
	createdAtMs: number;
	/** When `pending` ends. */
	processingAtMs: number;
	/** When the job becomes `completed` or `failed`. */
	finishedAtMs: number;
	/** Size of the served file, fixed at creation so every download agrees. */
	sizeBytes: number;
	deletedAtMs: number | null;
	/** Whether the cost has been taken from the wallet (only ever for completed videos). */
	charged: boolean;
}

export function videoStatusAt(job: VideoJob, now: number): VideoStatus {
	if (now < job.processingAtMs) return 'pending';
	if (now < job.finishedAtMs) return 'processing';
	return job.outcome.status;
}
