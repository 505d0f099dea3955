import { PROOFREAD_FAILURES } from '../../emulator';
import { parseSrt } from '../../nodes/HeyGen/schemas/srt';
import { webhookDeliverySchema } from '../../nodes/HeyGen/schemas/webhook';
import { call, expectError, expectValidResponse, sleep, upload, uploadSample, useEmulator, waitForTranslation, SAMPLE_FILES, type Json, expectLifecycle } from './helpers';
import { useReceiver } from './receiver';
import { FAST_WEBHOOKS, subscribe, verify } from './webhookHelpers';

const emulator = useEmulator({ translationTimings: { pendingMs: 40, runningMs: 120 }, webhooks: FAST_WEBHOOKS });
const receiver = useReceiver();

const SOURCE = { type: 'url', url: 'https://media.example.com/webinar.mp4' };
const PROOFREADS = '/v3/video-translations/proofreads';

async function createProofreads(body: Record<string, unknown>, idempotencyKey?: string): Promise<string[]> {
	const response = await call(emulator(), 'POST', PROOFREADS, { body: { video: SOURCE, output_languages: ['French'], title: 'Webinar', ...body }, idempotencyKey });
	if (response.status !== 200) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
	return response.body.data.proofread_ids;
}

/** Polls a proofread until its subtitles are made (or not), collecting every status seen. */
async function waitForProofread(id: string, timeoutMs = 5000): Promise<{ detail: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { data } = (await call(emulator(), 'GET', `${PROOFREADS}/${id}`)).body;
		if (seen[seen.length - 1] !== data.status) seen.push(data.status);
		if (data.status !== 'processing') return { detail: data, seen };
		await sleep(20);
	}
	throw new Error(`proofread ${id} did not finish (saw ${seen.join(' → ')})`);
}

async function srtLinks(id: string): Promise<Json> {
	const response = await call(emulator(), 'GET', `${PROOFREADS}/${id}/srt`);
	expect(response.status).toBe(200);
	expectValidResponse('getProofreadSrt', response.body);
	return response.body.data;
}

const text = async (url: string) => {
	const response = await fetch(url);
	expect(response.status).toBe(200);
	return await response.text();
};

const EDITED = '1\n00:00:00,000 --> 00:00:03,000\nBienvenue au webinaire.\n\n2\n00:00:03,000 --> 00:00:06,000\nMerci beaucoup.\n';

