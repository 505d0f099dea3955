import { SEED_IDS, startEmulator } from '../../emulator';
import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	FAST_TIMINGS,
	sleep,
	useEmulator,
	waitForVideo,
	type Json, expectLifecycle } from './helpers';

const emulator = useEmulator();

async function create(body: Record<string, unknown>) {
	return call(emulator(), 'POST', '/v3/videos', { body });
}

describe('POST /v3/videos', () => {
	it('answers waiting with the video id and output format', async () => {
		const response = await create(avatarVideo());
		expect(response.status).toBe(200);
		expectValidResponse('createVideo', response.body);
		expect(response.body.data).toEqual({
			video_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			status: 'waiting',
			output_format: 'mp4',
		});
		const webm = await create(avatarVideo({ output_format: 'webm' }));
		expect(webm.body.data.output_format).toBe('webm');
	});

	it('creates image videos from a URL', async () => {
		const response = await create({
			type: 'image',
			image: { type: 'url', url: 'https://example.com/face.png' },
			script: 'An image that speaks.',
			voice_id: SEED_IDS.englishMaleVoice,
		});
		expect(response.status).toBe(200);
		const { detail } = await waitForVideo(emulator(), response.body.data.video_id);
		expect(detail.status).toBe('completed');
	});

	it("uses the look's default voice when only a script is given", async () => {
		const response = await create(avatarVideo());
		expect(emulator().state.videos.get(response.body.data.video_id)?.voiceId).toBe(SEED_IDS.englishFemaleVoice);
	});

	it('needs voice_id for a look without a default voice', async () => {
		const response = await create(avatarVideo({ avatar_id: SEED_IDS.lookWithoutDefaultVoice }));
		expectError(response, 400, 'invalid_parameter', 'voice_id');
		const withVoice = await create(
			avatarVideo({ avatar_id: SEED_IDS.lookWithoutDefaultVoice, voice_id: SEED_IDS.spanishVoice }),
		);
		expect(withVoice.status).toBe(200);
	});

	it('answers 404 avatar_not_found and voice_not_found', async () => {
		expectError(await create(avatarVideo({ avatar_id: 'lk_nobody' })), 404, 'avatar_not_found', 'avatar_id');
		expectError(await create(avatarVideo({ voice_id: 'no_such_voice' })), 404, 'voice_not_found', 'voice_id');
	});

	it("rejects an engine the look doesn't support", async () => {
		const response = await create(
			avatarVideo({ avatar_id: SEED_IDS.lookWithoutAvatarV, engine: { type: 'avatar_v' } }),
		);
		expectError(response, 400, 'invalid_parameter', 'engine.type');
		expect(response.body.error.message).toContain('avatar_iv, avatar_iii');
		expect((await create(avatarVideo({ engine: { type: 'avatar_v' } }))).status).toBe(200);
	});

	it.each([
		[
			'a script over 5,000 characters',
			avatarVideo({ script: 'a'.repeat(5001) }),
			'script',
			"'script' must be at most 5,000 characters (it has 5,001).",
		],
		['a bad colour', avatarVideo({ background: { type: 'color', value: 'blue' } }), 'background.value', undefined],
		[
			'a bad URL',
			{ type: 'avatar', avatar_id: SEED_IDS.studioLook, audio_url: 'ftp://example.com/a.mp3' },
			'audio_url',
			undefined,
		],
		['an unknown field', avatarVideo({ test: true }), 'test', "'test' is not a field HeyGen accepts here."],
		[
			'a voice speed out of range',
			avatarVideo({ voice_settings: { speed: 3 } }),
			'voice_settings.speed',
			"'voice_settings.speed' must be between 0.5 and 1.5.",
		],
		['no speech source', { type: 'avatar', avatar_id: SEED_IDS.studioLook }, 'script', undefined],
		['an unknown type', { type: 'hologram' }, 'type', undefined],
	])('answers 400 invalid_parameter for %s', async (_, body, param, message) => {
		const response = await create(body);
		expectError(response, 400, 'invalid_parameter', param);
		if (message) expect(response.body.error.message).toBe(message);
		else expect(response.body.error.message).toMatch(new RegExp(`^'${param.replace('.', '\\.')}' .+\\.$`));
	});
});

