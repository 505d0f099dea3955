import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import { planVideo, type RenderPlan } from '../jobs/rendering';
import { videoStatusAt, type VideoJob } from '../jobs/state';
import { videoLinks, type UrlSigner } from '../jobs/storage';
import { VIDEO_PAGE_URL } from '../jobs/videoJob';
import type { Services } from '../services';
import { checkConcurrency, checkCredits } from './admission';
import type { HandlerTable } from './context';

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

/** Admits a planned video (concurrency cap, then credits) and starts its lifecycle. */
export function startVideo(plan: RenderPlan, services: Services, now: number): VideoJob {
	checkConcurrency(services, now);
	checkCredits(services, plan.costCredits, now);
	return services.state.addVideo(plan, now, services.config.timings, services.config.videoSizeBytes);
}

export const videoHandlers: HandlerTable = {
	createVideo: ({ body, now, services }) => {
		const plan = planVideo(body, {
			catalog: services.catalog,
			assets: services.state.assets,
			renderFailures: services.config.renderFailures,
		});
		const job = startVideo(plan, services, now);
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
