import { BATCH_FINISHED_EVENT } from '../../nodes/HeyGen/schemas/batch';
import type { EventDraft } from '../webhooks/store';
import { renderFailureText, type AgentRun, type AgentSession } from './agent';
import { isFinal, itemView, summarise, type Batch, type ItemView, type JobLookups } from './batches';
import type { HyperframesRender } from './hyperframes';
import type { LipsyncJob } from './lipsync';
import type { ProofreadJob } from './proofread';
import type { WatchVerdict } from './scheduler';
import type { TrackedWork } from './state';
import { lipsyncLinks, renderLinks, translationLinks, videoLinks, type UrlSigner } from './storage';
import type { TranslationJob } from './translation';
import { VIDEO_PAGE_URL, type VideoJob } from './videoJob';

/** A job to watch: its unique key, when it can first be final, and how to tell (with its event). */
export interface WorkWatch {
	key: string;
	dueAtMs: number;
	check: (now: number) => WatchVerdict<EventDraft>;
}

export interface EventSources {
	signer: UrlSigner;
	findVideo: (id: string) => VideoJob | undefined;
	/** Jobs of batch items, deleted videos included. */
	jobs: JobLookups;
	/** When the soonest busy concurrency slot frees up (a queued batch item may start then). */
	nextSlotFreeMs: (now: number) => number;
}

/** Deleted before it finished: cancelled, so it never completes or fails (nor is charged). */
function cancelledEarly(job: VideoJob): boolean {
	return job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs;
}

/** `avatar_video.success` / `.fail` for avatar, image, studio and template videos. */
export function videoEvent(job: VideoJob, signer: UrlSigner, now: number): EventDraft {
	const common = { entityIds: [job.id], callbackUrl: job.callbackUrl, occurredAtMs: job.finishedAtMs };
	if (job.outcome.status === 'completed') {
		return {
			...common,
			type: 'avatar_video.success',
			data: {
				video_id: job.id,
				url: videoLinks(job, signer, now).video_url,
				callback_id: job.callbackId,
				video_share_page_url: `${VIDEO_PAGE_URL}/${job.id}`,
				folder_id: null,
			},
		};
	}
	return {
		...common,
		type: 'avatar_video.fail',
		data: {
			video_id: job.id,
			msg: job.outcome.failureMessage ?? job.outcome.failureCode ?? 'Video rendering failed.',
			callback_id: job.callbackId,
		},
	};
}

/** `video_translate.success` / `.fail`, one per output language. */
export function translationEvent(job: TranslationJob, signer: UrlSigner, now: number): EventDraft {
	const common = { entityIds: [job.id], callbackUrl: job.callbackUrl, occurredAtMs: job.finishedAtMs };
	if (job.outcome.status === 'completed') {
		const links = translationLinks(job, signer, now);
		return {
			...common,
			type: 'video_translate.success',
			data: {
				video_translate_id: job.id,
				// An audio-only translation has no video; its file is the audio track.
				url: links.video_url ?? links.audio_url,
				callback_id: job.callbackId,
				output_language: job.outputLanguage,
			},
		};
	}
	return {
		...common,
		type: 'video_translate.fail',
		data: {
			video_translate_id: job.id,
			message: job.outcome.failureMessage,
			callback_id: job.callbackId,
			output_language: job.outputLanguage,
		},
	};
}

/**
 * The call a lipsync's `callback_url` gets when it ends. HeyGen lists no lipsync webhook event and
 * publishes no callback body, so this one is the emulator's own, sent to the `callback_url` only
 * (never to registered endpoints, never in the event history): the node reads the job by API anyway.
 */
export function lipsyncCallback(job: LipsyncJob, signer: UrlSigner, now: number): EventDraft {
	return {
		type: job.outcome.status === 'completed' ? 'lipsync.success' : 'lipsync.fail',
		data: {
			lipsync_id: job.id,
			status: job.outcome.status,
			callback_id: job.callbackId,
			...(job.outcome.status === 'completed' ? { video_url: lipsyncLinks(job, signer, now).video_url } : { failure_message: job.outcome.failureMessage }),
		},
		entityIds: [job.id],
		callbackUrl: job.callbackUrl,
		occurredAtMs: job.finishedAtMs,
		callbackOnly: true,
	};
}

/**
 * `hyperframes_video.success` / `.fail`. HeyGen documents no payload for them: the emulator sends
 * the render's id, its video link or failure, and the Callback ID, in HeyGen's field names.
 */
