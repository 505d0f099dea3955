import { signBody } from '../../nodes/HeyGen/trigger/signature';
import { emulator, emulatorRequests, env, executionOutput, executionsOf, publish, unpublish, waitFor, webhookEndpoints } from './n8n';

const PROBE = 'hgE2eTrigger001';
const PROBE_URL = `${env.n8nUrl}/webhook/5c0f7a2e-1b3d-4e5f-8a9b-0c1d2e3f4a51/webhook`;

const endpoints = webhookEndpoints;

async function secretFor(url: string): Promise<string> {
	const { data } = (await emulator('/webhook-secrets')) as { data: Array<{ url: string; secret: string }> };
	const found = data.find((entry) => entry.url === url);
	if (!found) throw new Error(`no secret for ${url}`);
	return found.secret;
}

/** Makes a video in the emulator the way any HeyGen client would. */
async function createVideo(callbackId: string, script = 'Hello from the trigger test'): Promise<string> {
	const response = await fetch(`${env.emulatorUrl}/v3/videos`, {
		method: 'POST',
		headers: { 'x-api-key': env.emulatorApiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ type: 'avatar', avatar_id: 'lk_abigail_office', script, callback_id: callbackId }),
	});
	const body = (await response.json()) as { data: { video_id: string } };
	return body.data.video_id;
}

async function deliver(rawBody: string, headers: Record<string, string>): Promise<number> {
	const response = await fetch(PROBE_URL, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
	return response.status;
}

const now = () => String(Math.floor(Date.now() / 1000));

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
		const execution = await waitFor('the trigger execution', async () => {
			const runs = await executionsOf(PROBE);
			return runs.length > before ? runs[0] : undefined;
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
		});
		expect(item.json.video_url).toEqual(expect.stringContaining(`/videos/${videoId}.mp4`));
		expect((await fetch(String(item.json.video_url), { method: 'HEAD' })).status).toBe(200);
		// Download Video: the file itself, in the binary field.
		expect(item.binary?.video).toMatchObject({ mimeType: 'video/mp4', fileName: `${videoId}.mp4` });
		// A few seconds later there is still only one run for this event.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await executionsOf(PROBE)).length).toBe(before + 1);
	});

	it('forged, stale and replayed deliveries start nothing (401, 401, 200)', async () => {
		const before = (await executionsOf(PROBE)).length;
		const secret = await secretFor(PROBE_URL);
		const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_forged', callback_id: 'x' } });

		expect(await deliver(body, { 'heygen-signature': signBody('whsec_not_the_secret', body), 'heygen-timestamp': now(), 'heygen-event-id': 'evt_forged' })).toBe(401);
		expect(await deliver(body, { 'heygen-timestamp': now(), 'heygen-event-id': 'evt_unsigned' })).toBe(401);
		const stale = String(Math.floor(Date.now() / 1000) - 600);
		expect(await deliver(body, { 'heygen-signature': signBody(secret, body), 'heygen-timestamp': stale, 'heygen-event-id': 'evt_stale' })).toBe(401);

		const { data: events } = (await emulator('/deliveries')) as { data: Array<{ event_id: string; url: string }> };
		const delivered = events.find((event) => event.url === PROBE_URL);
		expect(delivered).toBeDefined();
		const replay = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_replayed', callback_id: 'y' } });
		expect(
			await deliver(replay, { 'heygen-signature': signBody(secret, replay), 'heygen-timestamp': now(), 'heygen-event-id': delivered!.event_id }),
		).toBe(200);

		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await executionsOf(PROBE)).length).toBe(before);
	});

	it('a correctly signed new delivery does start a run (the forged ones were refused for their flaws)', async () => {
		const before = (await executionsOf(PROBE)).length;
		const secret = await secretFor(PROBE_URL);
		const body = JSON.stringify({ event_type: 'avatar_video.fail', event_data: { video_id: 'v_manual', msg: 'Avatar rendering timed out', callback_id: 'z' } });
		expect(await deliver(body, { 'heygen-signature': signBody(secret, body), 'heygen-timestamp': now(), 'heygen-event-id': 'evt_manual_1' })).toBe(200);
		const execution = await waitFor('the run', async () => {
			const runs = await executionsOf(PROBE);
			return runs.length > before ? runs[0] : undefined;
		});
		expect(executionOutput(execution, 'HeyGen Trigger')[0].json).toMatchObject({ event_type: 'avatar_video.fail', msg: 'Avatar rendering timed out', event_id: 'evt_manual_1' });
	});

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
