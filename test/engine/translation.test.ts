import { harnessTeardown } from '../harness/engine';
import { apiCalls, items, listSearch, runHeyGen, useEmulator } from './heygen';
import { LoadOptionsHarness } from './loadOptions';

const emulator = useEmulator();
afterAll(harnessTeardown);

const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'translation',
	operation: 'create',
	videoSource: 'url',
	video_url: 'https://media.example.com/webinar.mp4',
	output_languages: ['Spanish (Spain)', 'French', 'German'],
	mode: 'speed',
	callback_id: '={{ $json.id }}',
	waitForCompletion: true,
	...extra,
});

describe('Translation', () => {
	it('Get Languages gives one item per language, and the dropdown offers the same', async () => {
		const result = await runHeyGen(emulator, { resource: 'translation', operation: 'getLanguages' });
		expect(result.output.map((item) => item.json.language)).toEqual(expect.arrayContaining(['English', 'Spanish (Spain)', 'French']));
		const options = await new LoadOptionsHarness(emulator).options('getTranslationLanguages');
		expect(options.map((o) => o.value)).toEqual(result.output.map((item) => item.json.language));
	});

	it('Create makes one translation per language, waits for all, and outputs one item per language', async () => {
		const result = await runHeyGen(emulator, create(), { items: items({ id: 'row-1' }) });
		expect(result.error).toBeUndefined();
		const creates = apiCalls(emulator, 'POST', '/v3/video-translations');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			video: { type: 'url', url: 'https://media.example.com/webinar.mp4' },
			output_languages: ['Spanish (Spain)', 'French', 'German'],
			mode: 'speed',
			callback_id: 'row-1',
		});
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-translation-/);
		expect(result.output).toHaveLength(3);
		expect(result.output.map((item) => item.json.output_language)).toEqual(['Spanish (Spain)', 'French', 'German']);
		result.output.forEach((item) => {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ status: 'completed', callback_id: 'row-1', video_translation_id: expect.any(String) });
			expect(item.json.video_url).toEqual(expect.stringContaining(emulator.storageUrl));
		});
	});

	it('a language HeyGen does not offer is refused before anything is created', async () => {
		const result = await runHeyGen(emulator, create({ output_languages: '={{ ["French", "Klingon"] }}' }), { items: items({ id: 'x' }) });
		expect(result.error?.message).toBe('"Output Languages" includes "Klingon", which HeyGen does not translate into; pick languages from the list [item 0]');
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('a failed translation becomes an error item carrying its id (Continue On Fail)', async () => {
		const result = await runHeyGen(emulator, create({ video_url: 'https://broken.invalid/video.mp4', output_languages: ['French'] }), {
			items: items({ id: 'x' }),
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ status: 'failed', video_translation_id: expect.any(String) });
		expect(String(result.output[0].json.error)).toMatch(/^The video translation \S+ failed: /);
	});

	it('without waiting it returns the ids at once; Get, Wait for Completion and Download take them', async () => {
		const started = await runHeyGen(emulator, create({ waitForCompletion: false, output_languages: ['French', 'German'] }), { items: items({ id: 'x' }) });
		expect(started.output.map((item) => item.json.status)).toEqual(['pending', 'pending']);
		const ids = started.output.map((item) => String(item.json.video_translation_id));

		const got = await runHeyGen(emulator, { resource: 'translation', operation: 'get', video_translation_id: ids[0] });
		expect(got.output[0].json).toMatchObject({ video_translation_id: ids[0], output_language: 'French' });

		const waited = await runHeyGen(
			emulator,
			{ resource: 'translation', operation: 'waitForCompletion', video_translation_id: '={{ $json.id }}', downloadVideo: true, binaryPropertyName: 'data' },
			{ items: items(...ids.map((id) => ({ id }))) },
		);
		expect(waited.error).toBeUndefined();
		expect(waited.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(waited.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);

		const download = await runHeyGen(emulator, { resource: 'translation', operation: 'download', video_translation_id: ids[1], file: 'audio', binaryPropertyName: 'audio' });
		expect(download.output[0].binary?.audio).toMatchObject({ fileName: 'x.German.mp3' }); // Callback ID and language

		const many = await runHeyGen(emulator, { resource: 'translation', operation: 'getMany', returnAll: true });
		expect(many.output.map((item) => item.json.video_translation_id)).toEqual(expect.arrayContaining(ids));
	});

	it('precision mode and the documented options reach HeyGen as set', async () => {
		// Additional Fields carry HeyGen's own names, so each reaches the body unchanged.
		const options = {
			title: 'Webinar (DE)',
			input_language: 'English',
			enable_caption: true,
			enable_dynamic_duration: false,
			speaker_num: 2,
			start_time: 5,
			end_time: 65,
			disable_music_track: true,
		};
		const result = await runHeyGen(
			emulator,
			create({
				mode: 'precision',
				output_languages: ['German'],
				waitForCompletion: false,
				additionalFields: options,
			}),
			{ items: items({ id: 'w-1' }) },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/video-translations')[0].body).toEqual({
			video: { type: 'url', url: 'https://media.example.com/webinar.mp4' },
			output_languages: ['German'],
			mode: 'precision',
			...options,
			callback_id: 'w-1',
		});
		expect(result.output[0].json).toMatchObject({ output_language: 'German', video_translation_id: expect.any(String), callback_id: 'w-1' });
	});

	describe('version 1.1: Output Languages as searchable picks', () => {
		const pick = (value: string, mode = 'list') => ({ language: { __rl: true, mode, value } });
		const picks = (...languages: Array<ReturnType<typeof pick>>) => ({ language: languages });

		it('the list offers every HeyGen language and filters them by name', async () => {
			const all = await listSearch(emulator, 'searchTranslationLanguages');
			const result = await runHeyGen(emulator, { resource: 'translation', operation: 'getLanguages' });
			expect(all.results.map((r) => r.value)).toEqual(result.output.map((item) => item.json.language));
			const spanish = await listSearch(emulator, 'searchTranslationLanguages', 'spanish');
			expect(spanish.results.length).toBeGreaterThan(0);
			expect(spanish.results.every((r) => /spanish/i.test(r.name))).toBe(true);
			expect(spanish.results.map((r) => r.name)).toContain('Spanish (Spain)');
		});

		it('each pick, by list, by name or as an expression giving several, becomes a language', async () => {
			const result = await runHeyGen(
				emulator,
				create({ output_languages: picks(pick('Spanish (Spain)'), pick('French', 'name'), pick('={{ $json.more }}', 'name')) }),
				{ items: items({ id: 'v11', more: ['German', 'Japanese'] }), typeVersion: 1.1 },
			);
			expect(result.error).toBeUndefined();
			expect(apiCalls(emulator, 'POST', '/v3/video-translations')[0].body).toMatchObject({ output_languages: ['Spanish (Spain)', 'French', 'German', 'Japanese'] });
			expect(result.output.map((item) => item.json.output_language)).toEqual(['Spanish (Spain)', 'French', 'German', 'Japanese']);
		});

		it('an unknown language or none at all is refused before anything is created', async () => {
			const unknown = await runHeyGen(emulator, create({ output_languages: picks(pick('French'), pick('Klingon', 'name')) }), { items: items({ id: 'x' }), typeVersion: 1.1 });
			expect(unknown.error?.message).toBe('"Output Languages" includes "Klingon", which HeyGen does not translate into; pick languages from the list [item 0]');
			const none = await runHeyGen(emulator, create({ output_languages: {} }), { items: items({ id: 'x' }), typeVersion: 1.1 });
			expect(none.error?.message).toBe('"Output Languages" must list at least one language [item 0]');
			const emptied = await runHeyGen(emulator, create({ output_languages: picks(pick('={{ [] }}', 'name')) }), { items: items({ id: 'x' }), typeVersion: 1.1 });
			expect(emptied.error?.message).toBe(none.error?.message);
			const notAList = await runHeyGen(emulator, create({ output_languages: picks(pick('={{ { "a": 1 } }}', 'name')) }), { items: items({ id: 'x' }), typeVersion: 1.1 });
			expect(notAList.error?.message).toBe('"Output Language 1" must be a list or comma-separated text, not an object [item 0]');
			expect(apiCalls(emulator, 'POST')).toHaveLength(0);
		});

		it('a proofread takes its languages the same way', async () => {
			const result = await runHeyGen(
				emulator,
				{ resource: 'translation', operation: 'createProofread', videoSource: 'url', video_url: 'https://media.example.com/webinar.mp4', output_languages: picks(pick('German')), title: 'Webinar', mode: 'speed', waitForCompletion: false },
				{ typeVersion: 1.1 },
			);
			expect(result.error).toBeUndefined();
			expect(apiCalls(emulator, 'POST', '/v3/video-translations/proofreads')[0]?.body).toMatchObject({ output_languages: ['German'], title: 'Webinar' });
		});
	});

	it('a video from a binary field is uploaded first and translated by its asset id', async () => {
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(4000, 1)]);
		const result = await runHeyGen(
			emulator,
			create({ videoSource: 'binary', inputBinaryField: 'clip', output_languages: ['French'], waitForCompletion: false }),
			{ items: [{ json: { id: 'f' }, binary: { clip: { data: mp4.toString('base64'), mimeType: 'video/mp4', fileName: 'clip.mp4' } } }] },
		);
		expect(result.error).toBeUndefined();
		const upload = apiCalls(emulator, 'POST', '/v3/assets')[0];
		expect(upload.body).toMatchObject({ file: { filename: 'clip.mp4', size: mp4.length } });
		const assetId = emulator.requests.find((r) => r.path === '/v3/video-translations' && r.method === 'POST')?.body as { video: { asset_id: string } };
		expect(emulator.state.assets.find(assetId.video.asset_id)?.kind).toBe('video');
	});
});
