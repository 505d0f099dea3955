import { WEBHOOK_EVENTS } from '../../nodes/HeyGen/trigger/events';
import { call, control, expectError, expectValidResponse, useEmulator, type Json } from './helpers';

const emulator = useEmulator();

const LOCAL_HOOK = 'http://127.0.0.1:9/hook';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const SECRET = /^whsec_[A-Za-z0-9_-]{20,}$/;

async function createEndpoint(body: Record<string, unknown>, options: { idempotencyKey?: string } = {}) {
	return call(emulator(), 'POST', '/v3/webhooks/endpoints', { body, ...options });
}

async function createdId(body: Record<string, unknown> = { url: LOCAL_HOOK }): Promise<string> {
	const response = await createEndpoint(body);
	if (response.status !== 200) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
	return response.body.data.endpoint_id;
}

describe('POST /v3/webhooks/endpoints', () => {
	it('registers an endpoint for every event and shows its secret once', async () => {
		const response = await createEndpoint({ url: LOCAL_HOOK });
		expect(response.status).toBe(200);
		expectValidResponse('createWebhookEndpoint', response.body);
		const endpoint = response.body.data;
		expect(endpoint).toEqual({
			endpoint_id: expect.stringMatching(/^ep_[0-9a-f]{24}$/),
			url: LOCAL_HOOK,
			events: null,
			status: 'enabled',
			created_at: expect.stringMatching(ISO_SECONDS),
			secret: expect.stringMatching(SECRET),
		});
		expect(Math.abs(Date.parse(endpoint.created_at) - Date.now())).toBeLessThan(5000);

		const listed = await call(emulator(), 'GET', '/v3/webhooks/endpoints');
		expect(listed.body.data).toEqual([{ ...endpoint, secret: null }]);
	});

	it('keeps the subscribed events and stores the URL exactly as given', async () => {
		const events = ['avatar_video.success', 'video_translate.fail'];
		const url = 'https://hooks.example.com/heygen?source=n8n';
		const response = await createEndpoint({ url, events, entity_id: 'project_1' });
		expect(response.status).toBe(200);
		expect(response.body.data).toMatchObject({ url, events });
		const other = await createEndpoint({ url: 'https://hooks.example.com/all', events: [] });
		expect(other.body.data.events).toBeNull(); // an empty list subscribes to everything, like omitting it
	});

	it.each([
		['http://127.0.0.1:5678/webhook/abc'],
		['http://127.45.6.7/hook'],
		['http://localhost:5678/webhook/abc'],
		['http://[::1]:5678/hook'],
		['https://localhost/hook'],
		['https://hooks.example.com/heygen'],
		['https://203.0.113.9/hook'],
	])('accepts %s (public HTTPS, or loopback for local receivers)', async (url) => {
		expect((await createEndpoint({ url })).status).toBe(200);
	});

	it.each([
		['http://hooks.example.com/heygen'],
		['https://10.1.2.3/hook'],
		['https://192.168.1.20/hook'],
		['https://172.20.0.5/hook'],
		['https://169.254.169.254/latest'],
		['https://[fd00::1]/hook'],
		['https://n8n/hook'],
		['https://n8n.local/hook'],
		['http://0.0.0.0:5678/hook'],
	])('refuses %s: not a publicly accessible HTTPS URL', async (url) => {
		const response = await createEndpoint({ url });
		expectError(response, 400, 'invalid_parameter', 'url');
		expect(response.body.error.message).toBe("'url' must be a publicly accessible HTTPS URL.");
		expect((await call(emulator(), 'GET', '/v3/webhooks/endpoints')).body.data).toEqual([]);
	});

	it('refuses malformed URLs, unknown event types and unknown fields through the shared schema', async () => {
		expectError(await createEndpoint({ url: 'ftp://example.com/x' }), 400, 'invalid_parameter', 'url');
		expectError(await createEndpoint({}), 400, 'invalid_parameter', 'url');
		const unknownEvent = await createEndpoint({ url: LOCAL_HOOK, events: ['avatar_video.success', 'video.done'] });
		expectError(unknownEvent, 400, 'invalid_parameter', 'events.1');
		expect(unknownEvent.body.error.message).toContain('must be one of avatar_video.success');
		expectError(await createEndpoint({ url: LOCAL_HOOK, secret: 'mine' }), 400, 'invalid_parameter', 'secret');
	});

	it('needs the API key', async () => {
		const response = await call(emulator(), 'POST', '/v3/webhooks/endpoints', { body: { url: LOCAL_HOOK }, apiKey: null });
		expectError(response, 401, 'unauthorized');
	});

	it('replays a create with the same Idempotency-Key instead of registering twice', async () => {
		const first = await createEndpoint({ url: LOCAL_HOOK }, { idempotencyKey: 'register-1' });
		const again = await createEndpoint({ url: LOCAL_HOOK }, { idempotencyKey: 'register-1' });
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect((await call(emulator(), 'GET', '/v3/webhooks/endpoints')).body.data).toHaveLength(1);
	});
});

