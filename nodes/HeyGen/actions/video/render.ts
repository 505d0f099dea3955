import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithLimit } from '../../helpers/concurrency';
import { asItemError, errorJson, withInputFields } from '../../helpers/items';
import { validateBody, type FieldLabels } from '../../helpers/validation';
import { createVideoBodySchema, type VideoDetail } from '../../schemas';
import { downloadToBinary } from '../../transport/download';
import { renderFailedError, waitTimedOutError } from '../../transport/errors';
import { idempotencyKey } from '../../transport/idempotency';
import { runJobs, type JobOutcome, type JobSpec } from '../../transport/jobs';
import { apiData } from '../../transport/request';
import { callbackId, VIDEO_FIELD_LABELS, videoOutput } from './shared';
import { videoJobKind, videoSnapshot } from './videoJobs';

const DOWNLOAD_CONCURRENCY = 3;
const MINUTE = 60_000;

/** Run-wide settings of a render: read once, from the first item. */
export interface RenderSettings {
	waitForCompletion: boolean;
	maxWaitMinutes: number;
	maxConcurrentJobs: number;
}

export function readRenderSettings(ctx: IExecuteFunctions): RenderSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		waitForCompletion: ctx.getNodeParameter('waitForCompletion', 0, true) as boolean,
		maxWaitMinutes: Number(options.maxWaitMinutes ?? 60),
		maxConcurrentJobs: Number(options.maxConcurrentJobs ?? 10),
	};
}

/** The current, freshly signed download link of a finished video. */
export async function freshVideoDownload(ctx: IExecuteFunctions, videoId: string, itemIndex: number) {
	const detail = await apiData<VideoDetail>(ctx, 'getVideo', {
		pathParams: { video_id: videoId },
		itemIndex,
	});
	if (detail.status !== 'completed' || !detail.video_url) {
		throw new NodeOperationError(ctx.getNode(), `The video ${videoId} is not ready to download (status: ${detail.status}) [item ${itemIndex}]`, {
			itemIndex,
			description: 'Only completed videos can be downloaded. Wait for it with Video → Wait for Completion first.',
		});
	}
	const extension = /\.webm(\?|$)/.test(detail.video_url) ? 'webm' : 'mp4';
	return {
		detail,
		target: { url: detail.video_url, fileName: `${videoId}.${extension}`, mimeType: `video/${extension}` },
	};
}

/** Downloads a finished video into the item's binary field. */
export async function attachVideoFile(
	ctx: IExecuteFunctions,
	videoId: string,
	itemIndex: number,
	binaryPropertyName: string,
	knownUrl?: string | null,
): Promise<INodeExecutionData['binary']> {
	const refresh = async () => (await freshVideoDownload(ctx, videoId, itemIndex)).target;
	// The status the wait just saw is seconds old, so its link is fresh; otherwise ask for one.
	const target = knownUrl
		? { url: knownUrl, fileName: `${videoId}.${/\.webm(\?|$)/.test(knownUrl) ? 'webm' : 'mp4'}`, mimeType: 'video/mp4' }
		: await refresh();
	const binary = await downloadToBinary(ctx, target, refresh, itemIndex);
	return { [binaryPropertyName]: binary };
}

interface PreparedItem {
	itemIndex: number;
	body?: IDataObject;
	error?: unknown;
}

/**
 * Checks every item's body before anything is sent (bad input costs nothing), with `prepare`
 * building the body from the item's parameters. Without Continue On Fail the first bad item
 * stops the node here, before any request.
 */
export async function prepareBodies(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => IDataObject,
	labels: FieldLabels = VIDEO_FIELD_LABELS,
): Promise<PreparedItem[]> {
	const continueOnFail = ctx.continueOnFail();
	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const body = validateBody(ctx, createVideoBodySchema, prepare(itemIndex), labels, itemIndex) as IDataObject;
			prepared.push({ itemIndex, body });
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, error, itemIndex);
			prepared.push({ itemIndex, error });
		}
	}
	return prepared;
}

function summarizeOthers(outcomes: JobOutcome[], except: number): string {
	const lines = outcomes
		.filter((outcome) => outcome.itemIndex !== except && 'job' in outcome && outcome.job)
		.map((outcome) => {
			const job = (outcome as { job: { id: string; status: string } }).job;
			const state = outcome.state === 'abandoned' || outcome.state === 'submitted' ? 'still rendering' : job.status;
			return `item ${outcome.itemIndex}: ${job.id} (${state})`;
		});
	if (lines.length === 0) return '';
	const shown = lines.slice(0, 20).join('; ');
	return ` Videos this run created, which are not lost: ${shown}${lines.length > 20 ? `; and ${lines.length - 20} more` : ''}.`;
}

