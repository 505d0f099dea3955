import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { mapWithLimit } from '../helpers/concurrency';
import { asItemError, errorJson, withInputFields } from '../helpers/items';
import { booleanParameter, checkMediaUrls, idParameter, localHostsReachable, textParameter } from '../helpers/parameters';
import { validateBody, type FieldLabels } from '../helpers/validation';
import { heyGenErrorOf, renderFailedError, waitTimedOutError } from '../transport/errors';
import { canonicalJson, idempotencyKey } from '../transport/idempotency';
import { runJobs, type JobKind, type JobOutcome, type JobSnapshot, type JobSpec } from '../transport/jobs';

const DOWNLOAD_CONCURRENCY = 3;
const MINUTE = 60_000;
/** A job found failed that HeyGen created this long before the run started is an earlier run's (clocks differ). */
const EARLIER_RUN_MARGIN_MS = 60_000;

/** Run-wide settings of a create: read once, from the first item, and checked before anything is sent. */
export interface CreateSettings {
	waitForCompletion: boolean;
	maxWaitMinutes: number;
	maxConcurrentJobs: number;
	/** New renders even for input this node already sent within HeyGen's 24-hour idempotency window. */
	freshRender: boolean;
}

export const MAX_WAIT_MINUTES = { min: 0.01, max: 1440 };
export const MAX_CONCURRENT_JOBS = { min: 1, max: 100 };

function settingError(ctx: IExecuteFunctions, label: string, value: unknown, range: { min: number; max: number }, whole: boolean): NodeOperationError {
	const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return new NodeOperationError(
		ctx.getNode(),
		`"${label}" must be a ${whole ? 'whole ' : ''}number from ${range.min} to ${range.max}, not ${shown} [item 0]`,
		{ itemIndex: 0, description: `Fix "${label}" in the node's options; nothing was sent to HeyGen.` },
	);
}

/** A numeric option within its range, or the error that names it (NaN, 0, negatives and huge values are refused). */
export function numberSetting(
	ctx: IExecuteFunctions,
	options: IDataObject,
	name: string,
	label: string,
	fallback: number,
	range: { min: number; max: number },
	whole: boolean,
): number {
	const raw = options[name];
	if (raw === undefined) return fallback;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max || (whole && !Number.isInteger(value))) {
		throw settingError(ctx, label, raw, range, whole);
	}
	return value;
}

export function readCreateSettings(ctx: IExecuteFunctions, overrides: Partial<CreateSettings> = {}): CreateSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		waitForCompletion: ctx.getNodeParameter('waitForCompletion', 0, true) as boolean,
		maxWaitMinutes: numberSetting(ctx, options, 'maxWaitMinutes', 'Max Wait (Minutes)', 60, MAX_WAIT_MINUTES, false),
		maxConcurrentJobs: numberSetting(ctx, options, 'maxConcurrentJobs', 'Max Concurrent Jobs', 10, MAX_CONCURRENT_JOBS, true),
		freshRender: options.freshRender === true,
		...overrides,
	};
}

/** One input item on its way to HeyGen: its checked body, or why it cannot go. */
export interface PreparedItem {
	itemIndex: number;
	body?: IDataObject;
	/** Stands for a file uploaded only when the item is sent (its content hash), so it counts in the idempotency key. */
	fileKey?: string;
	/** Jobs already running in HeyGen to wait for, instead of a body to send. */
	existingIds?: string[];
	error?: unknown;
}

/**
 * Builds and checks every item's body (its schema and its media URLs) before anything is created
 * (bad input costs nothing). Without Continue On Fail the first bad item stops the node here.
 * `build` reads parameters; lookups come after (or, when a body needs one, after every item's
 * own parameters were checked), so a bad item fails before any request.
 */
export async function prepareBodies(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	schema: z.ZodTypeAny,
	labels: FieldLabels,
	build: (itemIndex: number, item: PreparedItem) => IDataObject | Promise<IDataObject>,
): Promise<PreparedItem[]> {
	const continueOnFail = ctx.continueOnFail();
	const allowLocalHosts = await localHostsReachable(ctx);
	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item: PreparedItem = { itemIndex };
		try {
			checkDownloadField(ctx, itemIndex);
			const body = await build(itemIndex, item);
			checkMediaUrls(ctx, body, labels, itemIndex, allowLocalHosts);
			item.body = validateBody(ctx, schema, body, labels, itemIndex) as IDataObject;
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, error, itemIndex);
			item.error = error;
		}
		prepared.push(item);
	}
	return prepared;
}

