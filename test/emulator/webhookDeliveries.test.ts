import { SEED_IDS } from '../../emulator';
import { webhookDeliverySchema } from '../../nodes/HeyGen/schemas/webhook';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../nodes/HeyGen/trigger/signature';
import { call, control, expectValidResponse, sleep, waitForVideo, useEmulator, type Json } from './helpers';
import { useReceiver } from './receiver';
import { FAST_WEBHOOKS, QUIET_MS, startVideo, subscribe, verify, WEBHOOK_TEST_TIMINGS } from './webhookHelpers';

const emulator = useEmulator({ timings: WEBHOOK_TEST_TIMINGS, webhooks: FAST_WEBHOOKS });
const receiver = useReceiver();

describe('webhook deliveries of finished videos', () => {
	it('delivers one signed avatar_video.success to a subscribed endpoint, none to others, without anyone polling', async () => {
		const all = await subscribe(emulator(), receiver(), '/all');
		const failuresOnly = await subscribe(emulator(), receiver(), '/failures', { events: ['avatar_video.fail'] });
		const videoId = await startVideo(emulator(), { callback_id: 'order-42' });

		const [delivery] = await receiver().waitFor(1, '/all');
		await sleep(QUIET_MS);
		expect(receiver().at('/all')).toHaveLength(1);
		expect(receiver().at('/failures')).toHaveLength(0);
		// Nobody asked for the video's status: the scheduler finished it.
		expect(emulator().requests.filter((request) => request.endpoint === 'getVideo')).toHaveLength(0);

		expect(verify(delivery, all.secret)).toMatchObject({ ok: true, legacy: false });
		expect(verify(delivery, failuresOnly.secret)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers[EVENT_ID_HEADER]).toMatch(/^evt_[0-9a-f]{24}$/);
		expect(Math.abs(Number(delivery.headers[TIMESTAMP_HEADER]) - Date.now() / 1000)).toBeLessThan(5);
		expect(delivery.headers.signature).toBeUndefined(); // the legacy header is off by default
		expect(webhookDeliverySchema.safeParse(delivery.body).success).toBe(true);
		expect(Object.keys(delivery.body)).toEqual(['event_type', 'event_data']);
		expect(delivery.body).toEqual({
			event_type: 'avatar_video.success',
			event_data: {
				video_id: videoId,
				url: expect.stringContaining(`/videos/${videoId}.mp4?Expires=`),
				callback_id: 'order-42',
				video_share_page_url: `https://app.heygen.com/videos/${videoId}`,
				folder_id: null,
			},
		});
		const download = await fetch(delivery.body.event_data.url);
		expect(download.status).toBe(200);
		await download.arrayBuffer();

		const attempts = emulator().deliveries;
		expect(attempts).toHaveLength(1);
		expect(attempts[0]).toMatchObject({
			event_id: delivery.headers[EVENT_ID_HEADER],
			event_type: 'avatar_video.success',
			target: 'endpoint',
			endpoint_id: all.endpointId,
			url: all.url,
			attempt: 1,
			copy: 1,
			signed: true,
			status: 200,
			error: null,
			outcome: 'delivered',
			will_retry: false,
			manual: false,
			body: delivery.rawBody.toString('utf8'),
		});
		expect(attempts[0].headers[SIGNATURE_HEADER]).toBe(delivery.headers[SIGNATURE_HEADER]);
	});

	it('fires exactly once however often the video is polled while it finishes', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		const videoId = await startVideo(emulator());
		await Promise.all([waitForVideo(emulator(), videoId), waitForVideo(emulator(), videoId), receiver().waitFor(1)]);
		for (let i = 0; i < 5; i++) await call(emulator(), 'GET', `/v3/videos/${videoId}`);
		await sleep(QUIET_MS);
		expect(receiver().received).toHaveLength(1);
	});

	it('delivers avatar_video.fail with the failure message for a failed render', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const videoId = await startVideo(emulator(), { script: 'This one breaks [[fail]]', callback_id: 'cb-fail' });
		const [delivery] = await receiver().waitFor(1);
		expect(verify(delivery, hook.secret).ok).toBe(true);
		expect(delivery.body).toEqual({
			event_type: 'avatar_video.fail',
			event_data: { video_id: videoId, msg: 'Avatar rendering timed out', callback_id: 'cb-fail' },
		});
	});

	it('delivers template videos as avatar_video events too', async () => {
		await subscribe(emulator(), receiver(), '/hook', { events: ['avatar_video.success'] });
		const generated = await call(emulator(), 'POST', `/v3/templates/${SEED_IDS.salesTemplate}`, {
			body: { variables: {}, callback_id: 'tpl-1' },
		});
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.body.event_data).toMatchObject({ video_id: generated.body.data.id, callback_id: 'tpl-1' });
	});

	it('sends nothing for a video deleted before it finished', async () => {
		emulator().config.timings.processingMs = 150; // time enough to delete it first
		await subscribe(emulator(), receiver(), '/hook');
		const videoId = await startVideo(emulator());
		await call(emulator(), 'DELETE', `/v3/videos/${videoId}`);
		await sleep(160 + QUIET_MS);
		expect(receiver().received).toHaveLength(0);
		expect(emulator().deliveries).toHaveLength(0);
	});

	it('posts the same body to callback_url unsigned, and signed to the registered endpoint', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const videoId = await startVideo(emulator(), { callback_url: `${receiver().url}/callback`, callback_id: 'cb-1' });
		const [callback] = await receiver().waitFor(1, '/callback');
		const [signed] = await receiver().waitFor(1, '/hook');
		expect(callback.body.event_data).toMatchObject({ video_id: videoId, callback_id: 'cb-1' });
		expect(callback.rawBody.equals(signed.rawBody)).toBe(true);
		expect(callback.headers['content-type']).toBe('application/json');
		for (const name of [SIGNATURE_HEADER, TIMESTAMP_HEADER, EVENT_ID_HEADER, 'signature']) {
			expect(callback.headers[name]).toBeUndefined();
		}
		expect(verify(callback, hook.secret)).toEqual({ ok: false, reason: 'no_signature' });
		expect(verify(signed, hook.secret).ok).toBe(true);
		const callbackAttempt = emulator().deliveries.find((attempt) => attempt.target === 'callback_url');
		expect(callbackAttempt).toMatchObject({ endpoint_id: null, signed: false, url: `${receiver().url}/callback` });
	});

	it('only sends to an entity-scoped endpoint the events about its entity', async () => {
		const first = await startVideo(emulator());
		await subscribe(emulator(), receiver(), '/scoped', { entity_id: first });
		const second = await startVideo(emulator());
		await receiver().waitFor(1, '/scoped');
		await waitForVideo(emulator(), second);
		await sleep(QUIET_MS);
		expect(receiver().at('/scoped').map((delivery) => delivery.body.event_data.video_id)).toEqual([first]);
	});

	it('signs deliveries after a rotation with the new secret only', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const rotated = await call(emulator(), 'POST', `/v3/webhooks/endpoints/${hook.endpointId}/rotate-secret`);
		const newSecret: string = rotated.body.data.secret;
		await startVideo(emulator());
		const [delivery] = await receiver().waitFor(1);
		expect(verify(delivery, hook.secret)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(verify(delivery, newSecret).ok).toBe(true);
	});

	it('sends the legacy Signature header too when configured, and event_id in the body when asked', async () => {
		emulator().config.webhooks.legacySignatureHeader = true;
		emulator().config.webhooks.eventIdInBody = true;
		const hook = await subscribe(emulator(), receiver(), '/hook');
		await startVideo(emulator());
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.headers.signature).toBe(delivery.headers[SIGNATURE_HEADER]);
		expect(delivery.body.event_id).toBe(delivery.headers[EVENT_ID_HEADER]);
		expect(verify(delivery, hook.secret).ok).toBe(true);
		const legacyOnly = { ...delivery, headers: { signature: delivery.headers.signature, [TIMESTAMP_HEADER]: delivery.headers[TIMESTAMP_HEADER] } };
		expect(verify(legacyOnly, hook.secret)).toMatchObject({ ok: true, legacy: true });
	});
});

