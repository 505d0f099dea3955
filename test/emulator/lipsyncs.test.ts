import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	sleep,
	uploadSample,
	useEmulator,
	waitForVideo,
	type Json, expectLifecycle } from './helpers';
import { useReceiver } from './receiver';

const VIDEO_SIZE = 8192;
const emulator = useEmulator({ videoSizeBytes: VIDEO_SIZE, translationTimings: { pendingMs: 50, runningMs: 150 } });
const receiver = useReceiver();

const VIDEO = { type: 'url', url: 'https://media.example.com/presenter.mp4' };
const AUDIO = { type: 'url', url: 'https://media.example.com/new-voice.mp3' };

function lipsync(body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', '/v3/lipsyncs', { body, idempotencyKey });
}

/** Polls a lipsync until it is completed or failed, collecting every status seen. */
async function waitForLipsync(id: string, timeoutMs = 5000): Promise<{ detail: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { data } = (await call(emulator(), 'GET', `/v3/lipsyncs/${id}`)).body;
		if (seen[seen.length - 1] !== data.status) seen.push(data.status);
		if (data.status === 'completed' || data.status === 'failed') return { detail: data, seen };
		await sleep(20);
	}
	throw new Error(`lipsync ${id} did not finish within ${timeoutMs} ms (saw ${seen.join(' → ')})`);
}

