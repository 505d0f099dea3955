import type { IDataObject, IWebhookFunctions, IWebhookResponseData, INodeExecutionData } from 'n8n-workflow';

import { apiData } from '../transport/request';
import { downloadToBinary } from '../transport/download';
import { eventItem } from './events';
import type { EndpointState } from './lifecycle';
import { firstSighting, type SeenEvents } from './replay';
import { verifyDelivery, type Rejection } from './signature';

/** Event ids seen by this process, per workflow and node: concurrent retries of one event run once. */
const seenInProcess = new Map<string, SeenEvents>();

const VIDEO_EVENTS = /^avatar_video(_gif|_caption)?\./;
const TRANSLATION_EVENTS = /^video_translate\./;
const AGENT_EVENTS = /^video_agent\./;

function respond(ctx: IWebhookFunctions, status: number, body: IDataObject): void {
	ctx.getResponseObject().status(status).json(body);
}

/** The resource an event is about, read again so its URLs are freshly signed. */
async function freshResource(ctx: IWebhookFunctions, item: IDataObject): Promise<IDataObject | undefined> {
	const type = String(item.event_type);
	if (VIDEO_EVENTS.test(type) && item.video_id) {
		const { id, ...video } = await apiData<IDataObject>(ctx, 'getVideo', { pathParams: { video_id: String(item.video_id) } });
		return { video_id: id, ...video };
	}
	if (TRANSLATION_EVENTS.test(type) && item.video_translate_id) {
		const { id, ...translation } = await apiData<IDataObject>(ctx, 'getTranslation', {
			pathParams: { video_translation_id: String(item.video_translate_id) },
		});
		return { video_translation_id: id, ...translation };
	}
	if (AGENT_EVENTS.test(type) && item.video_id) {
		const { id, ...video } = await apiData<IDataObject>(ctx, 'getVideo', { pathParams: { video_id: String(item.video_id) } });
		return { video_id: id, ...video };
	}
	return undefined;
}

const REJECTIONS: Record<Rejection, string> = {
	no_secret: 'No signing secret is stored for this trigger; deactivate and activate the workflow to register it again',
	no_body: 'Empty body',
	no_signature: 'Missing Heygen-Signature header',
	bad_signature: 'Signature does not match',
	no_timestamp: 'Missing Heygen-Timestamp header',
	bad_timestamp: 'Malformed Heygen-Timestamp header',
	stale_timestamp: 'Heygen-Timestamp is more than five minutes old',
	future_timestamp: 'Heygen-Timestamp is more than five minutes ahead',
};

/**
 * Handles one delivery: verifies it first and fails closed (401, no run), answers HeyGen at once
 * (it retries anything slower than ten seconds), drops retries of an event already run and events
 * not selected, then builds the item, optionally with the fresh resource and its video file.
 */
export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = ctx.getWorkflowStaticData('node') as EndpointState & { seenEvents?: SeenEvents };
	const request = ctx.getRequestObject();
	const verdict = verifyDelivery({
		rawBody: request.rawBody,
		headers: request.headers,
		secret: state.secret,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!verdict.ok) {
		ctx.logger.warn(`HeyGen Trigger refused a delivery: ${verdict.reason}`);
		respond(ctx, 401, { error: REJECTIONS[verdict.reason] });
		return { noWebhookResponse: true };
	}

	let body: unknown;
	try {
		body = JSON.parse(request.rawBody.toString('utf8'));
	} catch {
		respond(ctx, 400, { error: 'The body is not JSON' });
		return { noWebhookResponse: true };
	}
	const item = eventItem(body, verdict.eventId);

	if (item.event_id) {
		const key = `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
		const local = seenInProcess.get(key) ?? {};
		seenInProcess.set(key, local);
		state.seenEvents ??= {};
		const now = Math.floor(Date.now() / 1000);
		const inProcess = firstSighting(local, item.event_id, now);
		const stored = firstSighting(state.seenEvents, item.event_id, now);
		if (!inProcess || !stored) {
			respond(ctx, 200, { received: true, duplicate: true });
			return { noWebhookResponse: true };
		}
	}

	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.includes('*') && !events.includes(item.event_type)) {
		respond(ctx, 200, { received: true, ignored: true });
		return { noWebhookResponse: true };
	}
	respond(ctx, 200, { received: true });

	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	let json: IDataObject = { ...item };
	if (options.fetchResource || options.downloadVideo) {
		const fresh = await freshResource(ctx, json).catch((error: Error) => ({ resource_error: error.message }));
		if (fresh) json = { ...json, ...fresh };
	}
	const output: INodeExecutionData = { json };
	const url = typeof json.video_url === 'string' ? json.video_url : undefined;
	if (options.downloadVideo && url && json.status === 'completed') {
		const id = String(json.video_translation_id ?? json.video_id ?? 'video');
		const target = { url, fileName: `${id}.mp4`, mimeType: 'video/mp4' };
		const binaryPropertyName = String(options.binaryPropertyName ?? 'data');
		const binary = await downloadToBinary(ctx, target, async () => target, 0).catch((error: Error) => error);
		if (binary instanceof Error) json.download_error = binary.message;
		else output.binary = { [binaryPropertyName]: binary };
	}
	return { noWebhookResponse: true, workflowData: [[output]] };
}
