import { AGENT_STYLES, SEED_IDS } from '../../emulator';
import { MAX_VISIBLE_MESSAGES, titleFromPrompt, viewSession, type AgentSession } from '../../emulator/jobs/agent';
import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	uploadSample,
	useEmulator,
	waitForSession,
	waitForVideo,
	type Json, expectLifecycle } from './helpers';

const emulator = useEmulator({ agentTimings: { thinkingMs: 80 } });

function createSession(body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', '/v3/video-agents', { body, idempotencyKey });
}

function send(sessionId: string, body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', `/v3/video-agents/${sessionId}`, { body, idempotencyKey });
}

async function getSession(id: string): Promise<Json> {
	const response = await call(emulator(), 'GET', `/v3/video-agents/${id}`);
	expectValidResponse('getAgentSession', response.body);
	return response.body.data;
}

describe('GET /v3/video-agents/styles', () => {
	it('pages through 25 styles and filters by tag', async () => {
		const first = await call(emulator(), 'GET', '/v3/video-agents/styles');
		expectValidResponse('listAgentStyles', first.body);
		expect(first.body.data).toHaveLength(20);
		const second = await call(emulator(), 'GET', `/v3/video-agents/styles?token=${first.body.next_token}`);
		expect(second.body.data).toHaveLength(5);
		expect(second.body).toMatchObject({ has_more: false, next_token: null });
		expect(first.body.data[0]).toEqual({
			style_id: SEED_IDS.agentStyle,
			name: 'Cinematic Noir',
			thumbnail_url: `${emulator().storageUrl}/assets/styles/${SEED_IDS.agentStyle}.png`,
			preview_video_url: `${emulator().storageUrl}/assets/styles/${SEED_IDS.agentStyle}.mp4`,
			tags: ['cinematic'],
			aspect_ratio: '16:9',
		});
		expect((await fetch(first.body.data[0].preview_video_url)).headers.get('content-type')).toBe('video/mp4');

		for (const tag of ['cinematic', 'retro-tech', 'handmade', 'print']) {
			const filtered = (await call(emulator(), 'GET', `/v3/video-agents/styles?tag=${tag}&limit=100`)).body.data;
			expect(filtered.length).toBeGreaterThanOrEqual(3);
			expect(filtered.every((style: Json) => style.tags.includes(tag))).toBe(true);
			expect(filtered).toHaveLength(AGENT_STYLES.filter((style) => style.tags.includes(tag)).length);
		}
		expect((await call(emulator(), 'GET', '/v3/video-agents/styles?tag=baroque')).body.data).toEqual([]);
		expectError(await call(emulator(), 'GET', '/v3/video-agents/styles?limit=101'), 400, 'invalid_parameter', 'limit');
	});
});

