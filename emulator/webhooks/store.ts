import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

import { ApiProblem, invalidParameter, notFound } from '../http/errors';

/** A registered endpoint; its secret is shown only by create and rotate. */
export interface WebhookEndpointRecord {
	id: string;
	url: string;
	/** `null` subscribes to every event type. */
	events: string[] | null;
	/** When set, only events about this resource are delivered here. */
	entityId: string | null;
	status: 'enabled' | 'disabled';
	secret: string;
	createdAtMs: number;
	sequence: number;
}

/** What a finished job produces, before it gets an id. */
export interface EventDraft {
	type: string;
	data: Record<string, unknown>;
	/** The resources it is about (video, translation, session ids): `entity_id` filters and scopes match these. */
	entityIds: string[];
	/** The job's per-request `callback_url`, delivered to unsigned. */
	callbackUrl: string | null;
	occurredAtMs: number;
	/** Sent to the `callback_url` only, and kept out of the event history (a fault's extra callback). */
	callbackOnly?: boolean;
	/** The configured fault that made this event, recorded on its delivery attempts. */
	fault?: string;
}

export interface WebhookEvent extends EventDraft {
	id: string;
	sequence: number;
	/** The exact bytes every delivery of this event sends, so signatures and retries agree. */
	rawBody: Buffer;
	/** In `GET /v3/webhooks/events` once it was sent (or dropped) to at least one target. */
	listed: boolean;
}

export type DeliveryTarget = { kind: 'endpoint'; endpointId: string } | { kind: 'callback_url'; url: string };

export type DeliveryOutcome = 'pending' | 'delivered' | 'failed' | 'dropped' | 'cancelled';

/** One try at delivering one event to one target (snake_case: the control API shows it as is). */
export interface DeliveryAttempt {
	id: number;
	event_id: string;
	event_type: string;
	target: 'endpoint' | 'callback_url';
	/** The registered endpoint, or null for a per-request `callback_url`. */
	endpoint_id: string | null;
	url: string;
	/** 1 for the first try of a delivery, then one more per retry. */
	attempt: number;
	/** 1, or 2 for the second copy sent by `duplicateDeliveries`. */
	copy: number;
	/** Whether it carried `Heygen-Signature` (registered endpoints only). */
	signed: boolean;
	/** Lower-case names, as sent. */
	headers: Record<string, string>;
	body: string;
	/** Epoch ms when it was sent (or dropped). */
	sent_at: number;
	finished_at: number | null;
	/** The receiver's HTTP status; null when it never answered. */
	status: number | null;
	/** `timeout`, a connection error, or why nothing was sent. */
	error: string | null;
	outcome: DeliveryOutcome;
	/** Whether another attempt follows this failed one. */
	will_retry: boolean;
	/** The `server: 'webhook'` fault applied, if any. */
	fault?: string;
	/** Sent by `POST /__emulator/deliver` rather than when the event happened. */
	manual: boolean;
}

export interface WebhookSummary {
	endpoints: number;
	/** Never the secrets: those are only under `GET /__emulator/webhook-secrets`. */
	endpoint_list: Array<{
		endpoint_id: string;
		url: string;
		events: string[] | null;
		entity_id: string | null;
		status: string;
		created_at: string;
	}>;
	events: number;
	deliveries: Record<DeliveryOutcome | 'total', number>;
}

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);
const PUBLIC_URL_MESSAGE = "'url' must be a publicly accessible HTTPS URL.";

function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_NAMES.has(hostname.toLowerCase()) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

/** Private, link-local and unspecified addresses HeyGen could never reach. */
function isPrivateAddress(hostname: string): boolean {
	const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (isIP(bare) === 4) {
		const [a, b] = bare.split('.').map(Number);
		return a === 0 || a === 10 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || a >= 224;
	}
	if (isIP(bare) === 6) return bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
	// A single-label or local-only name does not resolve on the public internet.
	return !bare.includes('.') || /\.(local|internal|lan|home|localdomain|test|invalid)$/.test(bare);
}

/**
 * HeyGen delivers only to public HTTPS URLs. Loopback URLs (http or https) are accepted too, so a
 * local receiver or n8n can subscribe to this emulator.
 */
export function checkDeliveryUrl(value: string): string {
	const url = new URL(value);
	const reachable = isLoopbackHost(url.hostname) || (url.protocol === 'https:' && !isPrivateAddress(url.hostname));
	if (!reachable) throw invalidParameter('url', PUBLIC_URL_MESSAGE);
	// Kept exactly as given: clients compare the listed URL with the one they registered.
	return value;
}

