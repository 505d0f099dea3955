import type { IDataObject } from 'n8n-workflow';

import { TERMINAL_JOB_STATUSES, type VideoDetail } from '../../schemas';
import type { JobSnapshot } from '../../transport/jobs';
import type { RunContext } from '../../transport/request';
import { batchPlan, callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { attachJobFile, fileAt, jobKindOf, jobOutput, jobSnapshot, type JobFile, type JobResource } from '../jobResource';

/** A video's file: MP4, or WebM for a transparent one. */
export function videoFile(detail: IDataObject): JobFile {
	const url = String(detail.video_url ?? '');
	const webm = /\.webm(\?|$)/.test(url) || detail.output_format === 'webm';
	return fileAt(detail, 'video_url', webm ? 'webm' : 'mp4', webm ? 'video/webm' : 'video/mp4');
}

/** Videos: read one by one, many through the list (newest first), or with HeyGen's bulk status read when parked. */
export const VIDEO_JOBS: JobResource = {
	noun: 'video',
	idField: 'video_id',
	get: { endpoint: 'getVideo', pathParam: 'video_id' },
	list: 'listVideos',
	statuses: { endpoint: 'getVideoStatuses', idsField: 'video_ids' },
	terminalStatuses: TERMINAL_JOB_STATUSES,
	waitOperation: 'Video → Wait for Completion',
};

/** A video as the node outputs it: HeyGen's fields, with `id` as `video_id`. */
export const videoOutput = (detail: VideoDetail | IDataObject, extra: IDataObject = {}): IDataObject => jobOutput(VIDEO_JOBS, detail as IDataObject, extra);

export const videoSnapshot = (detail: VideoDetail | IDataObject): JobSnapshot => jobSnapshot(VIDEO_JOBS, detail as IDataObject);

/**
 * The create flow of anything that renders one HeyGen video per item (avatar, image and studio
 * videos, template videos): `send` makes the create request and returns HeyGen's answer. With
 * `batches` a parked run sends avatar, image and studio videos through HeyGen's batches.
 */
export function videoCreatePlan(
	ctx: RunContext,
	purpose: string,
	send?: (item: PreparedItem, idempotencyKey: string) => Promise<IDataObject>,
	options: { batches?: boolean } = {},
): CreatePlan {
	return {
		noun: 'video',
		purpose,
		idField: 'video_id',
		kind: jobKindOf(ctx, VIDEO_JOBS),
		callsBack: true,
		events: ['avatar_video.success', 'avatar_video.fail'],
		...(options.batches ? { batch: batchPlan(ctx, 'video') } : {}),
		submit: send && (async (item, key) => [videoSnapshot(await send(item, key))]),
		toJson: (job, item) => videoOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({
			code: job.raw.failure_code as string | undefined,
			message: job.raw.failure_message as string | undefined,
		}),
		download: async (job, item, binaryPropertyName) =>
			(await attachJobFile(ctx, VIDEO_JOBS, job.id, item.itemIndex, binaryPropertyName, videoFile, { known: job.raw, callbackId: callbackIdOfItem(item) })).binary,
	};
}
