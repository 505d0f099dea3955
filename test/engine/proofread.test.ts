import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PROOFREAD_FAILURES } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, items, runHeyGen, useEmulator, useParkingLot } from './heygen';

const emulator = useEmulator();
const lot = useParkingLot();

const VIDEO = 'https://media.example.com/walkthrough.mp4';
const EDITED_SRT = Buffer.from('1\n00:00:00,000 --> 00:00:03,000\nBienvenidos al recorrido.\n\n2\n00:00:03,000 --> 00:00:06,000\nGracias por mirar.\n');
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(256)]);

const createProofread = (extra: Record<string, unknown> = {}) => ({
	resource: 'translation',
	operation: 'createProofread',
	videoSource: 'url',
	video_url: VIDEO,
	output_languages: ['French', 'German'],
	title: 'Walkthrough',
	mode: 'speed',
	waitForCompletion: true,
	...extra,
});

const withFile = (json: IDataObject, bytes: Buffer, mimeType: string, fileName: string): INodeExecutionData => ({
	json,
	binary: { data: { data: bytes.toString('base64'), mimeType, fileName } },
});

const proofreadCount = () => emulator.state.summary().proofreads.total;

/** Proofreads made and finished, for the operations that act on one. */
async function readyProofreads(languages = ['French']): Promise<string[]> {
	const result = await runHeyGen(emulator, createProofread({ output_languages: languages }));
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.proofread_id));
}

async function srtText(id: string): Promise<string> {
	const response = await fetch(`${emulator.url}/v3/video-translations/proofreads/${id}/srt`, { headers: { 'X-Api-Key': emulator.apiKey } });
	const { data } = (await response.json()) as { data: { srt_url: string } };
	return await (await fetch(data.srt_url)).text();
}