/** `events: []` reads like "all" to HeyGen's v1 docs and to the node, so it is stored as null (all). */
function normalisedEvents(events: readonly string[] | null | undefined): string[] | null {
	return events && events.length > 0 ? [...new Set(events)] : null;
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export function isoTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The account's webhook endpoints, its event history and every delivery attempt. */
export class WebhookStore {
	readonly endpoints = new Map<string, WebhookEndpointRecord>();
	readonly events = new Map<string, WebhookEvent>();
	/** Kept as one array for the emulator's lifetime, so a reference held by a test stays current. */
	readonly attempts: DeliveryAttempt[] = [];
	/** Every signing secret ever handed out (created or rotated), kept across resets for secret scans. */
	readonly issuedSecrets: string[] = [];
	private nextSequence = 1;
	private nextAttemptId = 1;

	createEndpoint(
		input: { url: string; events?: readonly string[] | null; entityId?: string | null },
		now: number,
	): WebhookEndpointRecord {
		const endpoint: WebhookEndpointRecord = {
			id: `ep_${randomBytes(12).toString('hex')}`,
			url: checkDeliveryUrl(input.url),
			events: normalisedEvents(input.events),
			entityId: input.entityId ?? null,
			status: 'enabled',
			secret: this.issue(newSecret()),
			createdAtMs: now,
			sequence: this.nextSequence++,
		};
		this.endpoints.set(endpoint.id, endpoint);
		return endpoint;
	}

	private issue(secret: string): string {
		this.issuedSecrets.push(secret);
		return secret;
	}

	requireEndpoint(id: string): WebhookEndpointRecord {
		const endpoint = this.endpoints.get(id);
		if (!endpoint) throw notFound('Webhook endpoint not found.');
		return endpoint;
	}

	/** `events` replaces the whole list; validation comes first, so a refused patch changes nothing. */
	updateEndpoint(id: string, patch: { url?: string | null; events?: readonly string[] | null }): WebhookEndpointRecord {
		const endpoint = this.requireEndpoint(id);
		if (patch.url == null && patch.events == null) {
			throw new ApiProblem(400, 'invalid_parameter', "At least one of 'url' or 'events' must be provided.");
		}
		const url = patch.url == null ? endpoint.url : checkDeliveryUrl(patch.url);
		endpoint.url = url;
		if (patch.events != null) endpoint.events = normalisedEvents(patch.events);
		return endpoint;
	}

	deleteEndpoint(id: string): void {
		this.requireEndpoint(id);
		this.endpoints.delete(id);
	}

	/** The old secret stops working at once: later deliveries are signed with the new one. */
	rotateSecret(id: string): WebhookEndpointRecord {
		const endpoint = this.requireEndpoint(id);
		endpoint.secret = this.issue(newSecret());
		return endpoint;
	}

	listEndpoints(): WebhookEndpointRecord[] {
		return [...this.endpoints.values()].sort((a, b) => a.sequence - b.sequence);
	}

	/** Enabled endpoints that take this event: subscribed to its type, and scoped to none or to its resource. */
	subscribersOf(event: Pick<EventDraft, 'type' | 'entityIds'>): WebhookEndpointRecord[] {
		return this.listEndpoints().filter(
			(endpoint) =>
				endpoint.status === 'enabled' &&
				(endpoint.events === null || endpoint.events.includes(event.type)) &&
				(endpoint.entityId === null || event.entityIds.includes(endpoint.entityId)),
		);
	}

	recordEvent(draft: EventDraft, eventIdInBody: boolean): WebhookEvent {
		const id = `evt_${randomBytes(12).toString('hex')}`;
		const payload = eventIdInBody
			? { event_type: draft.type, event_id: id, event_data: draft.data }
			: { event_type: draft.type, event_data: draft.data };
		const event: WebhookEvent = {
			...draft,
			id,
			sequence: this.nextSequence++,
			rawBody: Buffer.from(JSON.stringify(payload), 'utf8'),
			listed: false,
		};
		this.events.set(id, event);
		return event;
	}

	/** The history `GET /v3/webhooks/events` pages through, newest first. */
	listedEvents(): WebhookEvent[] {
		return [...this.events.values()].filter((event) => event.listed).sort((a, b) => b.sequence - a.sequence);
	}

	addAttempt(entry: Omit<DeliveryAttempt, 'id'>): DeliveryAttempt {
		const attempt: DeliveryAttempt = { id: this.nextAttemptId++, ...entry };
		this.attempts.push(attempt);
		return attempt;
	}

	clear(): void {
		this.endpoints.clear();
		this.events.clear();
		this.attempts.length = 0;
		this.nextSequence = 1;
		this.nextAttemptId = 1;
	}

	summary(): WebhookSummary {
		const deliveries: WebhookSummary['deliveries'] = {
			total: this.attempts.length,
			pending: 0,
			delivered: 0,
			failed: 0,
			dropped: 0,
			cancelled: 0,
		};
		for (const attempt of this.attempts) deliveries[attempt.outcome]++;
		return {
			endpoints: this.endpoints.size,
			endpoint_list: this.listEndpoints().map((endpoint) => ({
				endpoint_id: endpoint.id,
				url: endpoint.url,
				events: endpoint.events,
				entity_id: endpoint.entityId,
				status: endpoint.status,
				created_at: isoTime(endpoint.createdAtMs),
			})),
			events: this.listedEvents().length,
			deliveries,
		};
	}
}
