import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TERMINAL_LIPSYNC_STATUSES, type LipsyncDetail } from '../../schemas';
import { readStatuses } from '../../transport/batches';
import { downloadToBinary, type DownloadTarget } from '../../transport/download';
import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { findListedJobs } from '../../transport/listedJobs';
import { apiData, type RunContext } from '../../transport/request';
import { callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';

/** A lipsync's files: the new video, or its captions (made when asked for). */
export type LipsyncFile = 'video' | 'captions';

/** A lipsync as the node outputs it: HeyGen's fields, with `id` as `lipsync_id`. */
export function lipsyncOutput(detail: IDataObject, extra: IDataObject = {}): IDataObject {
	const { id, ...rest } = detail;
	const output: IDataObject = { lipsync_id: id };
	for (const [key, value] of Object.entries({ ...rest, ...extra })) {
		if (value !== undefined) output[key] = value;
	}
	return output;
}

function snapshot(detail: IDataObject): JobSnapshot {
	const created = typeof detail.created_at === 'number' ? detail.created_at * 1000 : undefined;
	return { id: String(detail.id), status: String(detail.status), raw: detail, createdAtMs: created };
}

/** Lipsync status for the job runner: many at once through the list, or HeyGen's bulk status read when parked. */
export function lipsyncJobKind(ctx: RunContext): JobKind {
	return {
		noun: 'lipsync',
		terminalStatuses: TERMINAL_LIPSYNC_STATUSES,
		failedStatuses: ['failed'],
		getOne: async (id, itemIndex) => snapshot(await apiData<IDataObject>(ctx, 'getLipsync', { pathParams: { lipsync_id: id }, itemIndex })),
		getMany: async (ids) => await findListedJobs(ctx, 'listLipsyncs', ids, snapshot),
		statuses: async (ids) => await readStatuses(ctx, 'getLipsyncStatuses', 'lipsync_ids', ids),
	};
}

/** A finished lipsync's file with a freshly signed link. */
export async function freshLipsyncDownload(ctx: RunContext, id: string, itemIndex: number, file: LipsyncFile = 'video') {
	const detail = await apiData<LipsyncDetail>(ctx, 'getLipsync', { pathParams: { lipsync_id: id }, itemIndex });
	const url = file === 'captions' ? detail.caption_url : detail.video_url;
	if (detail.status !== 'completed' || !url) {
		const why = detail.status === 'completed' ? 'it has no captions: create it with Captions on' : `status: ${detail.status}`;
		throw new NodeOperationError(ctx.getNode(), `The lipsync ${id} has no ${file === 'captions' ? 'caption file' : 'video'} to download (${why}) [item ${itemIndex}]`, {
			itemIndex,
			description: 'Only completed lipsyncs can be downloaded. Wait for it with Lipsync → Wait for Completion first.',
		});
	}
	const target: DownloadTarget =
		file === 'captions'
			? { url, fileName: `${id}.srt`, mimeType: 'application/x-subrip' }
			: { url, fileName: `${id}.mp4`, mimeType: 'video/mp4' };
	return { detail, target };
}

export async function attachLipsyncFile(
	ctx: RunContext,
	id: string,
	itemIndex: number,
	binaryPropertyName: string,
	file: LipsyncFile = 'video',
): Promise<NonNullable<INodeExecutionData['binary']>> {
	const refresh = async () => (await freshLipsyncDownload(ctx, id, itemIndex, file)).target;
	return { [binaryPropertyName]: await downloadToBinary(ctx, await refresh(), refresh, itemIndex, { noun: 'lipsync', id }) };
}

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
		kind: lipsyncJobKind(ctx),
		submit:
			send &&
			(async (item, key) => {
				const id = await send(item, key);
				return [{ id, status: 'pending', raw: { id, status: 'pending', title: item.body?.title ?? null } }];
			}),
		toJson: (job, item) => lipsyncOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, itemIndex, binaryPropertyName) => await attachLipsyncFile(ctx, job.id, itemIndex, binaryPropertyName),
	};
}