describe('Translation → Create Proofread', () => {
	it('creates one proofread per language, waits for the subtitles and outputs one item per language', async () => {
		const result = await runHeyGen(emulator, createProofread({ additionalFields: { speaker_num: 2, brand_glossary_id: 'gl_7' } }), { items: items({ id: 'row-1' }) });
		expect(result.error).toBeUndefined();
		const creates = apiCalls(emulator, 'POST', '/v3/video-translations/proofreads');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			video: { type: 'url', url: VIDEO },
			output_languages: ['French', 'German'],
			title: 'Walkthrough',
			mode: 'speed',
			speaker_num: 2,
			brand_glossary_id: 'gl_7',
		});
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-proofread-/);
		expect(apiCalls(emulator, 'GET', '/v3/video-translations/languages')).toHaveLength(1);
		expect(result.output.map((item) => [item.pairedItem, item.json.output_language, item.json.status])).toEqual([
			[{ item: 0 }, 'French', 'completed'],
			[{ item: 0 }, 'German', 'completed'],
		]);
		expect(result.output[0].json).toEqual({
			proofread_id: expect.any(String),
			title: 'Walkthrough',
			status: 'completed',
			output_language: 'French',
			input_language: 'English',
			submitted_for_review: false,
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
		});
	});

	it('without waiting returns the ids at once, processing; Get Proofread waits for them', async () => {
		const started = await runHeyGen(emulator, createProofread({ waitForCompletion: false }), { items: items({ id: 'a' }) });
		expect(started.output.map((item) => [item.json.output_language, item.json.status, item.json.title])).toEqual([
			['French', 'processing', 'Walkthrough'],
			['German', 'processing', 'Walkthrough'],
		]);
		const ids = started.output.map((item) => String(item.json.proofread_id));

		const now = await runHeyGen(emulator, { resource: 'translation', operation: 'getProofread', proofread_id: ids[0] });
		expect(now.output[0].json).toMatchObject({ proofread_id: ids[0], status: 'processing' });

		const waited = await runHeyGen(
			emulator,
			{ resource: 'translation', operation: 'getProofread', proofread_id: '={{ $json.id }}', waitForCompletion: true, options: { includeInputFields: true } },
			{ items: items(...ids.map((id, i) => ({ id, row: i }))) },
		);
		expect(waited.error).toBeUndefined();
		expect(waited.output.map((item) => [item.json.proofread_id, item.json.status, item.json.row])).toEqual([
			[ids[0], 'completed', 0],
			[ids[1], 'completed', 1],
		]);
	});

	it('uploads a video from an input binary field first, and keeps the input fields', async () => {
		const result = await runHeyGen(emulator, createProofread({ videoSource: 'binary', inputBinaryField: 'data', output_languages: ['French'], options: { includeInputFields: true } }), {
			items: [withFile({ contact: 'c-1' }, MP4, 'video/mp4', 'talk.mp4')],
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/assets')).toHaveLength(1);
		const video = (apiCalls(emulator, 'POST', '/v3/video-translations/proofreads')[0].body as { video: { type: string; asset_id: string } }).video;
		expect(video.type).toBe('asset_id');
		expect(emulator.state.assets.find(video.asset_id)).toMatchObject({ name: 'talk.mp4', kind: 'video' });
		expect(result.output[0].json).toMatchObject({ contact: 'c-1', status: 'completed' });
	});

	it('a failed proofread is an error item carrying its id (Continue On Fail), or stops the run naming its item', async () => {
		const failing = createProofread({ title: '={{ $json.title }}', output_languages: ['French'] });
		const kept = await runHeyGen(emulator, failing, { items: items({ title: 'Fine' }, { title: 'Broken [[fail]]' }), continueOnFail: true });
		expect(kept.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(kept.output[1].json).toMatchObject({ proofread_id: expect.any(String), error: expect.stringMatching(new RegExp(`^The proofread \\S+ failed: ${PROOFREAD_FAILURES.magic.replace('.', '\\.')} \\[item 1\\]$`)) });

		const stopped = await runHeyGen(emulator, failing, { items: items({ title: 'Broken [[fail]]' }) });
		expect(stopped.error?.message).toMatch(/^The proofread \S+ failed: .+ \[item 0\]$/);
	});

	it('a re-run of the same node replays its proofreads instead of making new ones', async () => {
		const first = await runHeyGen(emulator, createProofread(), { items: items({ id: 'x' }) });
		const again = await runHeyGen(emulator, createProofread(), { items: items({ id: 'x' }) });
		expect(again.output.map((item) => item.json.proofread_id)).toEqual(first.output.map((item) => item.json.proofread_id));
		expect(proofreadCount()).toBe(2);
		const keys = apiCalls(emulator, 'POST', '/v3/video-translations/proofreads').map((r) => r.headers['idempotency-key']);
		expect(keys[0]).toBe(keys[1]);
	});

	it('an initial SRT is sent as a URL or asset, and kept as the original SRT', async () => {
		const asset = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [withFile({}, EDITED_SRT, 'application/x-subrip', 'source.srt')] });
		const assetId = String(asset.output[0].json.asset_id);
		const result = await runHeyGen(emulator, createProofread({ output_languages: ['French'], additionalFields: { srt: assetId } }));
		expect((apiCalls(emulator, 'POST', '/v3/video-translations/proofreads')[0].body as IDataObject).srt).toEqual({ type: 'asset_id', asset_id: assetId });
		const id = String(result.output[0].json.proofread_id);
		const original = await runHeyGen(emulator, { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: id, file: 'original', binaryPropertyName: 'srt' });
		expect((await readBinary(original.output[0].binary!.srt)).toString('utf8')).toBe(EDITED_SRT.toString('utf8'));
		expect(original.output[0].binary!.srt).toMatchObject({ fileName: `${id}.original.srt`, mimeType: 'application/x-subrip' });
	});
});