/**
 * Submits the prepared videos, waits for them together (at most `maxConcurrentJobs` rendering at
 * once), downloads them when asked, and builds one output item per input item.
 */
export async function renderVideos(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepared: PreparedItem[],
	settings: RenderSettings,
	labels: FieldLabels = VIDEO_FIELD_LABELS,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const node = ctx.getNode();
	const executionId = ctx.getExecutionId();
	const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);

	const specs: JobSpec[] = prepared
		.filter((item) => item.body)
		.map((item) => ({
			itemIndex: item.itemIndex,
			submit: async () => {
				const created = await apiData<IDataObject>(ctx, 'createVideo', {
					body: item.body,
					itemIndex: item.itemIndex,
					fieldLabels: labels,
					idempotencyKey: idempotencyKey({ executionId, nodeId: node.id, runIndex, itemIndex: item.itemIndex, purpose: 'video' }),
					rateLimit: 'throw',
				});
				return videoSnapshot(created);
			},
		}));

	const outcomes = await runJobs(specs, {
		kind: videoJobKind(ctx),
		concurrency: settings.maxConcurrentJobs,
		waitForCompletion: settings.waitForCompletion,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !continueOnFail,
		signal: ctx.getExecutionCancelSignal(),
	});
	const byItem = new Map(outcomes.map((outcome) => [outcome.itemIndex, outcome]));

	const results = await mapWithLimit(prepared, DOWNLOAD_CONCURRENCY, async (item): Promise<INodeExecutionData> => {
		const i = item.itemIndex;
		const include = Boolean((ctx.getNodeParameter('options', i, {}) as IDataObject).includeInputFields);
		const callback = item.body?.callback_id as string | undefined ?? callbackId(ctx, i);
		const extra = { callback_id: callback };
		const fail = (error: unknown, json: IDataObject = {}): INodeExecutionData => {
			if (!continueOnFail) throw asItemError(ctx, error, i);
			return { json: withInputFields(items[i], errorJson(error, json), include), pairedItem: { item: i } };
		};

		if (item.error) return fail(item.error);
		const outcome = byItem.get(i);
		if (!outcome || outcome.state === 'notStarted' || outcome.state === 'abandoned') {
			return fail(new NodeOperationError(node, `The video was not waited for because another item failed [item ${i}]`, { itemIndex: i }));
		}
		if (outcome.state === 'error') {
			return fail(outcome.error, outcome.job ? { video_id: outcome.job.id } : {});
		}
		const json = videoOutput(outcome.job.raw, extra);
		if (outcome.state === 'failed') {
			return fail(
				renderFailedError(
					node,
					{
						id: outcome.job.id,
						noun: 'video',
						failureCode: outcome.job.raw.failure_code as string | undefined,
						failureMessage: outcome.job.raw.failure_message as string | undefined,
					},
					i,
				),
				json,
			);
		}
		if (outcome.state === 'timedOut') {
			return fail(
				waitTimedOutError(node, { id: outcome.job.id, noun: 'video', status: outcome.job.status, waitedMinutes: settings.maxWaitMinutes }, i),
				json,
			);
		}
		if (outcome.state === 'completed' && ctx.getNodeParameter('downloadVideo', i, false)) {
			try {
				const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', i, 'data') as string;
				const binary = await attachVideoFile(ctx, outcome.job.id, i, binaryPropertyName, outcome.job.raw.video_url as string | undefined);
				return { json: withInputFields(items[i], json, include), binary, pairedItem: { item: i } };
			} catch (error) {
				return fail(error, json);
			}
		}
		return { json: withInputFields(items[i], json, include), pairedItem: { item: i } };
	}).catch((error: unknown) => {
		// Name every video this run created, so none is lost or paid for twice on a re-run.
		const itemIndex = (error as { context?: { itemIndex?: number } }).context?.itemIndex ?? 0;
		const described = asItemError(ctx, error, itemIndex);
		described.description = `${described.description ?? ''}${summarizeOthers(outcomes, itemIndex)}`.trim();
		throw described;
	});
	return results;
}