describe('POST /v3/video-translations/proofreads', () => {
	it('makes one proofread per language, processing → completed, with HeyGen\'s fields', async () => {
		const created = await call(emulator(), 'POST', PROOFREADS, { body: { video: SOURCE, output_languages: ['French', 'German'], title: 'Webinar', mode: 'precision', speaker_num: 2 } });
		expect(created.status).toBe(200);
		expectValidResponse('createProofread', created.body);
		expect(created.body.data).toEqual({ proofread_ids: [expect.any(String), expect.any(String)], status: 'processing' });
		const [french, german] = created.body.data.proofread_ids as string[];

		const early = await call(emulator(), 'GET', `${PROOFREADS}/${french}`);
		expectValidResponse('getProofread', early.body);
		expect(early.body.data).toEqual({
			id: french,
			title: 'Webinar',
			status: 'processing',
			output_language: 'French',
			input_language: 'English',
			submitted_for_review: false,
			created_at: expect.any(Number),
		});
		const { detail, seen } = await waitForProofread(french);
		expectLifecycle(seen, ['processing', 'completed']);
		expect(detail).not.toHaveProperty('failure_message');
		expect((await waitForProofread(german)).detail.output_language).toBe('German');
		expect(emulator().state.summary().proofreads).toEqual({ total: 2, by_status: { processing: 0, completed: 2, failed: 0 } });
	});

	it('is strict: title required, no callback fields, languages from the list, known assets only', async () => {
		const post = (body: Record<string, unknown>) => call(emulator(), 'POST', PROOFREADS, { body });
		expectError(await post({ video: SOURCE, output_languages: ['French'] }), 400, 'invalid_parameter', 'title');
		expectError(await post({ video: SOURCE, output_languages: ['French'], title: '  ' }), 400, 'invalid_parameter', 'title');
		expectError(await post({ video: SOURCE, output_languages: ['French'], title: 'x', callback_url: 'https://example.com/hook' }), 400, 'invalid_parameter', 'callback_url');
		expectError(await post({ video: SOURCE, output_languages: ['French'], title: 'x', callback_id: 'c' }), 400, 'invalid_parameter', 'callback_id');
		expectError(await post({ video: SOURCE, output_languages: [], title: 'x' }), 400, 'invalid_parameter', 'output_languages');
		expectError(await post({ video: SOURCE, output_languages: ['Klingon'], title: 'x' }), 400, 'invalid_parameter', 'output_languages.0');
		expectError(await post({ video: SOURCE, output_languages: ['French'], title: 'x', mode: 'fast' }), 400, 'invalid_parameter', 'mode');
		expectError(await post({ video: { type: 'asset_id', asset_id: 'nope' }, output_languages: ['French'], title: 'x' }), 404, 'asset_not_found', 'video.asset_id');
		const image = await uploadSample(emulator(), 'png');
		expectError(await post({ video: SOURCE, output_languages: ['French'], title: 'x', srt: { type: 'asset_id', asset_id: image } }), 400, 'invalid_parameter', 'srt.asset_id');
		expect(emulator().state.summary().proofreads.total).toBe(0);
	});

	it('fails on the magic title and on an unreachable video, with failure_message', async () => {
		const [magic] = await createProofreads({ title: 'Webinar [[fail]]' });
		const [unreachable] = await createProofreads({ video: { type: 'url', url: 'https://media.invalid/a.mp4' } });
		expect((await waitForProofread(magic)).detail).toMatchObject({ status: 'failed', failure_message: PROOFREAD_FAILURES.magic });
		expect((await waitForProofread(unreachable)).detail).toMatchObject({ status: 'failed', failure_message: PROOFREAD_FAILURES.download });
		expectError(await call(emulator(), 'GET', `${PROOFREADS}/${magic}/srt`), 400, 'invalid_parameter', 'proofread_id');
	});

	it('replays a create with the same idempotency key', async () => {
		const first = await createProofreads({}, 'proofread-key-1');
		const again = await createProofreads({}, 'proofread-key-1');
		expect(again).toEqual(first);
		expect(emulator().state.summary().proofreads.total).toBe(1);
	});

	it('answers 404 for a proofread it does not know', async () => {
		expectError(await call(emulator(), 'GET', `${PROOFREADS}/nope`), 404, 'not_found');
		expectError(await call(emulator(), 'GET', `${PROOFREADS}/nope/srt`), 404, 'not_found');
	});
});

