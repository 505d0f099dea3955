import { randomBytes } from 'node:crypto';

import { IdempotencyStore } from '../http/idempotency';
import type { TranslationTimings, VideoTimings } from '../settings/config';
import { WebhookStore, type WebhookSummary } from '../webhooks/store';
import { viewSession, type AgentRun, type AgentSession, type AgentSessionStatus } from './agent';
import { AssetStore, type AssetSummary } from './assets';
import { itemView, summarise, type Batch, type BatchItemRecord, type BatchStatus, type JobLookups } from './batches';
import { renderStatusAt, scheduleRender, type HyperframesRender, type RenderPlan as HyperframesPlan, type RenderStatus } from './hyperframes';
import { lipsyncStatusAt, scheduleLipsync, type LipsyncJob, type LipsyncPlan } from './lipsync';
import { proofreadStatusAt, scheduleProofread, type ProofreadJob, type ProofreadPlan, type ProofreadStatus } from './proofread';
import { roundCredits, type RenderPlan } from './rendering';
import {
	scheduleTranslation,
	translationStatusAt,
	type TranslationJob,
	type TranslationPlan,
	type TranslationStatus,
} from './translation';
import { videoStatusAt, type VideoJob, type VideoStatus } from './videoJob';

export { videoStatusAt };
export type { VideoJob, VideoStatus };

/** A `POST /v3/voices/speech` result, kept so its audio URL can be served. */
export interface SpeechClip {
	id: string;
	durationSeconds: number;
	createdAtMs: number;
}

/** Jobs charged once, when they complete (videos, translations and lipsyncs). */
interface BillableJob {
	costCredits: number;
	finishedAtMs: number;
	deletedAtMs: number | null;
	charged: boolean;
	outcome: { status: string };
}

/** One of the account's concurrent job slots, taken until `finishedAtMs`. */
export interface BusySlot {
	kind: 'video' | 'translation' | 'lipsync' | 'agent' | 'render';
	id: string;
	finishedAtMs: number;
}

export interface VideoSummary {
	id: string;
	title: string | null;
	/** `avatar`, `image`, `studio`, `template` or `agent`. */
	kind: RenderPlan['kind'];
	template_id: string | null;
	status: VideoStatus;
	deleted: boolean;
	avatar_id: string | null;
	voice_id: string | null;
	cost_credits: number;
	charged: boolean;
	created_at_ms: number;
	finishes_at_ms: number;
}

export interface TranslationSummary {
	id: string;
	output_language: string;
	status: TranslationStatus;
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
	/** Videos in flight. */
	in_flight: number;
	/** Everything holding a concurrency slot: videos, translations and agent runs about to render. */
	busy_slots: number;
	idempotency_records: number;
	/** Every video ever created here, deleted ones included, oldest first. */
	video_list: VideoSummary[];
	/** Videos generated from templates (deleted ones included), in total and per template id. */
	template_videos: { total: number; by_template: Record<string, number> };
	translations: { total: number; by_status: Record<TranslationStatus, number>; list: TranslationSummary[] };
	lipsyncs: { total: number; by_status: Record<TranslationStatus, number> };
	proofreads: { total: number; by_status: Record<ProofreadStatus, number> };
	agent_sessions: { total: number; by_status: Record<AgentSessionStatus, number> };
	/** HyperFrames renders that exist (not deleted), and the deleted ones. */
	hyperframes: { total: number; deleted: number; by_status: Record<RenderStatus, number> };
	assets: AssetSummary;
	speech_clips: number;
	/** Endpoints (never their secrets), listed events and delivery attempts by outcome. */
	webhooks: WebhookSummary;
	/** Video and translation batches, and their items still waiting for a free slot. */
	batches: { total: number; by_status: Record<BatchStatus, number>; queued_items: number };
}

/** A job that will reach a final state, announced when it starts so its webhook event can be scheduled. */
export type TrackedWork =
	| { kind: 'video'; job: VideoJob }
	| { kind: 'translation'; job: TranslationJob }
	| { kind: 'lipsync'; job: LipsyncJob }
	| { kind: 'render'; render: HyperframesRender }
	| { kind: 'proofread'; job: ProofreadJob }
	| { kind: 'agent_run'; session: AgentSession; run: AgentRun }
	| { kind: 'batch'; batch: Batch };