describe('Translation → Download Proofread SRT', () => {
	it('downloads the edited SRT as a binary file with a fresh link, never sending the key to storage', async () => {
		const [id] = await readyProofreads();
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: id, file: 'edited', binaryPropertyName: 'subtitles' });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toEqual({ proofread_id: id, file: 'edited', srt_url: expect.stringContaining(emulator.storageUrl), original_srt_url: null });
		const file = result.output[0].binary!.subtitles;
		expect(file).toMatchObject({ fileName: `${id}.srt`, mimeType: 'application/x-subrip' });
		expect((await readBinary(file)).toString('utf8')).toContain('1\n00:00:00,000 --> 00:00:07,500\nWelcome to Walkthrough.\n');
		const storage = emulator.requests.filter((r) => r.server === 'storage');
		expect(storage.length).toBeGreaterThan(0);
		expect(storage.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
	});

	it('asking for the original SRT of a proofread made without one says why', async () => {
		const [id] = await readyProofreads();
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: id, file: 'original', binaryPropertyName: 'data' });
		expect(result.error?.message).toBe(`The proofread ${id} has no original SRT [item 0]`);
	});

	it('a proofread still processing is refused by HeyGen, named by field and item', async () => {
		const started = await runHeyGen(emulator, createProofread({ output_languages: ['French'], waitForCompletion: false }));
		const id = String(started.output[0].json.proofread_id);
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: id, file: 'edited', binaryPropertyName: 'data' });
		expect(result.error?.message).toContain('[item 0]');
		expect(`${result.error?.message} ${result.error?.description}`).toContain('Proofread ID');
	});
});

describe('Translation → Upload Proofread SRT', () => {
	it('checks the edited SRT, uploads it as an asset and gives it to the proofread (whatever its MIME type)', async () => {
		const [id] = await readyProofreads();
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: '={{ $json.proofread }}', srtSource: 'binary', inputBinaryField: 'data' }, {
			items: [withFile({ proofread: id }, EDITED_SRT, 'text/plain', 'reviewed.txt')],
		});
		expect(result.error).toBeUndefined();
		const [upload] = apiCalls(emulator, 'POST', '/v3/assets');
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
		const [put] = apiCalls(emulator, 'PUT', `/v3/video-translations/proofreads/${id}/srt`);
		const assetId = (put.body as { srt: { asset_id: string } }).srt.asset_id;
		expect(put.body).toEqual({ srt: { type: 'asset_id', asset_id: assetId } });
		expect(result.output[0].json).toMatchObject({ proofread_id: id, status: 'completed', srt_asset_id: assetId });
		expect(emulator.state.assets.find(assetId)).toMatchObject({ name: 'reviewed.srt', kind: 'subtitle' });
		expect(await srtText(id)).toBe(EDITED_SRT.toString('utf8'));
	});

	it('takes an SRT by URL or by asset ID as well', async () => {
		const [id, other] = await readyProofreads(['French', 'German']);
		const byUrl = 'https://subs.example.com/final.srt';
		const url = await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: id, srtSource: 'url', srt_url: byUrl });
		expect(url.error).toBeUndefined();
		const asset = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [withFile({}, EDITED_SRT, 'application/x-subrip', 'x.srt')] });
		const byAsset = await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: other, srtSource: 'assetId', srt_asset_id: String(asset.output[0].json.asset_id) });
		expect(byAsset.error).toBeUndefined();
		expect(apiCalls(emulator, 'PUT').map((r) => r.body)).toEqual([
			{ srt: { type: 'url', url: byUrl } },
			{ srt: { type: 'asset_id', asset_id: asset.output[0].json.asset_id } },
		]);
		expect(apiCalls(emulator, 'POST', '/v3/assets')).toHaveLength(1);
	});

	it('a file that is not SRT text is refused before anything is sent, naming the field, the file and the item', async () => {
		const cases: Array<[Buffer, string, string]> = [
			[Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), 'image/png', 'is not UTF-8 text (image/png)'],
			[Buffer.from('Just some notes from the reviewer.'), 'text/plain', 'has no cue number where cue 1 starts (found "Just some notes from the reviewer.")'],
			[Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nFine\n\n2\n00:00:03 --> 00:00:04\nBroken timing'), 'text/plain', 'has no timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm" in cue 2 (found "00:00:03 --> 00:00:04")'],
		];
		for (const [bytes, mimeType, problem] of cases) {
			emulator.requests.length = 0;
			const result = await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: 'pr_1', srtSource: 'binary', inputBinaryField: 'data' }, {
				items: [withFile({}, EDITED_SRT, 'text/plain', 'ok.srt'), withFile({}, bytes, mimeType, 'edit.txt')],
			});
			expect(result.error?.message).toBe(`"Input Binary Field" must hold SRT subtitles, but the file "edit.txt" ${problem} [item 1]`);
			expect(result.error?.description).toMatch(/nothing was sent to HeyGen\.$/);
			expect(apiCalls(emulator)).toEqual([]);
		}
	});
});

