import { endpointExists, registerEndpoint, removeEndpoint, type EndpointRecord, type EndpointState, type WebhookApi } from '../../nodes/HeyGen/trigger/lifecycle';
import { DEFAULT_REPLAY_WINDOW, deliveryKey, mergeSeen, storedIsBehind } from '../../nodes/HeyGen/trigger/replay';
import { eventItem, parseEventBody } from '../../nodes/HeyGen/trigger/events';

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

describe('replay memory', () => {
	const body = Buffer.from('{"event_type":"avatar_video.success","event_data":{"video_id":"v1"}}');

	it('keys a delivery on its signed bytes, or on the event id inside them, in 22 characters', () => {
		const key = deliveryKey(body, undefined);
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(deliveryKey(Buffer.from(body), undefined)).toBe(key);
		expect(deliveryKey(Buffer.from(body.toString().replace('v1', 'v2')), undefined)).not.toBe(key);
		// Two bodies of one event (a retry re-serialised) share the key when they carry its id.
		expect(deliveryKey(body, 'evt_1')).toBe(deliveryKey(Buffer.from('{"other":"bytes"}'), 'evt_1'));
		expect(deliveryKey(body, 'evt_1')).not.toBe(deliveryKey(body, 'evt_2'));
		// An id and a body spelling the same text do not collide.
		expect(deliveryKey(Buffer.from('evt_1'), undefined)).not.toBe(deliveryKey(body, 'evt_1'));
	});

	it('merges two memories, the earlier sighting winning, and forgets entries past the window', () => {
		const window = { ttlSeconds: 100, maxEntries: 10 };
		expect(mergeSeen({ a: 10, b: 50 }, { b: 40, c: 60 }, 111, window)).toEqual({ b: 40, c: 60 });
		expect(mergeSeen({ a: 10 }, {}, 110, window)).toEqual({ a: 10 });
		expect(mergeSeen(undefined, { a: 1 }, 101, window)).toEqual({ a: 1 });
		expect(mergeSeen(undefined, { a: 1 }, 102, window)).toEqual({});
		// Anything that is not a time (a hand-edited or older store) is dropped, not trusted.
		expect(mergeSeen({ a: 'x' as never, b: Number.NaN, c: 50 }, {}, 60, window)).toEqual({ c: 50 });
	});

	it('keeps at most maxEntries, dropping the oldest', () => {
		const many: Record<string, number> = {};
		for (let i = 0; i < 30; i++) many[`k${i}`] = 1000 + i;
		const kept = mergeSeen(many, {}, 1030, { ttlSeconds: 1000, maxEntries: 10 });
		expect(Object.keys(kept).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${20 + i}`).sort());
		expect(DEFAULT_REPLAY_WINDOW).toEqual({ ttlSeconds: 7 * 24 * 3600, maxEntries: 5000 });
	});

	it('says when the stored copy lacks a key or still holds a dropped one', () => {
		expect(storedIsBehind({ a: 1 }, { a: 1 })).toBe(false);
		expect(storedIsBehind({ a: 1, b: 2 }, { a: 1 })).toBe(true);
		expect(storedIsBehind({ a: 1 }, { a: 1, old: 0 })).toBe(true);
		expect(storedIsBehind({ a: 1 }, { b: 1 })).toBe(true);
		expect(storedIsBehind({}, undefined)).toBe(false);
		expect(storedIsBehind({ a: 1 }, undefined)).toBe(true);
	});

	it('stays compact: 5,000 remembered deliveries take under 200 kB of static data', () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < 6000; i++) seen[deliveryKey(Buffer.from(`body ${i}`), undefined)] = 1_795_000_000 + i;
		const kept = mergeSeen(seen, {}, 1_795_006_000);
		expect(Object.keys(kept)).toHaveLength(5000);
		expect(JSON.stringify(kept).length).toBeLessThan(200_000);
	});
});

describe('event bodies', () => {
	it('reads a UTF-8 JSON object with an event_type; anything else is not an event', () => {
		expect(parseEventBody(Buffer.from('{"event_type":"avatar_video.success","event_data":{}}'))).toEqual({ event_type: 'avatar_video.success', event_data: {} });
		for (const text of ['[{"event_type":"avatar_video.success"}]', 'null', '42', '"avatar_video.success"', '{}', '{"event_type":7}', '{"event_type":""}', 'not json', '{"event_type":"a"']) {
			expect(parseEventBody(Buffer.from(text))).toBeUndefined();
		}
		const invalidUtf8 = Buffer.concat([Buffer.from('{"event_type":"avatar_video.success","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
		expect(parseEventBody(invalidUtf8)).toBeUndefined();
	});
});

describe('eventItem', () => {
	it('flattens event_data under its own names, with the type and id', () => {
		expect(eventItem({ event_type: 'avatar_video.success', event_data: { video_id: 'v', url: 'u', callback_id: 'c' } }, 'evt')).toEqual({
			event_type: 'avatar_video.success',
			event_id: 'evt',
			video_id: 'v',
			url: 'u',
			video_url: 'u',
			callback_id: 'c',
		});
		expect(eventItem({ event_type: 'batch.finished' }, undefined)).toEqual({ event_type: 'batch.finished', event_id: null });
	});

	it("prefers the body's own (signed) event id to the header's", () => {
		expect(eventItem({ event_type: 'avatar_video.fail', event_id: 'evt_body', event_data: {} }, 'evt_header').event_id).toBe('evt_body');
	});
});