/** A batch as created: its items' plans, in submission order, and the settings they start with. */
export type NewBatch = Omit<Batch, 'id' | 'sequence' | 'items'> & { plans: Array<Pick<BatchItemRecord, 'kind' | 'plan'>> };

/** A batch item waiting for a concurrency slot, in submission order. */
interface QueuedItem {
	batch: Batch;
	item: BatchItemRecord;
	enqueuedAtMs: number;
}

const newId = () => randomBytes(16).toString('hex');

/** The account: videos, translations, lipsyncs, agent sessions, uploads, speech clips, wallet and idempotency records. */
export class EmulatorState {
	readonly videos = new Map<string, VideoJob>();
	readonly translations = new Map<string, TranslationJob>();
	readonly lipsyncs = new Map<string, LipsyncJob>();
	readonly renders = new Map<string, HyperframesRender>();
	readonly proofreads = new Map<string, ProofreadJob>();
	readonly sessions = new Map<string, AgentSession>();
	readonly speechClips = new Map<string, SpeechClip>();
	readonly assets = new AssetStore();
	readonly idempotency = new IdempotencyStore();
	readonly webhooks = new WebhookStore();
	readonly batches = new Map<string, Batch>();
	/** Where batch items find their jobs, deleted videos included. */
	readonly jobs: JobLookups = {
		video: (id) => this.videos.get(id),
		translation: (id) => this.translations.get(id),
	};
	private credits: number;
	private readonly workListeners = new Set<(work: TrackedWork) => void>();
	private nextSequence = 1;
	/** Jobs not yet terminal-and-accounted, so settling stays cheap with many finished ones. */
	private readonly unsettled = new Set<BillableJob>();
	/** Agent runs that will start a render when their thinking ends. */
	private readonly runsAwaitingRender = new Set<{ session: AgentSession; run: AgentRun }>();
	/** Batch items beyond the concurrency cap; they start, oldest first, as slots free up. */
	private readonly batchQueue: QueuedItem[] = [];
	/** The last moment the queue was brought up to. */
	private queueCursorMs = 0;

	constructor(
		private initialBalance: number,
		/** The live concurrency cap, read whenever queued batch items look for a slot. */
		private readonly concurrencyLimit: () => number = () => 10,
	) {
		this.credits = initialBalance;
	}

	/** Wallet credits; reading settles finished jobs first (a completed job is charged once). */
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

	/** Calls `listener` for every job started from now on; answers a function that stops it. */
	onWorkStarted(listener: (work: TrackedWork) => void): () => void {
		this.workListeners.add(listener);
		return () => this.workListeners.delete(listener);
	}

	private announce(work: TrackedWork): void {
		for (const listener of this.workListeners) listener(work);
	}

