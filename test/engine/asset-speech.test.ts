import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, items, locator, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]);
const withFile = (data: Buffer, mimeType: string, fileName: string) => [{ json: {}, binary: { data: { data: data.toString('base64'), mimeType, fileName } } }];

describe('Asset', () => {
	it('Upload streams the binary field as multipart; Get and Delete work on the id', async () => {
		const uploaded = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: withFile(png, 'image/png', 'logo.png') });
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.output[0].json).toMatchObject({ asset_id: expect.any(String), mime_type: 'image/png', size_bytes: png.length });
		const request = apiCalls(emulator, 'POST', '/v3/assets')[0];
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toMatchObject({ file: { filename: 'logo.png', size: png.length } });
		const served = await fetch(String(uploaded.output[0].json.url));
		expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

		const id = String(uploaded.output[0].json.asset_id);
		const got = await runHeyGen(emulator, { resource: 'asset', operation: 'get', asset_id: id });
		expect(got.output[0].json).toMatchObject({ asset_id: id, type: 'image' });
		const deleted = await runHeyGen(emulator, { resource: 'asset', operation: 'delete', asset_id: id });
		expect(deleted.output[0].json).toEqual({ asset_id: id, deleted: true });
	});

	/** A rendered MP4 downloaded by the node: n8n keeps it on disk (a binary with an id), as it does in production. */
	async function downloadedVideo(sizeBytes: number) {
		emulator.config.videoSizeBytes = sizeBytes;
		const rendered = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'createAvatarVideo',
			avatar_id: locator(SEED_IDS.studioLook),
			speechSource: 'script',
			script: 'Hello',
			voice_id: locator(SEED_IDS.englishFemaleVoice),
			downloadVideo: true,
		});
		expect(rendered.error).toBeUndefined();
		const binary = rendered.output[0].binary?.data;
		expect(binary?.id).toEqual(expect.any(String));
		emulator.requests.length = 0;
		return { item: { json: {}, binary: { data: binary! } }, binary: binary! };
	}

	it('Upload streams a binary n8n keeps on disk, byte for byte', async () => {
		const { item, binary } = await downloadedVideo(300_000);
		const uploaded = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [item] });
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.output[0].json).toMatchObject({ mime_type: 'video/mp4', size_bytes: 300_000 });
		const request = apiCalls(emulator, 'POST', '/v3/assets')[0];
		expect(request.headers['content-length']).toEqual(expect.any(String));
		expect(request.body).toMatchObject({ file: { size: 300_000 } });
		const served = Buffer.from(await (await fetch(String(uploaded.output[0].json.url))).arrayBuffer());
		expect(served.equals(await readBinary(binary))).toBe(true);
	});

	it('refuses a file over 32 MB from its stored size, before anything is uploaded', async () => {
		const { item } = await downloadedVideo(33 * 1024 * 1024);
		const result = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [item] });
		expect(result.error?.message).toBe('The file in "data" is 33.0 MB; HeyGen takes at most 32 MB [item 0]');
		expect(result.error?.description).toMatch(/public URL instead\. Nothing was uploaded\.$/);
		expect(apiCalls(emulator, 'POST', '/v3/assets')).toHaveLength(0);
	});

	it('refuses a file type HeyGen does not take, before uploading', async () => {
		const result = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: withFile(Buffer.from('hello'), 'text/plain', 'a.txt') });
		expect(result.error?.message).toBe('HeyGen cannot take a file of type text/plain [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('an image video can take its photo from a binary field: the video is made from the uploaded asset', async () => {
		const result = await runHeyGen(
			emulator,
			{
				resource: 'video',
				operation: 'createImageVideo',
				imageSource: 'binary',
				inputBinaryField: 'data',
				speechSource: 'script',
				script: 'Hello',
				voice_id: locator(SEED_IDS.englishFemaleVoice),
				waitForCompletion: false,
			},
			{ items: withFile(png, 'image/png', 'face.png') },
		);
		expect(result.error).toBeUndefined();
		const [uploads, creates] = [apiCalls(emulator, 'POST', '/v3/assets'), apiCalls(emulator, 'POST', '/v3/videos')];
		expect([uploads.length, creates.length]).toEqual([1, 1]);
		expect(uploads[0].status).toBe(200);
		expect(uploads[0].body).toMatchObject({ file: { filename: 'face.png', size: png.length } });
		expect(uploads[0].id).toBeLessThan(creates[0].id);

		// The create names the asset the upload made, holding this item's photo byte for byte.
		const image = (creates[0].body as { image: { type: string; asset_id: string } }).image;
		expect(image.type).toBe('asset_id');
		const asset = emulator.state.assets.find(image.asset_id);
		expect(asset).toMatchObject({ name: 'face.png', kind: 'image', mimeType: 'image/png' });
		expect(asset?.bytes.equals(png)).toBe(true);
		expect(emulator.state.assets.summary().count).toBe(1);

		// HeyGen accepted it and the item reports that video.
		const videoId = String(result.output[0].json.video_id);
		expect(emulator.state.findVideo(videoId)?.kind).toBe('image');
	});
});

describe('Voice → Generate Speech', () => {
	it('returns the audio URL, duration and word timings, and the MP3 on request', async () => {
		const result = await runHeyGen(
			emulator,
			{
				resource: 'voice',
				operation: 'generateSpeech',
				text: 'Hello there, welcome aboard',
				voice_id: locator(SEED_IDS.englishFemaleVoice),
				downloadAudio: true,
				binaryPropertyName: 'audio',
				options: { speed: 1.2 },
			},
			{ items: items({}) },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/voices/speech')[0].body).toEqual({ text: 'Hello there, welcome aboard', voice_id: SEED_IDS.englishFemaleVoice, speed: 1.2 });
		const json = result.output[0].json;
		expect(json).toMatchObject({ audio_url: expect.any(String), duration: expect.any(Number) });
		expect(json.word_timestamps).toHaveLength(4);
		const audio = result.output[0].binary?.audio;
		expect(audio?.mimeType).toBe('audio/mpeg');
		expect((await readBinary(audio!)).length).toBeGreaterThan(100);
	});

	it('a voice that cannot speak is refused by HeyGen with the field named; an empty text before sending', async () => {
		const wrong = await runHeyGen(emulator, { resource: 'voice', operation: 'generateSpeech', text: 'Hi', voice_id: locator(SEED_IDS.englishMaleVoice) });
		expect(wrong.error?.message).toBe('HeyGen rejected the value of "Voice" [item 0]');
		emulator.reset();
		const empty = await runHeyGen(emulator, { resource: 'voice', operation: 'generateSpeech', text: '={{ "" }}', voice_id: locator(SEED_IDS.englishFemaleVoice) });
		expect(empty.error?.message).toBe('"Text" must not be empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