describe('the SRT of a proofread', () => {
	it('is refused while processing, then served presigned: the translated subtitles, and no original unless one was given', async () => {
		const [id] = await createProofreads({});
		expectError(await call(emulator(), 'GET', `${PROOFREADS}/${id}/srt`), 400, 'invalid_parameter', 'proofread_id');
		await waitForProofread(id);
		const links = await srtLinks(id);
		expect(links).toEqual({ srt_url: expect.stringContaining(`/proofreads/${id}.srt?Expires=`), original_srt_url: null });
		const subtitles = await text(links.srt_url);
		const parsed = parseSrt(subtitles);
		expect(parsed.ok && parsed.cues.map((cue) => cue.text)).toEqual([
			'Welcome to Webinar.',
			'These are the French subtitles of this video.',
			'Read every line before the video is made.',
			'Thanks for watching.',
		]);
		const unsigned = await fetch(links.srt_url.replace(/\?.*$/, ''));
		expect(unsigned.status).toBe(403);
		await unsigned.text();
	});

	it('keeps an SRT given at creation as the original, and translates its cues', async () => {
		const asset = await uploadSample(emulator(), 'srt');
		const [id] = await createProofreads({ srt: { type: 'asset_id', asset_id: asset } });
		await waitForProofread(id);
		const links = await srtLinks(id);
		expect(links.original_srt_url).toContain(`/proofreads/${id}.original.srt?Expires=`);
		expect(await text(links.original_srt_url)).toBe(SAMPLE_FILES.srt.toString('utf8'));
		const edited = parseSrt(await text(links.srt_url));
		expect(edited.ok && edited.cues.map((cue) => cue.text)).toEqual(['(French) Hello there.', '(French) Goodbye.']);
	});

	it('PUT takes an edited SRT asset, answers the proofread, and serves the edit from then on', async () => {
		const [id] = await createProofreads({});
		const asset = (await upload(emulator(), Buffer.from(EDITED), { filename: 'edited.srt' })).body.data.asset_id;
		expectError(await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'asset_id', asset_id: asset } } }), 400, 'invalid_parameter', 'proofread_id');
		await waitForProofread(id);
		const put = await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'asset_id', asset_id: asset } } });
		expect(put.status).toBe(200);
		expectValidResponse('uploadProofreadSrt', put.body);
		expect(put.body.data).toMatchObject({ id, status: 'completed', output_language: 'French' });
		expect(await text((await srtLinks(id)).srt_url)).toBe(EDITED);
	});

	it('PUT is strict about its body and the file', async () => {
		const [id] = await createProofreads({});
		await waitForProofread(id);
		const put = (body: unknown) => call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body });
		expectError(await put({}), 400, 'invalid_parameter', 'srt');
		expectError(await put({ srt: { type: 'base64', data: 'eA==', media_type: 'text/plain' } }), 400, 'invalid_parameter', 'srt.type');
		expectError(await put({ srt: { type: 'asset_id', asset_id: 'missing' } }), 404, 'asset_not_found', 'srt.asset_id');
		expectError(await put({ srt: { type: 'url', url: 'https://subs.invalid/a.srt' } }), 400, 'invalid_parameter', 'srt.url');
		const video = await uploadSample(emulator(), 'mp4');
		expectError(await put({ srt: { type: 'asset_id', asset_id: video } }), 400, 'invalid_parameter', 'srt.asset_id');
		// An upload whose first cue is fine but whose second has no text: stored as SRT, refused as subtitles.
		const broken = (await upload(emulator(), Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nHi\n\n2\n00:00:02,000 --> 00:00:03,000\n'), { filename: 'b.srt' })).body.data.asset_id;
		const refused = await put({ srt: { type: 'asset_id', asset_id: broken } });
		expectError(refused, 400, 'invalid_parameter', 'srt');
		expect(refused.body.error.message).toBe("'srt' is not a valid SRT file: it has no text in cue 2.");
		expectError(await call(emulator(), 'PUT', `${PROOFREADS}/nope/srt`, { body: { srt: { type: 'url', url: 'https://subs.example.com/a.srt' } } }), 404, 'not_found');
	});

	it('PUT reads an SRT the emulator serves itself by its URL, and points at any other URL as given', async () => {
		const [id, other] = await createProofreads({ output_languages: ['French', 'German'] });
		await waitForProofread(id);
		await waitForProofread(other);
		const germanUrl = (await srtLinks(other)).srt_url;
		await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'url', url: germanUrl } } });
		expect(await text((await srtLinks(id)).srt_url)).toBe(await text(germanUrl));
		await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'url', url: 'https://subs.example.com/final.srt' } } });
		expect((await srtLinks(id)).srt_url).toBe('https://subs.example.com/final.srt');
	});
});

