import { TRANSLATION_LANGUAGES } from '../../emulator';
import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	uploadSample,
	useEmulator,
	waitForTranslation,
	waitForVideo,
	type Json, expectLifecycle } from './helpers';

const VIDEO_SIZE = 8192;
const emulator = useEmulator({ videoSizeBytes: VIDEO_SIZE, translationTimings: { pendingMs: 50, runningMs: 150 } });

const SOURCE = { type: 'url', url: 'https://example.com/source.mp4' };

function translate(body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', '/v3/video-translations', { body, idempotencyKey });
}

describe('GET /v3/video-translations/languages', () => {
	it('answers display names', async () => {
		const response = await call(emulator(), 'GET', '/v3/video-translations/languages');
		expectValidResponse('listTranslationLanguages', response.body);
		const { languages } = response.body.data;
		expect(languages.length).toBeGreaterThanOrEqual(30);
		expect(languages).toEqual(
			expect.arrayContaining([
				'English',
				'Spanish (Spain)',
				'Spanish (Mexico)',
				'French',
				'German',
				'Japanese',
				'Chinese (Cantonese, Traditional)',
				'Portuguese (Brazil)',
			]),
		);
		expect(languages).toEqual([...TRANSLATION_LANGUAGES]);
	});
});

describe('POST /v3/video-translations', () => {
	it('creates one job per language, in order, each running pending → running → completed', async () => {
		const created = await translate({
			video: SOURCE,
			output_languages: ['French', 'Japanese'],
			title: 'Quarterly update',
			enable_caption: true,
			callback_id: 'cb-7',
		});
		expect(created.status).toBe(200);
		expectValidResponse('createTranslation', created.body);
		const ids: string[] = created.body.data.video_translation_ids;
		expect(ids).toHaveLength(2);

		const early = (await call(emulator(), 'GET', `/v3/video-translations/${ids[0]}`)).body.data;
		expect(early).toMatchObject({
			id: ids[0],
			status: 'pending',
			title: 'Quarterly update',
			input_language: 'English',
			output_language: 'French',
			video_url: null,
			audio_url: null,
			srt_caption_url: null,
			vtt_caption_url: null,
			duration: null,
			callback_id: 'cb-7',
		});
		expect(early).not.toHaveProperty('failure_message');

		const { detail, seen } = await waitForTranslation(emulator(), ids[1]);
		expectLifecycle(seen, ['pending', 'running', 'completed']);
		expectValidResponse('getTranslation', { data: detail });
		expect(detail.output_language).toBe('Japanese');
		expect(detail.duration).toBe(30);
		for (const field of ['video_url', 'audio_url', 'srt_caption_url', 'vtt_caption_url']) {
			expect(detail[field]).toMatch(
				new RegExp(`^${emulator().storageUrl}/translations/${ids[1]}\\.\\w+\\?Expires=\\d+&Signature=`),
			);
		}
		const video = Buffer.from(await (await fetch(detail.video_url)).arrayBuffer());
		expect(video.length).toBe(VIDEO_SIZE);
		expect(video.toString('latin1', 4, 8)).toBe('ftyp');
		const audio = Buffer.from(await (await fetch(detail.audio_url)).arrayBuffer());
		expect(audio.toString('latin1', 0, 3)).toBe('ID3');
		expect(await (await fetch(detail.vtt_caption_url)).text()).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
		expect(await (await fetch(detail.srt_caption_url)).text()).toMatch(
			/^1\n00:00:00,000 --> .*\nTranslated to Japanese/,
		);
		expect((await fetch(detail.video_url.split('?')[0])).status).toBe(403);
	});

	it('re-signs the download links on every read', async () => {
		emulator().config.downloadUrlTtlSeconds = 60;
		const [id] = (await translate({ video: SOURCE, output_languages: ['German'] })).body.data.video_translation_ids;
		const { detail } = await waitForTranslation(emulator(), id);
		emulator().config.downloadUrlTtlSeconds = 3600;
		const again = (await call(emulator(), 'GET', `/v3/video-translations/${id}`)).body.data;
		const expires = (url: string) => Number(new URL(url).searchParams.get('Expires'));
		expect(expires(again.video_url)).toBeGreaterThan(expires(detail.video_url));
		expect(detail.srt_caption_url).toBeNull();
	});

	it('takes an uploaded video, the length of an emulator video and a partial range', async () => {
		const source = await waitForVideo(
			emulator(),
			(
				await call(emulator(), 'POST', '/v3/videos', {
					body: avatarVideo({ script: 'One two three four five six seven eight nine ten.' }),
				})
			).body.data.video_id,
		);
		const [fromUrl] = (
			await translate({
				video: { type: 'url', url: source.detail.video_url },
				output_languages: ['Korean'],
				input_language: 'English',
			})
		).body.data.video_translation_ids;
		expect((await waitForTranslation(emulator(), fromUrl)).detail.duration).toBe(source.detail.duration);

		const asset = await uploadSample(emulator(), 'mp4');
		const [fromAsset] = (
			await translate({
				video: { type: 'asset_id', asset_id: asset },
				output_languages: ['Hindi'],
				start_time: 5,
				end_time: 12.5,
			})
		).body.data.video_translation_ids;
		const { detail } = await waitForTranslation(emulator(), fromAsset);
		expect(detail).toMatchObject({ status: 'completed', duration: 7.5 });
	});

	it('translates audio only without a video file', async () => {
		const [id] = (await translate({ video: SOURCE, output_languages: ['Dutch'], translate_audio_only: true })).body.data
			.video_translation_ids;
		const { detail } = await waitForTranslation(emulator(), id);
		expect(detail).toMatchObject({ status: 'completed', translate_audio_only: true, video_url: null });
		expect(detail.audio_url).toContain('.mp3?');
	});

	it('fails later with a failure message when the source host cannot be resolved', async () => {
		const [id] = (
			await translate({
				video: { type: 'url', url: 'https://media.example.invalid/talk.mp4' },
				output_languages: ['French'],
			})
		).body.data.video_translation_ids;
		const { detail, seen } = await waitForTranslation(emulator(), id);
		expectLifecycle(seen, ['pending', 'failed']);
		expect(detail.failure_message).toMatch(/^Could not download the source video/);
		expect(detail).toMatchObject({ video_url: null, audio_url: null, duration: null });
		expect(emulator().state.balance).toBe(1000);
	});

	it.each([
		['an unknown language', { output_languages: ['French', 'Klingon'] }, 'output_languages.1'],
		['a repeated language', { output_languages: ['French', 'French'] }, 'output_languages.1'],
		['a language code instead of a name', { output_languages: ['fr'] }, 'output_languages.0'],
		['no languages', { output_languages: [] }, 'output_languages'],
		[
			'the stale video_url field',
			{ output_languages: ['French'], video_url: 'https://example.com/a.mp4' },
			'video_url',
		],
		[
			'an inline base64 video',
			{ output_languages: ['French'], video: { type: 'base64', media_type: 'video/mp4', data: 'AAAA' } },
			'video.type',
		],
		['an end before the start', { output_languages: ['French'], start_time: 10, end_time: 5 }, 'end_time'],
	])('answers 400 for %s', async (_, overrides, param) => {
		expectError(await translate({ video: SOURCE, ...overrides }), 400, 'invalid_parameter', param);
		expect(emulator().state.translations.size).toBe(0);
	});

	it('answers 404 for an unknown asset and 400 for an asset that is not a video', async () => {
		expectError(
			await translate({ video: { type: 'asset_id', asset_id: 'missing' }, output_languages: ['French'] }),
			404,
			'asset_not_found',
			'video.asset_id',
		);
		const image = await uploadSample(emulator(), 'png');
		expectError(
			await translate({ video: { type: 'asset_id', asset_id: image }, output_languages: ['French'] }),
			400,
			'invalid_parameter',
			'video.asset_id',
		);
		expectError(
			await translate({ video: SOURCE, output_languages: ['French'], srt: { type: 'asset_id', asset_id: image } }),
			400,
			'invalid_parameter',
			'srt.asset_id',
		);
	});

	it('counts every language toward the concurrency cap and charges each one when it completes', async () => {
		emulator().config.concurrencyLimit = 3;
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		const refused = await translate({ video: SOURCE, output_languages: ['French', 'German', 'Italian'] });
		expectError(refused, 429, 'rate_limit_exceeded', null);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(emulator().state.translations.size).toBe(0);

		const accepted = await translate({ video: SOURCE, output_languages: ['French', 'German'] });
		expect(accepted.status).toBe(200);
		expect(emulator().state.summary().busy_slots).toBe(3);
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() }), 429, 'rate_limit_exceeded');

		for (const id of accepted.body.data.video_translation_ids) await waitForTranslation(emulator(), id);
		const summary = emulator().state.summary();
		expect(summary.translations.by_status).toEqual({ pending: 0, running: 0, completed: 2, failed: 0 });
		expect(summary.translations.list.every((translation) => translation.charged)).toBe(true);
		const translationCost = summary.translations.list.reduce((sum, translation) => sum + translation.cost_credits, 0);
		expect(translationCost).toBeCloseTo(3, 2); // 30 s × 0.05 credits × 2 languages
	});

	it('answers 402 when the wallet cannot cover every language', async () => {
		emulator().state.balance = 2;
		expectError(await translate({ video: SOURCE, output_languages: ['French', 'German'] }), 402, 'insufficient_credit');
		expect((await translate({ video: SOURCE, output_languages: ['French'] })).status).toBe(200);
	});

	it('replays an Idempotency-Key: the same ids, jobs created once', async () => {
		const first = await translate({ video: SOURCE, output_languages: ['French', 'German'] }, 'tr-1');
		const again = await translate({ video: SOURCE, output_languages: ['French', 'German'] }, 'tr-1');
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.translations.size).toBe(2);
	});
});

