import { DEFAULT_COMPOSITION, DEFAULT_HYPERFRAMES_FPS, projectPath, projectZipProblem, type CreateHyperframesRenderBody } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { ApiProblem, notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import { requireAsset } from '../jobs/assets';
import {
	ASSUMED_RENDER_SECONDS,
	RENDER_CREDITS_PER_SECOND,
	RENDER_FAILURES,
	RESOLUTION_PRICE_FACTOR,
	renderStatusAt,
	type HyperframesRender,
	type RenderOutcome,
	type RenderPlan,
} from '../jobs/hyperframes';
import { isUnreachable, MAGIC_INPUTS, roundCredits } from '../jobs/rendering';
import { renderLinks, type UrlSigner } from '../jobs/storage';
import type { Services } from '../services';
import { checkConcurrency, checkCredits } from './admission';
import type { HandlerTable } from './context';

const OWN_UPLOAD_PATH = /^\/uploads\/([0-9a-f]{32})\.[a-z0-9]+$/;

/** `HyperframesRenderDetail`: file links only once completed, `failure_message` only once failed. */
export function presentRender(render: HyperframesRender, now: number, signer: UrlSigner): Record<string, unknown> {
	const status = renderStatusAt(render, now);
	const detail: Record<string, unknown> = {
		render_id: render.id,
		status,
		title: render.title,
		callback_id: render.callbackId,
		video_url: null,
		thumbnail_url: null,
		duration: null,
		fps: render.fps,
		quality: render.quality,
		format: render.format,
		resolution: render.resolution,
		aspect_ratio: render.aspectRatio,
		composition: render.composition,
		created_at: Math.floor(render.createdAtMs / 1000),
		completed_at: null,
	};
	if (status === 'completed') {
		Object.assign(detail, renderLinks(render, signer, now), { duration: render.durationSeconds });
	}
	if (status === 'completed' || status === 'failed') detail.completed_at = Math.floor(render.finishedAtMs / 1000);
	if (status === 'failed' && render.outcome.status === 'failed') detail.failure_message = render.outcome.failureMessage;
	return detail;
}

function invalidProject(param: string, problem: string): ApiProblem {
	return new ApiProblem(400, 'hyperframes_project_invalid', `The project ${problem}.`, param);
}

function checkProjectBytes(bytes: Buffer, composition: string, param: string): void {
	const problem = projectZipProblem(bytes, composition);
	if (problem) throw invalidProject(param, problem);
}

/**
 * Checks the project where the emulator can see it (an upload, inline base64, a file on its own
 * storage host) and decides how the render ends: an outside URL is fetched later, like HeyGen
 * does, and one on an unreachable host fails the render while it is queued.
 */
function projectOutcome(body: CreateHyperframesRenderBody, composition: string, services: Services): RenderOutcome {
	const { project } = body;
	if (project.type === 'asset_id') {
		// Any upload is read as the project (404 when there is none): a wrong file is an invalid project.
		const asset = services.state.assets.find(project.asset_id) ?? requireAsset(services.state.assets, project.asset_id, 'project.asset_id', ['archive']);
		checkProjectBytes(asset.bytes, composition, 'project.asset_id');
	} else if (project.type === 'base64') {
		checkProjectBytes(Buffer.from(project.data, 'base64'), composition, 'project.data');
	} else {
		if (isUnreachable(project.url)) return { status: 'failed', stage: 'queued', failureMessage: RENDER_FAILURES.download(project.url) };
		const url = new URL(project.url);
		if (url.origin === services.signer.origin) {
			const upload = OWN_UPLOAD_PATH.exec(url.pathname);
			const asset = upload ? services.state.assets.find(upload[1]) : undefined;
			if (!asset) throw invalidProject('project.url', 'could not be downloaded: the storage host has no such file');
			checkProjectBytes(asset.bytes, composition, 'project.url');
		}
	}
	if (body.title?.includes(MAGIC_INPUTS.fail)) return { status: 'failed', stage: 'rendering', failureMessage: RENDER_FAILURES.magic };
	return { status: 'completed' };
}

/** Checks a create body against the account's uploads, and decides the render's settings, cost and outcome. */
export function planRender(body: CreateHyperframesRenderBody, services: Services): RenderPlan {
	const composition = projectPath(body.composition ?? DEFAULT_COMPOSITION);
	const resolution = body.resolution ?? '1080p';
	const durationSeconds = ASSUMED_RENDER_SECONDS;
	return {
		title: body.title ?? null,
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		fps: body.fps ?? DEFAULT_HYPERFRAMES_FPS,
		quality: body.quality ?? 'standard',
		format: body.format ?? 'mp4',
		resolution,
		aspectRatio: body.aspect_ratio ?? '16:9',
		composition,
		durationSeconds,
		costCredits: roundCredits(durationSeconds * RENDER_CREDITS_PER_SECOND * (RESOLUTION_PRICE_FACTOR[resolution] ?? 1)),
		outcome: projectOutcome(body, composition, services),
	};
}

function requireRender(services: Services, id: string): HyperframesRender {
	const render = services.state.findRender(id);
	if (!render) throw notFound('HyperFrames render not found.', 'hyperframes_render_not_found');
	return render;
}

export const hyperframesHandlers: HandlerTable = {
	/** Takes a concurrency slot like any render, and is charged when it completes. */
	createHyperframesRender: ({ body, now, services }) => {
		const plan = planRender(body, services);
		checkConcurrency(services, now);
		checkCredits(services, plan.costCredits, now, 'render');
		const render = services.state.addRender(plan, now, services.config.timings, services.config.videoSizeBytes);
		return dataReply({ render_id: render.id });
	},

	listHyperframesRenders: ({ query, now, services }) => {
		const newestFirst = [...services.state.renders.values()]
			.filter((render) => render.deletedAtMs === null)
			.sort((a, b) => b.sequence - a.sequence);
		const page = paginate({
			items: newestFirst,
			limit: query.limit ?? ENDPOINTS.listHyperframesRenders.page.defaultLimit,
			token: query.token,
			list: 'hyperframes_renders',
			rankOf: (render) => -render.sequence,
		});
		return listReply({ ...page, data: page.data.map((render) => presentRender(render, now, services.signer)) });
	},

	getHyperframesRender: ({ params, now, services }) =>
		dataReply(presentRender(requireRender(services, params.render_id), now, services.signer)),

	deleteHyperframesRender: ({ params, now, services }) => {
		const render = requireRender(services, params.render_id);
		services.state.deleteRender(render.id, now);
		return dataReply({ render_id: render.id });
	},
};