describe('webhook deliveries of translations and Video Agent sessions', () => {
	it('delivers video_translate.success per language and video_translate.fail with its message', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const created = await call(emulator(), 'POST', '/v3/video-translations', {
			body: {
				video: { type: 'url', url: 'https://cdn.example.com/source.mp4' },
				output_languages: ['French', 'Japanese'],
				callback_id: 'tr-1',
			},
		});
		const ids: string[] = created.body.data.video_translation_ids;
		const failed = await call(emulator(), 'POST', '/v3/video-translations', {
			body: { video: { type: 'url', url: 'https://cdn.example.com/b.mp4' }, output_languages: ['German'], title: 'x [[fail]]' },
		});
		const deliveries = await receiver().waitFor(3);
		for (const delivery of deliveries) expect(verify(delivery, hook.secret).ok).toBe(true);
		const byId = new Map<string, Json>(
			deliveries.map((delivery) => [delivery.body.event_data.video_translate_id, delivery.body]),
		);
		expect(byId.get(ids[0])).toEqual({
			event_type: 'video_translate.success',
			event_data: {
				video_translate_id: ids[0],
				url: expect.stringContaining(`/translations/${ids[0]}.mp4?Expires=`),
				callback_id: 'tr-1',
				output_language: 'French',
			},
		});
		expect(byId.get(ids[1])?.event_data.output_language).toBe('Japanese');
		expect(byId.get(failed.body.data.video_translation_ids[0])).toEqual({
			event_type: 'video_translate.fail',
			event_data: {
				video_translate_id: failed.body.data.video_translation_ids[0],
				message: 'Video translation failed: the speech could not be separated from the background audio.',
				callback_id: null,
				output_language: 'German',
			},
		});
	});

	it('delivers video_agent.success (and no avatar_video event for the agent video)', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook');
		const created = await call(emulator(), 'POST', '/v3/video-agents', {
			body: { prompt: 'Explain webhooks to developers.', callback_id: 'agent-1', callback_url: `${receiver().url}/cb` },
		});
		const sessionId: string = created.body.data.session_id;
		const [delivery] = await receiver().waitFor(1, '/hook');
		await receiver().waitFor(1, '/cb');
		await sleep(QUIET_MS);
		expect(receiver().at('/hook')).toHaveLength(1);
		expect(verify(delivery, hook.secret).ok).toBe(true);
		const session = (await call(emulator(), 'GET', `/v3/video-agents/${sessionId}`)).body.data;
		expect(session.status).toBe('completed');
		expect(delivery.body).toEqual({
			event_type: 'video_agent.success',
			event_data: {
				session_id: sessionId,
				video_id: session.video_id,
				video_url: expect.stringContaining(`/videos/${session.video_id}.mp4?Expires=`),
				callback_id: 'agent-1',
			},
		});
		expect(receiver().at('/cb')[0].headers[SIGNATURE_HEADER]).toBeUndefined();
	});

	it('delivers video_agent.fail when the agent gives up', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		const created = await call(emulator(), 'POST', '/v3/video-agents', { body: { prompt: 'Make nothing [[fail]]' } });
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.body).toEqual({
			event_type: 'video_agent.fail',
			event_data: {
				session_id: created.body.data.session_id,
				video_id: null,
				message: "I couldn't create a video from this request. Please rephrase it and try again.",
				callback_id: null,
			},
		});
	});

	it('sends nothing for a chat session that only asks a question', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		await call(emulator(), 'POST', '/v3/video-agents', { body: { prompt: 'Hello', mode: 'chat' } });
		await sleep(150);
		expect(receiver().received).toHaveLength(0);
	});
});

