import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, avatarVideoParameters, items, locator, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();

/** Creates videos without waiting and returns their ids. */
async function createVideos(n: number, script = 'Hello there'): Promise<string[]> {
	const result = await runHeyGen(
		emulator,
		avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), script, waitForCompletion: false, callback_id: '' }),
		{ items: items(...Array.from({ length: n }, (_, i) => ({ i }))) },
	);
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.video_id));
}

describe('Video → Wait for Completion', () => {
	it('waits for videos made elsewhere, together, and can download them', async () => {
		const ids = await createVideos(3);
		emulator.requests.length = 0;
		const result = await runHeyGen(
			emulator,
			{ resource: 'video', operation: 'waitForCompletion', video_id: locator('={{ $json.id }}'), downloadVideo: true, binaryPropertyName: 'data' },
			{ items: items(...ids.map((id) => ({ id }))) },
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.video_id)).toEqual(ids);
		expect(result.output.every((item) => item.json.status === 'completed')).toBe(true);
		expect(result.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('reports a failed render of a video made elsewhere as an item error', async () => {
		const [id] = await createVideos(1, 'broken [[fail:content_policy_violation]]');
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'waitForCompletion', video_id: locator(id) }, { continueOnFail: true });
		expect(result.output[0].json).toMatchObject({ video_id: id, error: expect.stringContaining(`The video ${id} failed`) });
		expect(String(result.output[0].json.error_description)).toContain('content policy');
	});

	it('an unknown id is a 404 naming the id', async () => {
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'waitForCompletion', video_id: locator('vid_missing') });
		expect(result.error?.message).toBe('The video "vid_missing" was not found [item 0]');
	});
});

describe('Video → Get, Get Many, Download, Delete', () => {
	it('Get returns the video with a fresh link, and accepts a video page URL', async () => {
		const [id] = await createVideos(1);
		const byId = await runHeyGen(emulator, { resource: 'video', operation: 'get', video_id: locator(id) });
		expect(byId.output[0].json).toMatchObject({ video_id: id, status: expect.stringMatching(/pending|processing|completed/) });
		const byUrl = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'get',
			video_id: { __rl: true, mode: 'url', value: `https://app.heygen.com/videos/${id}` },
		});
		expect(byUrl.error).toBeUndefined();
		expect(byUrl.output[0].json.video_id).toBe(id);
		expect(apiCalls(emulator, 'GET', `/v3/videos/${id}`)).toHaveLength(2);
	});

	it('Get Many returns one item per video, across pages, up to the limit', async () => {
		await createVideos(14);
		const limited = await runHeyGen(emulator, { resource: 'video', operation: 'getMany', returnAll: false, limit: 12 });
		expect(limited.output).toHaveLength(12);
		expect(limited.output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		emulator.requests.length = 0;
		const all = await runHeyGen(emulator, { resource: 'video', operation: 'getMany', returnAll: true });
		expect(all.output).toHaveLength(14);
		expect(new Set(all.output.map((item) => item.json.video_id)).size).toBe(14);
		expect(apiCalls(emulator, 'GET', '/v3/videos')[0].query).toMatchObject({ limit: '100' });
	});

	it('Download streams a finished video into a binary field with a freshly signed link', async () => {
		emulator.config.videoSizeBytes = 123_457;
		const [id] = await createVideos(1);
		await runHeyGen(emulator, { resource: 'video', operation: 'waitForCompletion', video_id: locator(id) });
		emulator.requests.length = 0;
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'download', video_id: locator(id), binaryPropertyName: 'file' });
		expect(result.error).toBeUndefined();
		const binary = result.output[0].binary?.file;
		expect(binary).toMatchObject({ mimeType: 'video/mp4', fileName: `${id}.mp4` });
		expect((await readBinary(binary!)).length).toBe(123_457);
		expect(apiCalls(emulator, 'GET', `/v3/videos/${id}`)).toHaveLength(1);
		expect(emulator.requests.filter((r) => r.server === 'storage').every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
	});

	it('Download of an expired link asks HeyGen for a fresh one and succeeds', async () => {
		emulator.config.downloadUrlTtlSeconds = 1;
		const [id] = await createVideos(1);
		const waited = await runHeyGen(emulator, { resource: 'video', operation: 'waitForCompletion', video_id: locator(id) });
		const staleUrl = String(waited.output[0].json.video_url);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		expect((await fetch(staleUrl)).status).toBe(403);
		emulator.config.downloadUrlTtlSeconds = 3600;
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'download', video_id: locator(id), binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(result.output[0].binary?.data?.mimeType).toBe('video/mp4');
	});

	it('Download of an unfinished video says it is not ready', async () => {
		emulator.config.timings = { pendingMs: 100, processingMs: 60_000 };
		const [id] = await createVideos(1);
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'download', video_id: locator(id), binaryPropertyName: 'data' });
		expect(result.error?.message).toMatch(new RegExp(`^The video ${id} is not ready to download \\(status: (pending|processing)\\) \\[item 0\\]$`));
	});

	it('Delete returns { deleted: true }, and a second delete is a clear 404', async () => {
		const [id] = await createVideos(1);
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'delete', video_id: locator(id) });
		expect(result.output[0].json).toEqual({ video_id: id, deleted: true });
		expect(apiCalls(emulator, 'DELETE', `/v3/videos/${id}`)).toHaveLength(1);
		const again = await runHeyGen(emulator, { resource: 'video', operation: 'delete', video_id: locator(id) }, { continueOnFail: true });
		expect(again.output[0].json.error).toBe(`The video "${id}" was not found [item 0]`);
		expect(again.output[0].pairedItem).toEqual({ item: 0 });
	});
});