export function renderEvent(render: HyperframesRender, signer: UrlSigner, now: number): EventDraft {
	const common = { entityIds: [render.id], callbackUrl: render.callbackUrl, occurredAtMs: render.finishedAtMs };
	if (render.outcome.status === 'completed') {
		return {
			...common,
			type: 'hyperframes_video.success',
			data: { render_id: render.id, video_url: renderLinks(render, signer, now).video_url, callback_id: render.callbackId },
		};
	}
	return {
		...common,
		type: 'hyperframes_video.fail',
		data: { render_id: render.id, failure_message: render.outcome.failureMessage, callback_id: render.callbackId },
	};
}

function agentFailure(session: AgentSession, videoId: string | null, message: string, at: number): EventDraft {
	return {
		type: 'video_agent.fail',
		data: { session_id: session.id, video_id: videoId, message, callback_id: session.callbackId },
		entityIds: videoId ? [session.id, videoId] : [session.id],
		callbackUrl: session.callbackUrl,
		occurredAtMs: at,
	};
}

/**
 * `proofread_creation.success` / `.fail`, one per language. HeyGen takes no `callback_url` on a
 * proofread, so only registered endpoints hear of it. The body is not documented (inferred).
 */
export function proofreadEvent(job: ProofreadJob): EventDraft {
	const common = { entityIds: [job.id], callbackUrl: null, occurredAtMs: job.readyAtMs };
	const data = { proofread_id: job.id, output_language: job.outputLanguage };
	if (job.outcome.status === 'completed') return { ...common, type: 'proofread_creation.success', data };
	return { ...common, type: 'proofread_creation.fail', data: { ...data, message: job.outcome.failureMessage } };
}

/** The error the agent posted when this run ended without a video (a refused prompt, too few credits). */
function runErrorText(session: AgentSession, run: AgentRun): string {
	const posted = session.messages.filter(
		(message) => message.role === 'model' && message.type === 'error' && message.atMs === run.thinkingUntilMs,
	);
	return posted[posted.length - 1]?.content ?? 'The Video Agent session failed.';
}

/** How an agent run ends: after thinking (a failure), or when its video does. Questions end nothing. */
function checkAgentRun(
	session: AgentSession,
	run: AgentRun,
	sources: EventSources,
	now: number,
): WatchVerdict<EventDraft> {
	if (now < run.thinkingUntilMs) return { waitUntilMs: run.thinkingUntilMs };
	if (run.next === 'question') return { final: null };
	if (run.next === 'fail' || run.videoId === null) {
		return { final: agentFailure(session, null, runErrorText(session, run), run.thinkingUntilMs) };
	}
	const job = sources.findVideo(run.videoId);
	if (!job) return { final: null };
	if (cancelledEarly(job)) {
		return { final: agentFailure(session, job.id, 'The video was deleted before it finished.', job.deletedAtMs ?? now) };
	}
	if (now < job.finishedAtMs) return { waitUntilMs: job.finishedAtMs };
	if (job.outcome.status === 'failed') {
		return { final: agentFailure(session, job.id, renderFailureText(job), job.finishedAtMs) };
	}
	return {
		final: {
			type: 'video_agent.success',
			data: {
				session_id: session.id,
				video_id: job.id,
				video_url: videoLinks(job, sources.signer, now).video_url,
				callback_id: session.callbackId,
			},
			entityIds: [session.id, job.id],
			callbackUrl: session.callbackUrl,
			occurredAtMs: job.finishedAtMs,
		},
	};
}

/** `batch.finished`: the batch's id, aggregate status and counts. */
function batchEvent(batch: Batch, views: readonly ItemView[], occurredAtMs: number): EventDraft {
	const { batch_id, status, total_items, counts_by_status } = summarise(batch, views);
	return {
		type: BATCH_FINISHED_EVENT,
		data: { batch_id, status, total_items, counts_by_status },
		entityIds: [batch.id],
		callbackUrl: batch.callbackUrl,
		occurredAtMs,
	};
}

/** When the unfinished items of a batch can next change: the latest (`last`) or soonest end of their jobs, or a slot freeing up. */
function nextChangeMs(batch: Batch, views: readonly ItemView[], sources: EventSources, now: number, last: boolean): number {
	const ends: number[] = [];
	views.forEach((view, index) => {
		const item = batch.items[index];
		if (isFinal(view) || item.jobId === null) return;
		const job = item.kind === 'video' ? sources.jobs.video(item.jobId) : sources.jobs.translation(item.jobId);
		if (job) ends.push(job.finishedAtMs);
	});
	if (ends.length === 0) return sources.nextSlotFreeMs(now);
	return last ? Math.max(...ends) : Math.min(...ends);
}

