import type { IDataObject } from 'n8n-workflow';

export { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../schemas/events';

/** A verified delivery's body, when it is what HeyGen sends: a JSON object with a string `event_type`. */
export interface EventBody extends IDataObject {
	event_type: string;
	event_id?: string;
	event_data?: IDataObject;
}

/**
 * Reads a verified body as a HeyGen event; undefined for anything else (bytes that are not UTF-8,
 * text that is not JSON, a JSON array or scalar, an object without `event_type`), which never runs.
 */
export function parseEventBody(rawBody: Buffer): EventBody | undefined {
	const text = rawBody.toString('utf8');
	if (!Buffer.from(text, 'utf8').equals(rawBody)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const body = parsed as IDataObject;
	if (typeof body.event_type !== 'string' || body.event_type === '') return undefined;
	return body as EventBody;
}

/** The event id HeyGen put inside the signed body, if any. */
export function signedEventId(body: EventBody): string | undefined {
	return typeof body.event_id === 'string' && body.event_id !== '' ? body.event_id : undefined;
}

/**
 * The HeyGen node's names for fields an event spells otherwise (`[node name, HeyGen name]`), so one
 * expression reads the action's output and the trigger's. Only documented payloads are mapped.
 */
const ACTION_NAMES: ReadonlyArray<{ events: RegExp; names: ReadonlyArray<readonly [string, string]> }> = [
	// Not the GIF or caption events: their `url` is not the video.
	{
		events: /^avatar_video\./,
		names: [
			['video_url', 'url'],
			['video_page_url', 'video_share_page_url'],
			['gif_url', 'gif_download_url'],
			['failure_message', 'msg'],
		],
	},
	{
		events: /^video_translate\./,
		names: [
			['video_translation_id', 'video_translate_id'],
			['failure_message', 'message'],
		],
	},
	{ events: /^video_translate\.success$/, names: [['video_url', 'url']] },
];

/** `data` plus the node's name of each field it carries under HeyGen's, never replacing a field HeyGen sent. */
function withActionNames(eventType: string, data: IDataObject): IDataObject {
	const out = { ...data };
	for (const { events, names } of ACTION_NAMES) {
		if (!events.test(eventType)) continue;
		for (const [nodeName, heyGenName] of names) {
			if (out[nodeName] === undefined && data[heyGenName] !== undefined) out[nodeName] = data[heyGenName];
		}
	}
	return out;
}

/**
 * A delivery's JSON as the trigger outputs it: the type, the event id, and `event_data` flattened,
 * with the HeyGen node's field names beside HeyGen's. The id is the body's own; when the body has
 * none, the `Heygen-Event-Id` header's (unsigned, shown for reference and never used to decide anything).
 */
export function eventItem(body: EventBody, headerEventId: string | undefined): IDataObject & { event_type: string; event_id: string | null } {
	const data = body.event_data && typeof body.event_data === 'object' && !Array.isArray(body.event_data) ? body.event_data : {};
	return {
		...withActionNames(body.event_type, data),
		event_type: body.event_type,
		event_id: signedEventId(body) ?? headerEventId ?? null,
	};
}
