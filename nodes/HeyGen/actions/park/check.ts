import type { IDataObject } from 'n8n-workflow';

import { mapWithLimit } from '../../helpers/concurrency';
import type { JobOutcome, JobSnapshot } from '../../transport/jobs';
import type { CreatePlan } from '../createFlow';
import type { ParkedItem, ParkedJob } from './state';

/** Where one job stands, as HeyGen said just now. */
export interface JobReading {
	status: string;
	id?: string;
	error?: string;
}

const BULK_IDS = 100;
const READ_CONCURRENCY = 8;

export const jobKey = (job: ParkedJob): string => (job.batch ? `batch:${job.batch}:${job.index}` : `job:${job.id}`);

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * Reads where every parked job stands, never from a callback's body: each batch with one read
 * (HeyGen lists a batch's items), the other jobs with the bulk status read (100 ids a call) or
 * one by one. With `stopEarly` the newest jobs are read first and reading stops at the first
 * one still running: a callback that does not finish the run costs one or two reads.
 */
export async function readParkedJobs(
	plan: CreatePlan,
	states: ParkedItem[],
	stopEarly: boolean,
): Promise<{ done: boolean; readings: Map<string, JobReading> }> {
	const readings = new Map<string, JobReading>();
	const terminal = (status: string) => plan.kind.terminalStatuses.includes(status);
	const jobs = states.flatMap((state) => state.jobs);
	const batches = [...new Set(jobs.map((job) => job.batch).filter((batch): batch is string => Boolean(batch)))].reverse();
	const ids = [...new Set(jobs.filter((job) => !job.batch && job.id).map((job) => job.id as string))].reverse();

	for (const batchId of batches) {
		const items = await (plan.batch as NonNullable<CreatePlan['batch']>).read(batchId);
		for (const item of items) readings.set(`batch:${batchId}:${item.index}`, { status: item.status, id: item.id, error: item.error });
		if (stopEarly && items.some((item) => !terminal(item.status))) return { done: false, readings };
	}
	for (const group of chunks(ids, BULK_IDS)) {
		let statuses: Map<string, string>;
		if (plan.kind.statuses) {
			statuses = await plan.kind.statuses(group);
		} else {
			statuses = new Map();
			for (const id of group) {
				statuses.set(id, (await plan.kind.getOne(id, 0)).status);
				if (stopEarly && !terminal(statuses.get(id) as string)) break;
			}
		}
		for (const [id, status] of statuses) readings.set(`job:${id}`, { status, id });
		if (stopEarly && [...statuses.values()].some((status) => !terminal(status))) return { done: false, readings };
	}
	const done = jobs.every((job) => {
		const reading = readings.get(jobKey(job));
		return reading !== undefined && terminal(reading.status);
	});
	return { done, readings };
}

/**
 * The outcome of every parked job: a finished one read once more on its own (its URLs freshly
 * signed, its failure reason), one still running reported with its id and status.
 */
export async function parkedOutcomes(plan: CreatePlan, states: ParkedItem[], readings: Map<string, JobReading>): Promise<JobOutcome[]> {
	const work = states.flatMap((state, itemIndex) => (state.error ? [] : state.jobs.map((job, jobIndex) => ({ itemIndex, jobIndex, job }))));
	return await mapWithLimit(work, READ_CONCURRENCY, async ({ itemIndex, jobIndex, job }): Promise<JobOutcome> => {
		const reading = readings.get(jobKey(job));
		const id = reading?.id ?? job.id;
		const status = reading?.status ?? job.status ?? 'unknown';
		if (!id) {
			const why = reading?.error ?? `HeyGen reported no ${plan.noun} for it (status ${status})`;
			return { itemIndex, jobIndex, state: 'error', error: new Error(`The ${plan.noun} was not created: ${why}`) };
		}
		if (!plan.kind.terminalStatuses.includes(status)) {
			return { itemIndex, jobIndex, state: 'timedOut', job: { id, status, raw: { id, status } as IDataObject } };
		}
		const snapshot: JobSnapshot | Error = await plan.kind.getOne(id, itemIndex).catch((error: Error) => error);
		if (snapshot instanceof Error) return { itemIndex, jobIndex, state: 'error', error: snapshot, job: { id, status, raw: { id, status } } };
		if (!plan.kind.terminalStatuses.includes(snapshot.status)) return { itemIndex, jobIndex, state: 'timedOut', job: snapshot };
		return { itemIndex, jobIndex, state: plan.kind.failedStatuses.includes(snapshot.status) ? 'failed' : 'completed', job: snapshot };
	});
}