describe('Video Agent, generate mode', () => {
	it('thinks, then renders a video that follows the normal lifecycle, then completes', async () => {
		const created = await createSession({
			prompt: 'Make a 30 second video announcing our spring sale. Keep it upbeat.',
			avatar_id: SEED_IDS.studioLook,
			style_id: SEED_IDS.agentStyle,
		});
		expect(created.status).toBe(200);
		expectValidResponse('createAgentSession', created.body);
		expect(created.body.data).toEqual({
			session_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			status: 'thinking',
			video_id: null,
			created_at: expect.any(Number),
		});
		const id = created.body.data.session_id;
		const thinking = await getSession(id);
		expect(thinking).toMatchObject({
			status: 'thinking',
			title: 'Make a 30 second video announcing our spring sale',
			video_id: null,
		});
		expect(thinking.progress).toBeLessThan(10);
		expect(thinking.messages).toEqual([
			{
				role: 'user',
				type: 'text',
				content: 'Make a 30 second video announcing our spring sale. Keep it upbeat.',
				created_at: expect.any(Number),
				resource_ids: null,
			},
		]);

		const generating = await waitForSession(emulator(), id, (session) => session.status !== 'thinking');
		expect(generating.session.status).toBe('generating');
		const videoId = generating.session.video_id;
		expect(videoId).toMatch(/^[0-9a-f]{32}$/);
		expect(generating.session.progress).toBeGreaterThanOrEqual(10);

		const { detail } = await waitForVideo(emulator(), videoId);
		expect(detail).toMatchObject({ status: 'completed', title: 'Make a 30 second video announcing our spring sale' });
		const done = await getSession(id);
		expect(done).toMatchObject({ status: 'completed', progress: 100, video_id: videoId });
		expect(done.messages.map((message: Json) => [message.role, message.type])).toEqual([
			['model', 'resource'],
			['model', 'text'],
			['user', 'text'],
		]);
		expect(done.messages[0].resource_ids).toEqual([videoId]);
		expect(emulator().state.videos.get(videoId)).toMatchObject({
			kind: 'agent',
			avatarId: SEED_IDS.studioLook,
			charged: true,
		});
		expect(emulator().state.summary().agent_sessions.by_status.completed).toBe(1);
	});

	it('fails with an error message for [[fail]] in the prompt, without a video', async () => {
		const id = (await createSession({ prompt: 'Please [[fail]] this one' })).body.data.session_id;
		const { session, seen } = await waitForSession(emulator(), id);
		expectLifecycle(seen, ['thinking', 'failed']);
		expect(session.video_id).toBeNull();
		expect(session.messages[0]).toMatchObject({ role: 'model', type: 'error' });
		expect(session.title).toBe('Please this one');
		expect(emulator().state.videos.size).toBe(0);
	});

	it('fails when its video fails to render', async () => {
		const id = (await createSession({ prompt: 'A video that breaks [[fail:rendering_failed]]' })).body.data.session_id;
		const { session } = await waitForSession(emulator(), id, (current) => current.status === 'failed');
		expect(session.video_id).toMatch(/^[0-9a-f]{32}$/);
		expect(session.messages[0]).toMatchObject({ role: 'model', type: 'error' });
		expect((await waitForVideo(emulator(), session.video_id)).detail.failure_code).toBe('rendering_failed');
	});

	it('holds a concurrency slot while thinking, for the video it will render', async () => {
		emulator().config.concurrencyLimit = 2;
		await createSession({ prompt: 'First video' });
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expectError(await createSession({ prompt: 'One too many' }), 429, 'rate_limit_exceeded', null);
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() }), 429, 'rate_limit_exceeded');
		// A chat session only asks a question at first, so it needs no slot yet.
		expect((await createSession({ prompt: 'Let us talk', mode: 'chat' })).status).toBe(200);
	});

	it.each([
		['an unknown avatar', { avatar_id: 'lk_nobody' }, 404, 'avatar_not_found', 'avatar_id'],
		['an unknown voice', { voice_id: 'nope' }, 404, 'voice_not_found', 'voice_id'],
		['an unknown style', { style_id: 'style_nope' }, 404, 'not_found', 'style_id'],
		[
			'an unknown file asset',
			{ files: [{ type: 'asset_id', asset_id: 'missing' }] },
			404,
			'asset_not_found',
			'files.0.asset_id',
		],
		['flags the spec no longer has', { auto_proceed: true }, 400, 'invalid_parameter', 'auto_proceed'],
		['an unknown mode', { mode: 'autopilot' }, 400, 'invalid_parameter', 'mode'],
		['an empty prompt', { prompt: ' ' }, 400, 'invalid_parameter', 'prompt'],
	])('refuses %s', async (_, overrides, status, code, param) => {
		expectError(await createSession({ prompt: 'A video', ...overrides }), status, code, param);
		expect(emulator().state.sessions.size).toBe(0);
	});

	it('takes uploaded files and refuses subtitles as files', async () => {
		const image = await uploadSample(emulator(), 'png');
		const pdf = await uploadSample(emulator(), 'pdf');
		const srt = await uploadSample(emulator(), 'srt');
		const files = [
			{ type: 'asset_id', asset_id: image },
			{ type: 'asset_id', asset_id: pdf },
			{ type: 'url', url: 'https://example.com/brief.pdf' },
		];
		expect((await createSession({ prompt: 'Use these', files })).status).toBe(200);
		expectError(
			await createSession({ prompt: 'Use these', files: [...files, { type: 'asset_id', asset_id: srt }] }),
			400,
			'invalid_parameter',
			'files.3.asset_id',
		);
	});

	it('refuses messages to a generate-mode session and 404s unknown sessions', async () => {
		const id = (await createSession({ prompt: 'One-shot' })).body.data.session_id;
		const refused = await send(id, { message: 'Change it' });
		expectError(refused, 400, 'invalid_parameter');
		expect(refused.body.error.message).toMatch(/only chat sessions take messages/i);
		const missing = await call(emulator(), 'GET', '/v3/video-agents/0123456789abcdef0123456789abcdef');
		expectError(missing, 404, 'not_found');
		expect(missing.body.error.message).toBe('Session not found.');
		expectError(await send('0123456789abcdef0123456789abcdef', { message: 'Hi' }), 404, 'not_found');
	});

	it('replays an Idempotency-Key: one session', async () => {
		const first = await createSession({ prompt: 'Replay me' }, 'agent-1');
		const again = await createSession({ prompt: 'Replay me' }, 'agent-1');
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.sessions.size).toBe(1);
	});
});

