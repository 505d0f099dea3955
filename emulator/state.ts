import { randomBytes } from 'node:crypto';

import type { VideoTimings } from './config';
import { IdempotencyStore } from './idempotency';
import { roundCredits, type RenderPlan } from './rendering';

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

export interface VideoSummary {
	id: string;
	title: string | null;
	status: VideoStatus;
	deleted: boolean;
	avatar_id: string | null;
	voice_id: string | null;
	cost_credits: number;
	charged: boolean;
	created_at_ms: number;
	finishes_at_ms: number;
}

export interface StateSummary {
	balance: number;
	reserved_credits: number;
	/** Videos that exist (created and not deleted). */
	videos: number;
	deleted_videos: number;
	by_status: Record<VideoStatus, number>;
	in_flight: number;
	idempotency_records: number;
	/** Every video ever created here, deleted ones included, oldest first. */
	video_list: VideoSummary[];
}

/** The account's videos, wallet and idempotency records. */
export class EmulatorState {
	readonly videos = new Map<string, VideoJob>();
	readonly idempotency = new IdempotencyStore();
	private credits: number;
	private nextSequence = 1;
	/** Jobs not yet terminal-and-accounted, so settling stays cheap with many finished videos. */
	private readonly unsettled = new Set<VideoJob>();

	constructor(private initialBalance: number) {
		this.credits = initialBalance;
	}

	/** Wallet credits; reading settles finished jobs first (a completed render is charged once). */
	get balance(): number {
		this.settle(Date.now());
		return this.credits;
	}

	set balance(value: number) {
		this.setBalance(value);
	}

	setBalance(credits: number): void {
		this.settle(Date.now());
		this.credits = roundCredits(credits);
	}

	settle(now: number): void {
		for (const job of this.unsettled) {
			if (job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs) {
				this.unsettled.delete(job); // cancelled before it finished: never charged
			} else if (job.finishedAtMs <= now) {
				if (job.outcome.status === 'completed') {
					this.credits = roundCredits(this.credits - job.costCredits);
					job.charged = true;
				}
				this.unsettled.delete(job);
			}
		}
	}

	addVideo(plan: RenderPlan, now: number, timings: VideoTimings, sizeBytes: number): VideoJob {
		const processingAtMs = now + timings.pendingMs;
		const failsEarly = plan.outcome.status === 'failed' && plan.outcome.stage === 'pending';
		const job: VideoJob = {
			...plan,
			id: randomBytes(16).toString('hex'),
			sequence: this.nextSequence++,
			createdAtMs: now,
			processingAtMs,
			finishedAtMs: failsEarly ? processingAtMs : processingAtMs + timings.processingMs,
			sizeBytes,
			deletedAtMs: null,
			charged: false,
		};
		this.videos.set(job.id, job);
		this.unsettled.add(job);
		return job;
	}

	/** A video that exists and is not deleted. */
	findVideo(id: string): VideoJob | undefined {
		const job = this.videos.get(id);
		return job && job.deletedAtMs === null ? job : undefined;
	}

	deleteVideo(id: string, now: number): boolean {
		const job = this.findVideo(id);
		if (!job) return false;
		this.settle(now);
		job.deletedAtMs = now;
		return true;
	}

	/** Live (not deleted) videos, oldest first. */
	liveVideos(): VideoJob[] {
		return [...this.videos.values()].filter((job) => job.deletedAtMs === null);
	}

	/** Jobs still counting against the concurrency limit. */
	inFlight(now: number): VideoJob[] {
		return this.liveVideos().filter((job) => job.finishedAtMs > now);
	}

	/** Credits promised to in-flight jobs that will complete. */
	reservedCredits(now: number): number {
		const pending = this.inFlight(now).filter((job) => job.outcome.status === 'completed');
		return roundCredits(pending.reduce((sum, job) => sum + job.costCredits, 0));
	}

	reset(balance = this.initialBalance): void {
		this.videos.clear();
		this.unsettled.clear();
		this.idempotency.clear();
		this.nextSequence = 1;
		this.initialBalance = balance;
		this.credits = balance;
	}

	summary(now = Date.now()): StateSummary {
		this.settle(now);
		const videoList = [...this.videos.values()].map((job) => ({
			id: job.id,
			title: job.title,
			status: videoStatusAt(job, now),
			deleted: job.deletedAtMs !== null,
			avatar_id: job.avatarId,
			voice_id: job.voiceId,
			cost_credits: job.costCredits,
			charged: job.charged,
			created_at_ms: job.createdAtMs,
			finishes_at_ms: job.finishedAtMs,
		}));
		const live = videoList.filter((video) => !video.deleted);
		const byStatus: Record<VideoStatus, number> = { pending: 0, processing: 0, completed: 0, failed: 0 };
		for (const video of live) byStatus[video.status]++;
		return {
			balance: this.credits,
			reserved_credits: this.reservedCredits(now),
			videos: live.length,
			deleted_videos: videoList.length - live.length,
			by_status: byStatus,
			in_flight: this.inFlight(now).length,
			idempotency_records: this.idempotency.list(now).length,
			video_list: videoList,
		};
	}
}
