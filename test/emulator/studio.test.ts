import { SEED_IDS } from '../../emulator';
import { call, expectError, expectValidResponse, uploadSample, useEmulator, waitForVideo, expectLifecycle } from './helpers';

const emulator = useEmulator();

const FIVE_WORDS = 'One two three four five.';
const TEN_WORDS = 'One two three four five six seven eight nine ten.';

/** A studio body with one scene of each kind (and both avatar_video inputs). */
function studioVideo(overrides: Record<string, unknown> = {}) {
	return {
		type: 'studio',
		title: 'Studio cut',
		aspect_ratio: '16:9',
		scenes: [
			{ type: 'avatar_video', input: { type: 'avatar', avatar_id: SEED_IDS.studioLook, script: FIVE_WORDS } },
			{
				type: 'avatar_video',
				input: {
					type: 'image',
					image: { type: 'url', url: 'https://example.com/face.png' },
					audio_url: 'https://example.com/a.mp3',
				},
			},
			{ type: 'image', source: { type: 'url', url: 'https://example.com/slide.png' }, duration: 4 },
			{
				type: 'image',
				source: { type: 'url', url: 'https://example.com/slide2.png' },
				script: TEN_WORDS,
				voice_id: SEED_IDS.englishMaleVoice,
			},
			{ type: 'video', source: { type: 'url', url: 'https://example.com/clip.mp4' }, playback: { volume: 0.5 } },
		],
		...overrides,
	};
}

function create(body: unknown, idempotencyKey?: string) {
	return call(emulator(), 'POST', '/v3/videos', { body, idempotencyKey });
}

function withScene(index: number, scene: Record<string, unknown>) {
	const body = studioVideo();
	body.scenes[index] = scene as never;
	return body;
}

