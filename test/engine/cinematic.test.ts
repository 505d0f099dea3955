import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, items, locator, publicBaseUrl, runHeyGen, useEmulator, useParkingLot, usePublicLookingHost } from './heygen';

const emulator = useEmulator();
const lot = useParkingLot();
usePublicLookingHost();

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(256)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);

const look = (id: string) => ({ avatar_id: locator(id) });
const urlReference = (url: string, media = 'image') => ({ media, source: 'url', url });

/** A cinematic video per contact: a prompt naming them, two looks, a style image by URL. */
function cinematic(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'video',
		operation: 'createCinematicVideo',
		prompt: '={{ $json.name + " walks into a sunlit office and waves at the camera" }}',
		looks: { look: [look(SEED_IDS.digitalTwinLook), look(SEED_IDS.studioLook)] },
		references: { reference: [urlReference('https://media.example.com/mood.png')] },
		callback_id: '={{ $json.id }}',
		waitForCompletion: true,
		additionalFields: { duration: 6, aspect_ratio: '9:16', resolution: '1080p', enhance_prompt: true, title: '={{ "Hello " + $json.name }}' },
		...overrides,
	};
}
const contacts = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ id: `contact-${i}`, name: `Person ${i}` })));

describe('Video → Create Cinematic Video', () => {
	it('sends HeyGen its own body (no callback fields), waits, and keeps the Callback ID and the input fields', async () => {
		const result = await runHeyGen(emulator, cinematic({ options: { includeInputFields: true } }), { items: contacts(2) });
		expect(result.error).toBeUndefined();
		const creates = apiCalls(emulator, 'POST', '/v3/videos');
		expect(creates.map((create) => create.body)).toEqual([0, 1].map((i) => ({
			type: 'cinematic_avatar',
			prompt: `Person ${i} walks into a sunlit office and waves at the camera`,
			avatar_id: [SEED_IDS.digitalTwinLook, SEED_IDS.studioLook],
			references: [{ type: 'url', url: 'https://media.example.com/mood.png' }],
			aspect_ratio: '9:16',
			resolution: '1080p',
			title: `Hello Person ${i}`,
			duration: 6,
			enhance_prompt: true,
		})));
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-video-/);
		expect(creates[0].headers['idempotency-key']).not.toBe(creates[1].headers['idempotency-key']);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		result.output.forEach((item, i) => {
			expect(item.json).toMatchObject({ video_id: expect.any(String), status: 'completed', duration: 6, callback_id: `contact-${i}`, id: `contact-${i}`, name: `Person ${i}` });
			expect(item.json.video_url).toEqual(expect.stringContaining(emulator.storageUrl));
		});
	});

	it('uploads binary references first, one asset per file, and downloads the video', async () => {
		const input: INodeExecutionData[] = [{
			json: { id: 'c1', name: 'Ada' },
			binary: {
				clip: { data: MP4.toString('base64'), mimeType: 'video/mp4', fileName: 'motion.mp4' },
				style: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'style.png' },
			},
		}];
		const references = { reference: [{ media: 'video', source: 'binary', binaryField: 'clip' }, { media: 'image', source: 'binary', binaryField: 'style' }] };
		const result = await runHeyGen(emulator, cinematic({ references, downloadVideo: true, binaryPropertyName: 'video' }), { items: input });
		expect(result.error).toBeUndefined();
		const uploads = apiCalls(emulator, 'POST', '/v3/assets');
		expect(uploads).toHaveLength(2);
		const [create] = apiCalls(emulator, 'POST', '/v3/videos');
		expect(emulator.requests.indexOf(create)).toBeGreaterThan(emulator.requests.indexOf(uploads[1]));
		const assetIds = (create.body as { references: Array<{ asset_id: string }> }).references.map((reference) => reference.asset_id);
		expect(assetIds).toEqual([expect.any(String), expect.any(String)]);
		expect(new Set(assetIds).size).toBe(2);
		expect(emulator.state.assets.find(assetIds[0])?.kind).toBe('video');
		const bytes = await readBinary(result.output[0].binary!.video);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
	});

	it('a re-run replays the same renders instead of paying again', async () => {
		await runHeyGen(emulator, cinematic(), { items: contacts(2), executionId: '7101' });
		const again = await runHeyGen(emulator, cinematic(), { items: contacts(2), executionId: '7102' });
		expect(again.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(emulator.state.summary().videos).toBe(2);
	});

	it('a failed render is an error item carrying its id and Callback ID (Continue On Fail)', async () => {
		const result = await runHeyGen(emulator, cinematic({ prompt: '={{ $json.prompt }}' }), {
			items: items({ id: 'a', prompt: 'A calm walk' }, { id: 'b', prompt: 'A walk [[fail]]' }),
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(result.output[1].json).toMatchObject({ callback_id: 'b', video_id: expect.any(String) });
		expect(result.output[1].json.error).toMatch(/^The video \S+ failed: Avatar rendering timed out \[item 1\]$/);
	});

	it.each([
		['four looks', { looks: { look: [1, 2, 3, 4].map(() => look(SEED_IDS.studioLook)) } }, '"Avatar Looks" must hold 1 to 3 looks, not 4 [item 0]'],
		['no look', { looks: {} }, '"Avatar Looks" must hold 1 to 3 looks, not 0 [item 0]'],
		[
			'seven reference images beside three looks',
			{
				looks: { look: [look(SEED_IDS.studioLook), look(SEED_IDS.digitalTwinLook), look(SEED_IDS.photoLook)] },
				references: { reference: [1, 2, 3, 4, 5, 6, 7].map((n) => urlReference(`https://media.example.com/${n}.png`)) },
			},
			'"References" hold 7 images; with 3 avatar looks at most 6 fit [item 0]',
		],
		[
			'four reference videos',
			{ references: { reference: [1, 2, 3, 4].map((n) => urlReference(`https://media.example.com/${n}.mp4`, 'video')) } },
			'"References" hold 4 videos; HeyGen takes at most 3 [item 0]',
		],
		['a duration beside Automatic Duration', { additionalFields: { duration: 8, auto_duration: true } }, '"Duration (Seconds)" cannot be combined with auto_duration: give one or the other [item 0]'],
		['a duration of 20 seconds', { additionalFields: { duration: 20 } }, '"Duration (Seconds)" must be from 4 to 15 seconds [item 0]'],
		['a reference URL on a private address', { references: { reference: [urlReference('http://10.1.2.3/a.png')] } }, '"Reference 1 › URL" must be a public address HeyGen can reach, not 10.1.2.3 [item 0]'],
	])('refuses %s before any request', async (_, overrides, message) => {
		const result = await runHeyGen(emulator, cinematic(overrides), { items: contacts(1), baseUrl: publicBaseUrl(emulator) });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/nothing was sent to HeyGen\.$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('refuses a binary reference that is not what it says, before uploading', async () => {
		const input: INodeExecutionData[] = [{ json: { id: 'c', name: 'Ada' }, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'a.png' } } }];
		const result = await runHeyGen(emulator, cinematic({ references: { reference: [{ media: 'video', source: 'binary', binaryField: 'data' }] } }), { items: input });
		expect(result.error?.message).toBe('"Reference 1 › Input Binary Field" holds image/png, not a video file [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Video → Create Cinematic Video, parked', () => {
	it('goes in one video batch without callback fields, parks, and resumes with the Callback IDs and files', async () => {
		const started = await runHeyGen(emulator, cinematic({ waitMode: 'park', downloadVideo: true, binaryPropertyName: 'data' }), { items: contacts(3), parkingLot: lot });
		expect(started.status).toBe('waiting');
		const [batch] = apiCalls(emulator, 'POST', '/v3/videos/batches');
		const body = batch.body as { videos: IDataObject[]; callback_url: string };
		expect(body.videos).toHaveLength(3);
		expect(body.videos.every((video) => video.type === 'cinematic_avatar' && !('callback_id' in video) && !('callback_url' in video))).toBe(true);
		expect(body.callback_url).toContain(`/${started.executionId}?signature=`);
		expect(apiCalls(emulator, 'POST', '/v3/videos')).toHaveLength(0);

		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.pairedItem, item.json.callback_id, item.json.status])).toEqual([
			[{ item: 0 }, 'contact-0', 'completed'],
			[{ item: 1 }, 'contact-1', 'completed'],
			[{ item: 2 }, 'contact-2', 'completed'],
		]);
		expect(resumed.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);
	});
});
