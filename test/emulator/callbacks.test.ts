import type { DeliveryAttempt } from '../../emulator';
import { batchFinishedEventSchema } from '../../nodes/HeyGen/schemas';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../nodes/HeyGen/trigger/signature';
import { createBatch, videos, waitForBatch } from './batchHelpers';
import { call, control, sleep, useEmulator, type Json } from './helpers';
import { useReceiver } from './receiver';
import { FAST_WEBHOOKS, QUIET_MS, startVideo, subscribe, verify, WEBHOOK_TEST_TIMINGS } from './webhookHelpers';

const emulator = useEmulator({ concurrencyLimit: 2, timings: WEBHOOK_TEST_TIMINGS, webhooks: FAST_WEBHOOKS });
const receiver = useReceiver();

/** A resume URL the way n8n builds one, with the node's own query parameters after it. */
const RESUME_PATH = '/webhook-waiting/417?signature=s3cr3t&heygenBatch=1';

const isBatchCallback = (attempt: DeliveryAttempt) => attempt.target === 'callback_url' && attempt.event_type === 'batch.finished';

/** When the last item's job ended. */
function lastFinishMs(batchId: string): number {
	const batch = emulator().state.batches.get(batchId)!;
	return Math.max(...batch.items.map((item) => emulator().state.videos.get(item.jobId!)!.finishedAtMs));
}

describe('batch callback_url', () => {
	it('is called exactly once, after the last item ends, at the full URL, unsigned', async () => {
		const url = `${receiver().url}${RESUME_PATH}`;
		const batch = await createBatch(emulator(), videos(5), { callback_url: url });
		const [delivery] = await receiver().waitFor(1, RESUME_PATH);
		const done = await waitForBatch(emulator(), batch.batch_id);
		await sleep(QUIET_MS);

		expect(receiver().at(RESUME_PATH)).toHaveLength(1);
		expect(delivery.receivedAt).toBeGreaterThanOrEqual(lastFinishMs(batch.batch_id));
		expect(batchFinishedEventSchema.safeParse(delivery.body).success).toBe(true);
		expect(delivery.body).toEqual({
			event_type: 'batch.finished',
			event_data: {
				batch_id: batch.batch_id,
				status: 'completed',
				total_items: 5,
				counts_by_status: { queued: 0, processing: 0, completed: 5, failed: 0 },
			},
		});
		expect(done.counts_by_status).toEqual(delivery.body.event_data.counts_by_status);
		for (const name of [SIGNATURE_HEADER, TIMESTAMP_HEADER, EVENT_ID_HEADER]) expect(delivery.headers[name]).toBeUndefined();

		const attempts = emulator().deliveries.filter(isBatchCallback);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]).toMatchObject({ url, signed: false, endpoint_id: null, outcome: 'delivered', status: 200 });
		const listed = await control(emulator(), 'GET', '/deliveries?target=callback_url&event_type=batch.finished');
		expect(listed.body.data).toHaveLength(1);
	});

	it("goes with each item's own callback_url, and signed to endpoints subscribed to batch.finished", async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		const batch = await createBatch(emulator(), videos(3, (i) => ({ callback_url: `${receiver().url}/item?n=${i}`, callback_id: `row-${i}` })), {
			callback_url: `${receiver().url}/batch`,
		});
		await receiver().waitFor(1, '/batch');
		const [signed] = await receiver().waitFor(1, '/hook');
		await sleep(QUIET_MS);

		const itemCallbacks = receiver().received.filter((delivery) => delivery.path.startsWith('/item'));
		expect(itemCallbacks.map((delivery) => delivery.path).sort()).toEqual(['/item?n=0', '/item?n=1', '/item?n=2']);
		for (const delivery of itemCallbacks) {
			const index = Number(delivery.path.slice(-1));
			expect(delivery.body).toMatchObject({
				event_type: 'avatar_video.success',
				event_data: { video_id: batch.items[index].video_id ?? expect.any(String), callback_id: `row-${index}` },
			});
		}
		// Every item's own callback went out before the batch's.
		const sentAt = (path: string) =>
			emulator().deliveries.filter((attempt) => attempt.url.startsWith(`${receiver().url}${path}`)).map((attempt) => attempt.sent_at);
		expect(Math.max(...sentAt('/item'))).toBeLessThanOrEqual(Math.min(...sentAt('/batch')));
		expect(verify(signed, hook.secret).ok).toBe(true);
		expect(signed.body.event_data.batch_id).toBe(batch.batch_id);
		expect(receiver().at('/hook')).toHaveLength(1);
		const history = (await call(emulator(), 'GET', '/v3/webhooks/events?event_type=batch.finished')).body.data;
		expect(history.map((event: Json) => event.event_data.batch_id)).toEqual([batch.batch_id]);
	});

	it('reports the failed items and the failed aggregate in the callback body', async () => {
		const batch = await createBatch(emulator(), videos(2, () => ({ script: 'Breaks [[fail]]' })), {
			callback_url: `${receiver().url}/batch`,
		});
		const [delivery] = await receiver().waitFor(1, '/batch');
		expect(delivery.body.event_data).toMatchObject({
			batch_id: batch.batch_id,
			status: 'failed',
			counts_by_status: { queued: 0, processing: 0, completed: 0, failed: 2 },
		});
	});

	it('is called for translation batches too', async () => {
		const created = await call(emulator(), 'POST', '/v3/video-translations/batches', {
			body: {
				video_translations: [{ video: { type: 'url', url: 'https://cdn.example.com/v.mp4' }, output_languages: ['French', 'German', 'Dutch'] }],
				callback_url: `${receiver().url}${RESUME_PATH}`,
			},
		});
		const [delivery] = await receiver().waitFor(1, RESUME_PATH);
		expect(delivery.body.event_data).toMatchObject({ batch_id: created.body.data.batch_id, status: 'completed', total_items: 3 });
		const batch = emulator().state.batches.get(created.body.data.batch_id)!;
		const ends = batch.items.map((item) => emulator().state.translations.get(item.jobId!)!.finishedAtMs);
		expect(delivery.receivedAt).toBeGreaterThanOrEqual(Math.max(...ends));
	});
});