describe('Video Agent, chat mode', () => {
	it('asks a question, waits for the answer, then renders and completes; a later message revises', async () => {
		const created = await createSession({ prompt: 'A product teaser for our new app', mode: 'chat' });
		const id = created.body.data.session_id;
		const waiting = await waitForSession(emulator(), id);
		expectLifecycle(waiting.seen, ['thinking', 'waiting_for_input']);
		expect(waiting.session.video_id).toBeNull();
		expect(waiting.session.messages[0]).toMatchObject({
			role: 'model',
			type: 'text',
			content: expect.stringContaining('?'),
		});
		expect(emulator().state.videos.size).toBe(0);

		const sent = await send(
			id,
			{ message: 'Developers, about 45 seconds.', voice_id: SEED_IDS.englishMaleVoice },
			'msg-1',
		);
		expect(sent.status).toBe(200);
		expectValidResponse('sendAgentMessage', sent.body);
		expect(sent.body.data).toEqual({
			session_id: id,
			run_id: expect.stringMatching(/^run_[0-9a-f]{24}$/),
			title: 'A product teaser for our new app',
		});
		const replay = await send(
			id,
			{ message: 'Developers, about 45 seconds.', voice_id: SEED_IDS.englishMaleVoice },
			'msg-1',
		);
		expect(replay.body).toEqual(sent.body);
		expect((await getSession(id)).status).toBe('thinking');
		expectError(await send(id, { message: 'And another thing' }), 400, 'invalid_parameter');

		const done = await waitForSession(emulator(), id, (session) => session.status === 'completed');
		expectLifecycle(done.seen, ['thinking', 'generating', 'completed']);
		const firstVideo = done.session.video_id;
		expect(emulator().state.videos.get(firstVideo)?.voiceId).toBe(SEED_IDS.englishMaleVoice);
		expect(done.session.messages.map((message: Json) => message.role)).toEqual([
			'model',
			'model',
			'user',
			'model',
			'user',
		]);

		await send(id, { message: 'Make it shorter.' });
		const revised = await waitForSession(
			emulator(),
			id,
			(session) => session.status === 'completed' && session.video_id !== firstVideo,
		);
		expect(revised.session.video_id).not.toBe(firstVideo);
		expect(emulator().state.videos.size).toBe(2);
	});
});

describe('session views', () => {
	it('fails a run whose video the wallet cannot pay for when thinking ends', async () => {
		emulator().state.balance = 0;
		const id = (await createSession({ prompt: 'Costly video' })).body.data.session_id;
		const { session } = await waitForSession(emulator(), id);
		expect(session.status).toBe('failed');
		expect(session.messages[0]).toMatchObject({
			role: 'model',
			type: 'error',
			content: expect.stringContaining('credits'),
		});
		expect(emulator().state.videos.size).toBe(0);
	});

	it('shows at most 40 messages, newest first, and only those already written', () => {
		const session: AgentSession = {
			id: 's',
			mode: 'chat',
			sequence: 1,
			createdAtMs: 0,
			prompt: 'p',
			title: 't',
			avatarId: null,
			voiceId: null,
			styleId: null,
			callbackId: null,
			callbackUrl: null,
			runs: [
				{
					runId: 'r',
					startedAtMs: 0,
					thinkingUntilMs: 100,
					next: 'question',
					plan: null,
					timings: { pendingMs: 0, processingMs: 0 },
					sizeBytes: 0,
					videoId: null,
				},
			],
			messages: Array.from({ length: 50 }, (_, index) => ({
				role: index % 2 === 0 ? ('user' as const) : ('model' as const),
				type: 'text' as const,
				content: `m${index}`,
				atMs: index * 10,
				resourceIds: null,
			})),
		};
		const early = viewSession(session, 55, () => undefined);
		expect(early.status).toBe('thinking');
		expect(early.progress).toBe(5);
		expect(early.messages.map((message) => message.content)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1', 'm0']);
		const late = viewSession(session, 10_000, () => undefined);
		expect(late.status).toBe('waiting_for_input');
		expect(late.messages).toHaveLength(MAX_VISIBLE_MESSAGES);
		expect(late.messages[0].content).toBe('m49');
		expect(late.messages[39].content).toBe('m10');
	});

	it('titles a session from the first sentence of its prompt', () => {
		expect(titleFromPrompt('make a video about cats. Then dogs.')).toBe('Make a video about cats');
		expect(titleFromPrompt('[[fail]]')).toBe('Untitled video');
		const long = titleFromPrompt(`Explain ${'very '.repeat(30)}slowly`);
		expect(long.length).toBeLessThanOrEqual(60);
		expect(long.endsWith('…')).toBe(true);
	});
});
