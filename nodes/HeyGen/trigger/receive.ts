import type { IDataObject, IWebhookFunctions, IWebhookResponseData, INodeExecutionData } from 'n8n-workflow';

import { withIsoTimes } from '../helpers/timestamps';
import { HYPERFRAMES_MIME_TYPES, type HyperframesFormat } from '../schemas/hyperframes';
import { apiData } from '../transport/request';
import { fileNameFor } from '../helpers/fileNames';
import { downloadToBinary } from '../transport/download';
import { eventItem, parseEventBody, signedEventId } from './events';
import { isSelected } from './eventsParameter';
import type { EndpointState } from './lifecycle';
import { deliveryKey, mergeSeen, storedIsBehind, type SeenDeliveries } from './replay';
import { EVENT_ID_HEADER, header, verifyDelivery, type Rejection } from './signature';

/** What the trigger keeps in the node's static data: its endpoint, and the deliveries it ran. */
type TriggerState = EndpointState & {
	seenDeliveries?: SeenDeliveries;
	/** Kept by earlier versions, keyed on the unsigned event-id header: dropped, never read. */
	seenEvents?: unknown;
};

/**
 * Deliveries this process ran, per workflow and node. Each request reads its own copy of the
 * static data, so this is what stops two concurrent deliveries of one event in one process, and
 * what writes back a record that n8n's save of another request's copy overwrote.
 */
const seenInProcess = new Map<string, SeenDeliveries>();

const VIDEO_EVENTS = /^avatar_video(_gif|_caption)?\./;
const TRANSLATION_EVENTS = /^video_translate\./;
const AGENT_EVENTS = /^video_agent\./;
const HYPERFRAMES_EVENTS = /^hyperframes_video\./;
const PROOFREAD_EVENTS = /^proofread_creation\./;

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
	if (HYPERFRAMES_EVENTS.test(type) && item.render_id) {
		return await apiData<IDataObject>(ctx, 'getHyperframesRender', { pathParams: { render_id: String(item.render_id) } });
	}
	if (PROOFREAD_EVENTS.test(type) && item.proofread_id) {
		const { id, ...proofread } = await apiData<IDataObject>(ctx, 'getProofread', { pathParams: { proofread_id: String(item.proofread_id) } });
		return { proofread_id: id, ...proofread };
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
 * Whether a verified event already started a run, by its key in this process's memory and in the
 * stored one; a new event that will run is recorded in both. Synchronous, so no other request
 * of this process can interleave between the check and the record.
 */
function alreadyRun(ctx: IWebhookFunctions, state: TriggerState, key: string, willRun: boolean): boolean {
	const processKey = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	const now = Math.floor(Date.now() / 1000);
	let memory = mergeSeen(state.seenDeliveries, seenInProcess.get(processKey) ?? {}, now);
	const duplicate = key in memory;
	if (!duplicate && willRun) memory = mergeSeen(memory, { [key]: now }, now);
	seenInProcess.set(processKey, memory);
	// Assigning (not mutating) marks the static data changed, so n8n saves it after this call.
	if (storedIsBehind(memory, state.seenDeliveries)) state.seenDeliveries = { ...memory };
	if (state.seenEvents !== undefined) delete state.seenEvents;
	return duplicate;
}

/**
 * Handles one delivery: verifies it first and fails closed (401, no run), answers HeyGen at once
 * (it retries anything slower than ten seconds), drops a delivery whose signed content already
 * ran (whatever its unsigned headers say) and events not selected, then builds the item,
 * optionally with the fresh resource and its video file.
 */
export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = ctx.getWorkflowStaticData('node') as TriggerState;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const request = ctx.getRequestObject();
	const verdict = verifyDelivery({
		rawBody: request.rawBody,
		headers: request.headers,
		secret: state.secret,
		nowSeconds: Math.floor(Date.now() / 1000),
		acceptLegacyWithoutTimestamp: options.acceptLegacyWithoutTimestamp === true,
	});
	if (!verdict.ok) {
		ctx.logger.warn(`HeyGen Trigger refused a delivery: ${verdict.reason}`);
		respond(ctx, 401, { error: REJECTIONS[verdict.reason] });
		return { noWebhookResponse: true };
	}

	const rawBody = request.rawBody;
	const body = parseEventBody(rawBody);
	if (!body) {
		respond(ctx, 400, { error: 'The body is not a HeyGen event (a UTF-8 JSON object with an event_type)' });
		return { noWebhookResponse: true };
	}
	const item = eventItem(body, header(request.headers, EVENT_ID_HEADER));
	const events = ctx.getNodeParameter('events', []) as string[];
	const selected = isSelected(events, item.event_type);

	if (alreadyRun(ctx, state, deliveryKey(rawBody, signedEventId(body)), selected)) {
		respond(ctx, 200, { received: true, duplicate: true });
		return { noWebhookResponse: true };
	}
	if (!selected) {
		respond(ctx, 200, { received: true, ignored: true });
		return { noWebhookResponse: true };
	}
	respond(ctx, 200, { received: true });

	let json: IDataObject = { ...item };
	if (options.fetchResource || options.downloadVideo) {
		const fresh = await freshResource(ctx, json).catch((error: Error) => ({ resource_error: error.message }));
		const eventCallbackId = json.callback_id;
		if (fresh) json = { ...json, ...fresh };
		// The event's Callback ID stays when the resource read again has none.
		if (json.callback_id == null && eventCallbackId != null) json.callback_id = eventCallbackId;
	}
	// Version 2 dates like n8n does (ISO 8601); version 1 keeps HeyGen's Unix seconds for its saved workflows.
	if (ctx.getNode().typeVersion >= 2) json = withIsoTimes(json);
	const output: INodeExecutionData = { json };
	const url = typeof json.video_url === 'string' ? json.video_url : undefined;
	if (options.downloadVideo && url && json.status === 'completed') {
		const id = String(json.video_translation_id ?? json.video_id ?? json.render_id ?? 'video');
		// A HyperFrames render says its container (MP4, WebM or MOV); the other videos are MP4.
		const format = (typeof json.format === 'string' && json.format in HYPERFRAMES_MIME_TYPES ? json.format : 'mp4') as HyperframesFormat;
		const target = { url, fileName: fileNameFor(id, json, format), mimeType: HYPERFRAMES_MIME_TYPES[format] };
		const binaryPropertyName = String(options.binaryPropertyName ?? 'data');
		const binary = await downloadToBinary(ctx, target, async () => target, 0).catch((error: Error) => error);
		if (binary instanceof Error) json.download_error = binary.message;
		else output.binary = { [binaryPropertyName]: binary };
	}
	return { noWebhookResponse: true, workflowData: [[output]] };
}
