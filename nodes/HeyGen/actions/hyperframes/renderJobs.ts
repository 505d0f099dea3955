import type { IDataObject } from 'n8n-workflow';

import { HYPERFRAMES_EVENTS, HYPERFRAMES_MIME_TYPES, TERMINAL_JOB_STATUSES, type HyperframesFormat } from '../../schemas';
import type { RunContext } from '../../transport/request';
import { callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { attachJobFile, fileAt, jobKindOf, jobOutput, type JobFile, type JobResource } from '../jobResource';

/** HyperFrames renders: read one by one or many through the list; HeyGen has no bulk status read for them. */
export const RENDER_JOBS: JobResource = {
	noun: 'HyperFrames render',
	idField: 'render_id',
	detailIdField: 'render_id',
	get: { endpoint: 'getHyperframesRender', pathParam: 'render_id' },
	list: 'listHyperframesRenders',
	terminalStatuses: TERMINAL_JOB_STATUSES,
	waitOperation: 'HyperFrames Render → Wait for Completion',
};

/** A render as the node outputs it: HeyGen's own fields and names, with what the node knows beside them. */
export const renderOutput = (detail: IDataObject, extra: IDataObject = {}): IDataObject => jobOutput(RENDER_JOBS, detail, extra);

/** A render's video, in the container it was rendered to. */
export function renderFile(detail: IDataObject): JobFile {
	const container = (String(detail.format) in HYPERFRAMES_MIME_TYPES ? detail.format : 'mp4') as HyperframesFormat;
	return fileAt(detail, 'video_url', container, HYPERFRAMES_MIME_TYPES[container]);
}

/** The create flow of HyperFrames renders: one render, and one output item, per input item. */
export function renderPlan(ctx: RunContext, send?: (item: PreparedItem, idempotencyKey: string) => Promise<string>): CreatePlan {
	return {
		noun: RENDER_JOBS.noun,
		purpose: 'hyperframes-render',
		idField: 'render_id',
		callsBack: true,
		events: [...HYPERFRAMES_EVENTS],
		kind: jobKindOf(ctx, RENDER_JOBS),
		submit:
			send &&
			(async (item, key) => {
				const renderId = await send(item, key);
				return [{ id: renderId, status: 'queued', raw: { render_id: renderId, status: 'queued' } }];
			}),
		toJson: (job, item) => renderOutput(job.raw, { callback_id: callbackIdOfItem(item) ?? (job.raw.callback_id as string | undefined) }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, item, binaryPropertyName) =>
			(await attachJobFile(ctx, RENDER_JOBS, job.id, item.itemIndex, binaryPropertyName, renderFile, { known: job.raw, callbackId: callbackIdOfItem(item) })).binary,
	};
}
