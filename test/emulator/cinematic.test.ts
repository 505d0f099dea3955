import { CINEMATIC_CREDITS_PER_VIDEO, SEED_IDS } from '../../emulator';
import { createBatch, waitForBatch } from './batchHelpers';
import { call, expectError, expectValidResponse, uploadSample, useEmulator, waitForVideo, expectLifecycle } from './helpers';

const emulator = useEmulator();

const cinematic = (overrides: Record<string, unknown> = {}) => ({
	type: 'cinematic_avatar',
	prompt: 'A founder walks through a sunlit office, handheld camera',
	avatar_id: [SEED_IDS.digitalTwinLook],
	...overrides,
});
const create = (body: Record<string, unknown>) => call(emulator(), 'POST', '/v3/videos', { body });
const image = (n: number) => ({ type: 'url', url: `https://media.example.com/style-${n}.png` });
const clip = (n: number) => ({ type: 'url', url: `https://media.example.com/motion-${n}.mp4` });

describe('POST /v3/videos with type cinematic_avatar', () => {
	it('renders a video from a prompt and looks, as long as asked, charged per video', async () => {
		Object.assign(emulator().config.timings, { pendingMs: 300, processingMs: 400 });
		const created = await create(cinematic({ avatar_id: [SEED_IDS.digitalTwinLook, SEED_IDS.studioLook], duration: 6, references: [image(1), clip(1)], aspect_ratio: '9:16', resolution: '1080p', enhance_prompt: true, title: 'Office walk' }));
		expect(created.status).toBe(200);
		expectValidResponse('createVideo', created.body);
		const { detail, seen } = await waitForVideo(emulator(), created.body.data.video_id);
		expectLifecycle(seen, ['pending', 'processing', 'completed']);
		expect(detail).toMatchObject({ status: 'completed', title: 'Office walk', duration: 6 });
		const [video] = emulator().state.summary().video_list;
		expect(video).toMatchObject({ kind: 'cinematic', avatar_id: SEED_IDS.digitalTwinLook, cost_credits: CINEMATIC_CREDITS_PER_VIDEO, charged: true });
	});

	it('lasts 10 seconds by default, and 4 to 15 seconds by the prompt with auto_duration', async () => {
		const plain = await waitForVideo(emulator(), (await create(cinematic())).body.data.video_id);
		expect(plain.detail.duration).toBe(10);
		const auto = await waitForVideo(emulator(), (await create(cinematic({ auto_duration: true }))).body.data.video_id);
		expect(auto.detail.duration).toBeGreaterThanOrEqual(4);
		expect(auto.detail.duration).toBeLessThanOrEqual(15);
	});

	it.each([
		['no look', { avatar_id: [] }, 'avatar_id'],
		['four looks', { avatar_id: ['a', 'b', 'c', 'd'] }, 'avatar_id'],
		['a single look id instead of a list', { avatar_id: SEED_IDS.studioLook }, 'avatar_id'],
		['a blank prompt', { prompt: '  ' }, 'prompt'],
		['a prompt over 10,000 characters', { prompt: 'a'.repeat(10_001) }, 'prompt'],
		['a duration of 3 seconds', { duration: 3 }, 'duration'],
		['a duration of 16 seconds', { duration: 16 }, 'duration'],
		['a fractional duration', { duration: 7.5 }, 'duration'],
		['a duration beside auto_duration', { duration: 8, auto_duration: true }, 'duration'],
		['an aspect ratio cinematic videos do not take', { aspect_ratio: '4:5' }, 'aspect_ratio'],
		['4K', { resolution: '4k' }, 'resolution'],
		['a script (cinematic videos take none)', { script: 'Hello' }, 'script'],
		['a callback_id (cinematic videos take none)', { callback_id: 'row-1' }, 'callback_id'],
		['a reference without its url', { references: [{ type: 'url' }] }, 'references.0.url'],
	])('answers 400 for %s', async (_, overrides, param) => {
		expectError(await create(cinematic(overrides)), 400, 'invalid_parameter', param);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('answers 404 for a look that does not exist, naming which', async () => {
		expectError(await create(cinematic({ avatar_id: [SEED_IDS.studioLook, 'lk_nobody'] })), 404, 'avatar_not_found', 'avatar_id.1');
	});

	it('keeps looks and references within 9 images and 3 videos in all; looks count as images', async () => {
		const looks = [SEED_IDS.studioLook, SEED_IDS.digitalTwinLook, SEED_IDS.photoLook];
		const sixImages = [1, 2, 3, 4, 5, 6].map(image);
		expect((await create(cinematic({ avatar_id: looks, references: [...sixImages, clip(1), clip(2), clip(3)] }))).status).toBe(200);
		const tooManyImages = await create(cinematic({ avatar_id: looks, references: [...sixImages, image(7)] }));
		expectError(tooManyImages, 400, 'invalid_parameter', 'references');
		expect(tooManyImages.body.error.message).toBe("At most 9 images are allowed across 'avatar_id' and 'references' (got 10: 3 avatar looks and 7 reference images).");
		expectError(await create(cinematic({ references: [clip(1), clip(2), clip(3), clip(4)] })), 400, 'invalid_parameter', 'references');
		// An uploaded file counts by its own kind.
		const uploads = await Promise.all([1, 2, 3, 4].map(() => uploadSample(emulator(), 'mp4')));
		const asAssets = uploads.map((asset_id) => ({ type: 'asset_id', asset_id }));
		expectError(await create(cinematic({ references: asAssets })), 400, 'invalid_parameter', 'references');
		expectError(await create(cinematic({ references: [{ type: 'asset_id', asset_id: 'gone' }] })), 404, 'asset_not_found', 'references.0.asset_id');
	});

	it('fails with download_failed when a reference cannot be fetched, and with rendering_failed for the marker', async () => {
		const unreachable = await waitForVideo(emulator(), (await create(cinematic({ references: [{ type: 'url', url: 'https://cdn.example.invalid/a.png' }] }))).body.data.video_id);
		expect(unreachable.detail).toMatchObject({ status: 'failed', failure_code: 'download_failed' });
		const marked = await waitForVideo(emulator(), (await create(cinematic({ prompt: 'A walk [[fail]]' }))).body.data.video_id);
		expect(marked.detail).toMatchObject({ status: 'failed', failure_code: 'rendering_failed' });
		expect(emulator().state.balance).toBe(1000);
	});

	it('goes in video batches, without callback fields of its own', async () => {
		const batch = await createBatch(emulator(), [cinematic(), cinematic({ prompt: 'A second shot' })]);
		const done = await waitForBatch(emulator(), batch.batch_id);
		expect(done.status).toBe('completed');
		expect(done.items.every((item: { status: string }) => item.status === 'completed')).toBe(true);
		const refused = await call(emulator(), 'POST', '/v3/videos/batches', { body: { videos: [cinematic({ callback_id: 'x' })] } });
		expectError(refused, 400, 'invalid_parameter', 'videos.0.callback_id');
	});
});
