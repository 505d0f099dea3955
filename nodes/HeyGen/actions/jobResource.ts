import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItemChecked } from '../helpers/items';
import { idParameter, textParameter } from '../helpers/parameters';
import { fileNameFor } from '../helpers/fileNames';
import { withIsoTimes } from '../helpers/timestamps';
import type { FieldLabels } from '../helpers/validation';
import type { EndpointKey } from '../schemas/endpoints';
import { readStatuses } from '../transport/batches';
import { downloadToBinary, type DownloadTarget } from '../transport/download';
import type { JobKind, JobSnapshot } from '../transport/jobs';
import { findListedJobs } from '../transport/listedJobs';
import { apiData, type RunContext } from '../transport/request';

/**
 * One kind of HeyGen job (video, translation, lipsync, proofread, HyperFrames render) as the node
 * waits for it, outputs it and downloads its files: everything here is read off this description.
 */
export interface JobResource {
	/** Words for messages ("video translation"). */
	noun: string;
	/** The id's name in the node's output and fields (`video_translation_id`). */
	idField: string;
	/** The id's name in HeyGen's answer, when not `id` (`render_id`). */
	detailIdField?: string;
	/** The read of one job, and its path parameter. */
	get: { endpoint: EndpointKey; pathParam: string; fieldLabels?: FieldLabels };
	/** The job list, newest first, when HeyGen has one: many running jobs read a page at a time. */
	list?: EndpointKey;
	/** HeyGen's bulk status read, when it has one for this kind. */
	statuses?: { endpoint: Parameters<typeof readStatuses>[1]; idsField: Parameters<typeof readStatuses>[2] };
	terminalStatuses: readonly string[];
	/** The operation a user waits with, for "not ready" hints ("Video → Wait for Completion"). */
	waitOperation: string;
}

const seconds = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** A job as the job runner sees it, from HeyGen's answer (its times in Unix seconds). */
export function jobSnapshot(resource: JobResource, detail: IDataObject): JobSnapshot {
	const created = seconds(detail.created_at);
	const completed = seconds(detail.completed_at);
	return {
		id: String(detail[resource.detailIdField ?? 'id'] ?? detail[resource.idField]),
		status: String(detail.status),
		raw: detail,
		durationMs: created !== undefined && completed !== undefined ? (completed - created) * 1000 : undefined,
		createdAtMs: created !== undefined ? created * 1000 : undefined,
	};
}

/** Reads one job. */
export async function readJob<T = IDataObject>(ctx: RunContext, resource: JobResource, id: string, itemIndex: number): Promise<T> {
	const { endpoint, pathParam, fieldLabels } = resource.get;
	return await apiData<T>(ctx, endpoint, { pathParams: { [pathParam]: id }, itemIndex, fieldLabels });
}

/** How the job runner reads this kind: one by one, a list page for many, the bulk status read when parked. */
export function jobKindOf(ctx: RunContext, resource: JobResource): JobKind {
	const snapshotOf = (detail: IDataObject) => jobSnapshot(resource, detail);
	const { list, statuses } = resource;
	return {
		noun: resource.noun,
		terminalStatuses: resource.terminalStatuses,
		failedStatuses: ['failed'],
		getOne: async (id, itemIndex) => snapshotOf(await readJob(ctx, resource, id, itemIndex)),
		getMany: list && (async (ids) => await findListedJobs(ctx, list, ids, snapshotOf)),
		statuses: statuses && (async (ids) => await readStatuses(ctx, statuses.endpoint, statuses.idsField, ids)),
	};
}

/** A job as the node outputs it: HeyGen's fields, its id under the node's name, then `extra` (undefined left out). */
export function jobOutput(resource: JobResource, detail: IDataObject, extra: IDataObject = {}): IDataObject {
	const { [resource.detailIdField ?? 'id']: id, ...rest } = detail;
	const output: IDataObject = { [resource.idField]: id ?? detail[resource.idField] };
	for (const [key, value] of Object.entries({ ...rest, ...extra })) {
		if (value !== undefined && key !== resource.idField) output[key] = value;
	}
	return output;
}

