import type { IDataObject } from 'n8n-workflow';

import { TERMINAL_VIDEO_STATUSES, type VideoDetail } from '../../schemas';
import { readStatuses } from '../../transport/batches';
import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { findListedJobs } from '../../transport/listedJobs';
import { apiData, type RunContext } from '../../transport/request';
import { batchPlan, callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { videoOutput } from './shared';
import { attachVideoFile } from './videoFiles';

export function videoSnapshot(detail: VideoDetail | IDataObject): JobSnapshot {
	const raw = detail as IDataObject;
	const created = typeof raw.created_at === 'number' ? raw.created_at : undefined;
	const completed = typeof raw.completed_at === 'number' ? raw.completed_at : undefined;
	return {
		id: String(raw.id ?? raw.video_id),
		status: String(raw.status),
		raw,
		durationMs: created !== undefined && completed !== undefined ? (completed - created) * 1000 : undefined,
		createdAtMs: created !== undefined ? created * 1000 : undefined,
	};
}

/**
 * Video status for the job runner. Many running videos are read with one list call (newest
 * first); a video the first pages do not hold is read on its own.
 */
export function videoJobKind(ctx: RunContext): JobKind {
	return {
		noun: 'video',
		terminalStatuses: TERMINAL_VIDEO_STATUSES,
		failedStatuses: ['failed'],
		async getOne(id, itemIndex) {
			return videoSnapshot(await apiData<IDataObject>(ctx, 'getVideo', { pathParams: { video_id: id }, itemIndex }));
		},
		getMany: async (ids) => await findListedJobs(ctx, 'listVideos', ids, videoSnapshot),
		statuses: async (ids) => await readStatuses(ctx, 'getVideoStatuses', 'video_ids', ids),
	};
}


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
		kind: videoJobKind(ctx),
		callsBack: true,
		events: ['avatar_video.success', 'avatar_video.fail'],
		...(options.batches ? { batch: batchPlan(ctx, 'video') } : {}),
		submit: send && (async (item, key) => [videoSnapshot(await send(item, key))]),
		toJson: (job, item) => videoOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({
			code: job.raw.failure_code as string | undefined,
			message: job.raw.failure_message as string | undefined,
		}),
		download: async (job, itemIndex, binaryPropertyName) =>
			await attachVideoFile(ctx, job.id, itemIndex, binaryPropertyName, job.raw.video_url as string | undefined),
	};
}