describe('POST /v3/lipsyncs', () => {
	it('answers a lipsync_id; the job runs pending → running → completed with its files signed', async () => {
		Object.assign(emulator().config.translationTimings, { pendingMs: 300, runningMs: 400 });
		const created = await lipsync({ video: VIDEO, audio: AUDIO, title: 'Dubbed intro', mode: 'precision', enable_caption: true, callback_id: 'row-9' });
		expect(created.status).toBe(200);
		expectValidResponse('createLipsync', created.body);
		const id: string = created.body.data.lipsync_id;
		expect(Object.keys(created.body.data)).toEqual(['lipsync_id']);

		const early = (await call(emulator(), 'GET', `/v3/lipsyncs/${id}`)).body.data;
		expect(early).toMatchObject({ id, status: 'pending', title: 'Dubbed intro', video_url: null, caption_url: null, duration: null, callback_id: 'row-9' });
		expect(early).not.toHaveProperty('failure_message');

		const { detail, seen } = await waitForLipsync(id);
		expectLifecycle(seen, ['pending', 'running', 'completed']);
		expectValidResponse('getLipsync', { data: detail });
		expect(detail.duration).toBe(30);
		expect(detail.video_url).toMatch(new RegExp(`^${emulator().storageUrl}/lipsyncs/${id}\\.mp4\\?Expires=\\d+&Signature=`));
		expect(detail.caption_url).toMatch(new RegExp(`^${emulator().storageUrl}/lipsyncs/${id}\\.srt\\?Expires=`));
		const video = Buffer.from(await (await fetch(detail.video_url)).arrayBuffer());
		expect(video.length).toBe(VIDEO_SIZE);
		expect(video.toString('latin1', 4, 8)).toBe('ftyp');
		expect(await (await fetch(detail.caption_url)).text()).toMatch(/^1\n00:00:00,000 --> .*\nDubbed intro/);
		expect((await fetch(detail.video_url.split('?')[0])).status).toBe(403);
		// Precision costs 0.1 credit a second, charged once it completed.
		expect(emulator().state.balance).toBeCloseTo(997, 2);
	});

	it('lasts as long as the new audio when the emulator made it, else the video', async () => {
		const speech = (await call(emulator(), 'POST', '/v3/voices/speech', { body: { text: 'One two three four five six seven eight nine ten eleven twelve.', voice_id: (await call(emulator(), 'GET', '/v3/voices?engine=starfish&limit=1')).body.data[0].voice_id } })).body.data;
		const source = await waitForVideo(emulator(), (await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() })).body.data.video_id);
		const withSpeech = (await lipsync({ video: { type: 'url', url: source.detail.video_url }, audio: { type: 'url', url: speech.audio_url } })).body.data.lipsync_id;
		expect((await waitForLipsync(withSpeech)).detail.duration).toBe(speech.duration);
		const withVideo = (await lipsync({ video: { type: 'url', url: source.detail.video_url }, audio: AUDIO })).body.data.lipsync_id;
		expect((await waitForLipsync(withVideo)).detail.duration).toBe(source.detail.duration);
	});

	it('takes an uploaded video and an uploaded audio', async () => {
		const video = await uploadSample(emulator(), 'mp4');
		const audio = await uploadSample(emulator(), 'mp3');
		const id = (await lipsync({ video: { type: 'asset_id', asset_id: video }, audio: { type: 'asset_id', asset_id: audio } })).body.data.lipsync_id;
		expect((await waitForLipsync(id)).detail.status).toBe('completed');
	});

	it('fails later, with a failure message, when the audio host cannot be resolved, and charges nothing', async () => {
		const id = (await lipsync({ video: VIDEO, audio: { type: 'url', url: 'https://voices.example.invalid/take-2.mp3' } })).body.data.lipsync_id;
		const { detail, seen } = await waitForLipsync(id);
		expectLifecycle(seen, ['pending', 'failed']);
		expect(detail.failure_message).toBe('Failed to download the audio from https://voices.example.invalid/take-2.mp3: the host could not be resolved.');
		expect(detail).toMatchObject({ video_url: null, caption_url: null, duration: null });
		expect(emulator().state.balance).toBe(1000);
	});

	it('fails while running for a title with the failure marker', async () => {
		// Long enough for each status to be seen even on a busy machine.
		Object.assign(emulator().config.translationTimings, { pendingMs: 300, runningMs: 400 });
		const id = (await lipsync({ video: VIDEO, audio: AUDIO, title: 'take [[fail]]' })).body.data.lipsync_id;
		const { detail, seen } = await waitForLipsync(id);
		expectLifecycle(seen, ['pending', 'running', 'failed']);
		expect(detail.failure_message).toBe('Lipsync failed: no face could be tracked in the video.');
	});

	it.each([
		['no audio', { video: VIDEO }, 'audio'],
		['the v2-era video_url field', { video: VIDEO, audio: AUDIO, video_url: 'https://example.com/a.mp4' }, 'video_url'],
		['an inline base64 audio', { video: VIDEO, audio: { type: 'base64', media_type: 'audio/mpeg', data: 'AAAA' } }, 'audio.type'],
		['a mode HeyGen does not have', { video: VIDEO, audio: AUDIO, mode: 'fast' }, 'mode'],
		['a frame rate mode HeyGen does not have', { video: VIDEO, audio: AUDIO, fps_mode: 'auto' }, 'fps_mode'],
		['an end before the start', { video: VIDEO, audio: AUDIO, start_time: 8, end_time: 2 }, 'end_time'],
		['a null caption switch (not nullable)', { video: VIDEO, audio: AUDIO, enable_caption: null }, 'enable_caption'],
	])('answers 400 for %s', async (_, body, param) => {
		expectError(await lipsync(body), 400, 'invalid_parameter', param);
		expect(emulator().state.lipsyncs.size).toBe(0);
	});

	it('answers 404 for an unknown asset and 400 for an audio asset that is an image', async () => {
		expectError(await lipsync({ video: { type: 'asset_id', asset_id: 'missing' }, audio: AUDIO }), 404, 'asset_not_found', 'video.asset_id');
		const image = await uploadSample(emulator(), 'png');
		expectError(await lipsync({ video: VIDEO, audio: { type: 'asset_id', asset_id: image } }), 400, 'invalid_parameter', 'audio.asset_id');
	});

	it('takes a concurrency slot beside videos, and answers 402 when the wallet cannot cover it', async () => {
		emulator().config.concurrencyLimit = 2;
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expect((await lipsync({ video: VIDEO, audio: AUDIO })).status).toBe(200);
		expect(emulator().state.summary().busy_slots).toBe(2);
		const refused = await lipsync({ video: VIDEO, audio: AUDIO });
		expectError(refused, 429, 'rate_limit_exceeded', null);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		emulator().config.concurrencyLimit = 10;
		emulator().state.balance = 1;
		expectError(await lipsync({ video: VIDEO, audio: AUDIO }), 402, 'insufficient_credit');
	});

	it('replays an Idempotency-Key: the same id, one job', async () => {
		const first = await lipsync({ video: VIDEO, audio: AUDIO }, 'ls-1');
		const again = await lipsync({ video: VIDEO, audio: AUDIO }, 'ls-1');
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.lipsyncs.size).toBe(1);
	});

	it("calls the job's callback_url when it ends, and no registered endpoint", async () => {
		const url = `${receiver().url}/webhook-waiting/88?signature=x`;
		const id = (await lipsync({ video: VIDEO, audio: AUDIO, callback_id: 'row-1', callback_url: url })).body.data.lipsync_id;
		const [delivery] = await receiver().waitFor(1, '/webhook-waiting/88?signature=x');
		expect(delivery.body).toMatchObject({ event_type: 'lipsync.success', event_data: { lipsync_id: id, callback_id: 'row-1', status: 'completed' } });
		expect(delivery.headers['heygen-signature']).toBeUndefined();
		expect((await call(emulator(), 'GET', '/v3/webhooks/events')).body.data).toEqual([]);
	});
});