describe('GET /v3/webhooks/events', () => {
	it('lists each sent event once, newest first, with the delivered id and data; filters and pages', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		receiver().answer = (_, index) => (index === 0 ? 500 : 200); // one retry must not add a second record
		const ok = await startVideo(emulator());
		await receiver().waitFor(2);
		const bad = await startVideo(emulator(), { script: 'Nope [[fail]]' });
		await receiver().waitFor(3);

		const history = await call(emulator(), 'GET', '/v3/webhooks/events');
		expectValidResponse('listWebhookEvents', history.body);
		expect(history.body.data.map((event: Json) => [event.event_type, event.event_data.video_id])).toEqual([
			['avatar_video.fail', bad],
			['avatar_video.success', ok],
		]);
		const [failed, succeeded] = history.body.data;
		expect(succeeded.event_id).toBe(receiver().received[0].headers[EVENT_ID_HEADER]);
		expect(succeeded.event_data).toEqual(receiver().received[1].body.event_data);
		expect(failed.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

		const onlyFailures = await call(emulator(), 'GET', '/v3/webhooks/events?event_type=avatar_video.fail');
		expect(onlyFailures.body.data.map((event: Json) => event.event_id)).toEqual([failed.event_id]);
		const byEntity = await call(emulator(), 'GET', `/v3/webhooks/events?entity_id=${ok}`);
		expect(byEntity.body.data.map((event: Json) => event.event_id)).toEqual([succeeded.event_id]);
		const firstPage = await call(emulator(), 'GET', '/v3/webhooks/events?limit=1');
		expect(firstPage.body).toMatchObject({ has_more: true, data: [{ event_id: failed.event_id }] });
		const secondPage = await call(emulator(), 'GET', `/v3/webhooks/events?limit=1&token=${firstPage.body.next_token}`);
		expect(secondPage.body).toMatchObject({ has_more: false, next_token: null, data: [{ event_id: succeeded.event_id }] });
	});

	it('does not list events nobody was sent', async () => {
		const videoId = await startVideo(emulator());
		await waitForVideo(emulator(), videoId);
		await sleep(50);
		expect((await call(emulator(), 'GET', '/v3/webhooks/events')).body.data).toEqual([]);
		expect((await control(emulator(), 'GET', '/state')).body.data.webhooks.events).toBe(0);
	});
});
