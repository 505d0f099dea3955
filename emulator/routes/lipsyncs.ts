import type { CreateLipsyncBody } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import { requireAsset } from '../jobs/assets';
import { LIPSYNC_CREDITS_PER_SECOND, LIPSYNC_FAILURES, lipsyncStatusAt, type LipsyncJob, type LipsyncPlan } from '../jobs/lipsync';
import { isUnreachable, MAGIC_INPUTS, roundCredits } from '../jobs/rendering';
import { lipsyncLinks, type UrlSigner } from '../jobs/storage';
import { ASSUMED_SOURCE_SECONDS, type TranslationOutcome } from '../jobs/translation';
import type { Services } from '../services';
import { checkConcurrency, checkCredits } from './admission';
import type { HandlerTable } from './context';

const OWN_VIDEO_PATH = /^\/videos\/([0-9a-f]{32})\.(mp4|webm)$/;
const OWN_SPEECH_PATH = /^\/speech\/(req_[0-9a-f]{24})\.mp3$/;

/** `LipsyncDetail`: file links only once completed, `failure_message` only once failed. */
export function presentLipsync(job: LipsyncJob, now: number, signer: UrlSigner): Record<string, unknown> {
	const status = lipsyncStatusAt(job, now);
	const detail: Record<string, unknown> = {
		id: job.id,
		title: job.title,
		status,
		duration: null,
		video_url: null,
		caption_url: null,
		callback_id: job.callbackId,
		created_at: Math.floor(job.createdAtMs / 1000),
	};
	if (status === 'completed') Object.assign(detail, lipsyncLinks(job, signer, now), { duration: job.durationSeconds });
	if (status === 'failed' && job.outcome.status === 'failed') detail.failure_message = job.outcome.failureMessage;
	return detail;
}

/** Seconds of a file this emulator made (a finished video, a speech clip); undefined for anything else. */
function ownSeconds(url: string, services: Services): number | undefined {
	try {
		const parsed = new URL(url);
		if (parsed.origin !== services.signer.origin) return undefined;
		const video = OWN_VIDEO_PATH.exec(parsed.pathname);
		if (video) return services.state.findVideo(video[1])?.durationSeconds;
		const speech = OWN_SPEECH_PATH.exec(parsed.pathname);
		return speech ? services.state.speechClips.get(speech[1])?.durationSeconds : undefined;
	} catch {
		return undefined;
	}
}

function outcomeOf(body: CreateLipsyncBody): TranslationOutcome {
	for (const what of ['video', 'audio'] as const) {
		const input = body[what];
		if (input.type === 'url' && isUnreachable(input.url)) {
			return { status: 'failed', stage: 'pending', failureMessage: LIPSYNC_FAILURES.download(what, input.url) };
		}
	}
	if (body.title?.includes(MAGIC_INPUTS.fail)) return { status: 'failed', stage: 'running', failureMessage: LIPSYNC_FAILURES.magic };
	return { status: 'completed' };
}

/**
 * Checks uploads (the video an uploaded video, the audio an uploaded audio) and decides the
 * output: as long as the new audio (the video adapts to it), else the video, when the emulator
 * knows either; charged per second by mode.
 */
export function planLipsync(body: CreateLipsyncBody, services: Services): LipsyncPlan {
	if (body.video.type === 'asset_id') requireAsset(services.state.assets, body.video.asset_id, 'video.asset_id', ['video']);
	if (body.audio.type === 'asset_id') requireAsset(services.state.assets, body.audio.asset_id, 'audio.asset_id', ['audio']);
	const known = (input: CreateLipsyncBody['video']) => (input.type === 'url' ? ownSeconds(input.url, services) : undefined);
	const durationSeconds = Math.max(1, known(body.audio) ?? known(body.video) ?? ASSUMED_SOURCE_SECONDS);
	const mode = body.mode ?? 'speed';
	return {
		title: body.title ?? null,
		mode,
		durationSeconds,
		captions: Boolean(body.enable_caption),
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		costCredits: roundCredits(durationSeconds * LIPSYNC_CREDITS_PER_SECOND[mode]),
		outcome: outcomeOf(body),
	};
}

function requireLipsync(services: Services, id: string): LipsyncJob {
	const job = services.state.lipsyncs.get(id);
	if (!job) throw notFound('Lipsync not found.');
	return job;
}

export const lipsyncHandlers: HandlerTable = {
	/** One job, taking a concurrency slot and charged when it completes. */
	createLipsync: ({ body, now, services }) => {
		const plan = planLipsync(body, services);
		checkConcurrency(services, now);
		checkCredits(services, plan.costCredits, now, 'lipsync');
		const job = services.state.addLipsync(plan, now, services.config.translationTimings, services.config.videoSizeBytes);
		return dataReply({ lipsync_id: job.id });
	},

	listLipsyncs: ({ query, now, services }) => {
		const newestFirst = [...services.state.lipsyncs.values()].sort((a, b) => b.sequence - a.sequence);
		const page = paginate({
			items: newestFirst,
			limit: query.limit ?? ENDPOINTS.listLipsyncs.page.defaultLimit,
			token: query.token,
			list: 'lipsyncs',
			rankOf: (job) => -job.sequence,
		});
		return listReply({ ...page, data: page.data.map((job) => presentLipsync(job, now, services.signer)) });
	},

	getLipsync: ({ params, now, services }) => dataReply(presentLipsync(requireLipsync(services, params.lipsync_id), now, services.signer)),
};
