/** A webhook endpoint as HeyGen lists it. */
export interface EndpointRecord {
	endpoint_id: string;
	url: string;
	/** `null` subscribes to every event. */
	events?: string[] | null;
	status?: string;
}

/** The calls the lifecycle needs, so it can run against HeyGen, the emulator or a test double. */
export interface WebhookApi {
	list(): Promise<EndpointRecord[]>;
	create(url: string, events: string[] | null): Promise<{ endpoint_id: string; secret: string }>;
	/** `missing` when HeyGen no longer has it (a 404): the goal is reached all the same. */
	remove(endpointId: string): Promise<'deleted' | 'missing'>;
}

/** What the trigger keeps in the node's static data about its endpoint. */
export interface EndpointState {
	endpointId?: string;
	/** The signing secret HeyGen returned when the endpoint was created (it is never shown again). */
	secret?: string;
	url?: string;
	events?: string[] | null;
	[key: string]: unknown;
}

export function clearEndpoint(state: EndpointState): void {
	delete state.endpointId;
	delete state.secret;
	delete state.url;
	delete state.events;
}

function sameEvents(a: string[] | null | undefined, b: string[] | null): boolean {
	if (!a || a.length === 0 || !b || b.length === 0) return (!a || a.length === 0) === (!b || b.length === 0);
	return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Whether this node's endpoint is registered, for this URL and these events, with a secret to
 * verify deliveries. Anything less clears the stored state so `registerEndpoint` starts afresh:
 * an endpoint HeyGen no longer has, one registered for other events, or, for this URL, one whose
 * secret was lost (deleted, because HeyGen shows a secret only once and it would deliver twice).
 */
export async function endpointExists(api: WebhookApi, state: EndpointState, url: string, events: string[] | null): Promise<boolean> {
	const endpoints = await api.list();
	const ours = state.endpointId ? endpoints.find((endpoint) => endpoint.endpoint_id === state.endpointId) : undefined;
	if (ours && state.secret && ours.url === url && sameEvents(ours.events, events)) return true;

	for (const stale of endpoints.filter((endpoint) => endpoint.url === url || endpoint.endpoint_id === state.endpointId)) {
		await api.remove(stale.endpoint_id);
	}
	clearEndpoint(state);
	return false;
}

/** Registers the endpoint and keeps its id and secret. */
export async function registerEndpoint(api: WebhookApi, state: EndpointState, url: string, events: string[] | null): Promise<void> {
	const created = await api.create(url, events);
	state.endpointId = created.endpoint_id;
	state.secret = created.secret;
	state.url = url;
	state.events = events;
}

/**
 * Removes the endpoint (one HeyGen already forgot counts as removed) and any other endpoint for
 * this URL, which would otherwise keep delivering with a secret nobody holds; forgets the secret.
 */
export async function removeEndpoint(api: WebhookApi, state: EndpointState, url: string): Promise<boolean> {
	const endpoints = await api.list();
	const ids = new Set(endpoints.filter((endpoint) => endpoint.url === url).map((endpoint) => endpoint.endpoint_id));
	if (state.endpointId) ids.add(state.endpointId);
	for (const id of ids) await api.remove(id);
	clearEndpoint(state);
	return true;
}
