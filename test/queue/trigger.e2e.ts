import { nowSeconds, triggerDeliveries } from '../harness/triggerDeliveries';
import {
	emulator,
	enqueuedExecution,
	env,
	executionOutput,
	executionsOf,
	processesThatLogged,
	publish,
	ranExecution,
	restartProcess,
	sql,
	unpublish,
	waitFor,
	webhookEndpoints,
} from './queue';

const PROBE = 'hgE2eTrigger001';
const PROBE_PATH = '/webhook/5c0f7a2e-1b3d-4e5f-8a9b-0c1d2e3f4a51/webhook';
const PROBE_URL = `${env.webhookUrl}${PROBE_PATH}`;

const { createVideo, deliver, refusedDeliveryStatuses, deliverCopiesAtOnce, capturedDelivery, executionsSettled } = triggerDeliveries(env, { emulator, executionsOf }, PROBE_URL, PROBE);

/** A replay of a captured delivery: its body and signature, with headers made fresh. */
const replayHeaders = (signature: string, eventId: string) => ({ 'heygen-signature': signature, 'heygen-timestamp': nowSeconds(), 'heygen-event-id': eventId });

let firstVideoId = '';

describe('HeyGen Trigger in queue mode: deliveries on the webhook process, runs on the workers', () => {
	beforeAll(async () => {
		await emulator('/reset', { method: 'POST' });
	});

	afterAll(async () => {
		await unpublish(PROBE);
	});

	it('publishing on main registers one endpoint, at the webhook process; main serves no production webhooks', async () => {
		await publish(PROBE);
		const registered = await webhookEndpoints();
		expect(registered).toHaveLength(1);
		expect(registered[0]).toMatchObject({ url: PROBE_URL, events: ['avatar_video.success', 'avatar_video.fail'] });
		// The webhook process answers (an unsigned delivery is refused); main does not serve the path.
		expect(await deliver('{}', {})).toBe(401);
		const onMain = await fetch(`${env.n8nUrl}${PROBE_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(onMain.status).toBe(404);
	});

	it('a finished video starts exactly one execution, put on the queue by the webhook process and run by one worker', async () => {
		const before = (await executionsOf(PROBE)).length;
		firstVideoId = await createVideo('contact-queue-1');
		expect(await executionsSettled(before, 1)).toBe(before + 1);
		const [latest] = await executionsOf(PROBE);
		expect(latest).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(processesThatLogged(enqueuedExecution(latest.id))).toEqual(['webhook']);
		expect(processesThatLogged(ranExecution(latest.id))).toEqual([expect.stringMatching(/^worker-\d$/)]);

		const [item] = executionOutput(latest, 'HeyGen Trigger');
		expect(item.json).toMatchObject({ event_type: 'avatar_video.success', video_id: firstVideoId, callback_id: 'contact-queue-1', status: 'completed' });
		// Downloaded by the webhook process, read by the worker: the shared database store holds it.
		const binaryId = String(item.binary?.video.id);
		expect(binaryId).toMatch(/^database:[0-9a-f-]{36}$/);
		const rows = sql(`SELECT "fileSize", "mimeType" FROM binary_data WHERE "fileId" = '${binaryId.slice('database:'.length)}'`);
		expect(rows).toEqual([[expect.stringMatching(/^[1-9]\d*$/), 'video/mp4']]);
	});

	it('forged deliveries to the webhook process get 401 and start nothing', async () => {
		const before = (await executionsOf(PROBE)).length;
		expect(await refusedDeliveryStatuses()).toEqual({ wrongSecret: 401, unsigned: 401, stale: 401, tampered: 401 });
		expect(await executionsSettled(before, 0)).toBe(before);
	});

	it('a replay of the first delivery (same body, fresh headers) is a duplicate, also after the webhook process restarts', async () => {
		const before = (await executionsOf(PROBE)).length;
		const captured = await capturedDelivery(firstVideoId);
		const signature = captured.headers['heygen-signature'];
		const replay = async (eventId: string) => {
			const response = await fetch(PROBE_URL, { method: 'POST', headers: { 'content-type': 'application/json', ...replayHeaders(signature, eventId) }, body: captured.body });
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		expect(await replay(captured.event_id)).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(await replay('evt_chosen_by_replayer')).toEqual({ status: 200, body: { received: true, duplicate: true } });

		// A new webhook process remembers nothing in memory: the record it reads is the database's.
		const stored = sql(`SELECT "staticData"::text FROM workflow_entity WHERE id = '${PROBE}'`);
		expect(Object.keys(JSON.parse(stored[0][0])['node:HeyGen Trigger'].seenDeliveries)).toHaveLength(1);
		await restartProcess('webhook');
		expect(await replay('evt_after_restart')).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(await executionsSettled(before, 0)).toBe(before);
	});

	it('ten signed copies of a new event arriving at once start exactly one execution', async () => {
		const before = (await executionsOf(PROBE)).length;
		const body = JSON.stringify({ event_type: 'avatar_video.fail', event_data: { video_id: 'v_burst', msg: 'Avatar rendering timed out', callback_id: 'burst' } });
		expect(await deliverCopiesAtOnce(body, 10)).toEqual(Array(10).fill(200));
		expect(await executionsSettled(before, 1)).toBe(before + 1);
		const [latest] = await executionsOf(PROBE);
		expect(executionOutput(latest, 'HeyGen Trigger')[0].json).toMatchObject({ event_type: 'avatar_video.fail', callback_id: 'burst' });
	});

	it('after the restart, a new video still starts exactly one execution on a worker', async () => {
		const before = (await executionsOf(PROBE)).length;
		const videoId = await createVideo('contact-queue-2');
		expect(await executionsSettled(before, 1)).toBe(before + 1);
		const [latest] = await executionsOf(PROBE);
		expect(executionOutput(latest, 'HeyGen Trigger')[0].json).toMatchObject({ video_id: videoId, callback_id: 'contact-queue-2' });
		expect(processesThatLogged(ranExecution(latest.id))).toEqual([expect.stringMatching(/^worker-\d$/)]);
		await waitFor('the emulator to record the delivery as answered', async () => (await capturedDelivery(videoId)).status === 200);
	});
});
