import { SEED_IDS } from '../../emulator';
import { avatarVideo, call, SAMPLE_FILES, uploadSample, useEmulator, waitForVideo, type Json } from './helpers';

const emulator = useEmulator();

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${emulator().url}/__emulator${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

describe('control API', () => {
	it('lists recorded requests (without its own calls) and filters them', async () => {
		await call(emulator(), 'GET', '/v3/users/me');
		await call(emulator(), 'GET', '/v3/voices?limit=2');
		const all = await control('GET', '/requests');
		expect(all.status).toBe(200);
		expect(all.body.data.map((request: { endpoint: string }) => request.endpoint)).toEqual([
			'getCurrentUser',
			'listVoices',
		]);
		const voices = await control('GET', '/requests?endpoint=listVoices');
		expect(voices.body.data).toHaveLength(1);
		expect((await control('GET', '/requests?since=1')).body.data).toHaveLength(1);
	});

	it('adds, lists and clears faults; JSON rules may say times "Infinity"', async () => {
		const added = await control('POST', '/faults', {
			match: { endpoint: 'getCurrentUser' },
			times: 'Infinity',
			action: { type: 'status', status: 503 },
		});
		expect(added.status).toBe(201);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(503);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(503);
		const listed = await control('GET', '/faults');
		expect(listed.body.data[0]).toMatchObject({ matched: 2, applied: 2 });
		expect((await control('DELETE', '/faults')).status).toBe(200);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(200);
		const invalid = await control('POST', '/faults', { action: { type: 'explode' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.code).toBe('invalid_parameter');
	});

	it('patches config and balance, and rejects bad values', async () => {
		const patched = await control('PATCH', '/config', {
			timings: { pendingMs: 10, processingMs: 20 },
			concurrencyLimit: 3,
			balance: 42,
		});
		expect(patched.body.data).toMatchObject({
			timings: { pendingMs: 10, processingMs: 20 },
			concurrencyLimit: 3,
			balance: 42,
		});
		expect(emulator().config.concurrencyLimit).toBe(3);
		expect((await call(emulator(), 'GET', '/v3/users/me')).body.data.wallet.remaining_balance).toBe(42);
		expect((await control('PATCH', '/config', { videoSizeBytes: 10 })).status).toBe(400);
		expect((await control('PATCH', '/config', { unknown: 1 })).status).toBe(400);
	});

	it('summarises state and resets everything', async () => {
		const created = await call(emulator(), 'POST', '/v3/videos', {
			body: avatarVideo({ title: 'Summarised' }),
			idempotencyKey: 'k1',
		});
		await waitForVideo(emulator(), created.body.data.video_id);
		emulator().addFault({ action: { type: 'status', status: 500 } });
		await control('PATCH', '/config', { concurrencyLimit: 1 });
		const state = await control('GET', '/state');
		expect(state.body.data).toMatchObject({
			videos: 1,
			deleted_videos: 0,
			by_status: { pending: 0, processing: 0, completed: 1, failed: 0 },
			in_flight: 0,
			idempotency_records: 1,
			video_list: [{ id: created.body.data.video_id, title: 'Summarised', status: 'completed', charged: true }],
		});
		expect(state.body.data.balance).toBeLessThan(1000);

		expect((await control('POST', '/reset')).body.data).toEqual({ reset: true });
		expect(emulator().requests).toHaveLength(0);
		expect(emulator().state.videos.size).toBe(0);
		expect(emulator().state.balance).toBe(1000);
		expect(emulator().config.concurrencyLimit).toBe(10);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(200);
		expect((await control('GET', '/state')).body.data).toMatchObject({
			videos: 0,
			video_list: [],
			idempotency_records: 0,
		});
	});

	it('patches translation and agent timings, which new jobs pick up and reset restores', async () => {
		const patched = await control('PATCH', '/config', {
			translationTimings: { pendingMs: 5, runningMs: 15 },
			agentTimings: { thinkingMs: 7 },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.data).toMatchObject({
			translationTimings: { pendingMs: 5, runningMs: 15 },
			agentTimings: { thinkingMs: 7 },
		});
		const translation = await call(emulator(), 'POST', '/v3/video-translations', {
			body: { video: { type: 'url', url: 'https://example.com/v.mp4' }, output_languages: ['German'] },
		});
		const job = emulator().state.translations.get(translation.body.data.video_translation_ids[0])!;
		expect(job.runningAtMs - job.createdAtMs).toBe(5);
		expect(job.finishedAtMs - job.runningAtMs).toBe(15);
		const session = await call(emulator(), 'POST', '/v3/video-agents', { body: { prompt: 'Quick one', mode: 'chat' } });
		const run = emulator().state.sessions.get(session.body.data.session_id)!.runs[0];
		expect(run.thinkingUntilMs - run.startedAtMs).toBe(7);
		expect((await control('PATCH', '/config', { agentTimings: { thinkingMs: -1 } })).status).toBe(400);
		expect((await control('PATCH', '/config', { translationTimings: { processingMs: 1 } })).status).toBe(400);
		await control('POST', '/reset');
		// useEmulator's fast video timings carry over to translations and agents unless given.
		expect(emulator().config.translationTimings).toEqual({ pendingMs: 60, runningMs: 140 });
		expect(emulator().config.agentTimings).toEqual({ thinkingMs: 60 });
	});

	it('counts template videos, translations by status, agent sessions by status and assets', async () => {
		await call(emulator(), 'POST', `/v3/templates/${SEED_IDS.salesTemplate}`, { body: { variables: {} } });
		await call(emulator(), 'POST', '/v3/video-translations', {
			body: { video: { type: 'url', url: 'https://example.com/v.mp4' }, output_languages: ['French', 'Japanese'] },
		});
		await call(emulator(), 'POST', '/v3/video-agents', { body: { prompt: 'Chat with me', mode: 'chat' } });
		await uploadSample(emulator(), 'png');
		await call(emulator(), 'DELETE', `/v3/assets/${await uploadSample(emulator(), 'mp3')}`);
		await call(emulator(), 'POST', '/v3/voices/speech', { body: { text: 'Hi', voice_id: SEED_IDS.starfishVoice } });
		const state = (await control('GET', '/state')).body.data;
		expect(state).toMatchObject({
			videos: 1,
			busy_slots: 3,
			template_videos: { total: 1, by_template: { [SEED_IDS.salesTemplate]: 1 } },
			translations: { total: 2, by_status: { pending: 2, running: 0, completed: 0, failed: 0 } },
			agent_sessions: { total: 1, by_status: { thinking: 1 } },
			assets: { count: 1, deleted: 1, bytes: SAMPLE_FILES.png.length, by_kind: { image: 1, audio: 0 } },
			speech_clips: 1,
		});
		expect(state.video_list[0]).toMatchObject({ kind: 'template', template_id: SEED_IDS.salesTemplate });
		expect(state.translations.list.map((item: Json) => item.output_language)).toEqual(['French', 'Japanese']);
		await control('POST', '/reset');
		expect((await control('GET', '/state')).body.data).toMatchObject({
			template_videos: { total: 0 },
			translations: { total: 0 },
			agent_sessions: { total: 0 },
			assets: { count: 0, deleted: 0 },
			speech_clips: 0,
		});
	});

	it('answers 404 for unknown control paths', async () => {
		expect((await control('GET', '/nope')).status).toBe(404);
	});
});