describe('GET /v3/lipsyncs and /v3/lipsyncs/statuses', () => {
	it('lists newest first with cursor pagination', async () => {
		for (const title of ['one', 'two', 'three']) await lipsync({ video: VIDEO, audio: AUDIO, title });
		const first = await call(emulator(), 'GET', '/v3/lipsyncs?limit=2');
		expectValidResponse('listLipsyncs', first.body);
		expect(first.body.data.map((item: Json) => item.title)).toEqual(['three', 'two']);
		const second = await call(emulator(), 'GET', `/v3/lipsyncs?limit=2&token=${first.body.next_token}`);
		expect(second.body.data.map((item: Json) => item.title)).toEqual(['one']);
		expect(second.body).toMatchObject({ has_more: false, next_token: null });
		expectError(await call(emulator(), 'GET', '/v3/lipsyncs?limit=101'), 400, 'invalid_parameter', 'limit');
	});

	it('reads many statuses at once; unknown ids and batches are not_found', async () => {
		const done = (await lipsync({ video: VIDEO, audio: AUDIO })).body.data.lipsync_id;
		await waitForLipsync(done);
		const unfetchable = (await lipsync({ video: VIDEO, audio: { type: 'url', url: 'https://a.example.invalid/x.mp3' } })).body.data.lipsync_id;
		await waitForLipsync(unfetchable);
		const running = (await lipsync({ video: VIDEO, audio: AUDIO })).body.data.lipsync_id;
		const response = await call(emulator(), 'GET', `/v3/lipsyncs/statuses?lipsync_ids=${done},${unfetchable},${running},nope&batch_ids=b1`);
		expectValidResponse('getLipsyncStatuses', response.body);
		expect(response.body.data).toEqual([
			{ video_id: done, status: 'completed' },
			{ video_id: unfetchable, status: 'failed', error: { code: 'download_failed', message: expect.stringContaining('Failed to download the audio') } },
			{ video_id: running, status: 'queued' },
			{ video_id: 'nope', status: 'not_found' },
			{ batch_id: 'b1', status: 'not_found' },
		]);
		expectError(await call(emulator(), 'GET', '/v3/lipsyncs/statuses'), 400, 'invalid_parameter', 'lipsync_ids');
	});

	it('answers 404 not_found for an unknown lipsync', async () => {
		const response = await call(emulator(), 'GET', '/v3/lipsyncs/0123456789abcdef0123456789abcdef');
		expectError(response, 404, 'not_found');
		expect(response.body.error.message).toBe('Lipsync not found.');
	});
});
