import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, items, locator, runHeyGen, useEmulator, useParkingLot } from './heygen';

const emulator = useEmulator();
const lot = useParkingLot();

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(256)]);
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x04]), Buffer.alloc(413)]);

function create(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'lipsync',
		operation: 'create',
		videoSource: 'url',
		video_url: 'https://media.example.com/presenter.mp4',
		audioSource: 'url',
		audio_url: '={{ $json.audio }}',
		mode: 'speed',
		callback_id: '={{ $json.id }}',
		waitForCompletion: true,
		...overrides,
	};
}
const takes = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ id: `take-${i}`, audio: `https://media.example.com/take-${i}.mp3` })));

describe('Lipsync → Create', () => {
	it('sends the video, the audio and the options HeyGen documents, waits, and outputs in HeyGen’s names', async () => {
		const additionalFields = { title: '={{ "Dub " + $json.id }}', enable_caption: true, enable_dynamic_duration: false, start_time: 2, end_time: 20, fps_mode: 'passthrough', disable_music_track: true };
		const result = await runHeyGen(emulator, create({ mode: 'precision', additionalFields, options: { includeInputFields: true } }), { items: takes(2) });
		expect(result.error).toBeUndefined();
		const creates = apiCalls(emulator, 'POST', '/v3/lipsyncs');
		expect(creates.map((request) => request.body)).toEqual([0, 1].map((i) => ({
			video: { type: 'url', url: 'https://media.example.com/presenter.mp4' },
			audio: { type: 'url', url: `https://media.example.com/take-${i}.mp3` },
			mode: 'precision',
			title: `Dub take-${i}`,
			fps_mode: 'passthrough',
			enable_caption: true,
			enable_dynamic_duration: false,
			start_time: 2,
			end_time: 20,
			disable_music_track: true,
			callback_id: `take-${i}`,
		})));
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-lipsync-/);
		result.output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ lipsync_id: expect.any(String), status: 'completed', callback_id: `take-${i}`, title: `Dub take-${i}`, duration: 30, id: `take-${i}` });
			expect(item.json.video_url).toEqual(expect.stringContaining(`${emulator.storageUrl}/lipsyncs/`));
			expect(item.json.caption_url).toEqual(expect.stringContaining('.srt?'));
			expect(item.json).not.toHaveProperty('failure_message');
		});
	});

	it('takes the video and the audio from two binary fields, uploaded first, and downloads the result', async () => {
		const input: INodeExecutionData[] = [{
			json: { id: 'b1' },
			binary: {
				footage: { data: MP4.toString('base64'), mimeType: 'video/mp4', fileName: 'presenter.mp4' },
				voice: { data: MP3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'voice.mp3' },
			},
		}];
		const result = await runHeyGen(
			emulator,
			create({ videoSource: 'binary', videoBinaryField: 'footage', audioSource: 'binary', audioBinaryField: 'voice', downloadVideo: true, binaryPropertyName: 'dubbed' }),
			{ items: input },
		);
		expect(result.error).toBeUndefined();
		const uploads = apiCalls(emulator, 'POST', '/v3/assets');
		expect(uploads).toHaveLength(2);
		const [sent] = apiCalls(emulator, 'POST', '/v3/lipsyncs');
		const body = sent.body as { video: { asset_id: string }; audio: { asset_id: string } };
		expect(emulator.state.assets.find(body.video.asset_id)?.kind).toBe('video');
		expect(emulator.state.assets.find(body.audio.asset_id)?.kind).toBe('audio');
		const dubbed = result.output[0].binary!.dubbed;
		expect(dubbed).toMatchObject({ mimeType: 'video/mp4', fileName: 'b1.mp4' });
		expect((await readBinary(dubbed)).subarray(4, 8).toString('latin1')).toBe('ftyp');
	});

	it('refuses a binary audio that is not audio, and a video URL on loopback, before any request', async () => {
		const input: INodeExecutionData[] = [{ json: { id: 'x', audio: 'https://media.example.com/a.mp3' }, binary: { data: { data: MP4.toString('base64'), mimeType: 'video/mp4', fileName: 'a.mp4' } } }];
		const wrongKind = await runHeyGen(emulator, create({ audioSource: 'binary', audioBinaryField: 'data' }), { items: input });
		expect(wrongKind.error?.message).toBe('"Audio Binary Field" holds video/mp4, not an audio file [item 0]');
		const ends = await runHeyGen(emulator, create({ additionalFields: { start_time: 9, end_time: 3 } }), { items: takes(1) });
		expect(ends.error?.message).toBe('"End Time (Seconds)" must be after start_time [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('a lipsync whose audio cannot be fetched fails as an error item with HeyGen’s reason (Continue On Fail)', async () => {
		const result = await runHeyGen(emulator, create(), {
			items: items({ id: 'ok', audio: 'https://media.example.com/ok.mp3' }, { id: 'bad', audio: 'https://voices.example.invalid/take.mp3' }),
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(result.output[1].json).toMatchObject({ callback_id: 'bad', lipsync_id: expect.any(String) });
		expect(result.output[1].json.error).toMatch(/^The lipsync \S+ failed: Failed to download the audio from https:\/\/voices\.example\.invalid\/take\.mp3/);
	});

	it('without Continue On Fail the failed item stops the run, naming every lipsync it created', async () => {
		const result = await runHeyGen(emulator, create(), {
			items: items({ id: 'ok', audio: 'https://media.example.com/ok.mp3' }, { id: 'bad', audio: 'https://voices.example.invalid/take.mp3' }),
		});
		expect(result.error?.message).toMatch(/^The lipsync \S+ failed: .* \[item 1\]$/);
		expect(result.error?.description).toContain('item 0:');
	});

	it('a re-run replays the same lipsyncs instead of paying again', async () => {
		await runHeyGen(emulator, create(), { items: takes(2), executionId: '8101' });
		const again = await runHeyGen(emulator, create(), { items: takes(2), executionId: '8102' });
		expect(again.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(emulator.state.lipsyncs.size).toBe(2);
	});
});

describe('Lipsync → Get, Get Many, Wait for Completion and Download', () => {
	it('without waiting returns the ids at once; the other operations take them', async () => {
		const started = await runHeyGen(emulator, create({ waitForCompletion: false, additionalFields: { enable_caption: true } }), { items: takes(2) });
		expect(started.output.map((item) => item.json.status)).toEqual(['pending', 'pending']);
		const ids = started.output.map((item) => String(item.json.lipsync_id));

		const got = await runHeyGen(emulator, { resource: 'lipsync', operation: 'get', lipsync_id: ids[0] });
		expect(got.output[0].json).toMatchObject({ lipsync_id: ids[0], callback_id: 'take-0' });

		const waited = await runHeyGen(
			emulator,
			{ resource: 'lipsync', operation: 'waitForCompletion', lipsync_id: '={{ $json.id }}', downloadVideo: true, binaryPropertyName: 'data', options: { includeInputFields: true } },
			{ items: items(...ids.map((id) => ({ id }))), parkingLot: lot },
		);
		// HeyGen has no lipsync event to park on: the wait polls even where it could park.
		expect(waited.status).toBe('success');
		expect(waited.output.map((item) => [item.json.lipsync_id, item.json.status, item.json.id])).toEqual(ids.map((id) => [id, 'completed', id]));
		expect(waited.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);
		expect(apiCalls(emulator, 'POST', '/v3/webhooks/endpoints')).toHaveLength(0);

		const many = await runHeyGen(emulator, { resource: 'lipsync', operation: 'getMany', returnAll: false, limit: 1 });
		expect(many.output.map((item) => item.json.lipsync_id)).toEqual([ids[1]]);
		const all = await runHeyGen(emulator, { resource: 'lipsync', operation: 'getMany', returnAll: true });
		expect(all.output).toHaveLength(2);

		const captions = await runHeyGen(emulator, { resource: 'lipsync', operation: 'download', lipsync_id: ids[0], file: 'captions', binaryPropertyName: 'srt' });
		expect(captions.output[0].binary?.srt).toMatchObject({ mimeType: 'application/x-subrip', fileName: 'take-0.srt' });
		expect((await readBinary(captions.output[0].binary!.srt)).toString('utf8')).toMatch(/^1\n00:00:00,000 --> /);
		const video = await runHeyGen(emulator, { resource: 'lipsync', operation: 'download', lipsync_id: ids[1], file: 'video', binaryPropertyName: 'data' });
		expect(video.output[0].json).toMatchObject({ lipsync_id: ids[1], status: 'completed' });
		expect(video.output[0].binary?.data?.mimeType).toBe('video/mp4');
	});

	it('Download says when there is nothing to download yet, or no captions', async () => {
		emulator.config.translationTimings.runningMs = 5000;
		const started = await runHeyGen(emulator, create({ waitForCompletion: false }), { items: takes(1) });
		const id = String(started.output[0].json.lipsync_id);
		const early = await runHeyGen(emulator, { resource: 'lipsync', operation: 'download', lipsync_id: id, file: 'video', binaryPropertyName: 'data' });
		expect(early.error?.message).toMatch(new RegExp(`^The lipsync ${id} is not ready to download \\(status: (pending|running)\\) \\[item 0\\]$`));
		emulator.config.translationTimings.runningMs = 50;
		const done = await runHeyGen(emulator, create(), { items: items({ id: 'n', audio: 'https://media.example.com/n.mp3' }) });
		const noCaptions = await runHeyGen(emulator, { resource: 'lipsync', operation: 'download', lipsync_id: String(done.output[0].json.lipsync_id), file: 'captions', binaryPropertyName: 'data' });
		expect(noCaptions.error?.message).toMatch(/has no file to download \(it has no captions: create it with Captions on\) \[item 0\]$/);
	});

	it('an unknown lipsync is named in the error', async () => {
		const result = await runHeyGen(emulator, { resource: 'lipsync', operation: 'get', lipsync_id: '0123456789abcdef0123456789abcdef' });
		expect(result.error?.message).toBe('The lipsync "0123456789abcdef0123456789abcdef" was not found [item 0]');
	});
});

describe('Lipsync → Create, parked', () => {
	it('sends each create with the resume URL as its callback_url, parks, and resumes with what polling outputs', async () => {
		const started = await runHeyGen(emulator, create({ waitMode: 'park', downloadVideo: true, binaryPropertyName: 'data', options: { includeInputFields: true } }), { items: takes(3), parkingLot: lot });
		expect(started.status).toBe('waiting');
		const creates = apiCalls(emulator, 'POST', '/v3/lipsyncs');
		expect(creates).toHaveLength(3);
		for (const request of creates) expect((request.body as { callback_url: string }).callback_url).toContain(`/${started.executionId}?signature=`);
		const readsWhenParked = apiCalls(emulator, 'GET').length;

		const resumed = await lot.resumed(started.executionId);
		expect(resumed.via).toBe('webhook');
		expect(resumed.output.map((item) => [item.pairedItem, item.json.callback_id, item.json.status, item.json.id])).toEqual([0, 1, 2].map((i) => [{ item: i }, `take-${i}`, 'completed', `take-${i}`]));
		expect(resumed.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);
		// Resuming reads the statuses in bulk, then each lipsync once for its fresh links.
		const reads = apiCalls(emulator, 'GET').slice(readsWhenParked).map((request) => request.path);
		expect(reads.filter((path) => path === '/v3/lipsyncs/statuses').length).toBeGreaterThanOrEqual(1);
		expect(reads.filter((path) => /^\/v3\/lipsyncs\/[0-9a-f]{32}$/.test(path)).length).toBeGreaterThanOrEqual(3);
	});

	it('with Continue On Fail a failed lipsync is an error item on resume; the others complete', async () => {
		const started = await runHeyGen(emulator, create({ waitMode: 'park' }), {
			items: items({ id: 'a', audio: 'https://media.example.com/a.mp3' }, { id: 'b', audio: 'https://voices.example.invalid/b.mp3' }),
			parkingLot: lot,
			continueOnFail: true,
		});
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(resumed.output[1].json.error).toMatch(/^The lipsync \S+ failed: Failed to download the audio/);
	});
});

describe('Voice → Generate Speech, then Lipsync', () => {
	it('lipsyncs a video to speech HeyGen just generated, as long as the speech', async () => {
		const speech = await runHeyGen(emulator, { resource: 'voice', operation: 'generateSpeech', text: 'Hello and welcome to the team, we are glad you are here.', voice_id: locator(SEED_IDS.englishFemaleVoice) });
		const [clip] = speech.output;
		const result = await runHeyGen(emulator, create({ audio_url: '={{ $json.audio_url }}', callback_id: '' }), { items: [{ json: clip.json }] });
		expect(result.error).toBeUndefined();
		expect((apiCalls(emulator, 'POST', '/v3/lipsyncs')[0].body as { audio: unknown }).audio).toEqual({ type: 'url', url: clip.json.audio_url });
		expect(result.output[0].json).toMatchObject({ status: 'completed', duration: clip.json.duration });
	});
});
