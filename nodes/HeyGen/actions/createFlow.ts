import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { asItemError } from '../helpers/items';
import { booleanParameter, checkMediaUrls, idParameter, localHostsReachable, textParameter } from '../helpers/parameters';
import { validateBody, type FieldLabels } from '../helpers/validation';
import { heyGenErrorOf } from '../transport/errors';
import type { RunContext } from '../transport/request';
import { canonicalJson, idempotencyKey } from '../transport/idempotency';
import { MAX_BATCH_ITEMS } from '../schemas';
import { createBatch, readBatch, type BatchItemState } from '../transport/batches';
import { runJobs, type JobKind, type JobSnapshot, type JobSpec } from '../transport/jobs';
import { appendDescription, buildOutputs, EarlyDownloads, itemOutputSettings, type OutputRun } from './outputs';
import { parkCreates, parkingFor } from './park/park';

export const MINUTE = 60_000;
/** A job found failed that HeyGen created this long before the run started is an earlier run's (clocks differ). */
export const EARLIER_RUN_MARGIN_MS = 60_000;

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
	/** A Callback ID the node keeps itself, for a create whose body takes none (cinematic videos). */
	callbackId?: string;
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

/** The item's Callback ID: sent in its body, or kept by the node when HeyGen's body takes none. */
export function callbackIdOfItem(item: PreparedItem): string | undefined {
	const sent = item.body?.callback_id;
	return item.callbackId ?? (typeof sent === 'string' ? sent : undefined);
}

/** Marks an item as failed after preparation (for example a look without a default voice). */
export function failPrepared(ctx: IExecuteFunctions, item: PreparedItem, error: unknown): void {
	const itemError = asItemError(ctx, error, item.itemIndex);
	if (!ctx.continueOnFail()) throw itemError;
	item.body = undefined;
	item.error = itemError;
}

export interface BatchPlan {
	/** Jobs one batch holds (a translation counts one per language). */
	maxItems: number;
	/** Sends one batch of items with its key; answers the batch id, and when HeyGen made it (a replay: earlier). */
	send(items: PreparedItem[], key: string, callbackUrl: string): Promise<{ id: string; createdAtMs?: number }>;
	/** Every item of a batch with its job id once HeyGen assigned one. */
	read(batchId: string): Promise<BatchItemState[]>;
}

/** The batch plan of a kind of job HeyGen takes in batches. */
export function batchPlan(ctx: RunContext, kind: 'video' | 'translation'): BatchPlan {
	return {
		maxItems: MAX_BATCH_ITEMS,
		send: async (items, key, callbackUrl) =>
			await createBatch(ctx, kind, items.map((item) => item.body as IDataObject), key, callbackUrl, items[0]?.itemIndex),
		read: async (batchId) => await readBatch(ctx, kind, batchId),
	};
}

/** What a create operation plugs into the shared flow. */
export interface CreatePlan {
	/** "video", "video translation": used in messages. */
	noun: string;
	/** Scopes the idempotency key ("video", "template-video"). */
	purpose: string;
	/** The output field holding a job's id ("video_id"). */
	idField: string;
	kind: JobKind;
	/** Sends one item's create; returns the job(s) it started. Absent when only waiting for existing jobs. */
	submit?(item: PreparedItem, idempotencyKey: string): Promise<JobSnapshot[]>;
	/** What the create acts on beyond its body (the template or session in its path), for the idempotency key. */
	target?(item: PreparedItem): string;
	/** A hash of a file uploaded only when the item is sent, for the idempotency key. */
	fingerprint?(item: PreparedItem): Promise<string | undefined>;
	/** Work an item needs just before it is sent, alone or in a batch (uploading its file). */
	beforeSend?(item: PreparedItem): Promise<void>;
	/**
	 * How HeyGen takes many of these creates in one request (videos): HeyGen queues the items
	 * itself and calls back once when all are done, so a parked run submits everything at once.
	 */
	batch?: BatchPlan;
	/** Whether HeyGen calls back when one of these jobs ends (`callback_url`); parking needs it or a batch. */
	callsBack?: boolean;
	/** The webhook events that tell one of these jobs ended: a wait for jobs made elsewhere parks on them. */
	events?: string[];
	/** HeyGen takes no `callback_url` for these creates: a parked wait for them listens for their `events` instead. */
	parksOnEvents?: boolean;
	/** Jobs one item's create starts (a translation: one per language). */
	weight?(item: PreparedItem): number;
	/** The output fields of a job, in HeyGen's names. */
	toJson(job: JobSnapshot, item: PreparedItem): IDataObject;
	failureOf(job: JobSnapshot): { code?: string; message?: string };
	/** Downloads a finished job's file into a binary field, when the item asks for it. */
	download?(job: JobSnapshot, item: PreparedItem, binaryPropertyName: string): Promise<NonNullable<INodeExecutionData['binary']>>;
}

