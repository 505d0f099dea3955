import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startEmulator } from '../../emulator';
import { EVENT_ID_HEADER } from '../../nodes/HeyGen/trigger/signature';
import { call, control, sleep, useEmulator, type Json } from './helpers';
import { useReceiver } from './receiver';
import { FAST_WEBHOOKS, QUIET_MS, startVideo, subscribe, verify, WEBHOOK_TEST_TIMINGS } from './webhookHelpers';

const emulator = useEmulator({ timings: WEBHOOK_TEST_TIMINGS, webhooks: FAST_WEBHOOKS });
const receiver = useReceiver();

/** A loopback URL nothing listens on (the port was just freed). */
async function deadUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}/gone`;
}

describe('webhook retries', () => {
	it('retries a 500 with backoff under the same event id and bytes, and stops after a 2xx', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = (_, index) => (index < 2 ? 500 : 204);
		await startVideo(emulator());
		const deliveries = await receiver().waitFor(3);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(3);

		const eventIds = new Set(deliveries.map((delivery) => delivery.headers[EVENT_ID_HEADER]));
		expect(eventIds.size).toBe(1);
		expect(deliveries.every((delivery) => delivery.rawBody.equals(deliveries[0].rawBody))).toBe(true);
		for (const delivery of deliveries) expect(verify(delivery, hook.secret).ok).toBe(true);
		// 20 ms, then 40 ms (a little slack for timer granularity).
		expect(deliveries[1].receivedAt - deliveries[0].receivedAt).toBeGreaterThanOrEqual(15);
		expect(deliveries[2].receivedAt - deliveries[1].receivedAt).toBeGreaterThanOrEqual(35);

		const attempts = await emulator().waitForDeliveries(3);
		expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome, attempt.will_retry])).toEqual([
			[1, 500, 'failed', true],
			[2, 500, 'failed', true],
			[3, 204, 'delivered', false],
		]);
		expect(new Set(attempts.map((attempt) => attempt.event_id))).toEqual(eventIds);
		const history = await call(emulator(), 'GET', '/v3/webhooks/events');
		expect(history.body.data).toHaveLength(1);
	});

	it('gives up after the configured number of attempts', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = () => 503;
		await startVideo(emulator());
		await emulator().waitForDeliveries(3);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(3);
		expect(emulator().deliveries.map((attempt) => attempt.will_retry)).toEqual([true, true, false]);
		expect(emulator().deliveries.every((attempt) => attempt.outcome === 'failed')).toBe(true);
	});

	it('counts a receiver slower than the timeout as failed and retries', async () => {
		emulator().config.webhooks.timeoutMs = 100;
		await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = (_, index) => (index === 0 ? { status: 200, delayMs: 250 } : 200);
		await startVideo(emulator());
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts[0]).toMatchObject({ attempt: 1, status: null, outcome: 'failed', will_retry: true });
		expect(attempts[0].error).toMatch(/^timeout/);
		expect(attempts[1]).toMatchObject({ attempt: 2, status: 200, outcome: 'delivered' });
	});

	it('retries when the receiver cannot be reached', async () => {
		const url = await deadUrl();
		await call(emulator(), 'POST', '/v3/webhooks/endpoints', { body: { url } });
		await startVideo(emulator());
		const attempts = await emulator().waitForDeliveries(3);
		expect(attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'failed']);
		expect(attempts[0].error).toMatch(/ECONNREFUSED/);
		expect(attempts[0].status).toBeNull();
	});

	it('stops retrying when the endpoint is deleted meanwhile', async () => {
		emulator().config.webhooks.retryDelayMs = 100;
		const hook = await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = () => 500;
		await startVideo(emulator());
		await receiver().waitFor(1);
		await call(emulator(), 'DELETE', `/v3/webhooks/endpoints/${hook.endpointId}`);
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts[1]).toMatchObject({ attempt: 2, outcome: 'cancelled', error: 'endpoint no longer exists' });
		await sleep(200);
		expect(receiver().received).toHaveLength(1);
	});

	it('reset stops pending retries', async () => {
		emulator().config.webhooks.retryDelayMs = 100;
		await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = () => 500;
		await startVideo(emulator());
		await receiver().waitFor(1);
		emulator().reset();
		await sleep(200);
		expect(receiver().received).toHaveLength(1);
		expect(emulator().deliveries).toHaveLength(0);
	});

	it('close() does not wait for a pending retry, and nothing is sent after it', async () => {
		const own = await startEmulator({ timings: WEBHOOK_TEST_TIMINGS, webhooks: { retryDelayMs: 5000 } });
		await subscribe(own, receiver(), '/own');
		receiver().answer = () => 500;
		await startVideo(own);
		await own.waitForDeliveries(1);
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(receiver().at('/own')).toHaveLength(1);
	});

	it('waitForDeliveries fails with what it saw when too few arrive in time', async () => {
		await expect(emulator().waitForDeliveries(1, { timeoutMs: 50 })).rejects.toThrow(
			'expected 1 finished deliveries within 50 ms; saw 0',
		);
	});
});

describe('webhook delivery faults', () => {
	it('duplicateDeliveries sends each event twice, back to back, with the same id and bytes', async () => {
		await control(emulator(), 'PATCH', '/config', { webhooks: { duplicateDeliveries: true } });
		const hook = await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator());
		const [first, second] = await receiver().waitFor(2);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(2);
		expect(second.headers[EVENT_ID_HEADER]).toBe(first.headers[EVENT_ID_HEADER]);
		expect(second.rawBody.equals(first.rawBody)).toBe(true);
		expect(verify(second, hook.secret).ok).toBe(true);
		expect(emulator().deliveries.map((attempt) => [attempt.copy, attempt.attempt])).toEqual([
			[1, 1],
			[2, 1],
		]);
		expect((await call(emulator(), 'GET', '/v3/webhooks/events')).body.data).toHaveLength(1);
	});

	it('reorderDeliveries sends events that finish close together newest first', async () => {
		await control(emulator(), 'PATCH', '/config', {
			webhooks: { reorderDeliveries: true, reorderWindowMs: 200 },
			timings: { pendingMs: 10, processingMs: 30 },
		});
		await subscribe(emulator(), receiver(), '/hook');
		const earlier = await startVideo(emulator());
		await control(emulator(), 'PATCH', '/config', { timings: { processingMs: 90 } });
		const later = await startVideo(emulator());
		const finishes = (await control(emulator(), 'GET', '/state')).body.data.video_list.map((video: Json) => video.finishes_at_ms);
		expect(finishes[0]).toBeLessThan(finishes[1]);

		const deliveries = await receiver().waitFor(2);
		expect(deliveries.map((delivery) => delivery.body.event_data.video_id)).toEqual([later, earlier]);
	});

	it('dropDeliveries (count) never sends the next events but records them as dropped', async () => {
		await control(emulator(), 'PATCH', '/config', { webhooks: { dropDeliveries: { count: 1 } } });
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const dropped = await startVideo(emulator());
		await emulator().waitForDeliveries(1);
		const kept = await startVideo(emulator());
		const [delivery] = await receiver().waitFor(1);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(1);
		expect(delivery.body.event_data.video_id).toBe(kept);
		const droppedAttempt = emulator().deliveries[0];
		expect(droppedAttempt).toMatchObject({
			endpoint_id: hook.endpointId,
			outcome: 'dropped',
			status: null,
			will_retry: false,
		});
		expect(JSON.parse(droppedAttempt.body).event_data.video_id).toBe(dropped);
		expect(emulator().config.webhooks.dropDeliveries.count).toBe(0);
		// HeyGen still knows the event: the history lists it.
		const history = (await call(emulator(), 'GET', '/v3/webhooks/events')).body.data;
		expect(history.map((event: Json) => event.event_data.video_id)).toEqual([kept, dropped]);
		const dropList = await control(emulator(), 'GET', '/deliveries?outcome=dropped');
		expect(dropList.body.data.map((attempt: Json) => attempt.event_id)).toEqual([droppedAttempt.event_id]);
	});

	it('dropDeliveries (rate 1) drops everything, callbacks included', async () => {
		await control(emulator(), 'PATCH', '/config', { webhooks: { dropDeliveries: { rate: 1 } } });
		await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator(), { callback_url: `${receiver().url}/cb` });
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts.map((attempt) => [attempt.target, attempt.outcome])).toEqual([
			['endpoint', 'dropped'],
			['callback_url', 'dropped'],
		]);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(0);
	});

	it('deliveryDelayMs holds deliveries', async () => {
		await control(emulator(), 'PATCH', '/config', { webhooks: { deliveryDelayMs: 150 } });
		await subscribe(emulator(), receiver(), '/hook');
		const videoId = await startVideo(emulator());
		const [delivery] = await receiver().waitFor(1);
		const finishedAt = emulator().state.videos.get(videoId)!.finishedAtMs;
		expect(delivery.receivedAt - finishedAt).toBeGreaterThanOrEqual(145);
	});

	it("fault rules with server 'webhook' answer for the receiver; other rules never take deliveries", async () => {
		emulator().addFault({ match: { server: 'webhook', endpoint: 'avatar_video.success' }, action: { type: 'status', status: 502 } });
		await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator());
		emulator().addFault({ action: { type: 'status', status: 503 } }); // unscoped: waits for the next API request
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts.map((attempt) => [attempt.status, attempt.fault ?? null, attempt.outcome])).toEqual([
			[502, 'status:502', 'failed'],
			[200, null, 'delivered'],
		]);
		expect(receiver().received).toHaveLength(1); // the faulted attempt never reached it
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(503);
	});

	it("a 'drop after' webhook fault sends the request but loses the answer", async () => {
		emulator().addFault({ match: { server: 'webhook' }, action: { type: 'drop', when: 'after' } });
		await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator());
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts[0]).toMatchObject({ outcome: 'failed', fault: 'drop:after', will_retry: true });
		expect(receiver().received).toHaveLength(2);
	});
});

describe('webhook control routes', () => {
	it('lists attempts with filters and re-sends an event now with the same id', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator());
		const [original] = await receiver().waitFor(1);
		const eventId = original.headers[EVENT_ID_HEADER] as string;

		const listed = await control(emulator(), 'GET', `/deliveries?event_id=${eventId}`);
		expect(listed.body.data).toHaveLength(1);
		expect(listed.body.data[0]).toMatchObject({
			event_id: eventId,
			endpoint_id: hook.endpointId,
			signed: true,
			status: 200,
			attempt: 1,
			headers: { 'heygen-event-id': eventId, 'content-type': 'application/json' },
		});
		expect(typeof listed.body.data[0].sent_at).toBe('number');
		expect((await control(emulator(), 'GET', '/deliveries?target=callback_url')).body.data).toEqual([]);

		const other = await subscribe(emulator(), receiver(), '/other', { events: ['avatar_video.success'] });
		const resent = await control(emulator(), 'POST', '/deliver', { event_id: eventId, endpoint_id: other.endpointId });
		expect(resent.status).toBe(202);
		expect(resent.body.data).toEqual({ event_id: eventId, targets: [{ target: 'endpoint', endpoint_id: other.endpointId }] });
		const [copy] = await receiver().waitFor(1, '/other');
		expect(copy.headers[EVENT_ID_HEADER]).toBe(eventId);
		expect(copy.rawBody.equals(original.rawBody)).toBe(true);
		expect(verify(copy, other.secret).ok).toBe(true);

		const toAll = await control(emulator(), 'POST', '/deliver', { event_id: eventId });
		expect(toAll.body.data.targets).toHaveLength(2);
		await receiver().waitFor(2, '/hook');
		const manual = (await control(emulator(), 'GET', '/deliveries')).body.data.filter((attempt: Json) => attempt.manual);
		expect(manual).toHaveLength(3);
		expect((await call(emulator(), 'GET', '/v3/webhooks/events')).body.data).toHaveLength(1);

		const state = (await control(emulator(), 'GET', '/state')).body.data.webhooks;
		await emulator().waitForDeliveries(4);
		expect(state).toMatchObject({ endpoints: 2, events: 1 });
		expect((await control(emulator(), 'GET', '/state')).body.data.webhooks.deliveries).toMatchObject({
			total: 4,
			delivered: 4,
		});
		const missing = await control(emulator(), 'POST', '/deliver', { event_id: eventId, endpoint_id: 'ep_missing' });
		expect(missing.status).toBe(404);
	});
});