describe('GET /v3/webhooks/endpoints', () => {
	it('pages through endpoints in creation order, secrets null', async () => {
		const ids = [await createdId(), await createdId(), await createdId()];
		const first = await call(emulator(), 'GET', '/v3/webhooks/endpoints?limit=2');
		expectValidResponse('listWebhookEndpoints', first.body);
		expect(first.body.data.map((endpoint: Json) => endpoint.endpoint_id)).toEqual(ids.slice(0, 2));
		expect(first.body.has_more).toBe(true);
		const second = await call(emulator(), 'GET', `/v3/webhooks/endpoints?limit=2&token=${first.body.next_token}`);
		expect(second.body).toMatchObject({ has_more: false, next_token: null });
		expect(second.body.data.map((endpoint: Json) => endpoint.endpoint_id)).toEqual([ids[2]]);
		for (const endpoint of [...first.body.data, ...second.body.data]) expect(endpoint.secret).toBeNull();
	});

	it('defaults to 10 per page and bounds the limit to 1–100', async () => {
		for (let i = 0; i < 11; i++) await createdId();
		const page = await call(emulator(), 'GET', '/v3/webhooks/endpoints');
		expect(page.body.data).toHaveLength(10);
		expect(page.body.has_more).toBe(true);
		expectError(await call(emulator(), 'GET', '/v3/webhooks/endpoints?limit=0'), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', '/v3/webhooks/endpoints?limit=101'), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', '/v3/webhooks/endpoints?token=bogus'), 400, 'invalid_parameter', 'token');
	});
});

describe('PATCH /v3/webhooks/endpoints/{endpoint_id}', () => {
	it('changes the URL and replaces the events, answering without the secret', async () => {
		const id = await createdId({ url: LOCAL_HOOK, events: ['avatar_video.success', 'avatar_video.fail'] });
		const events = await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, {
			body: { events: ['video_agent.success'] },
		});
		expect(events.status).toBe(200);
		expectValidResponse('updateWebhookEndpoint', events.body);
		expect(events.body.data).toMatchObject({ endpoint_id: id, url: LOCAL_HOOK, events: ['video_agent.success'], secret: null });

		const url = await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, {
			body: { url: 'https://hooks.example.com/moved' },
		});
		expect(url.body.data).toMatchObject({ url: 'https://hooks.example.com/moved', events: ['video_agent.success'] });
		const both = await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, {
			body: { url: LOCAL_HOOK, events: null },
		});
		expect(both.body.data).toMatchObject({ url: LOCAL_HOOK, events: ['video_agent.success'] }); // null events: unchanged
	});

	it('needs a URL or events, a public URL and a known endpoint', async () => {
		const id = await createdId();
		const empty = await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, { body: {} });
		expectError(empty, 400, 'invalid_parameter', null);
		expect(empty.body.error.message).toBe("At least one of 'url' or 'events' must be provided.");
		expectError(
			await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, { body: { url: null, events: null } }),
			400,
			'invalid_parameter',
		);
		const insecure = await call(emulator(), 'PATCH', `/v3/webhooks/endpoints/${id}`, {
			body: { url: 'http://hooks.example.com/x', events: ['avatar_video.fail'] },
		});
		expectError(insecure, 400, 'invalid_parameter', 'url');
		// A refused patch changes nothing.
		expect((await call(emulator(), 'GET', '/v3/webhooks/endpoints')).body.data[0]).toMatchObject({ url: LOCAL_HOOK, events: null });
		const missing = await call(emulator(), 'PATCH', '/v3/webhooks/endpoints/ep_missing', { body: { events: null, url: LOCAL_HOOK } });
		expectError(missing, 404, 'not_found');
		expect(missing.body.error.message).toBe('Webhook endpoint not found.');
	});
});