/** Each item's idempotency key, by generation (a failed earlier job of the same input is made again under the next). */
export type ItemKeys = Map<number, (generation: number) => string>;

/** The idempotency key of each item to send: same workflow, node and content give the same key. */
function keysOf(ctx: IExecuteFunctions, prepared: PreparedItem[], plan: CreatePlan, freshRender: boolean): ItemKeys {
	const { purpose } = plan;
	const workflowId = String(ctx.getWorkflow().id ?? 'unsaved');
	const nodeId = ctx.getNode().id;
	const freshRun = freshRender ? `${ctx.getExecutionId()}:${Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0)}` : undefined;
	const seen = new Map<string, number>();
	const keys = new Map<number, (generation: number) => string>();
	for (const item of prepared) {
		if (!item.body) continue;
		// A Callback ID kept outside the body still tells two items' renders apart.
		const content = { body: item.body, file: item.fileKey, target: plan.target?.(item), ...(item.callbackId ? { callbackId: item.callbackId } : {}) };
		const fingerprint = canonicalJson(content);
		const occurrence = seen.get(fingerprint) ?? 0;
		seen.set(fingerprint, occurrence + 1);
		keys.set(item.itemIndex, (generation) => idempotencyKey({ workflowId, nodeId, purpose, content, occurrence, freshRun, generation }));
	}
	return keys;
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
 * Submits the prepared items and waits for their jobs: polling while the node runs (at most
 * `maxConcurrentJobs` in flight, all watched together), or parking the execution until HeyGen
 * calls back. Either way each job becomes one output item, linked to its input; without Continue
 * On Fail the first item that fails stops the run with its own error, listing every job created.
 */
export async function runCreates(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepared: PreparedItem[],
	settings: CreateSettings,
	plan: CreatePlan,
): Promise<INodeExecutionData[]> {
	if (plan.fingerprint) {
		for (const item of prepared) if (item.body) item.fileKey = await plan.fingerprint(item);
	}
	const keys = keysOf(ctx, prepared, plan, settings.freshRender);
	const run: OutputRun = {
		node: ctx.getNode(),
		continueOnFail: ctx.continueOnFail(),
		maxWaitMinutes: settings.maxWaitMinutes,
		inputOf: (itemIndex) => items[itemIndex]?.json ?? {},
		settingsOf: (itemIndex) => itemOutputSettings(ctx, itemIndex),
	};
	if (settings.waitForCompletion) {
		const parking = await parkingFor(ctx, plan, prepared);
		if (parking) return await parkCreates(ctx, { items, prepared, settings, plan, keys, run, resumeUrl: parking.resumeUrl, startedAt: Date.now() });
	}
	const runStartedAt = Date.now();
	const specs: JobSpec[] = prepared
		.filter((item) => item.body || item.existingIds)
		.map((item) => ({
			itemIndex: item.itemIndex,
			existingIds: item.existingIds,
			weight: plan.weight?.(item),
			submit: plan.submit && item.body ? async (generation: number) => await sendOne(plan, item, keys, generation) : undefined,
		}));

	const early = new EarlyDownloads(run, plan, prepared);
	const { outcomes, stoppedBy } = await runJobs(specs, {
		kind: plan.kind,
		concurrency: settings.maxConcurrentJobs,
		waitForCompletion: settings.waitForCompletion,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !run.continueOnFail,
		renewFailuresCreatedBefore: settings.freshRender ? undefined : runStartedAt - EARLIER_RUN_MARGIN_MS,
		signal: ctx.getExecutionCancelSignal(),
		onOutcome: settings.waitForCompletion ? early.onOutcome : undefined,
	});
	return await buildOutputs(run, plan, prepared, outcomes, stoppedBy, early);
}

/** Sends one item's create with its key; an unknown outcome says how to find the job. */
export async function sendOne(plan: CreatePlan, item: PreparedItem, keys: ItemKeys, generation = 0): Promise<JobSnapshot[]> {
	const key = (keys.get(item.itemIndex) as (generation: number) => string)(generation);
	await plan.beforeSend?.(item);
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