describe('GET /v3/video-translations', () => {
	it('lists newest first with cursor pagination', async () => {
		for (const language of ['French', 'German', 'Italian'])
			await translate({ video: SOURCE, output_languages: [language] });
		const first = await call(emulator(), 'GET', '/v3/video-translations?limit=2');
		expectValidResponse('listTranslations', first.body);
		expect(first.body.data.map((item: Json) => item.output_language)).toEqual(['Italian', 'German']);
		expect(first.body.has_more).toBe(true);
		const second = await call(emulator(), 'GET', `/v3/video-translations?limit=2&token=${first.body.next_token}`);
		expect(second.body.data.map((item: Json) => item.output_language)).toEqual(['French']);
		expect(second.body).toMatchObject({ has_more: false, next_token: null });
		expect((await call(emulator(), 'GET', '/v3/video-translations')).body.data).toHaveLength(3);
		expectError(await call(emulator(), 'GET', '/v3/video-translations?limit=0'), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', '/v3/video-translations?token=bogus'), 400, 'invalid_parameter', 'token');
	});

	it('answers 404 not_found for an unknown translation', async () => {
		const response = await call(emulator(), 'GET', '/v3/video-translations/0123456789abcdef0123456789abcdef');
		expectError(response, 404, 'not_found');
		expect(response.body.error.message).toBe('Video translation not found.');
	});
});