describe('POST /v3/videos type studio', () => {
	it('renders every scene kind into one MP4 lasting the sum of its scenes', async () => {
		const created = await create(studioVideo({ caption: { file_format: 'srt' } }));
		expect(created.status).toBe(200);
		expectValidResponse('createVideo', created.body);
		expect(created.body.data).toEqual({ video_id: expect.any(String), status: 'waiting', output_format: 'mp4' });

		const { detail, seen } = await waitForVideo(emulator(), created.body.data.video_id);
		expectLifecycle(seen, ['pending', 'processing', 'completed']);
		expectValidResponse('getVideo', { data: detail });
		// 5 words / 2.5 + audio 15 + image 4 + 10 words / 2.5 + clip 10
		expect(detail.duration).toBe(2 + 15 + 4 + 4 + 10);
		expect(detail.title).toBe('Studio cut');
		expect(detail.video_url).toContain('.mp4?');
		expect(detail.subtitle_url).toContain('.srt?');
		const srt = await (await fetch(detail.subtitle_url)).text();
		expect(srt).toContain('One two three');

		const job = emulator().state.videos.get(detail.id)!;
		expect(job).toMatchObject({ kind: 'studio', avatarId: SEED_IDS.studioLook, outputFormat: 'mp4' });
		expect(job.costCredits).toBeCloseTo(3.5, 2);
		expect(emulator().state.summary().video_list[0]).toMatchObject({
			kind: 'studio',
			status: 'completed',
			charged: true,
		});
	});

	it('speeds a scene up with its voice settings', async () => {
		const body = studioVideo();
		body.scenes = [
			{
				type: 'avatar_video',
				input: { type: 'avatar', avatar_id: SEED_IDS.studioLook, script: TEN_WORDS, voice_settings: { speed: 1.25 } },
			},
		] as never;
		const { detail } = await waitForVideo(emulator(), (await create(body)).body.data.video_id);
		expect(detail.duration).toBe(3.2);
	});

	it('takes uploaded assets as scene sources and audio', async () => {
		const image = await uploadSample(emulator(), 'png');
		const clip = await uploadSample(emulator(), 'webm');
		const audio = await uploadSample(emulator(), 'wav');
		const body = studioVideo();
		body.scenes = [
			{ type: 'image', source: { type: 'asset_id', asset_id: image }, audio_asset_id: audio },
			{ type: 'video', source: { type: 'asset_id', asset_id: clip } },
			{
				type: 'avatar_video',
				input: { type: 'image', image: { type: 'asset_id', asset_id: image }, audio_asset_id: audio },
			},
		] as never;
		const { detail } = await waitForVideo(emulator(), (await create(body)).body.data.video_id);
		expect(detail).toMatchObject({ status: 'completed', duration: 15 + 10 + 15 });
	});

	it.each([
		[
			'an unknown avatar',
			withScene(2, { type: 'avatar_video', input: { type: 'avatar', avatar_id: 'lk_nobody', script: 'Hi' } }),
			404,
			'avatar_not_found',
			'scenes.2.input.avatar_id',
		],
		[
			'an unknown voice',
			withScene(1, {
				type: 'avatar_video',
				input: { type: 'avatar', avatar_id: SEED_IDS.studioLook, script: 'Hi', voice_id: 'no_such_voice' },
			}),
			404,
			'voice_not_found',
			'scenes.1.input.voice_id',
		],
		[
			'an unknown voice on an image scene',
			withScene(3, {
				type: 'image',
				source: { type: 'url', url: 'https://example.com/s.png' },
				script: 'Hi',
				voice_id: 'nope',
			}),
			404,
			'voice_not_found',
			'scenes.3.voice_id',
		],
		[
			'an engine the look lacks',
			withScene(0, {
				type: 'avatar_video',
				input: { type: 'avatar', avatar_id: SEED_IDS.lookWithoutAvatarV, script: 'Hi', engine: { type: 'avatar_v' } },
			}),
			400,
			'invalid_parameter',
			'scenes.0.input.engine.type',
		],
		[
			'an unknown source asset',
			withScene(4, { type: 'video', source: { type: 'asset_id', asset_id: 'missing' } }),
			404,
			'asset_not_found',
			'scenes.4.source.asset_id',
		],
		[
			'an unknown audio asset',
			withScene(1, {
				type: 'avatar_video',
				input: { type: 'image', image: { type: 'url', url: 'https://example.com/f.png' }, audio_asset_id: 'missing' },
			}),
			404,
			'asset_not_found',
			'scenes.1.input.audio_asset_id',
		],
		[
			'a silent scene with narration',
			withScene(2, {
				type: 'image',
				source: { type: 'url', url: 'https://example.com/s.png' },
				duration: 3,
				script: 'Hi',
				voice_id: SEED_IDS.spanishVoice,
			}),
			400,
			'invalid_parameter',
			'scenes.2.duration',
		],
		[
			'an avatar scene with nothing to say',
			withScene(0, { type: 'avatar_video', input: { type: 'avatar', avatar_id: SEED_IDS.studioLook } }),
			400,
			'invalid_parameter',
			'scenes.0.input.script',
		],
		[
			'a colour background written the single-shot way',
			withScene(0, {
				type: 'avatar_video',
				input: {
					type: 'avatar',
					avatar_id: SEED_IDS.studioLook,
					script: 'Hi',
					background: { type: 'color', value: '#112233' },
				},
			}),
			400,
			'invalid_parameter',
			'scenes.0.input.background.color',
		],
		[
			'output_format (studio is MP4 only)',
			studioVideo({ output_format: 'webm' }),
			400,
			'invalid_parameter',
			'output_format',
		],
		['no scenes', studioVideo({ scenes: [] }), 400, 'invalid_parameter', 'scenes'],
	])('refuses %s', async (_, body, status, code, param) => {
		const response = await create(body);
		expectError(response, status, code, param);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('fails the render for a [[fail]] marker in any scene script', async () => {
		const body = withScene(3, {
			type: 'image',
			source: { type: 'url', url: 'https://example.com/s.png' },
			script: 'This one breaks [[fail]] badly.',
			voice_id: SEED_IDS.spanishVoice,
		});
		const { detail, seen } = await waitForVideo(emulator(), (await create(body)).body.data.video_id);
		expectLifecycle(seen, ['pending', 'processing', 'failed']);
		expect(detail).toMatchObject({ failure_code: 'rendering_failed', failure_message: 'Avatar rendering timed out' });
	});

	it('fails with download_failed for a .invalid host in any scene URL, naming the scene', async () => {
		const body = withScene(4, { type: 'video', source: { type: 'url', url: 'https://cdn.example.invalid/clip.mp4' } });
		const { detail, seen } = await waitForVideo(emulator(), (await create(body)).body.data.video_id);
		expectLifecycle(seen, ['pending', 'failed']);
		expect(detail.failure_code).toBe('download_failed');
		expect(detail.failure_message).toContain('scenes.4.source');
		expect(emulator().state.balance).toBe(1000);
	});

	it('shares the concurrency cap and the wallet with other videos', async () => {
		emulator().config.concurrencyLimit = 1;
		expect((await create(studioVideo())).status).toBe(200);
		const refused = await create(studioVideo());
		expectError(refused, 429, 'rate_limit_exceeded', null);
		expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
		emulator().config.concurrencyLimit = 10;
		emulator().state.balance = 1;
		expectError(await create(studioVideo()), 402, 'insufficient_credit');
	});

	it('replays an Idempotency-Key: one studio video', async () => {
		const first = await create(studioVideo(), 'studio-1');
		const again = await create(studioVideo(), 'studio-1');
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.videos.size).toBe(1);
	});
});
