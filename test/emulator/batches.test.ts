import { SEED_IDS } from '../../emulator';
import { MAX_STATUS_IDS } from '../../nodes/HeyGen/schemas';
import { createBatch, peakOverlap, videos, waitForBatch } from './batchHelpers';
import {
	avatarVideo,
	call,
	control,
	expectError,
	expectValidResponse,
	sleep,
	uploadSample,
	useEmulator,
	waitForVideo,
	type Json,
} from './helpers';

const emulator = useEmulator({ concurrencyLimit: 2, timings: { pendingMs: 20, processingMs: 80 } });

const videoIdsOf = (items: Json[]) => items.map((item) => item.video_id);

describe('POST /v3/videos/batches', () => {
	it('answers 202 with the batch id and its items; items become real, billed videos', async () => {
		const balanceBefore = emulator().state.balance;
		const created = await call(emulator(), 'POST', '/v3/videos/batches', {
			body: { title: 'Launch', videos: videos(2, (i) => ({ title: `Video ${i}`, callback_id: `row-${i}` })) },
		});
		expect(created.status).toBe(202);
		expectValidResponse('createVideoBatch', created.body);
		const batch = created.body.data;
		expect(batch).toMatchObject({
			batch_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			status: 'processing',
			total_items: 2,
			title: 'Launch',
			counts_by_status: { queued: 2, processing: 0, completed: 0, failed: 0 },
		});
		expect(batch.items.map((item: Json) => [item.item_index, item.status])).toEqual([
			[0, 'queued'],
			[1, 'queued'],
		]);
		// Both fit under the cap of 2, so both videos exist at once.
		for (const item of batch.items) expect(item.video_id).toMatch(/^[0-9a-f]{32}$/);

		const done = await waitForBatch(emulator(), batch.batch_id);
		expect(done).toMatchObject({ status: 'completed', counts_by_status: { queued: 0, processing: 0, completed: 2, failed: 0 } });
		expect(videoIdsOf(done.items)).toEqual(videoIdsOf(batch.items));
		for (const [index, videoId] of videoIdsOf(done.items).entries()) {
			const { detail } = await waitForVideo(emulator(), videoId);
			expect(detail).toMatchObject({ status: 'completed', title: `Video ${index}` });
			const download = await fetch(detail.video_url);
			expect(download.status).toBe(200);
			await download.arrayBuffer();
		}
		const costs = videoIdsOf(done.items).map((id: string) => emulator().state.videos.get(id)!.costCredits);
		expect(emulator().state.balance).toBeCloseTo(balanceBefore - costs[0] - costs[1], 5);
	});

	it('queues the items past the concurrency cap instead of refusing, and starts each as a slot frees up', async () => {
		const batch = await createBatch(emulator(), videos(5));
		expect(batch.items.map((item: Json) => item.video_id === null)).toEqual([false, false, true, true, true]);
		// Nobody (not even the emulator's own clock) looks while the first slots free up: the queued
		// items still start at that moment, not when the account is next observed.
		const firstEnd = emulator().state.videos.get(batch.items[0].video_id)!.finishedAtMs;
		while (Date.now() < firstEnd + 40) {
			// busy wait: blocks the in-process emulator's timers too
		}
		// Single creates still meet the cap the batch holds.
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() }), 429, 'rate_limit_exceeded');

		const done = await waitForBatch(emulator(), batch.batch_id);
		expect(done.status).toBe('completed');
		const jobs = videoIdsOf(done.items).map((id: string) => emulator().state.videos.get(id)!);
		expect(peakOverlap(jobs.map((job) => [job.createdAtMs, job.finishedAtMs]))).toBe(2);
		// Each queued item started the moment an earlier one freed its slot, in submission order.
		expect(jobs[2].createdAtMs).toBe(jobs[0].finishedAtMs);
		expect(jobs[3].createdAtMs).toBe(jobs[1].finishedAtMs);
		expect(jobs[4].createdAtMs).toBe(jobs[2].finishedAtMs);
	});

	it('lets queued items take slots before later single creates, and counts running ones against the cap', async () => {
		const batch = await createBatch(emulator(), videos(4));
		const first = emulator().state.videos.get(batch.items[0].video_id)!;
		await sleep(first.finishedAtMs - Date.now() + 5);
		// Both freed slots went to items 2 and 3, so the account is still at its cap.
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() }), 429, 'rate_limit_exceeded');
		const read = await call(emulator(), 'GET', `/v3/videos/batches/${batch.batch_id}`);
		expect(read.body.data.items.slice(2).map((item: Json) => item.video_id)).toEqual([
			expect.stringMatching(/^[0-9a-f]{32}$/),
			expect.stringMatching(/^[0-9a-f]{32}$/),
		]);
	});

	it('replays the same batch for the same Idempotency-Key', async () => {
		const first = await call(emulator(), 'POST', '/v3/videos/batches', {
			body: { videos: videos(3) },
			idempotencyKey: 'batch-key-1',
		});
		const again = await call(emulator(), 'POST', '/v3/videos/batches', {
			body: { videos: videos(3) },
			idempotencyKey: 'batch-key-1',
		});
		expect([first.status, again.status]).toEqual([202, 202]);
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.batches.size).toBe(1);
		// Every video there is belongs to that one batch: the repeat rendered nothing.
		const [stored] = emulator().state.batches.values();
		const itemVideos = new Set(stored.items.map((item) => item.jobId).filter(Boolean));
		expect([...emulator().state.videos.keys()].every((id) => itemVideos.has(id))).toBe(true);
		const other = await createBatch(emulator(), videos(1), {}, 'batch-key-2');
		expect(other.batch_id).not.toBe(first.body.data.batch_id);
	});

	it('checks every item as POST /v3/videos does and names the item in param', async () => {
		const bad = async (items: Array<Record<string, unknown>>, status: number, code: string, param: string) => {
			const response = await call(emulator(), 'POST', '/v3/videos/batches', { body: { videos: items } });
			expectError(response, status, code, param);
			return response;
		};
		const blankScript = await bad(videos(4, (i) => (i === 3 ? { script: '   ' } : {})), 400, 'invalid_parameter', 'videos.3.script');
		expect(blankScript.body.error.message).toContain('videos.3.script');
		await bad(videos(2, (i) => (i === 1 ? { test: true } : {})), 400, 'invalid_parameter', 'videos.1.test');
		await bad(videos(3, (i) => (i === 2 ? { avatar_id: 'lk_nobody' } : {})), 404, 'avatar_not_found', 'videos.2.avatar_id');
		const noVoice = await bad(
			[avatarVideo(), { type: 'image', image: { type: 'url', url: 'https://img.example.com/a.png' }, script: 'Hi' }],
			400,
			'invalid_parameter',
			'videos.1.voice_id',
		);
		expect(noVoice.body.error.message).toContain("'videos.1.voice_id'");
		await bad(
			[{ type: 'studio', scenes: [{ type: 'avatar_video', input: { type: 'avatar', avatar_id: SEED_IDS.studioLook } }] }],
			400,
			'invalid_parameter',
			'videos.0.scenes.0.input.script',
		);
		await bad(videos(101), 400, 'invalid_parameter', 'videos');
		await bad([], 400, 'invalid_parameter', 'videos');
		const extra = await call(emulator(), 'POST', '/v3/videos/batches', { body: { videos: videos(1), folder_id: 'f' } });
		expectError(extra, 400, 'invalid_parameter', 'folder_id');
		expect(emulator().state.videos.size).toBe(0);
		expect(emulator().state.batches.size).toBe(0);
	});

	it('accepts up to 100 items and studio and image items beside avatar ones', async () => {
		const imageId = await uploadSample(emulator(), 'png');
		const mixed = await createBatch(emulator(), [
			avatarVideo(),
			{ type: 'image', image: { type: 'asset_id', asset_id: imageId }, audio_url: 'https://cdn.example.com/a.mp3' },
			{ type: 'studio', scenes: [{ type: 'image', source: { type: 'asset_id', asset_id: imageId }, duration: 3 }] },
		]);
		expect(mixed.total_items).toBe(3);
		const full = await createBatch(emulator(), videos(100));
		expect(full.total_items).toBe(100);
		expect(full.items).toHaveLength(100);
	});

	it('refuses with 402 a batch the wallet cannot pay for', async () => {
		await control(emulator(), 'PATCH', '/config', { balance: 1 });
		const response = await call(emulator(), 'POST', '/v3/videos/batches', { body: { videos: videos(20) } });
		expectError(response, 402, 'insufficient_credit');
		expect(emulator().state.batches.size).toBe(0);
	});

	it('fails a queued item whose credits are gone by the time a slot frees, without a video', async () => {
		const batch = await createBatch(emulator(), videos(3));
		await control(emulator(), 'PATCH', '/config', { balance: 0 });
		const done = await waitForBatch(emulator(), batch.batch_id);
		expect(done.status).toBe('completed');
		expect(done.items.map((item: Json) => item.status)).toEqual(['completed', 'completed', 'failed']);
		expect(done.items[2]).toMatchObject({ video_id: null, error: { code: 'insufficient_credit' } });
		expect(emulator().state.videos.size).toBe(2);
	});

	it('fails items by the magic inputs, reporting their error, and aggregates the batch status', async () => {
		const mixed = await createBatch(emulator(), [
			avatarVideo({ script: 'Breaks [[fail]]' }),
			avatarVideo(),
			avatarVideo({ script: 'Bare [[fail:bare]]' }),
		]);
		const done = await waitForBatch(emulator(), mixed.batch_id);
		expect(done.status).toBe('completed');
		expect(done.items).toEqual([
			{
				item_index: 0,
				status: 'failed',
				video_id: expect.any(String),
				error: { code: 'rendering_failed', message: 'Avatar rendering timed out' },
			},
			{ item_index: 1, status: 'completed', video_id: expect.any(String) },
			{ item_index: 2, status: 'failed', video_id: expect.any(String), error: null },
		]);
		const allFailed = await createBatch(emulator(), videos(2, () => ({ audio_url: 'https://media.invalid/a.mp3', script: undefined })));
		expect((await waitForBatch(emulator(), allFailed.batch_id)).status).toBe('failed');
	});
});

