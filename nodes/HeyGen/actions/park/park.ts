import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asItemError } from '../../helpers/items';
import { isLocalBaseUrl, unreachableUrl } from '../../helpers/urls';
import { combinedKey } from '../../transport/idempotency';
import { runJobs, type JobOutcome, type JobSpec } from '../../transport/jobs';
import { apiData, apiRequest, credentialSettings } from '../../transport/request';
import type { WaitMode } from '../common.descriptions';
import { callbackIdOfItem, EARLIER_RUN_MARGIN_MS, MINUTE, sendOne, type CreatePlan, type CreateSettings, type ItemKeys, type PreparedItem } from '../createFlow';
import { appendDescription, buildOutputs, describeJobs, type OutputRun } from '../outputs';
import { jobKey, parkedOutcomes, readParkedJobs } from './check';
import { PARKED_KEY, unconfirmedItem, type ParkedItem, type ParkedJob } from './state';

/** HeyGen calls back only to public HTTPS addresses, except when the Base URL is itself local (the emulator). */
async function heyGenCanCallBack(ctx: IExecuteFunctions, resumeUrl: string): Promise<boolean> {
	const { baseUrl } = await credentialSettings(ctx);
	if (isLocalBaseUrl(baseUrl)) return true;
	return resumeUrl.startsWith('https://') && unreachableUrl(resumeUrl) === undefined;
}

/**
 * Whether this run parks, and the execution's resume URL when it does. Parking needs HeyGen to
 * call back (a batch callback, the job's `callback_url`, or its end events to an endpoint), n8n to be able to park this execution
 * (not inside an AI tool call), and, in Auto, an address HeyGen can reach.
 */