describe('single-create callback_url', () => {
	it('is delivered on loopback to the full URL, query string included', async () => {
		const url = `${receiver().url}${RESUME_PATH}`;
		const videoId = await startVideo(emulator(), { callback_url: url, callback_id: 'contact-7' });
		const [delivery] = await receiver().waitFor(1, RESUME_PATH);
		expect(delivery.body.event_data).toMatchObject({ video_id: videoId, callback_id: 'contact-7' });
		const [attempt] = await emulator().waitForDeliveries(1, { where: (each) => each.target === 'callback_url' });
		expect(attempt).toMatchObject({ url, outcome: 'delivered', event_type: 'avatar_video.success' });
	});
});

describe('callback faults', () => {
	it('lost: the callback is never sent (recorded as dropped); endpoints still get the event', async () => {
		await control(emulator(), 'PATCH', '/config', { callbacks: { lost: { count: 1 } } });
		await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		const batch = await createBatch(emulator(), videos(3), { callback_url: `${receiver().url}/batch` });
		await receiver().waitFor(1, '/hook');
		await waitForBatch(emulator(), batch.batch_id);
		await sleep(QUIET_MS);
		expect(receiver().at('/batch')).toHaveLength(0);
		const lost = emulator().deliveries.filter(isBatchCallback);
		expect(lost).toEqual([
			expect.objectContaining({ outcome: 'dropped', fault: 'callbacks.lost', status: null, url: `${receiver().url}/batch` }),
		]);
		// Only the next one was lost.
		expect((await control(emulator(), 'GET', '/config')).body.data.callbacks.lost).toEqual({ count: 0, rate: 0 });
		const next = await createBatch(emulator(), videos(1), { callback_url: `${receiver().url}/next` });
		expect((await receiver().waitFor(1, '/next'))[0].body.event_data.batch_id).toBe(next.batch_id);
	});

	it('lost at rate 1: every callback is lost, registered endpoints untouched', async () => {
		await control(emulator(), 'PATCH', '/config', { callbacks: { lost: { rate: 1 } } });
		const hook = await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator(), { callback_url: `${receiver().url}/cb` });
		const [signed] = await receiver().waitFor(1, '/hook');
		await sleep(QUIET_MS);
		expect(verify(signed, hook.secret).ok).toBe(true);
		expect(receiver().at('/cb')).toHaveLength(0);
		const attempts = await emulator().waitForDeliveries(2);
		expect(attempts.map((attempt) => [attempt.target, attempt.outcome]).sort()).toEqual([
			['callback_url', 'dropped'],
			['endpoint', 'delivered'],
		]);
	});

	it('duplicate: every callback arrives twice with the same body', async () => {
		await control(emulator(), 'PATCH', '/config', { callbacks: { duplicate: true } });
		const hook = await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		const batch = await createBatch(emulator(), videos(2), { callback_url: `${receiver().url}/batch` });
		const [first, second] = await receiver().waitFor(2, '/batch');
		await sleep(QUIET_MS);
		expect(receiver().at('/batch')).toHaveLength(2);
		expect(first.rawBody.equals(second.rawBody)).toBe(true);
		expect(first.body.event_data.batch_id).toBe(batch.batch_id);
		expect(receiver().at('/hook')).toHaveLength(1);
		expect(verify(receiver().at('/hook')[0], hook.secret).ok).toBe(true);
		expect(emulator().deliveries.filter(isBatchCallback).map((attempt) => [attempt.copy, attempt.fault])).toEqual([
			[1, 'callbacks.duplicate'],
			[2, 'callbacks.duplicate'],
		]);
	});

	it('delayed: callbacks are held, endpoints are not', async () => {
		await control(emulator(), 'PATCH', '/config', { callbacks: { delayMs: 200 } });
		await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		const batch = await createBatch(emulator(), videos(2), { callback_url: `${receiver().url}/batch` });
		const [signed] = await receiver().waitFor(1, '/hook');
		const [late] = await receiver().waitFor(1, '/batch');
		const finishedAt = lastFinishMs(batch.batch_id);
		expect(late.receivedAt - finishedAt).toBeGreaterThanOrEqual(195);
		expect(late.receivedAt - signed.receivedAt).toBeGreaterThanOrEqual(150);
		expect(emulator().deliveries.find(isBatchCallback)?.fault).toBe('callbacks.delay:200');
	});

	it('early: the batch callback also fires when the first item ends, before the others, then once at the end', async () => {
		await control(emulator(), 'PATCH', '/config', { concurrencyLimit: 1, callbacks: { early: true } });
		await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		const batch = await createBatch(emulator(), videos(3), { callback_url: `${receiver().url}${RESUME_PATH}` });
		const [early, final] = await receiver().waitFor(2, RESUME_PATH, 5000);
		await sleep(QUIET_MS);
		expect(receiver().at(RESUME_PATH)).toHaveLength(2);

		const stored = emulator().state.batches.get(batch.batch_id)!;
		const jobs = stored.items.map((item) => emulator().state.videos.get(item.jobId!)!);
		expect(early.receivedAt).toBeGreaterThanOrEqual(jobs[0].finishedAtMs);
		expect(early.receivedAt).toBeLessThan(jobs[2].finishedAtMs);
		expect(early.body.event_data).toMatchObject({
			batch_id: batch.batch_id,
			status: 'processing',
			counts_by_status: { completed: 1 },
		});
		expect(final.receivedAt).toBeGreaterThanOrEqual(jobs[2].finishedAtMs);
		expect(final.body.event_data).toMatchObject({ status: 'completed', counts_by_status: { completed: 3 } });

		// The early one is a callback fault: endpoints and the event history never see it.
		expect(receiver().at('/hook').map((delivery) => delivery.body.event_data.status)).toEqual(['completed']);
		const history = (await call(emulator(), 'GET', '/v3/webhooks/events?event_type=batch.finished')).body.data;
		expect(history).toHaveLength(1);
		expect(emulator().deliveries.filter(isBatchCallback).map((attempt) => attempt.fault ?? null)).toEqual(['callbacks.early', null]);
	});

	it('retries a callback the receiver refuses, with the same body', async () => {
		receiver().answer = (delivery, index) => (delivery.path === '/batch' && index === 0 ? 500 : 200);
		await createBatch(emulator(), videos(1), { callback_url: `${receiver().url}/batch` });
		const [refused, accepted] = await receiver().waitFor(2, '/batch');
		expect(refused.rawBody.equals(accepted.rawBody)).toBe(true);
		const attempts = await emulator().waitForDeliveries(2, { where: isBatchCallback });
		expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.outcome, attempt.will_retry])).toEqual([
			[1, 500, 'failed', true],
			[2, 200, 'delivered', false],
		]);
	});

	it("fault rules with server 'callback' take callback deliveries only", async () => {
		emulator().addFault({ match: { server: 'callback', endpoint: 'batch.finished' }, action: { type: 'status', status: 503 }, times: 2 });
		await subscribe(emulator(), receiver(), '/hook', { events: ['batch.finished'] });
		await createBatch(emulator(), videos(1), { callback_url: `${receiver().url}/batch` });
		await receiver().waitFor(1, '/batch');
		await sleep(QUIET_MS);
		const callbackAttempts = emulator().deliveries.filter(isBatchCallback);
		expect(callbackAttempts.map((attempt) => [attempt.status, attempt.fault ?? null])).toEqual([
			[503, 'status:503'],
			[503, 'status:503'],
			[200, null],
		]);
		const endpointAttempts = emulator().deliveries.filter((attempt) => attempt.target === 'endpoint');
		expect(endpointAttempts.map((attempt) => [attempt.status, attempt.fault ?? null])).toEqual([[200, null]]);
		expect(receiver().at('/batch')).toHaveLength(1);
	});

	it('refuses unknown callback settings and restores them on reset', async () => {
		const refused = await control(emulator(), 'PATCH', '/config', { callbacks: { sometimes: true } });
		expect(refused.status).toBe(400);
		await control(emulator(), 'PATCH', '/config', { callbacks: { duplicate: true, delayMs: 5, early: true, lost: { rate: 0.5 } } });
		await control(emulator(), 'POST', '/reset');
		expect((await control(emulator(), 'GET', '/config')).body.data.callbacks).toEqual({
			lost: { count: 0, rate: 0 },
			duplicate: false,
			delayMs: 0,
			early: false,
		});
	});
});
