import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { signBody } from '../../nodes/HeyGen/trigger/signature';
import { nowSeconds, triggerDeliveries } from '../harness/triggerDeliveries';
import { forgeDeliveries, runKeyOf, sendRaw, type GenuineEvent } from '../harness/triggerForgery';
import { createWorkflow, emulator, emulatorRequests, env, executionOutput, executionsOf, publish, restartN8n, unpublish, waitFor, webhookEndpoints } from './n8n';

const PROBE = 'hgE2eTrigger001';
const PROBE_URL = `${env.n8nUrl}/webhook/5c0f7a2e-1b3d-4e5f-8a9b-0c1d2e3f4a51/webhook`;

const endpoints = webhookEndpoints;
const now = nowSeconds;
const { secretFor, createVideo, deliver, refusedDeliveryStatuses, deliverCopiesAtOnce, capturedDelivery, executionsSettled } = triggerDeliveries(env, { emulator, executionsOf }, PROBE_URL, PROBE);

let firstVideoId = '';

/**
 * The second (n8n 1.x) pass sends every 8th forgery, every kind still among them: the checks are
 * the node's own code, which the 2.x pass and the engine suite hit with all of them.
 */
const FORGERY_STRIDE = env.n8nLine < 2 ? 8 : 1;

describe('HeyGen Trigger in a published workflow', () => {
	beforeAll(async () => {
		await emulator('/reset', { method: 'POST' });
	});

	it('publishing registers exactly one endpoint for the webhook URL and the selected events', async () => {
		await publish(PROBE);
		const registered = await endpoints();
		expect(registered).toHaveLength(1);
		expect(registered[0]).toMatchObject({ url: PROBE_URL, events: ['avatar_video.success', 'avatar_video.fail'] });
	});

	it('a finished video starts exactly one execution with the event as its item', async () => {
		const before = (await executionsOf(PROBE)).length;
		const videoId = await createVideo('contact-42');
		firstVideoId = videoId;
		const execution = await waitFor('the trigger execution', async () => {
			const runs = await executionsOf(PROBE);
			// n8n lists an execution as soon as it starts; its data is there once it has finished.
			return runs.length > before && !['new', 'running'].includes(runs[0].status) ? runs[0] : undefined;
		});
		const [item] = executionOutput(execution, 'HeyGen Trigger');
		expect(item.json).toMatchObject({
			event_type: 'avatar_video.success',
			event_id: expect.stringMatching(/^evt_/),
			video_id: videoId,
			callback_id: 'contact-42',
			// Fetch Fresh Resource: the video read again, with a freshly signed URL and its page.
			status: 'completed',
			video_page_url: `https://app.heygen.com/videos/${videoId}`,
			// A version-1 node, as saved before version 2: HeyGen's event URL kept, dates in Unix seconds.
			url: expect.stringContaining(`/videos/${videoId}.mp4`),
			created_at: expect.any(Number),
			completed_at: expect.any(Number),
		});
		expect(item.json.video_url).toEqual(expect.stringContaining(`/videos/${videoId}.mp4`));
		expect((await fetch(String(item.json.video_url), { method: 'HEAD' })).status).toBe(200);
		// Download Video: the file itself, in the binary field.
		expect(item.binary?.video).toMatchObject({ mimeType: 'video/mp4', fileName: 'contact-42.mp4' });
		// A few seconds later there is still only one run for this event.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await executionsOf(PROBE)).length).toBe(before + 1);
	});

	it('forged and stale deliveries get 401; the captured genuine delivery replayed with fresh headers gets 200; none starts a run', async () => {
		const before = (await executionsOf(PROBE)).length;
		expect(await refusedDeliveryStatuses()).toEqual({ wrongSecret: 401, unsigned: 401, stale: 401, tampered: 401 });

		// The genuine delivery that already ran, replayed by someone who captured it.
		const captured = await capturedDelivery(firstVideoId);
		const signature = captured.headers['heygen-signature'];
		expect(await deliver(captured.body, { 'heygen-signature': signature, 'heygen-timestamp': now(), 'heygen-event-id': captured.event_id })).toBe(200);
		expect(await deliver(captured.body, { 'heygen-signature': signature, 'heygen-timestamp': now(), 'heygen-event-id': 'evt_chosen_by_replayer' })).toBe(200);
		expect(await deliver(captured.body, { 'heygen-signature': signature, 'heygen-timestamp': now() })).toBe(200);
		// The legacy header without a timestamp is refused while the legacy option is off.
		expect(await deliver(captured.body, { signature, 'heygen-event-id': 'evt_legacy' })).toBe(401);

		expect(await executionsSettled(before, 0)).toBe(before);
	});

	it('a correctly signed new delivery does start a run, even with an event-id header already seen (the header is not signed)', async () => {
		const before = (await executionsOf(PROBE)).length;
		const secret = await secretFor(PROBE_URL);
		const seenId = (await capturedDelivery(firstVideoId)).event_id;
		const body = JSON.stringify({ event_type: 'avatar_video.fail', event_data: { video_id: 'v_manual', msg: 'Avatar rendering timed out', callback_id: 'z' } });
		expect(await deliver(body, { 'heygen-signature': signBody(secret, body), 'heygen-timestamp': now(), 'heygen-event-id': seenId })).toBe(200);
		const execution = await waitFor('the run', async () => {
			const runs = await executionsOf(PROBE);
			return runs.length > before ? runs[0] : undefined;
		});
		expect(executionOutput(execution, 'HeyGen Trigger')[0].json).toMatchObject({ event_type: 'avatar_video.fail', msg: 'Avatar rendering timed out', event_id: seenId });
		expect(await executionsSettled(before, 1)).toBe(before + 1);
	});

	it('ten copies of a new event arriving at once (each with its own event-id header) start exactly one execution', async () => {
		const before = (await executionsOf(PROBE)).length;
		const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_burst', url: 'https://files.example.com/v_burst.mp4', callback_id: 'burst' } });
		expect(await deliverCopiesAtOnce(body, 10)).toEqual(Array(10).fill(200));
		expect(await executionsSettled(before, 1)).toBe(before + 1);
	});

	it(`${FORGERY_STRIDE === 1 ? '1,034' : `every ${FORGERY_STRIDE}th of 1,034`} generated forged, tampered, stale, replayed, huge and non-event deliveries start no execution in n8n`, async () => {
		const before = (await executionsOf(PROBE)).length;
		const secret = await secretFor(PROBE_URL);
		const captured = await capturedDelivery(firstVideoId);
		const genuine: GenuineEvent = {
			label: `the delivery of ${firstVideoId}`,
			headers: captured.headers,
			body: Buffer.from(captured.body, 'utf8'),
			selected: true,
			runKey: runKeyOf(JSON.parse(captured.body) as never),
			retries: [],
		};
		const generated = forgeDeliveries(20261109, [genuine], secret);
		expect(generated.length).toBeGreaterThanOrEqual(1000);
		const forgeries = generated.filter((_forgery, index) => index % FORGERY_STRIDE === 0);
		expect(new Set(forgeries.map((forgery) => forgery.category))).toEqual(new Set(generated.map((forgery) => forgery.category)));
		const wrong: string[] = [];
		const tally = new Map<string, { deliveries: number; ms: number; statuses: Map<number, number> }>();
		for (const forgery of forgeries) {
			const sentAt = Date.now();
			const answer = await sendRaw(PROBE_URL, forgery.wire);
			const entry = tally.get(forgery.category) ?? { deliveries: 0, ms: 0, statuses: new Map<number, number>() };
			entry.deliveries++;
			entry.ms += Date.now() - sentAt;
			entry.statuses.set(answer.status, (entry.statuses.get(answer.status) ?? 0) + 1);
			tally.set(forgery.category, entry);
			// n8n itself answers 422 to a JSON content type whose body does not parse, before the node runs.
			const unparsable = (() => {
				try {
					JSON.parse(forgery.wire.body.toString('utf8'));
					return false;
				} catch {
					return forgery.wire.body.length > 0;
				}
			})();
			const expectedStatus = unparsable && forgery.expected.status !== 200 ? [forgery.expected.status, 422] : [forgery.expected.status];
			const duplicateOk = !('duplicate' in forgery.expected) || answer.body.includes('"duplicate":true');
			if (!expectedStatus.includes(answer.status) || !duplicateOk) wrong.push(`${forgery.category}: ${forgery.label} → ${answer.status} ${answer.body.slice(0, 200)}`);
		}
		const table = [...tally.entries()].map(
			([category, entry]) => `${category.padEnd(38)} ${String(entry.deliveries).padStart(5)} deliveries ${String(entry.ms).padStart(6)} ms  statuses ${[...entry.statuses.entries()].map(([status, n]) => `${status}×${n}`).join(' ')}`,
		);
		console.log(`forged deliveries to n8n (${forgeries.length}):\n${table.join('\n')}`);
		expect(wrong).toEqual([]);
		expect(await executionsSettled(before, 0)).toBe(before);
	}, 300_000);

	it('after n8n restarts on the same database, the replayed delivery starts nothing and a new event starts exactly one execution', async () => {
		const captured = await capturedDelivery(firstVideoId);
		await restartN8n();
		// Published workflows are activated again on start: the endpoint is kept, not registered twice.
		await waitFor('the trigger to listen again', async () => (await deliver('{}', {})) === 401, 120_000);
		expect((await endpoints()).map((endpoint) => endpoint.url)).toEqual([PROBE_URL]);

		const before = (await executionsOf(PROBE)).length;
		const signature = captured.headers['heygen-signature'];
		const replays: Array<Record<string, string>> = [
			{ 'heygen-signature': signature, 'heygen-timestamp': now(), 'heygen-event-id': captured.event_id },
			{ 'heygen-signature': signature, 'heygen-timestamp': now(), 'heygen-event-id': 'evt_after_restart' },
			{ 'heygen-signature': signature, 'heygen-timestamp': now() },
			{ signature, 'heygen-timestamp': now(), 'heygen-event-id': 'evt_legacy_after_restart' },
		];
		for (const headers of replays) {
			expect(await deliver(captured.body, headers)).toBe(200);
		}
		expect(await deliver(captured.body, { signature })).toBe(401);
		expect(await executionsSettled(before, 0)).toBe(before);

		const videoId = await createVideo('contact-after-restart');
		expect(await executionsSettled(before, 1)).toBe(before + 1);
		const [latest] = await executionsOf(PROBE);
		expect(executionOutput(latest, 'HeyGen Trigger')[0].json).toMatchObject({ event_type: 'avatar_video.success', video_id: videoId, callback_id: 'contact-after-restart' });
		// Its own replay is a duplicate too.
		const next = await capturedDelivery(videoId);
		expect(await deliver(next.body, { 'heygen-signature': next.headers['heygen-signature'], 'heygen-timestamp': now(), 'heygen-event-id': 'evt_new' })).toBe(200);
		expect(await executionsSettled(before + 1, 0)).toBe(before + 1);
	}, 300_000);

	it('unpublishing removes the endpoint; 20 publish/unpublish cycles leave none behind', async () => {
		await unpublish(PROBE);
		expect(await endpoints()).toHaveLength(0);
		await emulator('/reset', { method: 'POST' });
		for (let cycle = 0; cycle < 20; cycle++) {
			await publish(PROBE);
			expect((await endpoints()).map((endpoint) => endpoint.url)).toEqual([PROBE_URL]);
			await unpublish(PROBE);
		}
		expect(await endpoints()).toHaveLength(0);
		const calls = await emulatorRequests();
		expect(calls.filter((r) => r.method === 'POST' && r.path === '/v3/webhooks/endpoints' && r.status === 200)).toHaveLength(20);
		expect(calls.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v3/webhooks/endpoints/') && r.status === 200)).toHaveLength(20);
	});
});

describe('HeyGen Trigger version 2 in a published workflow', () => {
	const WEBHOOK_ID = '5c0f7a2e-1b3d-4e5f-8a9b-0c1d2e3f4a52';
	const V2_URL = `${env.n8nUrl}/webhook/${WEBHOOK_ID}/webhook`;
	const EVENTS = ['avatar_video.success', 'video_translate.success'];

	it('registers its events, and runs a finished video with the HeyGen node’s field names and ISO 8601 dates', async () => {
		await emulator('/reset', { method: 'POST' });
		const probe = JSON.parse(readFileSync(join(__dirname, 'workflows', 'trigger-probe.json'), 'utf8')) as { nodes: Array<Record<string, unknown>> };
		const [triggerNode, ...others] = probe.nodes;
		const workflowId = await createWorkflow({
			...probe,
			name: 'e2e: HeyGen Trigger version 2',
			nodes: [{ ...triggerNode, typeVersion: 2, webhookId: WEBHOOK_ID, parameters: { events: EVENTS, options: { fetchResource: true } } }, ...others],
		});
		await publish(workflowId);
		expect(await endpoints()).toEqual([expect.objectContaining({ url: V2_URL, events: EVENTS })]);

		const v2 = triggerDeliveries(env, { emulator, executionsOf }, V2_URL, workflowId);
		const videoId = await v2.createVideo('contact-v2');
		expect(await v2.executionsSettled(0, 1)).toBe(1);
		const [execution] = await executionsOf(workflowId);
		const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(executionOutput(execution, 'HeyGen Trigger')[0].json).toMatchObject({
			event_type: 'avatar_video.success',
			video_id: videoId,
			callback_id: 'contact-v2',
			url: expect.stringContaining(`/videos/${videoId}.mp4`),
			video_url: expect.stringContaining(`/videos/${videoId}.mp4`),
			video_share_page_url: `https://app.heygen.com/videos/${videoId}`,
			video_page_url: `https://app.heygen.com/videos/${videoId}`,
			created_at: iso,
			completed_at: iso,
		});

		await unpublish(workflowId);
		expect(await endpoints()).toHaveLength(0);
	});
});
