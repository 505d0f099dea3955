import { z } from 'zod';

import { assetInputSchema, httpUrl, pageQuery } from './common';

/** HeyGen HyperFrames: a project of HTML (a .zip holding `index.html`) rendered to a video in HeyGen's cloud. */
export const HYPERFRAMES_QUALITIES = ['draft', 'standard', 'high'] as const;
export const HYPERFRAMES_FORMATS = ['mp4', 'webm', 'mov'] as const;
export const HYPERFRAMES_RESOLUTIONS = ['1080p', '4k'] as const;
export const HYPERFRAMES_ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const HYPERFRAMES_RENDER_STATUSES = ['queued', 'rendering', 'completed', 'failed'] as const;
export type HyperframesRenderStatus = (typeof HYPERFRAMES_RENDER_STATUSES)[number];
export type HyperframesFormat = (typeof HYPERFRAMES_FORMATS)[number];

/** The file HeyGen opens when the body names no `composition`. */
export const DEFAULT_COMPOSITION = 'index.html';
/** HeyGen's frame rate when the body gives none; HeyGen's own CLI takes 1 to 240. */
export const DEFAULT_HYPERFRAMES_FPS = 30;
export const HYPERFRAMES_FPS_RANGE = { min: 1, max: 240 };

export const HYPERFRAMES_EVENTS = ['hyperframes_video.success', 'hyperframes_video.fail'] as const;

/** What each output container is served as. */
export const HYPERFRAMES_MIME_TYPES: Record<HyperframesFormat, string> = {
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
};

const fpsRange = `must be a whole number from ${HYPERFRAMES_FPS_RANGE.min} to ${HYPERFRAMES_FPS_RANGE.max}`;

/** Body of `POST /v3/hyperframes/renders`. */
export const createHyperframesRenderBodySchema = z
	.object({
		project: assetInputSchema,
		fps: z
			.number()
			.min(HYPERFRAMES_FPS_RANGE.min, fpsRange)
			.max(HYPERFRAMES_FPS_RANGE.max, fpsRange)
			.refine(Number.isInteger, fpsRange)
			.nullish(),
		quality: z.enum(HYPERFRAMES_QUALITIES).nullish(),
		format: z.enum(HYPERFRAMES_FORMATS).nullish(),
		resolution: z.enum(HYPERFRAMES_RESOLUTIONS).nullish(),
		aspect_ratio: z.enum(HYPERFRAMES_ASPECT_RATIOS).nullish(),
		composition: z.string().trim().min(1, 'must not be empty').nullish(),
		variables: z.record(z.unknown()).nullish(),
		title: z.string().nullish(),
		callback_id: z.string().nullish(),
		callback_url: httpUrl.nullish(),
	})
	.strict();
export type CreateHyperframesRenderBody = z.infer<typeof createHyperframesRenderBodySchema>;

export const createHyperframesRenderResponseSchema = z.object({ render_id: z.string() }).passthrough();

/** `GET /v3/hyperframes/renders/{render_id}`: the file links only once completed, `failure_message` only once failed. */
export const hyperframesRenderDetailSchema = z
	.object({
		render_id: z.string(),
		status: z.string(),
		title: z.string().nullish(),
		callback_id: z.string().nullish(),
		video_url: z.string().nullish(),
		thumbnail_url: z.string().nullish(),
		duration: z.number().nullish(),
		fps: z.number().nullish(),
		quality: z.string().nullish(),
		format: z.string(),
		resolution: z.string().nullish(),
		aspect_ratio: z.string().nullish(),
		composition: z.string().nullish(),
		created_at: z.number().nullish(),
		completed_at: z.number().nullish(),
		failure_message: z.string().nullish(),
	})
	.passthrough();
export type HyperframesRenderDetail = z.infer<typeof hyperframesRenderDetailSchema>;

/** `DELETE /v3/hyperframes/renders/{render_id}`: a soft delete; the render answers 404 afterwards. */
export const deletedHyperframesRenderSchema = z.object({ render_id: z.string() }).passthrough();

export const listHyperframesRendersQuerySchema = pageQuery(100).strict();