describe('POST /v3/video-translations/proofreads/{id}/generate', () => {
	it('starts a translation whose captions are the edited subtitles, with its own callback', async () => {
		const [id] = await createProofreads({ mode: 'precision' });
		expectError(await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: {} }), 400, 'invalid_parameter', 'proofread_id');
		await waitForProofread(id);
		const asset = (await upload(emulator(), Buffer.from(EDITED), { filename: 'edited.srt' })).body.data.asset_id;
		await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'asset_id', asset_id: asset } } });
		const hook = `${receiver().url}/generated`;
		const generated = await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: { captions: true, callback_id: 'row-9', callback_url: hook } });
		expect(generated.status).toBe(200);
		expectValidResponse('generateFromProofread', generated.body);
		expect(generated.body.data).toEqual({ video_translation_id: expect.any(String), status: 'processing' });
		const { detail } = await waitForTranslation(emulator(), generated.body.data.video_translation_id);
		expect(detail).toMatchObject({ status: 'completed', output_language: 'French', title: 'Webinar', callback_id: 'row-9' });
		expect(await text(detail.srt_caption_url)).toBe(EDITED);
		expect(await text(detail.vtt_caption_url)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nBienvenue au webinaire.\n\n00:00:03.000 --> 00:00:06.000\nMerci beaucoup.\n');
		const [callback] = await receiver().waitFor(1, '/generated');
		expect(callback.body).toMatchObject({ event_type: 'video_translate.success', event_data: { video_translate_id: detail.id, callback_id: 'row-9' } });
		// Charged as a precision translation of the assumed 30 s source.
		const summary = emulator().state.summary();
		expect(summary.translations.list[0]).toMatchObject({ cost_credits: 3, charged: true });
	});

	it('fails the translation when the edited subtitles hold the magic marker, and is strict', async () => {
		const [id] = await createProofreads({});
		await waitForProofread(id);
		const asset = (await upload(emulator(), Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nOops [[fail]]\n'), { filename: 'f.srt' })).body.data.asset_id;
		await call(emulator(), 'PUT', `${PROOFREADS}/${id}/srt`, { body: { srt: { type: 'asset_id', asset_id: asset } } });
		expectError(await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: { captions: 'yes' } }), 400, 'invalid_parameter', 'captions');
		expectError(await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: { title: 'x' } }), 400, 'invalid_parameter', 'title');
		const generated = await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: {} });
		const { detail } = await waitForTranslation(emulator(), generated.body.data.video_translation_id);
		expect(detail).toMatchObject({ status: 'failed', failure_message: PROOFREAD_FAILURES.generation });
	});

	it('takes a concurrency slot like any translation', async () => {
		emulator().config.concurrencyLimit = 1;
		const [id] = await createProofreads({});
		await waitForProofread(id);
		expect((await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: {} })).status).toBe(200);
		const second = await call(emulator(), 'POST', `${PROOFREADS}/${id}/generate`, { body: {} });
		expectError(second, 429, 'rate_limit_exceeded');
		expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
	});
});

describe('proofread_creation events', () => {
	it('go signed to subscribed endpoints when the subtitles are made or fail, and to no callback', async () => {
		const subscription = await subscribe(emulator(), receiver(), '/proofreads', { events: ['proofread_creation.success', 'proofread_creation.fail'] });
		const [good] = await createProofreads({});
		const [bad] = await createProofreads({ title: 'Broken [[fail]]' });
		const deliveries = await receiver().waitFor(2, '/proofreads');
		for (const delivery of deliveries) {
			expect(verify(delivery, subscription.secret)).toMatchObject({ ok: true });
			expect(webhookDeliverySchema.safeParse(delivery.body).success).toBe(true);
		}
		const byType = Object.fromEntries(deliveries.map((delivery) => [delivery.body.event_type, delivery.body.event_data]));
		expect(byType).toEqual({
			'proofread_creation.success': { proofread_id: good, output_language: 'French' },
			'proofread_creation.fail': { proofread_id: bad, output_language: 'French', message: PROOFREAD_FAILURES.magic },
		});
		expect(emulator().deliveries.every((attempt) => attempt.target === 'endpoint')).toBe(true);
	});
});