describe('GET /v3/videos/batches/{batch_id}', () => {
	it('pages items by limit and token while the aggregate covers them all', async () => {
		const batch = await createBatch(emulator(), videos(5));
		const pages: Json[] = [];
		let token: string | undefined;
		do {
			const response = await call(
				emulator(),
				'GET',
				`/v3/videos/batches/${batch.batch_id}?limit=2${token ? `&token=${token}` : ''}`,
			);
			expect(response.status).toBe(200);
			expectValidResponse('getVideoBatch', response.body);
			pages.push(response.body.data);
			token = response.body.data.next_token ?? undefined;
		} while (token);
		expect(pages.map((page) => page.items.map((item: Json) => item.item_index))).toEqual([[0, 1], [2, 3], [4]]);
		expect(pages.map((page) => page.has_more)).toEqual([true, true, false]);
		for (const page of pages) {
			expect(page.total_items).toBe(5);
			expect(Object.values(page.counts_by_status).reduce((sum: number, count) => sum + (count as number), 0)).toBe(5);
		}
		const whole = await call(emulator(), 'GET', `/v3/videos/batches/${batch.batch_id}`);
		expect(whole.body.data.items).toHaveLength(5);
		expect(whole.body.data.has_more).toBe(false);
	});

	it('refuses bad paging and answers 404 for an unknown batch', async () => {
		const batch = await createBatch(emulator(), videos(3));
		const other = await createBatch(emulator(), videos(3));
		const firstPage = await call(emulator(), 'GET', `/v3/videos/batches/${other.batch_id}?limit=1`);
		const foreign = await call(
			emulator(),
			'GET',
			`/v3/videos/batches/${batch.batch_id}?token=${firstPage.body.data.next_token}`,
		);
		expectError(foreign, 400, 'invalid_parameter', 'token');
		expectError(await call(emulator(), 'GET', `/v3/videos/batches/${batch.batch_id}?limit=101`), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', `/v3/videos/batches/${batch.batch_id}?page=2`), 400, 'invalid_parameter', 'page');
		expectError(await call(emulator(), 'GET', '/v3/videos/batches/nope'), 404, 'not_found');
		const translationBatch = await call(emulator(), 'POST', '/v3/video-translations/batches', {
			body: { video_translations: [{ video: { type: 'url', url: 'https://cdn.example.com/v.mp4' }, output_languages: ['French'] }] },
		});
		expectError(await call(emulator(), 'GET', `/v3/videos/batches/${translationBatch.body.data.batch_id}`), 404, 'not_found');
	});
});

describe('GET /v3/videos/statuses', () => {
	it('answers looked-up videos and expanded batches in one list, not_found for the unknown', async () => {
		const single = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		const singleId = single.body.data.video_id;
		await waitForVideo(emulator(), singleId);
		const batch = await createBatch(emulator(), videos(3, (i) => (i === 0 ? { script: 'No [[fail]]' } : {})));
		const response = await call(
			emulator(),
			'GET',
			`/v3/videos/statuses?video_ids=${singleId},missing-video,${singleId}&batch_ids=${batch.batch_id},missing-batch`,
		);
		expect(response.status).toBe(200);
		expectValidResponse('getVideoStatuses', response.body);
		expect([response.body.has_more, response.body.next_token]).toEqual([false, null]);
		// Started videos wait in the render queue (`pending`, reported `queued`), then render.
		const startedStatus = expect.stringMatching(/^(queued|processing)$/);
		expect(response.body.data).toEqual([
			{ video_id: singleId, status: 'completed' },
			{ video_id: 'missing-video', status: 'not_found' },
			{ batch_id: batch.batch_id, item_index: 0, status: startedStatus, video_id: batch.items[0].video_id },
			{ batch_id: batch.batch_id, item_index: 1, status: startedStatus, video_id: batch.items[1].video_id },
			// Past the cap: no video yet.
			{ batch_id: batch.batch_id, item_index: 2, status: 'queued', video_id: null },
			{ batch_id: 'missing-batch', status: 'not_found' },
		]);

		await waitForBatch(emulator(), batch.batch_id);
		const later = await call(emulator(), 'GET', `/v3/videos/statuses?batch_ids=${batch.batch_id}`);
		expect(later.body.data.map((entry: Json) => entry.status)).toEqual(['failed', 'completed', 'completed']);
		expect(later.body.data[0].error).toEqual({ code: 'rendering_failed', message: 'Avatar rendering timed out' });
		expect(later.body.data[2].video_id).toMatch(/^[0-9a-f]{32}$/);
	});

	it('reports deleted videos and other resources as not_found', async () => {
		const created = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		await call(emulator(), 'DELETE', `/v3/videos/${created.body.data.video_id}`);
		const translation = await call(emulator(), 'POST', '/v3/video-translations', {
			body: { video: { type: 'url', url: 'https://cdn.example.com/v.mp4' }, output_languages: ['French'] },
		});
		const translationId = translation.body.data.video_translation_ids[0];
		const response = await call(emulator(), 'GET', `/v3/videos/statuses?video_ids=${created.body.data.video_id},${translationId}`);
		expect(response.body.data.map((entry: Json) => entry.status)).toEqual(['not_found', 'not_found']);
	});

	it(`takes at most ${MAX_STATUS_IDS} ids in all, and needs at least one`, async () => {
		const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(',');
		const full = await call(emulator(), 'GET', `/v3/videos/statuses?video_ids=${ids(60, 'v')}&batch_ids=${ids(40, 'b')}`);
		expect(full.status).toBe(200);
		expect(full.body.data).toHaveLength(100);
		expectError(
			await call(emulator(), 'GET', `/v3/videos/statuses?video_ids=${ids(60, 'v')}&batch_ids=${ids(41, 'b')}`),
			400,
			'invalid_parameter',
			'batch_ids',
		);
		expectError(await call(emulator(), 'GET', `/v3/videos/statuses?video_ids=${ids(101, 'v')}`), 400, 'invalid_parameter', 'video_ids');
		expectError(await call(emulator(), 'GET', '/v3/videos/statuses'), 400, 'invalid_parameter', 'video_ids');
		expectError(await call(emulator(), 'GET', '/v3/videos/statuses?video_ids=a,,b'), 400, 'invalid_parameter', 'video_ids');
		expectError(await call(emulator(), 'GET', '/v3/videos/statuses?video_ids=a&limit=5'), 400, 'invalid_parameter', 'limit');
	});
});

describe('translation batches', () => {
	const source = { type: 'url', url: 'https://cdn.example.com/source.mp4' };

	it('makes one item per output language, queued past the cap, read by batch and by bulk status', async () => {
		const created = await call(emulator(), 'POST', '/v3/video-translations/batches', {
			body: {
				title: 'Localise',
				video_translations: [
					{ video: source, output_languages: ['French', 'German'], callback_id: 'a' },
					{ video: source, output_languages: ['Italian'], title: 'Breaks [[fail]]' },
				],
			},
		});
		expect(created.status).toBe(202);
		expectValidResponse('createTranslationBatch', created.body);
		const batch = created.body.data;
		expect(batch.total_items).toBe(3);
		expect(batch.items.map((item: Json) => item.video_id === null)).toEqual([false, false, true]);
		const ids = videoIdsOf(batch.items).slice(0, 2);
		expect(ids.map((id: string) => emulator().state.translations.get(id)!.outputLanguage)).toEqual(['French', 'German']);

		const done = await waitForBatch(emulator(), batch.batch_id, 5000, '/v3/video-translations/batches');
		expectValidResponse('getTranslationBatch', { data: done });
		expect(done.items.map((item: Json) => item.status)).toEqual(['completed', 'completed', 'failed']);
		expect(done.items[2].error.message).toContain('could not be separated');
		expect(emulator().state.translations.get(done.items[2].video_id)!.outputLanguage).toBe('Italian');

		const statuses = await call(
			emulator(),
			'GET',
			`/v3/video-translations/statuses?video_translation_ids=${ids[0]},nope&batch_ids=${batch.batch_id}`,
		);
		expectValidResponse('getTranslationStatuses', statuses.body);
		expect(statuses.body.data.map((entry: Json) => [entry.video_id ?? null, entry.status, entry.item_index ?? null])).toEqual([
			[ids[0], 'completed', null],
			['nope', 'not_found', null],
			[ids[0], 'completed', 0],
			[ids[1], 'completed', 1],
			[done.items[2].video_id, 'failed', 2],
		]);
	});

	it('checks each payload as POST /v3/video-translations does and caps the items at 100', async () => {
		const refuse = async (body: unknown, param: string) =>
			expectError(await call(emulator(), 'POST', '/v3/video-translations/batches', { body }), 400, 'invalid_parameter', param);
		await refuse(
			{ video_translations: [{ video: source, output_languages: ['French'] }, { video: source, output_languages: ['Klingon'] }] },
			'video_translations.1.output_languages.0',
		);
		await refuse({ video_translations: [{ video: source, output_languages: [] }] }, 'video_translations.0.output_languages');
		const languages = ['French', 'German', 'Italian', 'Dutch', 'Polish'];
		const payloads = Array.from({ length: 21 }, () => ({ video: source, output_languages: languages }));
		await refuse({ video_translations: payloads }, 'video_translations');
		expect(emulator().state.translations.size).toBe(0);
		const twenty = await call(emulator(), 'POST', '/v3/video-translations/batches', { body: { video_translations: payloads.slice(1) } });
		expect(twenty.body.data.total_items).toBe(100);
	});
});