describe('Translation → Generate Video From Proofread', () => {
	it('makes a translation from the edited subtitles, waits for it and downloads it, like Translation → Create', async () => {
		const [id] = await readyProofreads();
		await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: id, srtSource: 'binary', inputBinaryField: 'data' }, { items: [withFile({}, EDITED_SRT, 'text/plain', 'e.srt')] });
		const result = await runHeyGen(
			emulator,
			{ resource: 'translation', operation: 'generateFromProofread', proofread_id: '={{ $json.proofread }}', callback_id: '={{ $json.row }}', waitForCompletion: true, downloadVideo: true, binaryPropertyName: 'video', additionalFields: { captions: true } },
			{ items: items({ proofread: id, row: 'row-5' }) },
		);
		expect(result.error).toBeUndefined();
		const [generate] = apiCalls(emulator, 'POST', `/v3/video-translations/proofreads/${id}/generate`);
		expect(generate.body).toEqual({ captions: true, translate_audio_only: false, callback_id: 'row-5' });
		expect(generate.headers['idempotency-key']).toMatch(/^n8n-proofread-generate-/);
		const [item] = result.output;
		expect(item.json).toMatchObject({ video_translation_id: expect.any(String), status: 'completed', callback_id: 'row-5', output_language: 'French', title: 'Walkthrough' });
		expect(item.binary?.video).toMatchObject({ mimeType: 'video/mp4', fileName: 'row-5.French.mp4' });
		expect(await (await fetch(String(item.json.srt_caption_url))).text()).toBe(EDITED_SRT.toString('utf8'));
		// The same node run again replays the generated translation: charged once.
		await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: '={{ $json.proofread }}', callback_id: '={{ $json.row }}', waitForCompletion: true, additionalFields: { captions: true } }, { items: items({ proofread: id, row: 'row-5' }) });
		expect(emulator.state.summary().translations.total).toBe(1);
	});

	it('without waiting returns the translation id; Translation → Wait for Completion and Download take it', async () => {
		const [id] = await readyProofreads();
		const started = await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: id, waitForCompletion: false });
		expect(started.output[0].json).toEqual({ video_translation_id: expect.any(String), status: 'processing' });
		const translationId = String(started.output[0].json.video_translation_id);
		const waited = await runHeyGen(emulator, { resource: 'translation', operation: 'waitForCompletion', video_translation_id: translationId });
		expect(waited.output[0].json).toMatchObject({ video_translation_id: translationId, status: 'completed' });
		const downloaded = await runHeyGen(emulator, { resource: 'translation', operation: 'download', video_translation_id: translationId, file: 'audio', binaryPropertyName: 'data' });
		expect(downloaded.output[0].binary?.data.mimeType).toBe('audio/mpeg');
	});

	it('a generated translation that fails is an error item naming its item', async () => {
		const [id] = await readyProofreads();
		await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: id, srtSource: 'binary', inputBinaryField: 'data' }, {
			items: [withFile({}, Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nBad line [[fail]]\n'), 'text/plain', 'f.srt')],
		});
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: id, waitForCompletion: true }, { continueOnFail: true });
		expect(result.output[0].json).toMatchObject({ status: 'failed', error: `The video translation ${String(result.output[0].json.video_translation_id)} failed: ${PROOFREAD_FAILURES.generation} [item 0]` });
	});

	it('a proofread whose subtitles are not made is refused before the create is sent, so a later run is not replayed a refusal', async () => {
		const started = await runHeyGen(emulator, createProofread({ title: '={{ $json.title }}', output_languages: ['French'], waitForCompletion: false }), { items: items({ title: 'Walkthrough' }, { title: 'Broken [[fail]]' }) });
		const [pending, broken] = started.output.map((item) => String(item.json.proofread_id));
		const generate = { resource: 'translation', operation: 'generateFromProofread', proofread_id: '={{ $json.id }}', waitForCompletion: true };
		const early = await runHeyGen(emulator, generate, { items: items({ id: pending }) });
		expect(early.error?.message).toBe(`The proofread ${pending} has no subtitles to generate from (status: processing) [item 0]`);
		expect(apiCalls(emulator, 'POST', /\/generate$/)).toHaveLength(0);

		await runHeyGen(emulator, { resource: 'translation', operation: 'getProofread', proofread_id: '={{ $json.id }}', waitForCompletion: true }, { items: items({ id: pending }, { id: broken }), continueOnFail: true });
		const later = await runHeyGen(emulator, generate, { items: items({ id: pending }, { id: broken }), continueOnFail: true });
		expect(later.output.map((item) => [item.json.status, item.json.error])).toEqual([
			['completed', undefined],
			[undefined, `The proofread ${broken} has no subtitles to generate from (status: failed) [item 1]`],
		]);
		expect(String(later.output[1].json.error_description)).toContain(PROOFREAD_FAILURES.magic);
		expect(apiCalls(emulator, 'POST', /\/generate$/)).toHaveLength(1);
	});

	it('a proofread HeyGen does not know is named by its field and item', async () => {
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: 'pr_unknown', waitForCompletion: true });
		expect(result.error?.message).toMatch(/pr_unknown.*\[item 0\]$/);
	});
});

