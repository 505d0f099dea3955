import type { IWebhookFunctions } from 'n8n-workflow';

import { checkDeliveryUrl } from '../../nodes/HeyGen/trigger/deliveryUrl';
import { receiveDelivery } from '../../nodes/HeyGen/trigger/receive';
import { signBody } from '../../nodes/HeyGen/trigger/signature';

const SECRET = 'whsec_unit_receive';

interface Sent {
	status?: number;
	body?: unknown;
}

/** A webhook context holding one delivery, with the static data and parameters the trigger reads. */
function context(
	rawBody: string,
	headers: Record<string, string>,
	options: { events?: string[]; staticData?: Record<string, unknown>; nodeId?: string; triggerOptions?: Record<string, unknown>; typeVersion?: number } = {},
) {
	const sent: Sent = {};
	const staticData = options.staticData ?? { secret: SECRET, endpointId: 'ep_1' };
	const ctx = {
		getWorkflowStaticData: () => staticData,
		getRequestObject: () => ({ rawBody: Buffer.from(rawBody), headers }),
		getResponseObject: () => ({
			status(code: number) {
				sent.status = code;
				return { json: (body: unknown) => (sent.body = body) };
			},
		}),
		getNodeParameter: (name: string) => (name === 'events' ? (options.events ?? ['avatar_video.success']) : (options.triggerOptions ?? {})),
		getWorkflow: () => ({ id: 'wf_unit' }),
		// A node id of its own: this process's memory is empty unless a test shares it on purpose.
		getNode: () => ({ id: options.nodeId ?? `node_${Math.random()}`, name: 'HeyGen Trigger', typeVersion: options.typeVersion ?? 1 }),
		logger: { warn: () => undefined },
	} as unknown as IWebhookFunctions;
	return { ctx, sent, staticData };
}

const signed = (body: string, eventId = 'evt_1'): Record<string, string> => ({
	'heygen-signature': signBody(SECRET, body),
	'heygen-timestamp': String(Math.floor(Date.now() / 1000)),
	'heygen-event-id': eventId,
});

/** The static data as n8n would load it in the next request: a JSON copy of what was saved. */
const reloaded = (staticData: Record<string, unknown>) => JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;

const event = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v1', url: 'https://x.test/v.mp4', callback_id: 'c1' } });

