import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithLimit, taskGate } from '../helpers/concurrency';
import { asItemError, errorJson } from '../helpers/items';
import { booleanParameter } from '../helpers/parameters';
import { withIsoTimes } from '../helpers/timestamps';
import { renderFailedError, waitTimedOutError } from '../transport/errors';
import type { JobOutcome, JobSnapshot } from '../transport/jobs';
import type { CreatePlan, PreparedItem } from './createFlow';

const DOWNLOAD_CONCURRENCY = 3;

type Binary = NonNullable<INodeExecutionData['binary']>;

/**
 * Downloads started as soon as each job finished, while other jobs still render, at most three at
 * a time; `buildOutputs` then uses them instead of downloading again.
 */
export class EarlyDownloads {
	private readonly started = new Map<string, Promise<Binary | Error>>();
	private readonly gate = taskGate(DOWNLOAD_CONCURRENCY);

	constructor(
		private readonly run: OutputRun,
		private readonly plan: CreatePlan,
		private readonly prepared: PreparedItem[],
	) {}

	/** Starts the file of a job that just finished, when its item asks for one. */
	onOutcome = (outcome: JobOutcome): void => {
		if (outcome.state !== 'completed' || !this.plan.download || !this.run.settingsOf(outcome.itemIndex).download) return;
		const key = `${outcome.itemIndex}:${outcome.jobIndex}`;
		if (this.started.has(key)) return;
		const download = this.plan.download;
		const item = this.prepared.find((entry) => entry.itemIndex === outcome.itemIndex);
		if (!item) return;
		const { binaryPropertyName } = this.run.settingsOf(outcome.itemIndex);
		this.started.set(
			key,
			this.gate(async () => await download(outcome.job, item, binaryPropertyName)).catch((error: unknown) => error as Error),
		);
	};

	take(outcome: JobOutcome): Promise<Binary | Error> | undefined {
		return this.started.get(`${outcome.itemIndex}:${outcome.jobIndex}`);
	}

	/** Waits out every download still running (after a stop, so none writes into a finished run). */
	async settle(): Promise<void> {
		await Promise.allSettled([...this.started.values()]);
	}
}

/** What one item asks of its output: read once per item while the node runs (a resumed run reads them back). */
export interface ItemOutputSettings {
	download: boolean;
	binaryPropertyName: string;
	includeInputFields: boolean;
}

export function itemOutputSettings(ctx: IExecuteFunctions, itemIndex: number): ItemOutputSettings {
	const download = booleanParameter(ctx, 'downloadVideo', 'Download Video', itemIndex, false);
	return {
		download,
		binaryPropertyName: download ? String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')) : 'data',
		includeInputFields: Boolean((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).includeInputFields),
	};
}

/** What building the outputs needs of the run, whether it runs now or resumes after a park. */
export interface OutputRun {
	node: INode;
	continueOnFail: boolean;
	maxWaitMinutes: number;
	/** The input item's fields (Include Input Fields). */
	inputOf(itemIndex: number): IDataObject;
	settingsOf(itemIndex: number): ItemOutputSettings;
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

export function appendDescription(error: unknown, text: string): void {
	if (!text || typeof error !== 'object' || error === null) return;
	const current = (error as { description?: string | null }).description;
	(error as { description?: string }).description = current ? `${current} ${text}` : text;
}

/** The error an item's outcome stands for, or nothing when it went well. */
export function outcomeError(run: OutputRun, plan: CreatePlan, outcome: JobOutcome): unknown {
	const i = outcome.itemIndex;
	if (outcome.state === 'error') return outcome.error;
	if (outcome.state === 'failed') {
		const failure = plan.failureOf(outcome.job);
		return renderFailedError(run.node, { id: outcome.job.id, noun: plan.noun, failureCode: failure.code, failureMessage: failure.message }, i);
	}
	if (outcome.state === 'timedOut') {
		return waitTimedOutError(run.node, { id: outcome.job.id, noun: plan.noun, status: outcome.job.status, waitedMinutes: run.maxWaitMinutes }, i);
	}
	return undefined;
}

function withInput(run: OutputRun, itemIndex: number, json: IDataObject): IDataObject {
	return run.settingsOf(itemIndex).includeInputFields ? { ...run.inputOf(itemIndex), ...json } : json;
}

/**
 * One output item per job (or per item that never got one), paired with its input: the job's
 * fields in HeyGen's names, its file when asked, or, with Continue On Fail, the item's error.
 * Without Continue On Fail the first failure stops the run with that item's own error, whose
 * description lists every job the run created.
 */
export async function buildOutputs(
	run: OutputRun,
	plan: CreatePlan,
	prepared: PreparedItem[],
	outcomes: JobOutcome[],
	stoppedBy?: JobOutcome,
	early?: EarlyDownloads,
): Promise<INodeExecutionData[]> {
	const node = { getNode: () => run.node };
	if (stoppedBy) {
		await early?.settle();
		const error = asItemError(node, outcomeError(run, plan, stoppedBy), stoppedBy.itemIndex);
		appendDescription(error, describeJobs(outcomes, plan.noun));
		throw error;
	}
	const byItem = new Map<number, JobOutcome[]>();
	for (const outcome of outcomes) byItem.set(outcome.itemIndex, [...(byItem.get(outcome.itemIndex) ?? []), outcome]);
	const work = prepared.flatMap((item) =>
		item.error || !byItem.has(item.itemIndex)
			? [{ item, outcome: undefined as JobOutcome | undefined }]
			: (byItem.get(item.itemIndex) as JobOutcome[]).map((outcome) => ({ item, outcome })),
	);

	const results = await mapWithLimit(work, DOWNLOAD_CONCURRENCY, async ({ item, outcome }): Promise<INodeExecutionData> => {
		const i = item.itemIndex;
		const fail = (error: unknown, json: IDataObject = {}): INodeExecutionData => {
			if (!run.continueOnFail) throw asItemError(node, error, i);
			return { json: withInput(run, i, errorJson(error, json)), pairedItem: { item: i } };
		};
		if (item.error) return fail(item.error);
		if (!outcome || outcome.state === 'notStarted' || outcome.state === 'abandoned') {
			return fail(new NodeOperationError(run.node, `The ${plan.noun} was not created [item ${i}]`, { itemIndex: i }));
		}
		const problem = outcomeError(run, plan, outcome);
		const json = 'job' in outcome && outcome.job ? withIsoTimes(plan.toJson(outcome.job, item)) : {};
		if (problem) return fail(problem, json);
		const settings = run.settingsOf(i);
		if (outcome.state === 'completed' && plan.download && settings.download) {
			const binary = await (early?.take(outcome) ??
				plan.download((outcome as { job: JobSnapshot }).job, item, settings.binaryPropertyName).catch((error: unknown) => error as Error));
			if (binary instanceof Error) return fail(binary, json);
			return { json: withInput(run, i, json), binary, pairedItem: { item: i } };
		}
		return { json: withInput(run, i, json), pairedItem: { item: i } };
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