describe('proofreads in park mode', () => {
	it('Create Proofread parks on the proofread_creation events (HeyGen takes no callback URL), resumes, and removes its endpoint', async () => {
		const started = await runHeyGen(emulator, createProofread({ waitMode: 'park', options: { includeInputFields: true } }), { items: items({ id: 'p-1' }), parkingLot: lot });
		expect(started.status).toBe('waiting');
		const [create] = apiCalls(emulator, 'POST', '/v3/video-translations/proofreads');
		expect(create.body).not.toHaveProperty('callback_url');
		const registered = apiCalls(emulator, 'POST', '/v3/webhooks/endpoints');
		expect(registered).toHaveLength(1);
		expect(registered[0].body).toMatchObject({ events: ['proofread_creation.success', 'proofread_creation.fail'], url: expect.stringContaining(`/${started.executionId}?signature=`) });
		const readsWhenParked = apiCalls(emulator, 'GET', /^\/v3\/video-translations\/proofreads\//).length;

		const resumed = await lot.resumed(started.executionId);
		expect(resumed.via).toBe('webhook');
		expect(resumed.output.map((item) => [item.pairedItem, item.json.output_language, item.json.status, item.json.id])).toEqual([
			[{ item: 0 }, 'French', 'completed', 'p-1'],
			[{ item: 0 }, 'German', 'completed', 'p-1'],
		]);
		expect(resumed.output[0].json).not.toHaveProperty('heygen_wait');
		// HeyGen's events brought the run back; the node then read every proofread itself.
		expect(lot.requests.some((request) => request.executionId === started.executionId && request.query.heygen_wait === 'event')).toBe(true);
		expect(apiCalls(emulator, 'GET', /^\/v3\/video-translations\/proofreads\//).length).toBeGreaterThan(readsWhenParked);
		expect(apiCalls(emulator, 'DELETE').filter((r) => r.path.startsWith('/v3/webhooks/endpoints/'))).toHaveLength(1);
		expect(emulator.state.summary().webhooks.endpoints).toBe(0);
	});

	it('Get Proofread with waiting parks on the same events for proofreads made elsewhere', async () => {
		const made = await runHeyGen(emulator, createProofread({ waitForCompletion: false }));
		const ids = made.output.map((item) => String(item.json.proofread_id));
		const started = await runHeyGen(emulator, { resource: 'translation', operation: 'getProofread', proofread_id: '={{ $json.id }}', waitForCompletion: true, waitMode: 'park' }, { items: items(...ids.map((id) => ({ id }))), parkingLot: lot });
		expect(started.status).toBe('waiting');
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.json.proofread_id, item.json.status])).toEqual(ids.map((id) => [id, 'completed']));
	});

	it('a proofread that fails while parked stops the resumed run, naming its item', async () => {
		const started = await runHeyGen(emulator, createProofread({ title: '={{ $json.title }}', output_languages: ['French'], waitMode: 'park' }), { items: items({ title: 'Fine' }, { title: 'Broken [[fail]]' }), parkingLot: lot });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.error?.message).toMatch(/^The proofread \S+ failed: .+ \[item 1\]$/);
	});

	it('when HeyGen will not register an endpoint, Create Proofread polls instead', async () => {
		emulator.addFault({ match: { endpoint: 'createWebhookEndpoint' }, action: { type: 'status', status: 403 } });
		const result = await runHeyGen(emulator, createProofread({ waitMode: 'park', output_languages: ['French'] }), { parkingLot: lot });
		expect(result.status).toBe('success');
		expect(result.output[0].json).toMatchObject({ status: 'completed', output_language: 'French' });
	});

	it('Generate Video From Proofread parks with the resume URL as callback_url and resumes with the translation', async () => {
		const [id] = await readyProofreads();
		const started = await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: id, callback_id: 'gen-1', waitForCompletion: true, waitMode: 'park', downloadVideo: true, binaryPropertyName: 'data' }, { parkingLot: lot });
		expect(started.status).toBe('waiting');
		const [generate] = apiCalls(emulator, 'POST', `/v3/video-translations/proofreads/${id}/generate`);
		expect((generate.body as IDataObject).callback_url).toEqual(expect.stringContaining(`/${started.executionId}?signature=`));
		expect(apiCalls(emulator, 'POST', '/v3/video-translations/batches')).toHaveLength(0);
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output[0].json).toMatchObject({ video_translation_id: expect.any(String), status: 'completed', callback_id: 'gen-1' });
		expect(resumed.output[0].binary?.data.mimeType).toBe('video/mp4');
	});
});