function viewsOf(batch: Batch, sources: EventSources, now: number): ItemView[] {
	return batch.items.map((item) => itemView(item, now, sources.jobs));
}

/** The batch's `callback_url` (and subscribed endpoints) once every item is final. */
function batchWatch(batch: Batch, sources: EventSources): WorkWatch {
	return {
		key: `batch:${batch.id}`,
		dueAtMs: batch.createdAtMs,
		check: (now) => {
			const views = viewsOf(batch, sources, now);
			// A moment after the last job can end, so its own event goes out before the batch's.
			if (!views.every(isFinal)) return { waitUntilMs: nextChangeMs(batch, views, sources, now, true) + 1 };
			const finishedAtMs = Math.max(...views.map((view) => view.finishedAtMs ?? now));
			return { final: batchEvent(batch, views, finishedAtMs) };
		},
	};
}

/** The `callbacks.early` fault: the batch's `callback_url` alone, when its first item ends and others still run. */
function earlyBatchWatch(batch: Batch, sources: EventSources): WorkWatch {
	return {
		key: `batch-early:${batch.id}`,
		dueAtMs: batch.createdAtMs,
		check: (now) => {
			const views = viewsOf(batch, sources, now);
			const finals = views.filter(isFinal);
			// Everything ended at once: there is no moment left to be early in.
			if (finals.length === views.length) return { final: null };
			if (finals.length === 0) return { waitUntilMs: nextChangeMs(batch, views, sources, now, false) };
			const firstEndMs = Math.min(...finals.map((view) => view.finishedAtMs ?? now));
			return { final: { ...batchEvent(batch, views, firstEndMs), callbackOnly: true, fault: 'callbacks.early' } };
		},
	};
}

/**
 * The watches of a job that will fire webhook events: none for an agent's own video (its session's
 * run reports it as `video_agent.*`) or a run that only asks a question; a batch's own
 * `batch.finished`, plus its early callback under the `callbacks.early` fault.
 */
export function watchFor(work: TrackedWork, sources: EventSources): WorkWatch[] {
	switch (work.kind) {
		case 'batch': {
			const { batch } = work;
			const watches = [batchWatch(batch, sources)];
			if (batch.earlyCallback && batch.callbackUrl) watches.push(earlyBatchWatch(batch, sources));
			return watches;
		}
		case 'video': {
			const { job } = work;
			if (job.kind === 'agent') return [];
			return [{
				key: `video:${job.id}`,
				dueAtMs: job.finishedAtMs,
				check: (now) => {
					if (cancelledEarly(job)) return { final: null };
					if (now < job.finishedAtMs) return { waitUntilMs: job.finishedAtMs };
					return { final: videoEvent(job, sources.signer, now) };
				},
			}];
		}
		case 'translation': {
			const { job } = work;
			return [{
				key: `translation:${job.id}`,
				dueAtMs: job.finishedAtMs,
				check: (now) =>
					now < job.finishedAtMs ? { waitUntilMs: job.finishedAtMs } : { final: translationEvent(job, sources.signer, now) },
			}];
		}
		case 'lipsync': {
			const { job } = work;
			if (!job.callbackUrl) return [];
			return [{
				key: `lipsync:${job.id}`,
				dueAtMs: job.finishedAtMs,
				check: (now) => (now < job.finishedAtMs ? { waitUntilMs: job.finishedAtMs } : { final: lipsyncCallback(job, sources.signer, now) }),
			}];
		}
		case 'render': {
			const { render } = work;
			return [{
				key: `render:${render.id}`,
				dueAtMs: render.finishedAtMs,
				check: (now) => {
					// Deleted before it finished: stopped, so it neither completes nor fails.
					if (render.deletedAtMs !== null && render.deletedAtMs < render.finishedAtMs) return { final: null };
					return now < render.finishedAtMs ? { waitUntilMs: render.finishedAtMs } : { final: renderEvent(render, sources.signer, now) };
				},
			}];
		}
		case 'proofread': {
			const { job } = work;
			return [{
				key: `proofread:${job.id}`,
				dueAtMs: job.readyAtMs,
				check: (now) => (now < job.readyAtMs ? { waitUntilMs: job.readyAtMs } : { final: proofreadEvent(job) }),
			}];
		}
		case 'agent_run': {
			const { session, run } = work;
			if (run.next === 'question') return [];
			return [{
				key: `agent:${session.id}:${run.runId}`,
				dueAtMs: run.thinkingUntilMs,
				check: (now) => checkAgentRun(session, run, sources, now),
			}];
		}
	}
}