/** The binary field of an item that asks for its file, checked before anything is created (a bad one would fail only after the render). */
export function checkDownloadField(ctx: IExecuteFunctions, itemIndex: number): void {
	if (booleanParameter(ctx, 'downloadVideo', 'Download Video', itemIndex, false)) {
		textParameter(ctx, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true });
	}
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
	/** What the create acts on beyond its body (the template or session in its path), for the idempotency key. */
	target?(item: PreparedItem): string;
	/** A hash of a file uploaded only when the item is sent, for the idempotency key. */
	fingerprint?(item: PreparedItem): Promise<string | undefined>;
	/** Jobs one item's create starts (a translation: one per language). */
	weight?(item: PreparedItem): number;
	/** The output fields of a job, in HeyGen's names. */
	toJson(job: JobSnapshot, item: PreparedItem): IDataObject;
	failureOf(job: JobSnapshot): { code?: string; message?: string };
	/** Downloads a finished job's file into a binary field, when the item asks for it. */
	download?(job: JobSnapshot, itemIndex: number, binaryPropertyName: string): Promise<NonNullable<INodeExecutionData['binary']>>;
}

/** The idempotency key of each item to send: same workflow, node and content give the same key. */
function keysOf(ctx: IExecuteFunctions, prepared: PreparedItem[], plan: CreatePlan, freshRender: boolean): Map<number, (generation: number) => string> {
	const { purpose } = plan;
	const workflowId = String(ctx.getWorkflow().id ?? 'unsaved');
	const nodeId = ctx.getNode().id;
	const freshRun = freshRender ? `${ctx.getExecutionId()}:${Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0)}` : undefined;
	const seen = new Map<string, number>();
	const keys = new Map<number, (generation: number) => string>();
	for (const item of prepared) {
		if (!item.body) continue;
		const content = { body: item.body, file: item.fileKey, target: plan.target?.(item) };
		const fingerprint = canonicalJson(content);
		const occurrence = seen.get(fingerprint) ?? 0;
		seen.set(fingerprint, occurrence + 1);
		keys.set(item.itemIndex, (generation) => idempotencyKey({ workflowId, nodeId, purpose, content, occurrence, freshRun, generation }));
	}
	return keys;
}

function jobState(outcome: JobOutcome, job: JobSnapshot): string {
	if (outcome.state === 'abandoned' || outcome.state === 'submitted') return 'still rendering';
	if (outcome.state === 'timedOut') return `still ${job.status === 'unknown' ? 'running' : job.status}`;
	return job.status;
}

/** "item 0: 3f2a… (completed); item 1: 9bc… (still rendering)": every job the run created or watched. */
export function describeJobs(outcomes: JobOutcome[], noun: string): string {
	const lines = outcomes.flatMap((outcome) => {
		const job = 'job' in outcome ? outcome.job : undefined;
		return job ? [`item ${outcome.itemIndex}: ${job.id} (${jobState(outcome, job)})`] : [];
	});
	if (lines.length === 0) return '';
	const shown = lines.slice(0, 50).join('; ');
	return `Every ${noun} this run created stays in HeyGen and is charged once: ${shown}${lines.length > 50 ? `; and ${lines.length - 50} more` : ''}.`;
}

function appendDescription(error: unknown, text: string): void {
	if (!text || typeof error !== 'object' || error === null) return;
	const current = (error as { description?: string | null }).description;
	(error as { description?: string }).description = current ? `${current} ${text}` : text;
}

/** Where to look for a job whose create got no usable answer: its Callback ID, or its title. */
function findHint(item: PreparedItem, noun: string): string {
	const callbackId = item.body?.callback_id;
	if (typeof callbackId === 'string' && callbackId) return `Look for the ${noun} with Callback ID "${callbackId}" in HeyGen (or wait for its webhook event) before creating it again.`;
	const title = item.body?.title;
	if (typeof title === 'string' && title) return `Look for the ${noun} titled "${title}" in HeyGen before creating it again.`;
	return '';
}

