import type { IDataObject } from 'n8n-workflow';

import { TERMINAL_JOB_STATUSES } from '../../schemas';
import type { RunContext } from '../../transport/request';
import { callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { attachJobFile, fileAt, jobKindOf, jobOutput, type JobFile, type JobResource } from '../jobResource';

/** A lipsync's files: the new video, or its captions (made when asked for). */
export type LipsyncFile = 'video' | 'captions';

/** Lipsyncs: read one by one, many through the list, or with HeyGen's bulk status read when parked. */
export const LIPSYNC_JOBS: JobResource = {
	noun: 'lipsync',
	idField: 'lipsync_id',
	get: { endpoint: 'getLipsync', pathParam: 'lipsync_id' },
	list: 'listLipsyncs',
	statuses: { endpoint: 'getLipsyncStatuses', idsField: 'lipsync_ids' },
	terminalStatuses: TERMINAL_JOB_STATUSES,
	waitOperation: 'Lipsync → Wait for Completion',
};

/** A lipsync as the node outputs it: HeyGen's fields, with `id` as `lipsync_id`. */
export const lipsyncOutput = (detail: IDataObject, extra: IDataObject = {}): IDataObject => jobOutput(LIPSYNC_JOBS, detail, extra);

export const lipsyncFile =
	(file: LipsyncFile) =>
	(detail: IDataObject): JobFile =>
		file === 'captions'
			? fileAt(detail, 'caption_url', 'srt', 'application/x-subrip', 'it has no captions: create it with Captions on')
			: fileAt(detail, 'video_url', 'mp4', 'video/mp4');

/**
 * The create flow of lipsyncs: one job per item. HeyGen calls a lipsync's `callback_url` when it
 * ends, so a parked run sends each create with the resume URL; HeyGen has no lipsync webhook event,
 * so a wait for lipsyncs made elsewhere polls.
 */
export function lipsyncCreatePlan(ctx: RunContext, send?: (item: PreparedItem, idempotencyKey: string) => Promise<string>): CreatePlan {
	return {
		noun: 'lipsync',
		purpose: 'lipsync',
		idField: 'lipsync_id',
		callsBack: true,
		kind: jobKindOf(ctx, LIPSYNC_JOBS),
		submit:
			send &&
			(async (item, key) => {
				const id = await send(item, key);
				return [{ id, status: 'pending', raw: { id, status: 'pending', title: item.body?.title ?? null } }];
			}),
		toJson: (job, item) => lipsyncOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, item, binaryPropertyName) =>
			(await attachJobFile(ctx, LIPSYNC_JOBS, job.id, item.itemIndex, binaryPropertyName, lipsyncFile('video'), { callbackId: callbackIdOfItem(item) })).binary,
	};
}
