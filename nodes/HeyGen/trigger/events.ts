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
 * A delivery's JSON as the trigger outputs it: the type, the event id, and `event_data` flattened.
 * The id is the body's own; when the body has none, the `Heygen-Event-Id` header's (unsigned, shown
 * for reference and never used to decide anything).
 */
export function eventItem(body: EventBody, headerEventId: string | undefined): IDataObject & { event_type: string; event_id: string | null } {
	const data = body.event_data && typeof body.event_data === 'object' && !Array.isArray(body.event_data) ? body.event_data : {};
	return {
		...data,
		event_type: body.event_type,
		event_id: signedEventId(body) ?? headerEventId ?? null,
	};
}