describe('video lifecycle', () => {
	it('goes pending → processing → completed with download fields only once completed', async () => {
		const before = Date.now();
		const created = await create(avatarVideo({ title: 'Lifecycle', caption: { file_format: 'srt' } }));
		const id = created.body.data.video_id;
		const early = (await call(emulator(), 'GET', `/v3/videos/${id}`)).body.data;
		expect(early).toMatchObject({
			id,
			status: 'pending',
			title: 'Lifecycle',
			video_url: null,
			thumbnail_url: null,
			gif_url: null,
			duration: null,
			completed_at: null,
			captioned_video_url: null,
			subtitle_url: null,
		});
		expect(early).not.toHaveProperty('failure_code');
		expect(early.video_page_url).toBe(`https://app.heygen.com/videos/${id}`);
		expect(early.created_at).toBeGreaterThanOrEqual(Math.floor(before / 1000));

		const { detail, seen } = await waitForVideo(emulator(), id);
		expectLifecycle(seen, ['pending', 'processing', 'completed']);
		expectValidResponse('getVideo', { data: detail });
		expect(detail.video_url).toMatch(
			new RegExp(`^${emulator().storageUrl}/videos/${id}\\.mp4\\?Expires=\\d+&Signature=[0-9a-f]+$`),
		);
		expect(detail.thumbnail_url).toContain(emulator().storageUrl);
		expect(detail.gif_url).toContain(emulator().storageUrl);
		expect(detail.captioned_video_url).toContain(`${id}_captioned.mp4`);
		expect(detail.subtitle_url).toContain(`${id}.srt`);
		expect(detail.duration).toBeGreaterThan(0);
		expect(detail.completed_at).toBeGreaterThanOrEqual(detail.created_at);
		expect(detail).not.toHaveProperty('failure_code');
		expect(detail).not.toHaveProperty('failure_message');
	});

	it('leaves caption URLs null when captions were not requested', async () => {
		const { detail } = await waitForVideo(emulator(), (await create(avatarVideo())).body.data.video_id);
		expect(detail).toMatchObject({ status: 'completed', captioned_video_url: null, subtitle_url: null });
	});

	it('fails with failure_code and failure_message for [[fail]]', async () => {
		const { detail, seen } = await waitForVideo(
			emulator(),
			(await create(avatarVideo({ script: 'Please [[fail]] now.' }))).body.data.video_id,
		);
		expectLifecycle(seen, ['pending', 'processing', 'failed']);
		expect(detail).toMatchObject({
			status: 'failed',
			failure_code: 'rendering_failed',
			failure_message: 'Avatar rendering timed out',
			video_url: null,
		});
	});

	it('fails bare (no failure fields) for [[fail:bare]]', async () => {
		const { detail } = await waitForVideo(
			emulator(),
			(await create(avatarVideo({ script: 'Bare [[fail:bare]]' }))).body.data.video_id,
		);
		expect(detail.status).toBe('failed');
		expect(detail).not.toHaveProperty('failure_code');
		expect(detail).not.toHaveProperty('failure_message');
	});

	it('fails with download_failed for an unreachable audio host, without processing', async () => {
		const body = {
			type: 'avatar',
			avatar_id: SEED_IDS.studioLook,
			audio_url: 'https://media.example.invalid/voice.mp3',
		};
		const { detail, seen } = await waitForVideo(emulator(), (await create(body)).body.data.video_id);
		expectLifecycle(seen, ['pending', 'failed']);
		expect(detail.failure_code).toBe('download_failed');
		expect(detail.failure_message).toContain('audio_url');
	});

	it('applies configured render failure rules, bare ones included', async () => {
		emulator().config.renderFailures = [
			{ match: { scriptIncludes: 'moderate me' }, failureCode: 'content_policy_violation', failureMessage: 'Flagged.' },
			{ match: { avatarId: SEED_IDS.photoLook } },
		];
		const flagged = await waitForVideo(
			emulator(),
			(await create(avatarVideo({ script: 'please moderate me' }))).body.data.video_id,
		);
		expect(flagged.detail).toMatchObject({
			status: 'failed',
			failure_code: 'content_policy_violation',
			failure_message: 'Flagged.',
		});
		const bare = await waitForVideo(
			emulator(),
			(await create(avatarVideo({ avatar_id: SEED_IDS.photoLook }))).body.data.video_id,
		);
		expect(bare.detail.status).toBe('failed');
		expect(bare.detail).not.toHaveProperty('failure_code');
	});
});

