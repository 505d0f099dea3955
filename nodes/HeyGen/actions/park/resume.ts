import type { IDataObject, INodeExecutionData, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CreatePlan, PreparedItem } from '../createFlow';
import { buildOutputs, type OutputRun } from '../outputs';
import { parkedOutcomes, readParkedJobs } from './check';
import { armDeadline, disarmDeadline, removeWaitEndpoint } from './park';
import { PARKED_KEY, parkedError, parkedStateOf, type ParkedItem } from './state';

/**
 * The webhook a parked run resumes through: n8n's restart webhook with an empty path, so the
 * execution's plain resume URL (`/webhook-waiting/<id>?signature=<token>`) reaches it. Declared
 * as a constant: the node's webhook is n8n's wait, not a trigger with a lifecycle of its own.
 */
export const RESUME_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true },
];

/** Plans that can resume a parked run, by `resource.operation` (only what reading and output need). */
export type ResumePlans = Record<string, (ctx: IWebhookFunctions) => CreatePlan>;

function continuesOnFail(ctx: IWebhookFunctions): boolean {
	const node = ctx.getNode();
	return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput' || (node.onError === undefined && node.continueOnFail === true);
}

/** The parked items n8n kept as the node's input (the run's state rides on them). */
function parkedItems(ctx: IWebhookFunctions): INodeExecutionData[] {
	const items = ctx.evaluateExpression('{{ $input.all() }}', 0);
	return Array.isArray(items) ? (items as INodeExecutionData[]) : [];
}

/**
 * Handles a call to a parked run's resume URL: from HeyGen (a batch or a job finished), a
 * duplicate, a forgery that knew the URL, or the node's own alarm at Max Wait. HeyGen is answered
 * at once and the call's body is never trusted: every job is read by API. Until every job is done
 * the run stays parked; then each job is read once, files downloaded, and the run resumes with
 * the same items the polling mode outputs. At Max Wait it resumes with what it finds.
 */
export async function resumeParked(ctx: IWebhookFunctions, plans: ResumePlans): Promise<IWebhookResponseData> {
	ctx.getResponseObject().status(200).json({ received: true });
	// A copy of a call this process is already acting on costs nothing (n8n resumes a run once anyway).
	const runKey = ctx.getExecutionId();
	if (inProgress.has(runKey)) return { noWebhookResponse: true };
	inProgress.add(runKey);
	try {
		return await checkAndResume(ctx, plans);
	} finally {
		inProgress.delete(runKey);
	}
}

const inProgress = new Set<string>();

async function checkAndResume(ctx: IWebhookFunctions, plans: ResumePlans): Promise<IWebhookResponseData> {
	const items = parkedItems(ctx);
	const states = items.map(parkedStateOf);
	if (states.length === 0 || states.some((state) => !state)) return { noWebhookResponse: true };
	const parked = states as ParkedItem[];

	const key = `${ctx.getNodeParameter('resource', '') as string}.${ctx.getNodeParameter('operation', '') as string}`;
	const planOf = plans[key];
	if (!planOf) throw new NodeOperationError(ctx.getNode(), `The operation "${key}" cannot resume a parked run`);
	const plan = planOf(ctx);

	const query = ctx.getQueryData() as IDataObject;
	const deadline = Math.min(...parked.map((state) => state.deadline));
	const resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string;
	const ending = query[PARKED_KEY] === 'deadline' || Date.now() >= deadline;

	const { done, readings } = await readParkedJobs(plan, parked, !ending);
	if (!done && !ending) {
		// Still rendering: stay parked. This process keeps its own alarm for Max Wait.
		if (typeof resumeUrl === 'string') armDeadline(ctx, resumeUrl, deadline);
		return { noWebhookResponse: true };
	}
	if (typeof resumeUrl === 'string') disarmDeadline(resumeUrl);
	if (parked[0].endpointId) await removeWaitEndpoint(ctx, parked[0].endpointId);

	const node = ctx.getNode();
	const run: OutputRun = {
		node,
		continueOnFail: continuesOnFail(ctx),
		maxWaitMinutes: parked[0].maxWaitMinutes,
		inputOf: (itemIndex) => parked[itemIndex].input,
		settingsOf: (itemIndex) => parked[itemIndex].settings,
	};
	const prepared: PreparedItem[] = parked.map((state, itemIndex) => ({
		itemIndex,
		body: state.callbackId ? { callback_id: state.callbackId } : {},
		error: parkedError(node, state, itemIndex),
	}));
	const outcomes = await parkedOutcomes(plan, parked, readings);
	// Without Continue On Fail the first job that ended badly stops the run (items refused up front already did).
	const firstBad = run.continueOnFail ? undefined : outcomes.find((outcome) => ['error', 'failed', 'timedOut'].includes(outcome.state));
	const output = await buildOutputs(run, plan, prepared, outcomes, firstBad);
	return { noWebhookResponse: true, workflowData: [output] };
}