export async function parkingFor(ctx: IExecuteFunctions, plan: CreatePlan, prepared: PreparedItem[]): Promise<{ resumeUrl: string } | undefined> {
	const mode = ctx.getNodeParameter('waitMode', 0, 'poll') as WaitMode;
	if (mode === 'poll') return undefined;
	const existing = prepared.some((item) => item.existingIds);
	// HeyGen calls back jobs it creates for us (a batch, or a `callback_url`); jobs made elsewhere, and jobs
	// HeyGen takes no callback for (proofreads), announce their end as events.
	if (existing ? !plan.events : !plan.batch && !plan.callsBack && !plan.parksOnEvents) return undefined;
	// Not inside an AI tool call, and not from the command line (`n8n execute` ends with the run).
	if (typeof ctx.putExecutionToWait !== 'function' || ctx.getNode().type.endsWith('Tool') || ctx.getMode() === 'cli') return undefined;
	const resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	if (typeof resumeUrl !== 'string' || !/^https?:\/\//.test(resumeUrl)) return undefined;
	if (mode === 'auto' && !(await heyGenCanCallBack(ctx, resumeUrl))) return undefined;
	return { resumeUrl };
}

/** The callback address of a parked run: its resume URL, marked with why HeyGen calls. */
export function callbackUrl(resumeUrl: string, reason: 'batch' | 'job' | 'event' | 'deadline'): string {
	return `${resumeUrl}${resumeUrl.includes('?') ? '&' : '?'}${PARKED_KEY}=${reason}`;
}

/** n8n's own end of the wait comes this long after the node's, so the node's last check has time to finish. */
function graceMs(maxWaitMs: number): number {
	return Math.max(MINUTE, maxWaitMs * 0.1);
}

const alarms = new Map<string, { cancelled: boolean }>();
const NAP_MS = 1000;

/**
 * Calls the run's own resume URL when its wait ends, so the node checks every job by API even if
 * HeyGen's call never comes. Lives in this process: n8n's own deadline, a little later, covers a restart.
 */
export function armDeadline(ctx: IExecuteFunctions | IWebhookFunctions, resumeUrl: string, deadline: number): void {
	if (alarms.has(resumeUrl)) return;
	const alarm = { cancelled: false };
	alarms.set(resumeUrl, alarm);
	const ring = async () => {
		// Short naps, so a run resumed meanwhile lets its alarm go at once.
		while (!alarm.cancelled && Date.now() < deadline) await sleep(Math.min(NAP_MS, Math.max(0, deadline - Date.now())));
		alarms.delete(resumeUrl);
		if (alarm.cancelled) return;
		await ctx.helpers
			.httpRequest({ method: 'POST', url: callbackUrl(resumeUrl, 'deadline'), body: {}, json: true, ignoreHttpStatusErrors: true, timeout: 30_000 })
			.catch(() => undefined);
	};
	void ring();
}

export function disarmDeadline(resumeUrl: string): void {
	const alarm = alarms.get(resumeUrl);
	if (alarm) alarm.cancelled = true;
	alarms.delete(resumeUrl);
}

/** Lets every alarm of this process go (tests end with it). */
export function disarmAllDeadlines(): void {
	for (const url of [...alarms.keys()]) disarmDeadline(url);
}

interface ParkArgs {
	items: INodeExecutionData[];
	prepared: PreparedItem[];
	settings: CreateSettings;
	plan: CreatePlan;
	keys: ItemKeys;
	run: OutputRun;
	resumeUrl: string;
	startedAt: number;
	/** Set when HeyGen answered a create with an earlier run's job: it calls that run back, not this one. */
	replayed?: boolean;
}

/** Sends the items in batches HeyGen queues itself; each item's job is its place in its batch. */
async function submitBatches(ctx: IExecuteFunctions, args: ParkArgs, jobs: Map<number, ParkedJob[]>): Promise<void> {
	const { plan, prepared, keys, run, resumeUrl } = args;
	const batch = plan.batch as NonNullable<CreatePlan['batch']>;
	const ready: PreparedItem[] = [];
	for (const item of prepared.filter((candidate) => candidate.body)) {
		const failure = await plan.beforeSend?.(item).then(
			() => undefined,
			(error: unknown) => error as Error,
		);
		if (!failure) ready.push(item);
		else if (run.continueOnFail) item.error = failure;
		else throw asItemError(ctx, failure, item.itemIndex);
	}
	const created: JobOutcome[] = [];
	const weight = (item: PreparedItem) => Math.max(1, plan.weight?.(item) ?? 1);
	// Batches of at most `maxItems` jobs (a translation into three languages is three).
	const groups: PreparedItem[][] = [];
	for (const item of ready) {
		const last = groups[groups.length - 1];
		if (last && last.reduce((sum, member) => sum + weight(member), 0) + weight(item) <= batch.maxItems) last.push(item);
		else groups.push([item]);
	}
	for (const members of groups) {
		const key = combinedKey(plan.purpose, members.map((item) => (keys.get(item.itemIndex) as (generation: number) => string)(0)));
		const sent = await batch.send(members, key, callbackUrl(resumeUrl, 'batch')).then(
			(answer) => answer,
			(error: unknown) => error as Error,
		);
		const batchId = sent instanceof Error ? sent : sent.id;
		if (!(sent instanceof Error) && sent.createdAtMs !== undefined && sent.createdAtMs < args.startedAt - EARLIER_RUN_MARGIN_MS) args.replayed = true;
		if (batchId instanceof Error) {
			if (!run.continueOnFail) {
				const error = asItemError(ctx, batchId, members[0].itemIndex);
				appendDescription(error, describeJobs(created, plan.noun));
				throw error;
			}
			for (const item of members) item.error = batchId;
			continue;
		}
		let index = 0;
		for (const item of members) {
			const own = Array.from({ length: weight(item) }, () => ({ batch: batchId, index: index++ }));
			jobs.set(item.itemIndex, own);
			own.forEach((job, jobIndex) =>
				created.push({ itemIndex: item.itemIndex, jobIndex, state: 'submitted', job: { id: `${batchId}#${job.index}`, status: 'queued', raw: {} } }),
			);
		}
	}
}

/** Sends each item on its own with the resume URL as its `callback_url`, within the account's concurrency. */
async function submitEach(ctx: IExecuteFunctions, args: ParkArgs, jobs: Map<number, ParkedJob[]>): Promise<void> {
	const { plan, prepared, keys, run, settings, resumeUrl } = args;
	const specs: JobSpec[] = prepared
		.filter((item) => item.body)
		.map((item) => ({
			itemIndex: item.itemIndex,
			weight: plan.weight?.(item),
			submit: async (generation: number) => {
				// Added after the key is made: a re-run's create must match the first one's.
				if (plan.callsBack) (item.body as IDataObject).callback_url = callbackUrl(resumeUrl, 'job');
				return await sendOne(plan, item, keys, generation);
			},
		}));
	const { outcomes, stoppedBy } = await runJobs(specs, {
		kind: plan.kind,
		concurrency: settings.maxConcurrentJobs,
		waitForCompletion: false,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !run.continueOnFail,
		signal: ctx.getExecutionCancelSignal(),
	});
	if (stoppedBy) await buildOutputs(run, plan, prepared, outcomes, stoppedBy);
	for (const outcome of outcomes) {
		const item = prepared.find((candidate) => candidate.itemIndex === outcome.itemIndex) as PreparedItem;
		if (outcome.state === 'error') item.error = outcome.error;
		else if ('job' in outcome && outcome.job) {
			if (outcome.job.createdAtMs !== undefined && outcome.job.createdAtMs < args.startedAt - EARLIER_RUN_MARGIN_MS) args.replayed = true;
			jobs.set(outcome.itemIndex, [...(jobs.get(outcome.itemIndex) ?? []), { id: outcome.job.id, status: outcome.job.status }]);
		}
	}
}

function errorState(error: unknown): ParkedItem['error'] {
	const description = (error as { description?: unknown })?.description;
	return { message: error instanceof Error ? error.message : String(error), ...(typeof description === 'string' ? { description } : {}) };
}

/**
 * Submits every item so that HeyGen calls this execution back, checks once (a re-run may find its
 * renders done already), then parks: the execution waits in n8n's database, holding no process,
 * until HeyGen's call (or the node's own alarm at Max Wait) reaches the node's webhook.
 */
export async function parkCreates(ctx: IExecuteFunctions, args: ParkArgs): Promise<INodeExecutionData[]> {
	const { items, prepared, settings, plan, run } = args;
	const jobs = new Map<number, ParkedJob[]>();
	const existing = prepared.some((item) => item.existingIds);
	if (existing) for (const item of prepared) jobs.set(item.itemIndex, (item.existingIds ?? []).map((id) => ({ id })));
	else if (plan.batch) await submitBatches(ctx, args, jobs);
	else await submitEach(ctx, args, jobs);

	// Jobs made elsewhere, or that call no one back, are heard of through a webhook endpoint for their end
	// events: registered before the check below, so a job ending in between is not missed.
	let endpointId: string | undefined;
	if (plan.events && (existing || plan.parksOnEvents)) {
		endpointId = await registerWaitEndpoint(ctx, plan, args.resumeUrl);
		if (!endpointId) return await pollInstead(ctx, args, jobs);
	}

	const deadline = Date.now() + settings.maxWaitMinutes * MINUTE;
	const states: ParkedItem[] = items.map((item, itemIndex) => {
		const entry = prepared.find((candidate) => candidate.itemIndex === itemIndex);
		const callbackId = entry && callbackIdOfItem(entry);
		return {
			v: 1,
			input: item.json,
			settings: run.settingsOf(itemIndex),
			...(typeof callbackId === 'string' ? { callbackId } : {}),
			...(entry?.error ? { error: errorState(entry.error) } : {}),
			jobs: entry?.error ? [] : (jobs.get(itemIndex) ?? []),
			deadline,
			maxWaitMinutes: settings.maxWaitMinutes,
		};
	});

	// Already done (a re-run replaying finished renders): no need to park. Otherwise the ids HeyGen
	// has assigned so far are kept, for the message should the wait end without a last check.
	const { done, readings } = await readParkedJobs(plan, states, false);
	if (done) {
		if (endpointId) await removeWaitEndpoint(ctx, endpointId);
		return await buildOutputs(run, plan, prepared, await parkedOutcomes(plan, states, readings));
	}
	for (const job of states.flatMap((state) => state.jobs)) {
		const reading = readings.get(jobKey(job));
		if (reading?.id) job.id = reading.id;
		if (reading) job.status = reading.status;
	}

	if (!endpointId && args.replayed && plan.events) {
		// Jobs an earlier run created call that run back, not this one: a webhook endpoint for their end events does.
		endpointId = await registerWaitEndpoint(ctx, plan, args.resumeUrl);
	}
	for (const state of states) if (endpointId) state.endpointId = endpointId;
	const parked = states.map((state, itemIndex) => unconfirmedItem(state, itemIndex, plan.noun, plan.idField));
	// The parked node's input is what n8n keeps for its webhook (and passes on if n8n ends the wait itself).
	const stackEntry = ctx.getExecuteData();
	stackEntry.data = { ...stackEntry.data, main: [parked] };
	await ctx.putExecutionToWait(new Date(deadline + graceMs(settings.maxWaitMinutes * MINUTE)));
	armDeadline(ctx, args.resumeUrl, deadline);
	return parked;
}

/** Registers a webhook endpoint sending the jobs' end events to this run; none when HeyGen refuses one. */
async function registerWaitEndpoint(ctx: IExecuteFunctions, plan: CreatePlan, resumeUrl: string): Promise<string | undefined> {
	const created = await apiData<{ endpoint_id: string }>(ctx, 'createWebhookEndpoint', {
		body: { url: callbackUrl(resumeUrl, 'event'), events: plan.events as string[] },
	}).catch(() => undefined);
	return created?.endpoint_id;
}

/** Removes a wait's webhook endpoint; one HeyGen no longer has is gone all the same. */
export async function removeWaitEndpoint(ctx: IExecuteFunctions | IWebhookFunctions, endpointId: string): Promise<void> {
	await apiRequest(ctx, 'deleteWebhookEndpoint', { pathParams: { endpoint_id: endpointId } }).catch(() => undefined);
}

/** Waits by polling after all (HeyGen would not register an endpoint): the run stays in this process. */
async function pollInstead(ctx: IExecuteFunctions, args: ParkArgs, jobs: Map<number, ParkedJob[]>): Promise<INodeExecutionData[]> {
	const { prepared, settings, plan, run } = args;
	const idsOf = (item: PreparedItem) => (jobs.get(item.itemIndex) ?? []).map((job) => job.id).filter((id): id is string => Boolean(id));
	const specs: JobSpec[] = prepared
		.filter((item) => !item.error && idsOf(item).length > 0)
		.map((item) => ({ itemIndex: item.itemIndex, existingIds: idsOf(item) }));
	const { outcomes, stoppedBy } = await runJobs(specs, {
		kind: plan.kind,
		concurrency: Math.max(1, specs.length),
		waitForCompletion: true,
		maxWaitMs: settings.maxWaitMinutes * MINUTE,
		stopOnFirstError: !run.continueOnFail,
		signal: ctx.getExecutionCancelSignal(),
	});
	return await buildOutputs(run, plan, prepared, outcomes, stoppedBy);
}