/** One of a job's files: where it is, or why there is none to download. */
export type JobFile = { url: string; extension: string; mimeType: string } | { missing: string };

/**
 * Reads the job now (its links are freshly signed; stored ones expire) and picks the file. A job
 * that is not finished, or has no such file, is an error naming it, the item and what to do.
 */
export async function freshJobFile(
	ctx: RunContext,
	resource: JobResource,
	id: string,
	itemIndex: number,
	pick: (detail: IDataObject) => JobFile,
	callbackId?: string,
): Promise<{ detail: IDataObject; target: DownloadTarget }> {
	const detail = await readJob(ctx, resource, id, itemIndex);
	const notReady = detail.status !== 'completed';
	const file = notReady ? undefined : pick(detail);
	if (!file || 'missing' in file) {
		const problem = file ? `has no file to download (${file.missing})` : `is not ready to download (status: ${String(detail.status)})`;
		throw new NodeOperationError(ctx.getNode(), `The ${resource.noun} ${id} ${problem} [item ${itemIndex}]`, {
			itemIndex,
			description: notReady ? `Only completed jobs can be downloaded. Wait for it with ${resource.waitOperation} first.` : undefined,
		});
	}
	return { detail, target: { url: file.url, fileName: fileNameFor(id, detail, file.extension, callbackId), mimeType: file.mimeType } };
}

/**
 * Downloads one of a job's files into the item's binary field. A detail the wait has just read
 * (seconds old) is used as is; otherwise, or once its link turns out expired, the job is read again.
 */
export async function attachJobFile(
	ctx: RunContext,
	resource: JobResource,
	id: string,
	itemIndex: number,
	binaryPropertyName: string,
	pick: (detail: IDataObject) => JobFile,
	options: { known?: IDataObject; callbackId?: string } = {},
): Promise<{ detail: IDataObject; binary: NonNullable<INodeExecutionData['binary']> }> {
	const refresh = async () => await freshJobFile(ctx, resource, id, itemIndex, pick, options.callbackId);
	const knownFile = options.known?.status === 'completed' ? pick(options.known) : undefined;
	const first =
		knownFile && !('missing' in knownFile) && options.known
			? {
					detail: options.known,
					target: { url: knownFile.url, fileName: fileNameFor(id, options.known, knownFile.extension, options.callbackId), mimeType: knownFile.mimeType },
				}
			: await refresh();
	const binary = await downloadToBinary(ctx, first.target, async () => (await refresh()).target, itemIndex, { noun: resource.noun, id });
	return { detail: first.detail, binary: { [binaryPropertyName]: binary } };
}

/** A file at one of the detail's fields, or why it is missing. */
export function fileAt(detail: IDataObject, field: string, extension: string, mimeType: string, missing = 'HeyGen gave no link for it'): JobFile {
	const url = detail[field];
	return typeof url === 'string' && url ? { url, extension, mimeType } : { missing };
}

/**
 * The body of every Download operation: each item's job id and output field read before any
 * request, then each job read afresh and its file streamed into the item. `fileOf` reads the
 * item's choice of file (its `File` field, where the kind has several).
 */
export async function downloadJobFiles(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: JobResource,
	options: { idLabel: string; fileOf: (itemIndex: number) => (detail: IDataObject) => JobFile; output: (detail: IDataObject) => IDataObject },
): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		id: idParameter(ctx, resource.idField, options.idLabel, itemIndex),
		pick: options.fileOf(itemIndex),
		binaryPropertyName: textParameter(ctx, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(ctx, items, read, async (itemIndex, { id, pick, binaryPropertyName }) => {
		const { detail, binary } = await attachJobFile(ctx, resource, id, itemIndex, binaryPropertyName, pick);
		return { json: withIsoTimes(options.output(detail)), binary };
	});
}
