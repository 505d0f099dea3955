import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { mapWithLimit } from '../helpers/concurrency';
import { asItemError, errorJson, withInputFields } from '../helpers/items';
import { validateBody, type FieldLabels } from '../helpers/validation';
import { renderFailedError, waitTimedOutError } from '../transport/errors';
import { idempotencyKey } from '../transport/idempotency';
import { runJobs, type JobKind, type JobOutcome, type JobSnapshot, type JobSpec } from '../transport/jobs';

const DOWNLOAD_CONCURRENCY = 3;
const MINUTE = 60_000;

/** Run-wide settings of a create: read once, from the first item. */
export interface CreateSettings {
	waitForCompletion: boolean;
	maxWaitMinutes: number;
	maxConcurrentJobs: number;
}

export function readCreateSettings(ctx: IExecuteFunctions): CreateSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		waitForCompletion: ctx.getNodeParameter('waitForCompletion', 0, true) as boolean,
		maxWaitMinutes: Number(options.maxWaitMinutes ?? 60),
		maxConcurrentJobs: Number(options.maxConcurrentJobs ?? 10),
	};
}

/** One input item on its way to HeyGen: its checked body, or why it cannot go. */
export interface PreparedItem {
	itemIndex: number;
	body?: IDataObject;
	/** Jobs already running in HeyGen to wait for, instead of a body to send. */
	existingIds?: string[];
	error?: unknown;
}

/**
 * Builds and checks every item's body before anything is sent (bad input costs nothing).
 * Without Continue On Fail the first bad item stops the node here, before any request.
 */
export async function prepareBodies(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	schema: z.ZodTypeAny,
	labels: FieldLabels,
	build: (itemIndex: number) => IDataObject | Promise<IDataObject>,
): Promise<PreparedItem[]> {
	const continueOnFail = ctx.continueOnFail();
	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const body = validateBody(ctx, schema, await build(itemIndex), labels, itemIndex) as IDataObject;
			prepared.push({ itemIndex, body });
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, error, itemIndex);
			prepared.push({ itemIndex, error });
		}
	}
	return prepared;
}

/** Marks an item as failed after preparation (for example a look without a default voice). */
export function failPrepared(ctx: IExecuteFunctions, item: PreparedItem, error: unknown): void {
	const itemError = asItemError(ctx, error, item.itemIndex);
	if (!ctx.continueOnFail()) throw itemError;
	item.body = undefined;
	item.error = itemError;
}

/** What a create operation plugs into the shared flow. */
export interface CreatePlan {
	/** "video", "video translation": used in messages. */
	noun: string;
	/** Scopes the idempotency key ("video", "template-video"). */
	purpose: string;
	kind: JobKind;
	/** Sends one item's create; returns the job(s) it started. Absent when only waiting for existing jobs. */
	submit?(item: PreparedItem, idempotencyKey: string): Promise<JobSnapshot[]>;
	/** Jobs one item's create starts (a translation: one per language). */
	weight?(item: PreparedItem): number;
	/** The output fields of a job, in HeyGen's names. */
	toJson(job: JobSnapshot, item: PreparedItem): IDataObject;
	failureOf(job: JobSnapshot): { code?: string; message?: string };
	/** Downloads a finished job's file into a binary field, when the item asks for it. */
	download?(job: JobSnapshot, itemIndex: number, binaryPropertyName: string): Promise<NonNullable<INodeExecutionData['binary']>>;
}

function describeOthers(outcomes: JobOutcome[], except: number, noun: string): string {
	const lines = outcomes
		.filter((outcome) => outcome.itemIndex !== except && 'job' in outcome && outcome.job)
		.map((outcome) => {
			const job = (outcome as { job: JobSnapshot }).job;
			const state = outcome.state === 'abandoned' || outcome.state === 'submitted' ? 'still running' : job.status;
			return `item ${outcome.itemIndex}: ${job.id} (${state})`;
		});
	if (lines.length === 0) return '';
	const shown = lines.slice(0, 20).join('; ');
	return ` Every ${noun} this run created is kept in HeyGen: ${shown}${lines.length > 20 ? `; and ${lines.length - 20} more` : ''}.`;
}

/**
 * Submits the prepared items, waits for their jobs together (at most `maxConcurrentJobs` running
 * at once), downloads files when asked, and builds one output item per job, linked to its input.
 */