describe('the proofreading loop', () => {
	it('create, download the SRT, edit it, upload the edit, generate the video, download it: the captions carry the edit', async () => {
		const created = await runHeyGen(emulator, createProofread({ output_languages: ['Spanish (Spain)'] }), { items: items({ id: 'loop' }) });
		const downloaded = await runHeyGen(emulator, { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: '={{ $json.proofread_id }}', file: 'edited', binaryPropertyName: 'data' }, { items: created.output });
		// The reviewer: one word changed in the SRT text, handed back as a file.
		const reviewed = (await readBinary(downloaded.output[0].binary!.data)).toString('utf8').replace('Welcome', 'Bienvenidos');
		const uploaded = await runHeyGen(emulator, { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: '={{ $json.proofread_id }}', srtSource: 'binary', inputBinaryField: 'data' }, {
			items: [withFile({ proofread_id: downloaded.output[0].json.proofread_id }, Buffer.from(reviewed), 'text/plain', 'reviewed.srt')],
		});
		const generated = await runHeyGen(emulator, { resource: 'translation', operation: 'generateFromProofread', proofread_id: '={{ $json.proofread_id }}', waitForCompletion: true, downloadVideo: true, binaryPropertyName: 'data', additionalFields: { captions: true } }, { items: uploaded.output });
		expect(generated.error).toBeUndefined();
		expect(generated.output[0].json).toMatchObject({ status: 'completed', output_language: 'Spanish (Spain)' });
		expect(generated.output[0].binary?.data.mimeType).toBe('video/mp4');
		const captions = await (await fetch(String(generated.output[0].json.srt_caption_url))).text();
		expect(captions).toContain('Bienvenidos to Walkthrough.');
		expect(captions).not.toContain('Welcome');
	});
});
