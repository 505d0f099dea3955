import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, avatarVideoParameters, items, locator, runHeyGen, useEmulator, useParkingLot } from './heygen';

const emulator = useEmulator();
const lot = useParkingLot();

const voice = locator(SEED_IDS.englishFemaleVoice);
const contacts = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ id: `contact-${i}`, name: `Person ${i}` })));
const park = (overrides: Record<string, unknown> = {}) => avatarVideoParameters({ voice_id: voice, waitMode: 'park', ...overrides });
const statusReads = () => apiCalls(emulator, 'GET').filter((r) => /^\/v3\/videos(\/[^/]+|\/statuses|\/batches\/[^/]+)?$/.test(r.path));

describe('parking the execution until HeyGen calls back', () => {
	it('submits one batch, parks with no status requests, and resumes with what polling outputs', async () => {
		const started = await runHeyGen(emulator, park(), { items: contacts(5), parkingLot: lot });
		expect(started.status).toBe('waiting');
		const batches = apiCalls(emulator, 'POST', '/v3/videos/batches');
		expect(batches).toHaveLength(1);
		const body = batches[0].body as { videos: Array<{ callback_id: string }>; callback_url: string };
		expect(body.videos.map((video) => video.callback_id)).toEqual(['contact-0', 'contact-1', 'contact-2', 'contact-3', 'contact-4']);
		expect(body.callback_url.startsWith(`${lot.url}/${started.executionId}?signature=`)).toBe(true);
		expect(apiCalls(emulator, 'POST', '/v3/videos')).toHaveLength(0);
		const readsWhenParked = statusReads().length;

		const resumed = await lot.resumed(started.executionId);
		expect(resumed.via).toBe('webhook');
		expect(resumed.output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		resumed.output.forEach((item, i) => {
			expect(item.json).toMatchObject({ status: 'completed', callback_id: `contact-${i}`, video_id: expect.any(String) });
			expect(item.json.video_url).toEqual(expect.stringContaining(emulator.storageUrl));
			expect(item.json).not.toHaveProperty('heygen_wait');
		});
		// On resume: the batch read once, then each video read once for its fresh URLs.
		const reads = statusReads().slice(readsWhenParked);
		expect(reads.filter((r) => r.path.startsWith('/v3/videos/batches/'))).toHaveLength(1);
		expect(reads.filter((r) => /^\/v3\/videos\/[0-9a-f]{32}$/.test(r.path))).toHaveLength(5);
	});

	it('downloads the files and keeps the input fields on resume', async () => {
		const started = await runHeyGen(emulator, park({ downloadVideo: true, binaryPropertyName: 'clip', options: { includeInputFields: true } }), {
			items: contacts(2),
			parkingLot: lot,
		});
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output[1].json).toMatchObject({ id: 'contact-1', name: 'Person 1', status: 'completed' });
		const bytes = await readBinary(resumed.output[0].binary!.clip);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
	});

	it('splits more than 100 items into batches and waits for every batch', async () => {
		emulator.config.timings.processingMs = 50;
		const started = await runHeyGen(emulator, park(), { items: contacts(130), parkingLot: lot });
		const batches = apiCalls(emulator, 'POST', '/v3/videos/batches').map((r) => (r.body as { videos: unknown[] }).videos.length);
		expect(batches).toEqual([100, 30]);
		const resumed = await lot.resumed(started.executionId, 120_000);
		expect(resumed.output).toHaveLength(130);
		expect(resumed.output.every((item) => item.json.status === 'completed')).toBe(true);
		expect(emulator.state.summary().videos).toBe(130);
	});

	it('with Continue On Fail a failed render is an error item naming its item; the others complete', async () => {
		const started = await runHeyGen(emulator, park({ script: '={{ $json.script }}' }), {
			items: items({ id: 'a', script: 'fine' }, { id: 'b', script: 'no [[fail]]' }, { id: 'c', script: 'fine too' }),
			parkingLot: lot,
			continueOnFail: true,
		});
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => item.json.status)).toEqual(['completed', 'failed', 'completed']);
		expect(resumed.output[1].json.error).toMatch(/^The video \S+ failed: Avatar rendering timed out \[item 1\]$/);
	});

	it('without Continue On Fail a failed render stops the resumed run with that item named', async () => {
		const started = await runHeyGen(emulator, park({ script: '={{ $json.script }}' }), {
			items: items({ id: 'a', script: 'fine' }, { id: 'b', script: 'no [[fail]]' }),
			parkingLot: lot,
		});
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.error?.message).toMatch(/^The video \S+ failed: Avatar rendering timed out \[item 1\]$/);
		expect((resumed.error as { description?: string }).description).toContain('item 0:');
	});

	it('an early callback (before every item is done) keeps the run parked; the real one resumes it, a duplicate nothing', async () => {
		emulator.config.callbacks.early = true;
		emulator.config.callbacks.duplicate = true;
		// One render at a time: when the first ends (and the early callback comes) the others still wait.
		emulator.config.concurrencyLimit = 1;
		emulator.config.timings.processingMs = 300;
		const started = await runHeyGen(emulator, park(), { items: contacts(3), parkingLot: lot });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.every((item) => item.json.status === 'completed')).toBe(true);
		const calls = () => lot.requests.filter((request) => request.executionId === started.executionId);
		const early = emulator.deliveries.filter((delivery) => delivery.fault?.includes('callbacks.early'));
		expect(early.length).toBeGreaterThanOrEqual(1);
		// The early call and its copy, the real call and its copy: four calls, one resumption.
		const deadline = Date.now() + 5000;
		while (calls().length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
		expect(calls().length).toBeGreaterThanOrEqual(4);
		// Each video was read for its output exactly once: the copies cost nothing.
		expect(apiCalls(emulator, 'GET').filter((r) => /^\/v3\/videos\/[0-9a-f]{32}$/.test(r.path))).toHaveLength(3);
		expect(emulator.state.summary().videos).toBe(3);
	});

	it('a forged call to the resume URL without its token is refused; with it, nothing is trusted and the run stays parked', async () => {
		emulator.config.timings.processingMs = 3000;
		const started = await runHeyGen(emulator, park(), { items: contacts(1), parkingLot: lot });
		const url = (apiCalls(emulator, 'POST', '/v3/videos/batches')[0].body as { callback_url: string }).callback_url;
		const forged = await fetch(url.replace(/signature=[^&]+/, 'signature=forged'), { method: 'POST', body: '{"event_type":"batch.finished"}' });
		expect(forged.status).toBe(401);
		const knowing = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event_type":"batch.finished","event_data":{"status":"completed"}}' });
		expect(knowing.status).toBe(200);
		expect(lot.isWaiting(started.executionId)).toBe(true);
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output[0].json.status).toBe('completed');
	});

	it('a lost callback costs a late answer: at Max Wait the node checks every job and outputs what it finds', async () => {
		emulator.config.callbacks.lost.count = 5;
		emulator.config.timings.processingMs = 200;
		const started = await runHeyGen(emulator, park({ options: { maxWaitMinutes: 0.05 } }), { items: contacts(2), parkingLot: lot });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.via).toBe('webhook');
		expect(resumed.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(lot.requests.some((request) => request.executionId === started.executionId && request.query.heygen_wait === 'deadline')).toBe(true);
	});

	it("at Max Wait a job still rendering is reported with its id and status, nothing lost", async () => {
		emulator.config.timings.processingMs = 20_000;
		const started = await runHeyGen(emulator, park({ options: { maxWaitMinutes: 0.03 } }), { items: contacts(1), parkingLot: lot, continueOnFail: true });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output[0].json).toMatchObject({ status: expect.stringMatching(/pending|processing/), video_id: expect.any(String) });
		expect(resumed.output[0].json.error).toMatch(/was still (pending|processing) after 0.03 minutes \[item 0\]$/);
	});

	it('template videos park with the resume URL as each create\'s callback_url', async () => {
		const started = await runHeyGen(
			emulator,
			{
				resource: 'template',
				operation: 'generate',
				template_id: locator(SEED_IDS.salesTemplate),
				variables: { mappingMode: 'defineBelow', value: {} },
				callback_id: '={{ $json.id }}',
				waitForCompletion: true,
				waitMode: 'park',
			},
			{ items: contacts(3), parkingLot: lot },
		);
		expect(started.status).toBe('waiting');
		const creates = apiCalls(emulator, 'POST').filter((r) => r.path.startsWith('/v3/templates/'));
		expect(creates).toHaveLength(3);
		for (const create of creates) expect((create.body as { callback_url: string }).callback_url).toContain(`/${started.executionId}?signature=`);
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.json.callback_id, item.json.status])).toEqual([
			['contact-0', 'completed'],
			['contact-1', 'completed'],
			['contact-2', 'completed'],
		]);
	});

	it('translations park as one batch of every language and resume one item per language', async () => {
		const started = await runHeyGen(
			emulator,
			{
				resource: 'translation',
				operation: 'create',
				videoSource: 'url',
				video_url: '={{ $json.url }}',
				output_languages: ['Spanish (Spain)', 'French'],
				callback_id: '={{ $json.id }}',
				waitForCompletion: true,
				waitMode: 'park',
			},
			{ items: items({ id: 'webinar', url: 'https://media.example.com/webinar.mp4' }, { id: 'demo', url: 'https://media.example.com/demo.mp4' }), parkingLot: lot },
		);
		expect(started.status).toBe('waiting');
		const batch = apiCalls(emulator, 'POST', '/v3/video-translations/batches');
		expect(batch).toHaveLength(1);
		expect((batch[0].body as { video_translations: unknown[] }).video_translations).toHaveLength(2);
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.pairedItem, item.json.callback_id, item.json.output_language, item.json.status])).toEqual([
			[{ item: 0 }, 'webinar', 'Spanish (Spain)', 'completed'],
			[{ item: 0 }, 'webinar', 'French', 'completed'],
			[{ item: 1 }, 'demo', 'Spanish (Spain)', 'completed'],
			[{ item: 1 }, 'demo', 'French', 'completed'],
		]);
	});

	it('Video Agent sessions in generate mode park; chat sessions poll, as HeyGen does not call back when the agent asks', async () => {
		const agent = (mode: string) => ({
			resource: 'videoAgent',
			operation: 'create',
			prompt: '={{ "An explainer for " + $json.name }}',
			mode,
			callback_id: '={{ $json.id }}',
			waitForCompletion: true,
			waitMode: 'park',
		});
		const generate = await runHeyGen(emulator, agent('generate'), { items: contacts(2), parkingLot: lot });
		expect(generate.status).toBe('waiting');
		const resumed = await lot.resumed(generate.executionId);
		expect(resumed.output.map((item) => [item.json.callback_id, item.json.status])).toEqual([
			['contact-0', 'completed'],
			['contact-1', 'completed'],
		]);
		const chat = await runHeyGen(emulator, agent('chat'), { items: contacts(1), parkingLot: lot });
		expect(chat.status).toBe('success');
	});

	it("Wait for Completion parks on HeyGen's end events for videos made elsewhere, and removes its endpoint after", async () => {
		emulator.config.timings.processingMs = 1500;
		const made = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: contacts(2) });
		const ids = made.output.map((item) => String(item.json.video_id));
		const started = await runHeyGen(
			emulator,
			{ resource: 'video', operation: 'waitForCompletion', video_id: '={{ $json.video }}', waitMode: 'park' },
			{ items: items({ video: ids[0] }, { video: ids[1] }), parkingLot: lot },
		);
		expect(started.status).toBe('waiting');
		const registered = apiCalls(emulator, 'POST', '/v3/webhooks/endpoints');
		expect(registered).toHaveLength(1);
		expect(registered[0].body).toMatchObject({ events: ['avatar_video.success', 'avatar_video.fail'], url: expect.stringContaining(`/${started.executionId}?signature=`) });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.json.video_id, item.json.status])).toEqual([
			[ids[0], 'completed'],
			[ids[1], 'completed'],
		]);
		expect(apiCalls(emulator, 'DELETE').filter((r) => r.path.startsWith('/v3/webhooks/endpoints/'))).toHaveLength(1);
		expect(emulator.state.summary().webhooks.endpoints).toBe(0);
	});

	it('a re-run whose renders are already done answers at once instead of parking', async () => {
		const first = await runHeyGen(emulator, park(), { items: contacts(2), parkingLot: lot, executionId: '9301' });
		await lot.resumed(first.executionId);
		const again = await runHeyGen(emulator, park(), { items: contacts(2), parkingLot: lot, executionId: '9302' });
		expect(again.status).toBe('success');
		expect(again.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(emulator.state.summary().videos).toBe(2);
	});

	it('if n8n itself ends the wait (a restart lost both the call and the alarm), the items say so and keep every id', async () => {
		emulator.config.timings.processingMs = 60_000;
		const started = await runHeyGen(emulator, park(), { items: contacts(2), parkingLot: lot });
		const entry = started.parked!.runExecutionData.executionData!.nodeExecutionStack[0];
		const passedOn = entry.data.main[0]!;
		expect(passedOn.map((item) => item.json.callback_id)).toEqual(['contact-0', 'contact-1']);
		for (const item of passedOn) {
			expect(item.json.video_id).toEqual(expect.any(String));
			expect(String(item.json.error)).toContain('had not reported the video finished');
		}
	});

	it('Auto parks against a local HeyGen and polls when told to poll', async () => {
		const auto = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(1), parkingLot: lot });
		expect(auto.status).toBe('waiting');
		await lot.resumed(auto.executionId);
		const polled = await runHeyGen(emulator, park({ waitMode: 'poll' }), { items: contacts(1), parkingLot: lot });
		expect(polled.status).toBe('success');
	});
});