export async function runCreates(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepared: PreparedItem[],
	settings: CreateSettings,
	plan: CreatePlan,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const node = ctx.getNode();
	const executionId = ctx.getExecutionId();
	const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);

	const specs: JobSpec[] = prepared
		.filter((item) => item.body || item.existingIds)
		.map((item) => ({
			itemIndex: item.itemIndex,
			existingIds: item.existingIds,
			weight: plan.weight?.(item),
			submit: plan.submit
				? async () =>
						await (plan.submit as NonNullable<CreatePlan['submit']>)(
							item,
							idempotencyKey({ executionId, nodeId: node.id, runIndex, itemIndex: item.itemIndex, purpose: plan.purpose }),
						)
				: undefined,
		}));

	const outcomes = await runJobs(specs, {
		kind: plan.kind,
		concurrency: settings.maxConcurrentJobs,
		waitForCompletion: settings.waitForCompletion,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !continueOnFail,
		signal: ctx.getExecutionCancelSignal(),
	});
	const byItem = new Map<number, JobOutcome[]>();
	for (const outcome of outcomes) byItem.set(outcome.itemIndex, [...(byItem.get(outcome.itemIndex) ?? []), outcome]);

	const work = prepared.flatMap((item) =>
		item.error || !byItem.has(item.itemIndex)
			? [{ item, outcome: undefined as JobOutcome | undefined }]
			: (byItem.get(item.itemIndex) as JobOutcome[]).map((outcome) => ({ item, outcome })),
	);

	const results = await mapWithLimit(work, DOWNLOAD_CONCURRENCY, async ({ item, outcome }): Promise<INodeExecutionData> => {
		const i = item.itemIndex;
		const include = Boolean((ctx.getNodeParameter('options', i, {}) as IDataObject).includeInputFields);
		const fail = (error: unknown, json: IDataObject = {}): INodeExecutionData => {
			if (!continueOnFail) throw asItemError(ctx, error, i);
			return { json: withInputFields(items[i], errorJson(error, json), include), pairedItem: { item: i } };
		};

		if (item.error) return fail(item.error);
		if (!outcome || outcome.state === 'notStarted' || outcome.state === 'abandoned') {
			return fail(new NodeOperationError(node, `The ${plan.noun} was not waited for because another item failed [item ${i}]`, { itemIndex: i }));
		}
		if (outcome.state === 'error') return fail(outcome.error, outcome.job ? plan.toJson(outcome.job, item) : {});

		const json = plan.toJson(outcome.job, item);
		if (outcome.state === 'failed') {
			const failure = plan.failureOf(outcome.job);
			return fail(renderFailedError(node, { id: outcome.job.id, noun: plan.noun, failureCode: failure.code, failureMessage: failure.message }, i), json);
		}
		if (outcome.state === 'timedOut') {
			return fail(
				waitTimedOutError(node, { id: outcome.job.id, noun: plan.noun, status: outcome.job.status, waitedMinutes: settings.maxWaitMinutes }, i),
				json,
			);
		}
		if (outcome.state === 'completed' && plan.download && ctx.getNodeParameter('downloadVideo', i, false)) {
			try {
				const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', i, 'data') as string;
				const binary = await plan.download(outcome.job, i, binaryPropertyName);
				return { json: withInputFields(items[i], json, include), binary, pairedItem: { item: i } };
			} catch (error) {
				return fail(error, json);
			}
		}
		return { json: withInputFields(items[i], json, include), pairedItem: { item: i } };
	}).catch((error: unknown) => {
		// Name every job this run created, so none is lost or paid for twice on a re-run.
		const itemIndex = (error as { context?: { itemIndex?: number } }).context?.itemIndex ?? 0;
		const described = asItemError(ctx, error, itemIndex);
		described.description = `${described.description ?? ''}${describeOthers(outcomes, itemIndex, plan.noun)}`.trim();
		throw described;
	});
	return results;
}

/**
 * Waits for jobs made elsewhere (or with waiting off), one per item, all watched together:
 * the shared body of every Wait for Completion operation.
 */
export async function waitForExisting(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	idParameter: string,
	plan: CreatePlan,
): Promise<INodeExecutionData[]> {
	const prepared = items.map((_, itemIndex) => ({
		itemIndex,
		existingIds: [String(ctx.getNodeParameter(idParameter, itemIndex, '', { extractValue: true })).trim()],
	}));
	const settings = { ...readCreateSettings(ctx), waitForCompletion: true, maxConcurrentJobs: Math.max(1, items.length) };
	return await runCreates(ctx, items, prepared, settings, plan);
}