describe('credits', () => {
	it('charges only when a video completes, and never for a failed one', async () => {
		const ok = await create(avatarVideo());
		const failed = await create(avatarVideo({ script: 'x [[fail]]' }));
		const cost = emulator().state.videos.get(ok.body.data.video_id)!.costCredits;
		expect(cost).toBeGreaterThan(0);
		expect((await call(emulator(), 'GET', '/v3/users/me')).body.data.wallet.remaining_balance).toBe(1000);
		await waitForVideo(emulator(), ok.body.data.video_id);
		await waitForVideo(emulator(), failed.body.data.video_id);
		expect((await call(emulator(), 'GET', '/v3/users/me')).body.data.wallet.remaining_balance).toBeCloseTo(
			1000 - cost,
			2,
		);
	});

	it('answers 402 insufficient_credit when the balance is short', async () => {
		emulator().state.balance = 0.2;
		const response = await create(avatarVideo({ script: 'word '.repeat(200) }));
		expectError(response, 402, 'insufficient_credit');
		expect(response.body.error.message).toMatch(
			/^Your account has 0\.2 credits but this video requires \d+(\.\d+)? credits\.$/,
		);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('counts credits promised to in-flight videos', async () => {
		emulator().state.balance = 1;
		const first = await create(avatarVideo({ script: 'word '.repeat(20) })); // 8 s → 0.8 credits
		expect(first.status).toBe(200);
		expectError(await create(avatarVideo({ script: 'word '.repeat(20) })), 402, 'insufficient_credit');
	});
});

describe('GET, list and DELETE /v3/videos', () => {
	it('answers 404 not_found for unknown and deleted videos', async () => {
		const missing = await call(emulator(), 'GET', '/v3/videos/0123456789abcdef0123456789abcdef');
		expectError(missing, 404, 'not_found');
		expect(missing.body.error.message).toBe('Video not found.');
		const id = (await create(avatarVideo())).body.data.video_id;
		const deleted = await call(emulator(), 'DELETE', `/v3/videos/${id}`);
		expect(deleted.body).toEqual({ data: { id, deleted: true } });
		expectError(await call(emulator(), 'GET', `/v3/videos/${id}`), 404, 'not_found');
		expectError(await call(emulator(), 'DELETE', `/v3/videos/${id}`), 404, 'not_found');
	});

	it('lists newest first with cursor pagination and a title filter', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 7; i++)
			ids.push((await create(avatarVideo({ title: i % 2 ? `Odd ${i}` : `Even ${i}` }))).body.data.video_id);
		const seen: string[] = [];
		let token: string | null = null;
		do {
			const response: { body: Json } = await call(
				emulator(),
				'GET',
				`/v3/videos?limit=3${token ? `&token=${token}` : ''}`,
			);
			expectValidResponse('listVideos', response.body);
			seen.push(...response.body.data.map((video: { id: string }) => video.id));
			token = response.body.next_token;
			expect(response.body.has_more).toBe(token !== null);
		} while (token);
		expect(seen).toEqual([...ids].reverse());
		const odd = await call(emulator(), 'GET', '/v3/videos?title=odd');
		expect(odd.body.data.map((video: { title: string }) => video.title)).toEqual(['Odd 5', 'Odd 3', 'Odd 1']);
		expect((await call(emulator(), 'GET', '/v3/videos?folder_id=f1')).body.data).toEqual([]);
	});

	it.each(['0', '101', 'ten'])('rejects limit=%s', async (limit) => {
		const response = await call(emulator(), 'GET', `/v3/videos?limit=${limit}`);
		expectError(response, 400, 'invalid_parameter', 'limit');
		if (limit !== 'ten') expect(response.body.error.message).toBe("'limit' must be between 1 and 100.");
	});

	it('rejects unknown query parameters and invalid tokens', async () => {
		expectError(await call(emulator(), 'GET', '/v3/videos?page=2'), 400, 'invalid_parameter', 'page');
		expectError(await call(emulator(), 'GET', '/v3/videos?token=not-a-token'), 400, 'invalid_parameter', 'token');
	});
});

describe('timings', () => {
	it('follows the configured timings', async () => {
		const slow = await startEmulator({ timings: { pendingMs: 300, processingMs: 300 } });
		try {
			const id = (await call(slow, 'POST', '/v3/videos', { body: avatarVideo() })).body.data.video_id;
			await sleep(FAST_TIMINGS.pendingMs + FAST_TIMINGS.processingMs);
			expect((await call(slow, 'GET', `/v3/videos/${id}`)).body.data.status).toBe('pending');
		} finally {
			await slow.close();
		}
	});
});
