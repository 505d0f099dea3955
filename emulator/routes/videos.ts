import { ENDPOINTS } from '../../nodes/HeyGen/transport/endpoints';
import { ApiProblem, notFound } from '../errors';
import { paginate } from '../pagination';
import { roundCredits, planVideo } from '../rendering';
import { dataReply, listReply } from '../reply';
import { videoStatusAt, type VideoJob } from '../state';
import { videoLinks, type UrlSigner } from '../storage';
import type { HandlerTable, Services } from './context';

export const VIDEO_PAGE_URL = 'https://app.heygen.com/videos';

/** `VideoDetail`: completion fields stay null until completed, failure fields appear only on failure. */
export function presentVideo(job: VideoJob, now: number, signer: UrlSigner): Record<string, unknown> {
	const status = videoStatusAt(job, now);
	const detail: Record<string, unknown> = {
		id: job.id,
		title: job.title,
		status,
		created_at: Math.floor(job.createdAtMs / 1000),
		completed_at: null,
		video_url: null,
		thumbnail_url: null,
		gif_url: null,
		captioned_video_url: null,
		subtitle_url: null,
		duration: null,
		folder_id: null,
		video_page_url: `${VIDEO_PAGE_URL}/${job.id}`,
	};
	if (status === 'completed') {
		Object.assign(detail, videoLinks(job, signer, now), {
			completed_at: Math.floor(job.finishedAtMs / 1000),
			duration: job.durationSeconds,
		});
	}
	if (status === 'failed' && job.outcome.status === 'failed') {
		if (job.outcome.failureCode !== undefined) detail.failure_code = job.outcome.failureCode;
		if (job.outcome.failureMessage !== undefined) detail.failure_message = job.outcome.failureMessage;
	}
	return detail;
}

function requireVideo(services: Services, id: string): VideoJob {
	const job = services.state.findVideo(id);
	if (!job) throw notFound('Video not found.');
	return job;
}

/** 429 at the concurrency cap; Retry-After is when the earliest in-flight job finishes. */
function checkConcurrency(services: Services, now: number): void {
	const inFlight = services.state.inFlight(now);
	const limit = services.config.concurrencyLimit;
	if (inFlight.length < limit) return;
	const earliestFinish = inFlight.reduce((earliest, job) => Math.min(earliest, job.finishedAtMs), Infinity);
	const retryAfter = Math.max(1, Math.ceil((earliestFinish - now) / 1000));
	throw new ApiProblem(
		429,
		'rate_limit_exceeded',
		`Concurrency limit reached: ${inFlight.length} videos are in progress (limit ${limit}). Retry after the duration specified in the Retry-After header.`,
		null,
		{ 'Retry-After': String(retryAfter) },
	);
}

/** 402 unless the wallet, less what in-flight videos will cost, covers this one. */
function checkCredits(services: Services, cost: number, now: number): void {
	const available = roundCredits(services.state.balance - services.state.reservedCredits(now));
	if (available >= cost) return;
	throw new ApiProblem(
		402,
		'insufficient_credit',
		`Your account has ${Math.max(0, available)} credits but this video requires ${cost} credits.`,
	);
}

export const videoHandlers: HandlerTable = {
	createVideo: ({ body, now, services }) => {
		const plan = planVideo(body, services.catalog, services.config.renderFailures);
		checkConcurrency(services, now);
		checkCredits(services, plan.costCredits, now);
		const job = services.state.addVideo(plan, now, services.config.timings, services.config.videoSizeBytes);
		return dataReply({ video_id: job.id, status: 'waiting', output_format: job.outputFormat });
	},

	listVideos: ({ query, now, services }) => {
		const title = query.title?.toLowerCase();
		const matching = services.state
			.liveVideos()
			.reverse()
			.filter(
				(job) =>
					// Videos made through the API sit in no folder, so a folder filter excludes them all.
					query.folder_id === undefined && (title === undefined || (job.title ?? '').toLowerCase().includes(title)),
			);
		const page = paginate({
			items: matching,
			limit: query.limit ?? ENDPOINTS.listVideos.page.defaultLimit,
			token: query.token,
			list: 'videos',
			rankOf: (job) => -job.sequence,
		});
		return listReply({ ...page, data: page.data.map((job) => presentVideo(job, now, services.signer)) });
	},

	getVideo: ({ params, now, services }) =>
		dataReply(presentVideo(requireVideo(services, params.video_id), now, services.signer)),

	deleteVideo: ({ params, now, services }) => {
		const job = requireVideo(services, params.video_id);
		services.state.deleteVideo(job.id, now);
		return dataReply({ id: job.id, deleted: true });
	},
};
