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
function context(rawBody: string, headers: Record<string, string>, options: { events?: string[]; staticData?: Record<string, unknown> } = {}) {
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
		getNodeParameter: (name: string) => (name === 'events' ? (options.events ?? ['avatar_video.success']) : {}),
		getWorkflow: () => ({ id: 'wf_unit' }),
		getNode: () => ({ id: `node_${Math.random()}`, name: 'HeyGen Trigger' }),
		logger: { warn: () => undefined },
	} as unknown as IWebhookFunctions;
	return { ctx, sent, staticData };
}

const signed = (body: string, eventId = 'evt_1') => ({
	'heygen-signature': signBody(SECRET, body),
	'heygen-timestamp': String(Math.floor(Date.now() / 1000)),
	'heygen-event-id': eventId,
});

const event = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v1', url: 'https://x.test/v.mp4', callback_id: 'c1' } });

describe('receiveDelivery', () => {
	it('runs a verified, selected event once, as one flat item, after answering 200', async () => {
		const { ctx, sent } = context(event, signed(event));
		const result = await receiveDelivery(ctx);
		expect(sent).toEqual({ status: 200, body: { received: true } });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toEqual([[{ json: { event_type: 'avatar_video.success', event_id: 'evt_1', video_id: 'v1', url: 'https://x.test/v.mp4', callback_id: 'c1' } }]]);
	});

	it('refuses with 401 and runs nothing when the signature is wrong or no secret is stored', async () => {
		const forged = context(event, { ...signed(event), 'heygen-signature': signBody('whsec_other', event) });
		expect((await receiveDelivery(forged.ctx)).workflowData).toBeUndefined();
		expect(forged.sent.status).toBe(401);
		const noSecret = context(event, signed(event), { staticData: {} });
		expect((await receiveDelivery(noSecret.ctx)).workflowData).toBeUndefined();
		expect(noSecret.sent).toMatchObject({ status: 401, body: { error: expect.stringContaining('No signing secret') } });
	});

	it('acknowledges a repeated event id with 200 and runs it only the first time', async () => {
		const staticData = { secret: SECRET };
		const first = context(event, signed(event, 'evt_dup'), { staticData });
		const second = context(event, signed(event, 'evt_dup'), { staticData });
		expect((await receiveDelivery(first.ctx)).workflowData).toHaveLength(1);
		expect((await receiveDelivery(second.ctx)).workflowData).toBeUndefined();
		expect(second.sent).toEqual({ status: 200, body: { received: true, duplicate: true } });
	});

	it('acknowledges an event type that is not selected without running', async () => {
		const other = JSON.stringify({ event_type: 'video_translate.success', event_data: {} });
		const { ctx, sent } = context(other, signed(other, 'evt_other'));
		expect((await receiveDelivery(ctx)).workflowData).toBeUndefined();
		expect(sent).toEqual({ status: 200, body: { received: true, ignored: true } });
		const all = context(other, signed(other, 'evt_other_2'), { events: ['*'] });
		expect((await receiveDelivery(all.ctx)).workflowData).toHaveLength(1);
	});

	it('answers 400 to a signed body that is not JSON', async () => {
		const text = 'hello, not json';
		const { ctx, sent } = context(text, signed(text, 'evt_text'));
		expect((await receiveDelivery(ctx)).workflowData).toBeUndefined();
		expect(sent.status).toBe(400);
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