	/** Brings the account up to `now`: starts agent renders whose thinking ended, charges finished jobs. */
	settle(now: number): void {
		this.startAgentRenders(now);
		this.startQueuedItems(now);
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

	/** Renders start when thinking ends, dated then, so the timeline is the same whenever it is observed. */
	private startAgentRenders(now: number): void {
		const due = [...this.runsAwaitingRender]
			.filter(({ run }) => run.thinkingUntilMs <= now)
			.sort((a, b) => a.run.thinkingUntilMs - b.run.thinkingUntilMs);
		for (const entry of due) {
			this.runsAwaitingRender.delete(entry);
			const { session, run } = entry;
			if (!run.plan) continue;
			const startAt = run.thinkingUntilMs;
			const available = roundCredits(this.credits - this.reservedCredits(startAt));
			if (available < run.plan.costCredits) {
				run.next = 'fail';
				session.messages.push({
					role: 'model',
					type: 'error',
					content: `Your account has ${Math.max(0, available)} credits but this video requires ${run.plan.costCredits} credits.`,
					atMs: startAt,
					resourceIds: null,
				});
				continue;
			}
			run.videoId = this.addVideo(run.plan, startAt, run.timings, run.sizeBytes).id;
		}
	}

	/**
	 * Queued batch items start the moment a slot frees up, dated then (not when someone looks), so
	 * the timeline is the same however often it is observed. Replays the slot releases since the
	 * last call: each item takes the earliest moment at which fewer than `limit` slots are busy.
	 */
	private startQueuedItems(asOf: number): void {
		const cursor = this.queueCursorMs;
		// A caller holding an older clock reading (the account was settled since) still gets its items started.
		const now = Math.max(asOf, cursor);
		this.queueCursorMs = now;
		if (this.batchQueue.length === 0) return;
		const limit = this.concurrencyLimit();
		// Finish times of the slots busy at the cursor, soonest first; started items join them.
		const finishes = this.busySlots(cursor)
			.map((slot) => slot.finishedAtMs)
			.sort((a, b) => a - b);
		let at = cursor;
		while (this.batchQueue.length > 0) {
			const next = this.batchQueue[0];
			let start = Math.max(at, next.enqueuedAtMs);
			while (finishes.length > 0 && finishes[0] <= start) finishes.shift();
			if (finishes.length >= limit) {
				// Enough slots must free up to leave one: the (busy - limit + 1)th soonest release.
				const freesAt = finishes[finishes.length - limit];
				if (freesAt > now) break;
				start = freesAt;
				while (finishes.length > 0 && finishes[0] <= start) finishes.shift();
			}
			at = start;
			this.batchQueue.shift();
			const finishedAtMs = this.startItem(next, start);
			if (finishedAtMs !== undefined) {
				const position = finishes.findIndex((finish) => finish > finishedAtMs);
				finishes.splice(position === -1 ? finishes.length : position, 0, finishedAtMs);
			}
		}
	}

	/** Starts a queued item as a real job at `start`; answers when its slot frees, or undefined when it could not start. */
	private startItem({ batch, item }: QueuedItem, start: number): number | undefined {
		// Items behind it in the queue wait their turn: only jobs already running hold credits ahead of it.
		const available = roundCredits(this.credits - this.uncharged());
		if (available < item.plan.costCredits) {
			item.startFailure = {
				code: 'insufficient_credit',
				message: `Your account has ${Math.max(0, available)} credits but this item requires ${item.plan.costCredits} credits.`,
				atMs: start,
			};
			return undefined;
		}
		const job =
			item.kind === 'video'
				? this.addVideo(item.plan, start, batch.videoTimings, batch.sizeBytes)
				: this.addTranslation(item.plan, start, batch.translationTimings, batch.sizeBytes);
		item.jobId = job.id;
		return job.finishedAtMs;
	}

	/** Credits running or finished jobs will take and have not taken yet (the wallet is charged on settling). */
	private uncharged(): number {
		let total = 0;
		for (const job of this.unsettled) {
			const cancelled = job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs;
			if (!cancelled && job.outcome.status === 'completed') total += job.costCredits;
		}
		return total;
	}

	/** What a queued item will be charged (nothing when it will fail). */
	private promisedCost(item: BatchItemRecord): number {
		return item.plan.outcome.status === 'completed' ? item.plan.costCredits : 0;
	}

	/** Records a batch, queues all its items and starts those that find a free slot now. */
	addBatch(input: NewBatch, now: number): Batch {
		const { plans, ...fields } = input;
		const batch: Batch = {
			...fields,
			id: newId(),
			sequence: this.nextSequence++,
			items: plans.map(
				(entry, index) => ({ ...entry, index, jobId: null, startFailure: null }) as BatchItemRecord,
			),
		};
		this.batches.set(batch.id, batch);
		for (const item of batch.items) this.batchQueue.push({ batch, item, enqueuedAtMs: now });
		this.startQueuedItems(now);
		this.announce({ kind: 'batch', batch });
		return batch;
	}

	addVideo(plan: RenderPlan, now: number, timings: VideoTimings, sizeBytes: number): VideoJob {
		const processingAtMs = now + timings.pendingMs;
		const failsEarly = plan.outcome.status === 'failed' && plan.outcome.stage === 'pending';
		const job: VideoJob = {
			...plan,
			id: newId(),
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
		this.announce({ kind: 'video', job });
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

	/** Videos still counting against the concurrency limit. */
	inFlight(now: number): VideoJob[] {
		return this.liveVideos().filter((job) => job.finishedAtMs > now);
	}

	addTranslation(plan: TranslationPlan, now: number, timings: TranslationTimings, sizeBytes: number): TranslationJob {
		const job = scheduleTranslation(plan, newId(), this.nextSequence++, now, timings, sizeBytes);
		this.translations.set(job.id, job);
		this.unsettled.add(job);
		this.announce({ kind: 'translation', job });
		return job;
	}

	addLipsync(plan: LipsyncPlan, now: number, timings: TranslationTimings, sizeBytes: number): LipsyncJob {
		const job = scheduleLipsync(plan, newId(), this.nextSequence++, now, timings, sizeBytes);
		this.lipsyncs.set(job.id, job);
		this.unsettled.add(job);
		this.announce({ kind: 'lipsync', job });
		return job;
	}

	addRender(plan: HyperframesPlan, now: number, timings: VideoTimings, sizeBytes: number): HyperframesRender {
		const render = scheduleRender(plan, newId(), this.nextSequence++, now, timings, sizeBytes);
		this.renders.set(render.id, render);
		this.unsettled.add(render);
		this.announce({ kind: 'render', render });
		return render;
	}

	/** A render that exists and is not deleted. */
	findRender(id: string): HyperframesRender | undefined {
		const render = this.renders.get(id);
		return render && render.deletedAtMs === null ? render : undefined;
	}

	/** Soft-deletes a render; one still in progress stops there and is never charged. */
	deleteRender(id: string, now: number): boolean {
		const render = this.findRender(id);
		if (!render) return false;
		this.settle(now);
		render.deletedAtMs = now;
		return true;
	}

	/** Renders still holding a concurrency slot (deleted ones stopped). */
	private rendersInFlight(now: number): HyperframesRender[] {
		return [...this.renders.values()].filter((render) => render.deletedAtMs === null && render.finishedAtMs > now);
	}

	/** Proofreads take no concurrency slot and cost nothing: the translation generated from one does. */
	addProofread(plan: ProofreadPlan, now: number, timings: TranslationTimings): ProofreadJob {
		const job = scheduleProofread(plan, newId(), this.nextSequence++, now, timings);
		this.proofreads.set(job.id, job);
		this.announce({ kind: 'proofread', job });
		return job;
	}

	addSession(session: Omit<AgentSession, 'id' | 'sequence'>): AgentSession {
		const created: AgentSession = { ...session, id: newId(), sequence: this.nextSequence++ };
		this.sessions.set(created.id, created);
		for (const run of created.runs) this.trackRun(created, run);
		return created;
	}

	/** Adds a run to a session (a chat message); a `video` run renders once its thinking ends. */
	addRun(session: AgentSession, run: AgentRun): void {
		session.runs.push(run);
		this.trackRun(session, run);
	}

	private trackRun(session: AgentSession, run: AgentRun): void {
		if (run.next === 'video' && run.videoId === null) this.runsAwaitingRender.add({ session, run });
		this.announce({ kind: 'agent_run', session, run });
	}

	addSpeechClip(durationSeconds: number, now: number): SpeechClip {
		const clip: SpeechClip = { id: `req_${randomBytes(12).toString('hex')}`, durationSeconds, createdAtMs: now };
		this.speechClips.set(clip.id, clip);
		return clip;
	}

	/** Everything holding a concurrency slot at `now` (call `settle(now)` first). */
	busySlots(now: number): BusySlot[] {
		const slots: BusySlot[] = this.inFlight(now).map((job) => ({
			kind: 'video',
			id: job.id,
			finishedAtMs: job.finishedAtMs,
		}));
		for (const job of this.translations.values()) {
			if (job.finishedAtMs > now) slots.push({ kind: 'translation', id: job.id, finishedAtMs: job.finishedAtMs });
		}
		for (const job of this.lipsyncs.values()) {
			if (job.finishedAtMs > now) slots.push({ kind: 'lipsync', id: job.id, finishedAtMs: job.finishedAtMs });
		}
		for (const render of this.rendersInFlight(now)) slots.push({ kind: 'render', id: render.id, finishedAtMs: render.finishedAtMs });
		// An agent run about to render already holds the slot its video will take.
		for (const { session, run } of this.runsAwaitingRender) {
			slots.push({
				kind: 'agent',
				id: session.id,
				finishedAtMs: run.thinkingUntilMs + run.timings.pendingMs + run.timings.processingMs,
			});
		}
		return slots;
	}

	/** Credits promised to in-flight jobs that will complete. */
	reservedCredits(now: number): number {
		let reserved = 0;
		for (const job of this.inFlight(now)) if (job.outcome.status === 'completed') reserved += job.costCredits;
		for (const job of [...this.translations.values(), ...this.lipsyncs.values()]) {
			if (job.finishedAtMs > now && job.outcome.status === 'completed') reserved += job.costCredits;
		}
		for (const render of this.rendersInFlight(now)) if (render.outcome.status === 'completed') reserved += render.costCredits;
		for (const { item } of this.batchQueue) reserved += this.promisedCost(item);
		return roundCredits(reserved);
	}

	reset(balance = this.initialBalance): void {
		this.videos.clear();
		this.translations.clear();
		this.lipsyncs.clear();
		this.renders.clear();
		this.proofreads.clear();
		this.sessions.clear();
		this.speechClips.clear();
		this.assets.clear();
		this.unsettled.clear();
		this.runsAwaitingRender.clear();
		this.idempotency.clear();
		this.webhooks.clear();
		this.batches.clear();
		this.batchQueue.length = 0;
		this.queueCursorMs = 0;
		this.nextSequence = 1;
		this.initialBalance = balance;
		this.credits = balance;
	}

	private proofreadSummary(now: number): StateSummary['proofreads'] {
		const byStatus: Record<ProofreadStatus, number> = { processing: 0, completed: 0, failed: 0 };
		for (const job of this.proofreads.values()) byStatus[proofreadStatusAt(job, now)]++;
		return { total: this.proofreads.size, by_status: byStatus };
	}

	private batchSummary(now: number): StateSummary['batches'] {
		const byStatus: Record<BatchStatus, number> = { processing: 0, completed: 0, failed: 0 };
		for (const batch of this.batches.values()) {
			byStatus[summarise(batch, batch.items.map((item) => itemView(item, now, this.jobs))).status]++;
		}
		return { total: this.batches.size, by_status: byStatus, queued_items: this.batchQueue.length };
	}

	summary(now = Date.now()): StateSummary {
		this.settle(now);
		const videoList: VideoSummary[] = [...this.videos.values()].map((job) => ({
			id: job.id,
			title: job.title,
			kind: job.kind,
			template_id: job.templateId,
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

		const byTemplate: Record<string, number> = {};
		for (const video of videoList) {
			if (video.template_id !== null) byTemplate[video.template_id] = (byTemplate[video.template_id] ?? 0) + 1;
		}

		const translationList: TranslationSummary[] = [...this.translations.values()].map((job) => ({
			id: job.id,
			output_language: job.outputLanguage,
			status: translationStatusAt(job, now),
			cost_credits: job.costCredits,
			charged: job.charged,
			created_at_ms: job.createdAtMs,
			finishes_at_ms: job.finishedAtMs,
		}));
		const translationsByStatus: Record<TranslationStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0 };
		for (const translation of translationList) translationsByStatus[translation.status]++;

		const lipsyncsByStatus: Record<TranslationStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0 };
		for (const job of this.lipsyncs.values()) lipsyncsByStatus[lipsyncStatusAt(job, now)]++;

		const sessionsByStatus: Record<AgentSessionStatus, number> = {
			thinking: 0,
			waiting_for_input: 0,
			reviewing: 0,
			generating: 0,
			completed: 0,
			failed: 0,
		};
		for (const session of this.sessions.values()) {
			sessionsByStatus[viewSession(session, now, (id) => this.videos.get(id)).status]++;
		}

		const rendersByStatus: Record<RenderStatus, number> = { queued: 0, rendering: 0, completed: 0, failed: 0 };
		const liveRenders = [...this.renders.values()].filter((render) => render.deletedAtMs === null);
		for (const render of liveRenders) rendersByStatus[renderStatusAt(render, now)]++;

		return {
			balance: this.credits,
			reserved_credits: this.reservedCredits(now),
			videos: live.length,
			deleted_videos: videoList.length - live.length,
			by_status: byStatus,
			in_flight: this.inFlight(now).length,
			busy_slots: this.busySlots(now).length,
			idempotency_records: this.idempotency.list(now).length,
			video_list: videoList,
			template_videos: {
				total: Object.values(byTemplate).reduce((sum, count) => sum + count, 0),
				by_template: byTemplate,
			},
			translations: { total: translationList.length, by_status: translationsByStatus, list: translationList },
			lipsyncs: { total: this.lipsyncs.size, by_status: lipsyncsByStatus },
			proofreads: this.proofreadSummary(now),
			agent_sessions: { total: this.sessions.size, by_status: sessionsByStatus },
			hyperframes: { total: liveRenders.length, deleted: this.renders.size - liveRenders.length, by_status: rendersByStatus },
			assets: this.assets.summary(),
			speech_clips: this.speechClips.size,
			webhooks: this.webhooks.summary(),
			batches: this.batchSummary(now),
		};
	}
}