/**
 * Submits the prepared items, waits for their jobs together (at most `maxConcurrentJobs` running
 * at once), downloads files when asked, and builds one output item per job, linked to its input.
 * Without Continue On Fail the first item that fails stops the run with its own error, whose
 * description lists every job the run created.
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
	const runStartedAt = Date.now();
	if (plan.fingerprint) {
		for (const item of prepared) if (item.body) item.fileKey = await plan.fingerprint(item);
	}
	const keys = keysOf(ctx, prepared, plan, settings.freshRender);

	const specs: JobSpec[] = prepared
		.filter((item) => item.body || item.existingIds)
		.map((item) => ({
			itemIndex: item.itemIndex,
			existingIds: item.existingIds,
			weight: plan.weight?.(item),
			submit:
				plan.submit && item.body
					? async (generation: number) => {
							const key = (keys.get(item.itemIndex) as (generation: number) => string)(generation);
							const sent = await (plan.submit as NonNullable<CreatePlan['submit']>)(item, key).then(
								(jobs) => jobs,
								(error: unknown) => error as Error,
							);
							if (!Array.isArray(sent)) {
								if (heyGenErrorOf(sent)?.code === 'outcome_unknown') appendDescription(sent, findHint(item, plan.noun));
								throw sent;
							}
							return sent;
						}
					: undefined,
		}));

	const { outcomes, stoppedBy } = await runJobs(specs, {
		kind: plan.kind,
		concurrency: settings.maxConcurrentJobs,
		waitForCompletion: settings.waitForCompletion,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !continueOnFail,
		renewFailuresCreatedBefore: settings.freshRender ? undefined : runStartedAt - EARLIER_RUN_MARGIN_MS,
		signal: ctx.getExecutionCancelSignal(),
	});
	const byItem = new Map<number, JobOutcome[]>();
	for (const outcome of outcomes) byItem.set(outcome.itemIndex, [...(byItem.get(outcome.itemIndex) ?? []), outcome]);
	const preparedByIndex = new Map(prepared.map((item) => [item.itemIndex, item]));

	/** The error an item's outcome stands for, or nothing when it went well. */
	const errorOf = (item: PreparedItem, outcome: JobOutcome): unknown => {
		const i = item.itemIndex;
		if (outcome.state === 'error') return outcome.error;
		if (outcome.state === 'failed') {
			const failure = plan.failureOf(outcome.job);
			return renderFailedError(node, { id: outcome.job.id, noun: plan.noun, failureCode: failure.code, failureMessage: failure.message }, i);
		}
		if (outcome.state === 'timedOut') {
			return waitTimedOutError(node, { id: outcome.job.id, noun: plan.noun, status: outcome.job.status, waitedMinutes: settings.maxWaitMinutes }, i);
		}
		return undefined;
	};

	if (stoppedBy) {
		// The item that failed is named with HeyGen's reason; every job the run created is listed.
		const error = asItemError(ctx, errorOf(preparedByIndex.get(stoppedBy.itemIndex) as PreparedItem, stoppedBy), stoppedBy.itemIndex);
		appendDescription(error, describeJobs(outcomes, plan.noun));
		throw error;
	}

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
			return fail(new NodeOperationError(node, `The ${plan.noun} was not created [item ${i}]`, { itemIndex: i }));
		}
		const problem = errorOf(item, outcome);
		const json = 'job' in outcome && outcome.job ? plan.toJson(outcome.job, item) : {};
		if (problem) return fail(problem, json);
		if (outcome.state === 'completed' && plan.download && ctx.getNodeParameter('downloadVideo', i, false)) {
			try {
				const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', i, 'data') as string;
				const binary = await plan.download((outcome as { job: JobSnapshot }).job, i, binaryPropertyName);
				return { json: withInputFields(items[i], json, include), binary, pairedItem: { item: i } };
			} catch (error) {
				return fail(error, json);
			}
		}
		return { json: withInputFields(items[i], json, include), pairedItem: { item: i } };
	}).then(
		(outputs) => outputs,
		(error: unknown) => error as Error,
	);
	if (!Array.isArray(results)) {
		// A download that failed without Continue On Fail: name every job, so none is lost or paid twice.
		appendDescription(results, describeJobs(outcomes, plan.noun));
		throw results;
	}
	return results;
}

/**
 * Waits for jobs made elsewhere (or with waiting off), one per item, all watched together:
 * the shared body of every Wait for Completion operation. A blank ID is refused before any request.
 */
export async function waitForExisting(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	idName: string,
	idLabel: string,
	plan: CreatePlan,
): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(ctx, { waitForCompletion: true, maxConcurrentJobs: Math.max(1, items.length) });
	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			checkDownloadField(ctx, itemIndex);
			prepared.push({ itemIndex, existingIds: [idParameter(ctx, idName, idLabel, itemIndex)] });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asItemError(ctx, error, itemIndex);
			prepared.push({ itemIndex, error });
		}
	}
	return await runCreates(ctx, items, prepared, settings, plan);
}
