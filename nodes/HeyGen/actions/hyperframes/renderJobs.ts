import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { HYPERFRAMES_EVENTS, HYPERFRAMES_MIME_TYPES, TERMINAL_HYPERFRAMES_STATUSES, type HyperframesFormat, type HyperframesRenderDetail } from '../../schemas';
import { downloadToBinary, type DownloadTarget } from '../../transport/download';
import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { findListedJobs } from '../../transport/listedJobs';
import { apiData, type RunContext } from '../../transport/request';
import type { CreatePlan, PreparedItem } from '../createFlow';

export const RENDER_NOUN = 'HyperFrames render';

/** A render as the node outputs it: HeyGen's own fields and names, with what the node knows beside them. */
export function renderOutput(detail: IDataObject, extra: IDataObject = {}): IDataObject {
	const output: IDataObject = {};
	for (const [key, value] of Object.entries({ ...detail, ...extra })) {
		if (value !== undefined) output[key] = value;
	}
	return output;
}

function renderSnapshot(detail: IDataObject): JobSnapshot {
	const created = typeof detail.created_at === 'number' ? detail.created_at : undefined;
	const completed = typeof detail.completed_at === 'number' ? detail.completed_at : undefined;
	return {
		id: String(detail.render_id),
		status: String(detail.status),
		raw: detail,
		durationMs: created !== undefined && completed !== undefined ? (completed - created) * 1000 : undefined,
		createdAtMs: created !== undefined ? created * 1000 : undefined,
	};
}

/** Render status for the job runner: many at once through the list (newest first), the rest one by one. HeyGen has no bulk status read for renders. */
export function renderJobKind(ctx: RunContext): JobKind {
	return {
		noun: RENDER_NOUN,
		terminalStatuses: TERMINAL_HYPERFRAMES_STATUSES,
		failedStatuses: ['failed'],
		async getOne(id, itemIndex) {
			return renderSnapshot(await apiData<IDataObject>(ctx, 'getHyperframesRender', { pathParams: { render_id: id }, itemIndex }));
		},
		getMany: async (ids) => await findListedJobs(ctx, 'listHyperframesRenders', ids, renderSnapshot),
	};
}

function renderTarget(renderId: string, format: string, url: string): DownloadTarget {
	const container = (format in HYPERFRAMES_MIME_TYPES ? format : 'mp4') as HyperframesFormat;
	return { url, fileName: `${renderId}.${container}`, mimeType: HYPERFRAMES_MIME_TYPES[container] };
}

/** A finished render with a freshly signed link to its video (stored links expire). */
export async function freshRenderDownload(ctx: RunContext, renderId: string, itemIndex: number) {
	const detail = await apiData<HyperframesRenderDetail>(ctx, 'getHyperframesRender', { pathParams: { render_id: renderId }, itemIndex });
	if (detail.status !== 'completed' || !detail.video_url) {
		throw new NodeOperationError(ctx.getNode(), `The ${RENDER_NOUN} ${renderId} is not ready to download (status: ${detail.status}) [item ${itemIndex}]`, {
			itemIndex,
			description: 'Only completed renders can be downloaded. Wait for it with HyperFrames Render → Wait for Completion first.',
		});
	}
	return { detail, target: renderTarget(renderId, detail.format, detail.video_url) };
}

/** Downloads a finished render into the item's binary field; a link the wait has just read is used as is. */
export async function attachRenderFile(
	ctx: RunContext,
	job: JobSnapshot,
	itemIndex: number,
	binaryPropertyName: string,
): Promise<NonNullable<INodeExecutionData['binary']>> {
	const refresh = async () => (await freshRenderDownload(ctx, job.id, itemIndex)).target;
	const known = job.raw.video_url;
	const target = typeof known === 'string' && known ? renderTarget(job.id, String(job.raw.format), known) : await refresh();
	return { [binaryPropertyName]: await downloadToBinary(ctx, target, refresh, itemIndex, { noun: RENDER_NOUN, id: job.id }) };
}

/** The create flow of HyperFrames renders: one render, and one output item, per input item. */
export function renderPlan(ctx: RunContext, send?: (item: PreparedItem, idempotencyKey: string) => Promise<string>): CreatePlan {
	return {
		noun: RENDER_NOUN,
		purpose: 'hyperframes-render',
		idField: 'render_id',
		callsBack: true,
		events: [...HYPERFRAMES_EVENTS],
		kind: renderJobKind(ctx),
		submit:
			send &&
			(async (item, key) => {
				const renderId = await send(item, key);
				return [{ id: renderId, status: 'queued', raw: { render_id: renderId, status: 'queued' } }];
			}),
		toJson: (job, item) => renderOutput(job.raw, { callback_id: (item.body?.callback_id as string | undefined) ?? (job.raw.callback_id as string | undefined) }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, itemIndex, binaryPropertyName) => await attachRenderFile(ctx, job, itemIndex, binaryPropertyName),
	};
}