describe('DELETE /v3/webhooks/endpoints/{endpoint_id}', () => {
	it('answers an empty data object and a null error, then 404s', async () => {
		const id = await createdId();
		const deleted = await call(emulator(), 'DELETE', `/v3/webhooks/endpoints/${id}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({ data: {}, error: null });
		expectValidResponse('deleteWebhookEndpoint', deleted.body);
		expect((await call(emulator(), 'GET', '/v3/webhooks/endpoints')).body.data).toEqual([]);
		const again = await call(emulator(), 'DELETE', `/v3/webhooks/endpoints/${id}`);
		expectError(again, 404, 'not_found');
		expect(again.body.error.message).toBe('Webhook endpoint not found.');
	});
});

describe('POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret', () => {
	it('issues a new secret (the only other time one is shown) and 404s for unknown endpoints', async () => {
		const created = (await createEndpoint({ url: LOCAL_HOOK })).body.data;
		const rotated = await call(emulator(), 'POST', `/v3/webhooks/endpoints/${created.endpoint_id}/rotate-secret`);
		expect(rotated.status).toBe(200);
		expectValidResponse('rotateWebhookSecret', rotated.body);
		expect(rotated.body.data).toEqual({ endpoint_id: created.endpoint_id, secret: expect.stringMatching(SECRET) });
		expect(rotated.body.data.secret).not.toBe(created.secret);
		const secrets = await control(emulator(), 'GET', '/webhook-secrets');
		expect(secrets.body.data).toEqual([{ endpoint_id: created.endpoint_id, url: LOCAL_HOOK, secret: rotated.body.data.secret }]);
		await call(emulator(), 'DELETE', `/v3/webhooks/endpoints/${created.endpoint_id}`);
		const issued = await control(emulator(), 'GET', '/webhook-secrets?issued=all');
		expect(issued.body.data).toEqual(expect.arrayContaining([created.secret, rotated.body.data.secret]));
		expectError(await call(emulator(), 'POST', '/v3/webhooks/endpoints/ep_missing/rotate-secret'), 404, 'not_found');
	});
});

describe('GET /v3/webhooks/event-types', () => {
	it('lists every event type with its description in one page', async () => {
		const response = await call(emulator(), 'GET', '/v3/webhooks/event-types');
		expect(response.status).toBe(200);
		expectValidResponse('listWebhookEventTypes', response.body);
		expect(response.body).toMatchObject({ has_more: false, next_token: null });
		expect(response.body.data).toEqual(
			WEBHOOK_EVENTS.map((event) => ({ event_type: event.value, description: event.description })),
		);
		expect(response.body.data).toHaveLength(30);
	});
});

describe('GET /v3/webhooks/events', () => {
	it('starts empty and validates its filters', async () => {
		const response = await call(emulator(), 'GET', '/v3/webhooks/events');
		expect(response.body).toEqual({ data: [], has_more: false, next_token: null });
		expectError(
			await call(emulator(), 'GET', '/v3/webhooks/events?event_type=video.done'),
			400,
			'invalid_parameter',
			'event_type',
		);
		expectError(await call(emulator(), 'GET', '/v3/webhooks/events?limit=101'), 400, 'invalid_parameter', 'limit');
	});
});

describe('webhook control routes', () => {
	it('summarise endpoints in /state without secrets; secrets only under /webhook-secrets', async () => {
		const created = (await createEndpoint({ url: LOCAL_HOOK, events: ['avatar_video.success'], entity_id: 'vid_1' })).body
			.data;
		const state = await control(emulator(), 'GET', '/state');
		expect(state.body.data.webhooks).toEqual({
			endpoints: 1,
			endpoint_list: [
				{
					endpoint_id: created.endpoint_id,
					url: LOCAL_HOOK,
					events: ['avatar_video.success'],
					entity_id: 'vid_1',
					status: 'enabled',
					created_at: created.created_at,
				},
			],
			events: 0,
			deliveries: { total: 0, pending: 0, delivered: 0, failed: 0, dropped: 0, cancelled: 0 },
		});
		expect(JSON.stringify(state.body)).not.toContain(created.secret);
		const secrets = await control(emulator(), 'GET', '/webhook-secrets');
		expect(secrets.body.data).toEqual([{ endpoint_id: created.endpoint_id, url: LOCAL_HOOK, secret: created.secret }]);
	});

	it('reset forgets endpoints', async () => {
		await createdId();
		emulator().reset();
		expect((await call(emulator(), 'GET', '/v3/webhooks/endpoints')).body.data).toEqual([]);
		expect((await control(emulator(), 'GET', '/webhook-secrets')).body.data).toEqual([]);
	});

	it('validates /deliver input and 404s unknown events', async () => {
		expect((await control(emulator(), 'POST', '/deliver', {})).status).toBe(400);
		const unknown = await control(emulator(), 'POST', '/deliver', { event_id: 'evt_missing' });
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('not_found');
	});

	it('takes webhook settings through PATCH /config and refuses bad ones', async () => {
		const patched = await control(emulator(), 'PATCH', '/config', {
			webhooks: { attempts: 2, duplicateDeliveries: true, dropDeliveries: { count: 1 } },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.data.webhooks).toMatchObject({
			attempts: 2,
			retryDelayMs: 1000,
			timeoutMs: 10000,
			duplicateDeliveries: true,
			legacySignatureHeader: false,
			dropDeliveries: { count: 1, rate: 0 },
		});
		expect((await control(emulator(), 'PATCH', '/config', { webhooks: { attempts: 0 } })).status).toBe(400);
		expect((await control(emulator(), 'PATCH', '/config', { webhooks: { dropDeliveries: { rate: 2 } } })).status).toBe(400);
		expect((await control(emulator(), 'PATCH', '/config', { webhooks: { retries: 1 } })).status).toBe(400);
		emulator().reset();
		expect(emulator().config.webhooks).toMatchObject({ attempts: 5, duplicateDeliveries: false, dropDeliveries: { count: 0 } });
	});
});
