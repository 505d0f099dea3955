import { endpointExists, registerEndpoint, removeEndpoint, type EndpointRecord, type EndpointState, type WebhookApi } from '../../nodes/HeyGen/trigger/lifecycle';
import { firstSighting } from '../../nodes/HeyGen/trigger/replay';
import { eventItem } from '../../nodes/HeyGen/trigger/events';

const URL = 'https://n8n.example.com/webhook/abc/webhook';

/** An in-memory HeyGen endpoint registry. */
function fakeApi(initial: EndpointRecord[] = []) {
	const endpoints = [...initial];
	const calls: string[] = [];
	let next = 1;
	const api: WebhookApi = {
		async list() {
			calls.push('list');
			return endpoints.map((e) => ({ ...e }));
		},
		async create(url, events) {
			calls.push(`create ${url}`);
			const endpoint_id = `ep_${next++}`;
			endpoints.push({ endpoint_id, url, events });
			return { endpoint_id, secret: `whsec_${endpoint_id}` };
		},
		async remove(id) {
			calls.push(`remove ${id}`);
			const index = endpoints.findIndex((e) => e.endpoint_id === id);
			if (index < 0) return 'missing';
			endpoints.splice(index, 1);
			return 'deleted';
		},
	};
	return { api, endpoints, calls };
}

describe('webhook endpoint lifecycle', () => {
	it('creates an endpoint and keeps its id and secret; it then exists', async () => {
		const { api, endpoints } = fakeApi();
		const state: EndpointState = {};
		expect(await endpointExists(api, state, URL, ['avatar_video.success'])).toBe(false);
		await registerEndpoint(api, state, URL, ['avatar_video.success']);
		expect(state).toMatchObject({ endpointId: 'ep_1', secret: 'whsec_ep_1', url: URL, events: ['avatar_video.success'] });
		expect(endpoints).toEqual([{ endpoint_id: 'ep_1', url: URL, events: ['avatar_video.success'] }]);
		expect(await endpointExists(api, state, URL, ['avatar_video.success'])).toBe(true);
	});

	it('an endpoint HeyGen no longer has clears the stale state', async () => {
		const { api } = fakeApi();
		const state: EndpointState = { endpointId: 'ep_gone', secret: 'whsec_old', url: URL, events: null };
		expect(await endpointExists(api, state, URL, null)).toBe(false);
		expect(state).toEqual({});
	});

	it('changed events or URL replace the endpoint instead of keeping a second one', async () => {
		const { api, endpoints } = fakeApi();
		const state: EndpointState = {};
		await registerEndpoint(api, state, URL, ['avatar_video.success']);
		expect(await endpointExists(api, state, URL, ['avatar_video.success', 'avatar_video.fail'])).toBe(false);
		expect(endpoints).toHaveLength(0);
		await registerEndpoint(api, state, URL, ['avatar_video.success', 'avatar_video.fail']);
		expect(endpoints).toHaveLength(1);
	});

	it('an endpoint for this URL without a stored secret is removed, then made anew', async () => {
		const { api, endpoints } = fakeApi([{ endpoint_id: 'ep_orphan', url: URL, events: null }, { endpoint_id: 'ep_other', url: 'https://x.test/h', events: null }]);
		const state: EndpointState = {};
		expect(await endpointExists(api, state, URL, null)).toBe(false);
		expect(endpoints.map((e) => e.endpoint_id)).toEqual(['ep_other']);
	});

	it('delete removes the endpoint and the secret; a 404 counts as removed', async () => {
		const { api, endpoints, calls } = fakeApi();
		const state: EndpointState = {};
		await registerEndpoint(api, state, URL, null);
		expect(await removeEndpoint(api, state, URL)).toBe(true);
		expect(endpoints).toHaveLength(0);
		expect(state).toEqual({});
		const gone: EndpointState = { endpointId: 'ep_missing', secret: 'whsec_x' };
		expect(await removeEndpoint(api, gone, URL)).toBe(true);
		expect(gone).toEqual({});
		expect(calls).toContain('remove ep_missing');
	});

	it('delete also removes an endpoint for this URL whose id was never stored', async () => {
		const { api, endpoints } = fakeApi([{ endpoint_id: 'ep_lost', url: URL, events: null }, { endpoint_id: 'ep_keep', url: 'https://x.test/h', events: null }]);
		expect(await removeEndpoint(api, {}, URL)).toBe(true);
		expect(endpoints.map((e) => e.endpoint_id)).toEqual(['ep_keep']);
	});
});

describe('replay protection', () => {
	it('runs an event id once, forgets it after a day, and keeps a bounded list', () => {
		const seen = {};
		expect(firstSighting(seen, 'evt_1', 1000)).toBe(true);
		expect(firstSighting(seen, 'evt_1', 1005)).toBe(false);
		expect(firstSighting(seen, 'evt_1', 1000 + 86_401)).toBe(true);
		const many: Record<string, number> = {};
		for (let i = 0; i < 30; i++) firstSighting(many, `e${i}`, i, { ttlSeconds: 1000, maxIds: 10 });
		expect(Object.keys(many)).toHaveLength(10);
		expect(many).toHaveProperty('e29');
		expect(many).not.toHaveProperty('e0');
	});
});

describe('eventItem', () => {
	it('flattens event_data under its own names, with the type and id', () => {
		expect(eventItem({ event_type: 'avatar_video.success', event_data: { video_id: 'v', url: 'u', callback_id: 'c' } }, 'evt')).toEqual({
			event_type: 'avatar_video.success',
			event_id: 'evt',
			video_id: 'v',
			url: 'u',
			callback_id: 'c',
		});
		expect(eventItem({}, undefined)).toEqual({ event_type: 'unknown', event_id: null });
	});
});