describe('receiveDelivery', () => {
	it('runs a verified, selected event once, as one flat item, after answering 200', async () => {
		const { ctx, sent } = context(event, signed(event));
		const result = await receiveDelivery(ctx);
		expect(sent).toEqual({ status: 200, body: { received: true } });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toEqual([
			[{ json: { event_type: 'avatar_video.success', event_id: 'evt_1', video_id: 'v1', url: 'https://x.test/v.mp4', video_url: 'https://x.test/v.mp4', callback_id: 'c1' } }],
		]);
	});

	describe('dates: ISO 8601 from version 2, Unix seconds kept for version 1', () => {
		const offered = ['avatar_video.success', 'avatar_video.fail', 'video_translate.success', 'video_translate.fail', 'video_translate.preflight.validation_failed', 'video_translate.preflight.download_failed', 'proofread_creation.success', 'proofread_creation.fail', 'video_agent.success', 'video_agent.fail', 'hyperframes_video.success', 'hyperframes_video.fail'];
		const dated = (eventType: string) => JSON.stringify({ event_type: eventType, event_data: { callback_id: 'c9', created_at: 1796044640, completed_at: 1796044700, nested: { updated_at: 1796044640123 }, duration: 12.5 } });

		it.each(offered)('%s', async (eventType) => {
			const v2 = context(dated(eventType), signed(dated(eventType)), { events: [eventType], typeVersion: 2 });
			expect((await receiveDelivery(v2.ctx)).workflowData?.[0][0].json).toMatchObject({
				event_type: eventType,
				callback_id: 'c9',
				created_at: '2026-11-30T13:17:20.000Z',
				completed_at: '2026-11-30T13:18:20.000Z',
				nested: { updated_at: '2026-11-30T13:17:20.123Z' },
				duration: 12.5,
			});
			const v1 = context(dated(eventType), signed(dated(eventType)), { events: [eventType], typeVersion: 1 });
			expect((await receiveDelivery(v1.ctx)).workflowData?.[0][0].json).toMatchObject({ created_at: 1796044640, completed_at: 1796044700, nested: { updated_at: 1796044640123 } });
		});
	});

	it('refuses with 401 and runs nothing when the signature is wrong or no secret is stored', async () => {
		const forged = context(event, { ...signed(event), 'heygen-signature': signBody('whsec_other', event) });
		expect((await receiveDelivery(forged.ctx)).workflowData).toBeUndefined();
		expect(forged.sent.status).toBe(401);
		const noSecret = context(event, signed(event), { staticData: {} });
		expect((await receiveDelivery(noSecret.ctx)).workflowData).toBeUndefined();
		expect(noSecret.sent).toMatchObject({ status: 401, body: { error: expect.stringContaining('No signing secret') } });
	});

	it('runs a body once: its replay with a fresh timestamp and a new, missing or reused event-id header gets 200 and no run', async () => {
		const staticData = { secret: SECRET };
		const first = context(event, signed(event, 'evt_dup'), { staticData });
		expect((await receiveDelivery(first.ctx)).workflowData).toHaveLength(1);
		const { 'heygen-event-id': _id, ...withoutId } = signed(event);
		for (const headers of [signed(event, 'evt_dup'), signed(event, 'evt_brand_new'), withoutId]) {
			// Each replay in a fresh request (and a fresh process memory): only the stored memory can stop it.
			const replay = context(event, headers, { staticData: reloaded(staticData) });
			expect((await receiveDelivery(replay.ctx)).workflowData).toBeUndefined();
			expect(replay.sent).toEqual({ status: 200, body: { received: true, duplicate: true } });
		}
	});

	it('a new signed body runs even when it reuses a header id already seen; a forged delivery cannot pre-empt a genuine one', async () => {
		const staticData: Record<string, unknown> = { secret: SECRET };
		const forged = context(event, { ...signed(event, 'evt_shared'), 'heygen-signature': signBody('whsec_attacker', event) }, { staticData });
		expect((await receiveDelivery(forged.ctx)).workflowData).toBeUndefined();
		expect(staticData.seenDeliveries).toBeUndefined();
		const genuine = context(event, signed(event, 'evt_shared'), { staticData });
		expect((await receiveDelivery(genuine.ctx)).workflowData).toHaveLength(1);
		const other = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v2', callback_id: 'c2' } });
		const next = context(other, signed(other, 'evt_shared'), { staticData: reloaded(staticData) });
		expect((await receiveDelivery(next.ctx)).workflowData?.[0][0].json).toMatchObject({ video_id: 'v2' });
	});

	it('keys on the event id inside the body when HeyGen puts one there', async () => {
		const staticData = { secret: SECRET };
		const withId = (url: string) => JSON.stringify({ event_type: 'avatar_video.success', event_id: 'evt_in_body', event_data: { video_id: 'v3', url } });
		expect((await receiveDelivery(context(withId('https://x.test/a'), signed(withId('https://x.test/a')), { staticData }).ctx)).workflowData).toHaveLength(1);
		// A retry of the same event with other bytes (a re-signed URL) is still the same event.
		const retry = context(withId('https://x.test/b'), signed(withId('https://x.test/b'), 'evt_other_header'), { staticData: reloaded(staticData) });
		expect((await receiveDelivery(retry.ctx)).workflowData).toBeUndefined();
		expect(retry.sent.body).toEqual({ received: true, duplicate: true });
	});

	it("this process's memory stops a replay whose request read static data saved before the first run, and writes the record back", async () => {
		const before = { secret: SECRET };
		const first = context(event, signed(event), { staticData: reloaded(before), nodeId: 'node_shared' });
		expect((await receiveDelivery(first.ctx)).workflowData).toHaveLength(1);
		// The second request loaded its copy before the first was saved (or the save was overwritten).
		const second = context(event, signed(event, 'evt_fresh'), { staticData: reloaded(before), nodeId: 'node_shared' });
		expect((await receiveDelivery(second.ctx)).workflowData).toBeUndefined();
		expect(Object.keys(second.staticData.seenDeliveries as object)).toEqual(Object.keys(first.staticData.seenDeliveries as object));
	});

	it('drops the header-keyed memory of earlier versions', async () => {
		const staticData: Record<string, unknown> = { secret: SECRET, seenEvents: { evt_1: Math.floor(Date.now() / 1000) } };
		const { ctx } = context(event, signed(event, 'evt_1'), { staticData });
		expect((await receiveDelivery(ctx)).workflowData).toHaveLength(1);
		expect(staticData.seenEvents).toBeUndefined();
		expect(Object.keys(staticData.seenDeliveries as object)).toHaveLength(1);
	});

	it('refuses a delivery without a timestamp (401) unless Accept Legacy Signature Without Timestamp is on', async () => {
		const legacyHeaders = { signature: signBody(SECRET, event), 'heygen-event-id': 'evt_legacy' };
		const off = context(event, legacyHeaders);
		expect((await receiveDelivery(off.ctx)).workflowData).toBeUndefined();
		expect(off.sent).toEqual({ status: 401, body: { error: 'Missing Heygen-Timestamp header' } });
		const staticData = { secret: SECRET };
		const on = context(event, legacyHeaders, { staticData, triggerOptions: { acceptLegacyWithoutTimestamp: true } });
		expect((await receiveDelivery(on.ctx)).workflowData).toHaveLength(1);
		// Accepted, it is still run once: its replay with another id is a duplicate.
		const replay = context(event, { ...legacyHeaders, 'heygen-event-id': 'evt_legacy_2' }, { staticData: reloaded(staticData), triggerOptions: { acceptLegacyWithoutTimestamp: true } });
		expect((await receiveDelivery(replay.ctx)).workflowData).toBeUndefined();
		expect(replay.sent.status).toBe(200);
	});

	it('acknowledges an event type that is not selected without running', async () => {
		const other = JSON.stringify({ event_type: 'video_translate.success', event_data: {} });
		const { ctx, sent } = context(other, signed(other, 'evt_other'));
		expect((await receiveDelivery(ctx)).workflowData).toBeUndefined();
		expect(sent).toEqual({ status: 200, body: { received: true, ignored: true } });
		const all = context(other, signed(other, 'evt_other_2'), { events: ['*'] });
		expect((await receiveDelivery(all.ctx)).workflowData).toHaveLength(1);
	});

	it('answers 400 to a signed body that is not a HeyGen event: not JSON, an array, no event_type', async () => {
		for (const text of ['hello, not json', '[{"event_type":"avatar_video.success"}]', '{"event_data":{}}']) {
			const { ctx, sent, staticData } = context(text, signed(text, 'evt_text'), { events: ['*'] });
			expect((await receiveDelivery(ctx)).workflowData).toBeUndefined();
			expect(sent.status).toBe(400);
			expect(staticData.seenDeliveries).toBeUndefined();
		}
	});
});

describe('checkDeliveryUrl', () => {
	const hook = (baseUrl: string) =>
		({
			getCredentials: async () => ({ apiKey: 'k', baseUrl }),
			getNode: () => ({ name: 'HeyGen Trigger' }),
		}) as never;

	it('refuses plain-http or local URLs against HeyGen, with what to do', async () => {
		await expect(checkDeliveryUrl(hook('https://api.heygen.com'), 'http://n8n.example.com/webhook/x')).rejects.toThrow('HeyGen cannot deliver events to http://n8n.example.com/webhook/x');
		await expect(checkDeliveryUrl(hook('https://api.heygen.com'), 'https://localhost:5678/webhook/x')).rejects.toThrow('cannot deliver');
		await expect(checkDeliveryUrl(hook('https://api.heygen.com'), 'https://n8n.example.com/webhook/x')).resolves.toBeUndefined();
	});

	it('lets a local emulator deliver to loopback', async () => {
		await expect(checkDeliveryUrl(hook('http://127.0.0.1:4010'), 'http://127.0.0.1:5678/webhook/x')).resolves.toBeUndefined();
	});
});
