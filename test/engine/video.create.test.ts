import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, avatarVideoParameters, items, locator, runHeyGen, useEmulator, useFastRetries, visibleText } from './heygen';

const emulator = useEmulator();
useFastRetries();

const contacts = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ id: `contact-${i}`, name: `Person ${i}` })));

describe('Video → Create Avatar Video', () => {
	it('sends exactly one create per item with the expected body and waits for the render', async () => {
		const result = await runHeyGen(
			emulator,
			avatarVideoParameters({
				voice_id: locator(SEED_IDS.englishFemaleVoice, 'id'),
				additionalFields: { title: 'Welcome', aspect_ratio: '9:16', backgroundColor: '#102030', voiceSpeed: 1.1 },
			}),
			{ items: contacts(1) },
		);
		expect(result.error).toBeUndefined();

		const creates = apiCalls(emulator, 'POST', '/v3/videos');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			type: 'avatar',
			avatar_id: 'lk_abigail_office',
			script: 'Hello Person 0, welcome aboard!',
			voice_id: SEED_IDS.englishFemaleVoice,
			title: 'Welcome',
			aspect_ratio: '9:16',
			background: { type: 'color', value: '#102030' },
			voice_settings: { speed: 1.1 },
			callback_id: 'contact-0',
		});
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-video-[0-9a-f]{48}$/);
		expect(creates[0].headers['x-api-key']).toBe(emulator.apiKey);

		expect(result.output).toHaveLength(1);
		const [item] = result.output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			video_id: creates[0].body && expect.any(String),
			status: 'completed',
			callback_id: 'contact-0',
			title: 'Welcome',
		});
		expect(item.json.video_url).toEqual(expect.stringContaining(emulator.storageUrl));
		expect(item.json.video_page_url).toEqual(expect.stringContaining('/videos/'));
		expect(item.json).not.toHaveProperty('id');
	});

	it("uses the look's default voice when no voice is chosen (one look lookup for many items)", async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters(), { items: contacts(3) });
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'GET', '/v3/avatars/looks/lk_abigail_office')).toHaveLength(1);
		const voices = apiCalls(emulator, 'POST', '/v3/videos').map((r) => (r.body as { voice_id?: string }).voice_id);
		expect(new Set(voices).size).toBe(1);
		expect(voices[0]).toEqual(expect.any(String));
	});

	it('25 items against a cap of 10 all complete; the 429s are absorbed, none becomes an item error', async () => {
		const result = await runHeyGen(
			emulator,
			avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), options: { maxConcurrentJobs: 25 } }),
			{ items: contacts(25) },
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(25);
		result.output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ status: 'completed', callback_id: `contact-${i}` });
			expect(item.json.error).toBeUndefined();
		});
		const creates = apiCalls(emulator, 'POST', '/v3/videos');
		expect(creates.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(creates.filter((r) => r.status === 200)).toHaveLength(25);
		expect(emulator.state.summary().videos).toBe(25);
		expect(new Set(result.output.map((item) => item.json.video_id)).size).toBe(25);
	});

	it('with the default concurrency of 10 it never provokes a 429', async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(12) });
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/videos').filter((r) => r.status === 429)).toHaveLength(0);
	});

	it('polls many renders with list calls, not one request per video per round', async () => {
		await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(10) });
		const statusCalls = apiCalls(emulator, 'GET', /^\/v3\/videos(\/[^/]+)?$/);
		expect(apiCalls(emulator, 'GET', '/v3/videos').length).toBeGreaterThan(0);
		expect(statusCalls.length / 10).toBeLessThanOrEqual(2);
	});

	it('returns the id at once when not waiting', async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), waitForCompletion: false }), {
			items: contacts(2),
		});
		expect(result.output.map((item) => item.json.status)).toEqual(['waiting', 'waiting']);
		expect(result.output[1].json).toMatchObject({ callback_id: 'contact-1', video_id: expect.any(String) });
		expect(apiCalls(emulator, 'GET', /^\/v3\/videos/)).toHaveLength(0);
	});

	it('downloads the finished video as binary with the right MIME type and size, without the API key', async () => {
		emulator.config.videoSizeBytes = 300_000;
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), downloadVideo: true, binaryPropertyName: 'video' }), {
			items: contacts(1),
		});
		expect(result.error).toBeUndefined();
		const binary = result.output[0].binary?.video;
		expect(binary).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(binary?.fileName).toBe('contact-0.mp4');
		const bytes = await readBinary(binary!);
		expect(bytes.length).toBe(300_000);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		const downloads = emulator.requests.filter((r) => r.server === 'storage');
		expect(downloads).toHaveLength(1);
		expect(downloads[0].headers['x-api-key']).toBeUndefined();
	});

	it('a failed render stops the node with an error naming the item and the video', async () => {
		const result = await runHeyGen(
			emulator,
			avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), script: '={{ $json.script }}' }),
			{ items: items({ id: 'a', script: 'fine' }, { id: 'b', script: 'this one [[fail]]' }) },
		);
		expect(result.error?.message).toMatch(/^The video \S+ failed: Avatar rendering timed out \[item 1\]$/);
		expect(result.error?.description).toContain('failure code: rendering_failed');
		expect(result.error?.context?.itemIndex).toBe(1);
	});

	it('with Continue On Fail a failed render becomes an error item and the others complete', async () => {
		const result = await runHeyGen(
			emulator,
			avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), script: '={{ $json.script }}' }),
			{ items: items({ id: 'a', script: 'fine' }, { id: 'b', script: 'no reason given [[fail:bare]]' }, { id: 'c', script: 'fine too' }), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output[0].json.status).toBe('completed');
		expect(result.output[2].json.status).toBe('completed');
		expect(result.output[1].json).toMatchObject({
			status: 'failed',
			callback_id: 'b',
			video_id: expect.any(String),
			error: expect.stringContaining('HeyGen gave no reason'),
		});
	});

	it('rejects invalid input before sending anything, naming the field and the item', async () => {
		const secondItem = (bad: string, good: string) => `={{ $itemIndex === 1 ? ${JSON.stringify(bad)} : ${JSON.stringify(good)} }}`;
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ script: secondItem('', 'fine') }, '"Script" must not be empty [item 1]'],
			[{ script: secondItem('x'.repeat(5001), 'fine') }, '"Script" must be at most 5,000 characters (it has 5,001) [item 1]'],
			[{ additionalFields: { backgroundColor: secondItem('blue', '#ffffff') } }, '"Background Color" must be a hex colour such as #1a2b3c [item 1]'],
			[
				{ speechSource: 'audioUrl', audio_url: secondItem('not-a-url', 'https://audio.example.com/a.mp3') },
				'"Audio URL" must be a full http:// or https:// URL [item 1]',
			],
		];
		for (const [overrides, message] of cases) {
			emulator.reset();
			const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), ...overrides }), {
				items: contacts(2),
			});
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toContain('nothing was sent to HeyGen');
			expect(emulator.requests).toHaveLength(0);
		}
	});

	it("an engine the look does not support is refused before creating, naming the look's engines", async () => {
		const result = await runHeyGen(
			emulator,
			avatarVideoParameters({ avatar_id: locator(SEED_IDS.lookWithoutAvatarV), voice_id: locator(SEED_IDS.englishFemaleVoice), additionalFields: { engine: 'avatar_v' } }),
			{ items: contacts(1) },
		);
		expect(result.error?.message).toMatch(/^The avatar look "[^"]+" does not support the Avatar V engine \[item 0\]$/);
		expect(result.error?.description).toMatch(/^It supports Avatar IV/);
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
		emulator.reset();
		const supported = await runHeyGen(
			emulator,
			avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), additionalFields: { engine: 'avatar_v' }, waitForCompletion: false }),
			{ items: contacts(1) },
		);
		expect(supported.error).toBeUndefined();
		expect((apiCalls(emulator, 'POST', '/v3/videos')[0].body as { engine: unknown }).engine).toEqual({ type: 'avatar_v' });
	});

	it('an unknown avatar stops the node with a clear 404', async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ avatar_id: locator('lk_nobody'), voice_id: locator(SEED_IDS.englishFemaleVoice) }), {
			items: contacts(1),
		});
		expect(result.error?.message).toBe('The avatar look was not found [item 0]');
		expect(result.error?.description).toContain('Avatar → Get Many');
	});

	it('insufficient credit says so and where to top up, and nothing is charged', async () => {
		emulator.state.setBalance(0);
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(1) });
		expect(result.error?.message).toBe('Not enough HeyGen credit for this request [item 0]');
		expect(result.error?.description).toContain('Subscriptions & API');
		expect(emulator.state.summary().videos).toBe(0);
	});

	it('a look without a default voice and no voice chosen is reported before any create', async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ avatar_id: locator(SEED_IDS.lookWithoutDefaultVoice) }), { items: contacts(1) });
		expect(result.error?.message).toMatch(/^The avatar look "[^"]+" has no default voice \[item 0\]$/);
		expect(apiCalls(emulator, 'POST', '/v3/videos')).toHaveLength(0);
	});

	it('a create whose answer is lost is retried with the same idempotency key and renders once', async () => {
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'after' }, times: 1 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(1) });
		expect(result.error).toBeUndefined();
		const creates = apiCalls(emulator, 'POST', '/v3/videos');
		expect(creates).toHaveLength(2);
		expect(creates[0].headers['idempotency-key']).toBe(creates[1].headers['idempotency-key']);
		expect(emulator.state.summary().videos).toBe(1);
		expect(result.output[0].json.status).toBe('completed');
	});

	it("n8n's Retry On Fail replays the same create instead of billing a second video", async () => {
		// Every transport retry of the create is lost, so the node fails and n8n runs it again.
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'after' }, times: 6 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), {
			items: contacts(1),
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 10,
		});
		expect(result.error).toBeUndefined();
		const keys = new Set(apiCalls(emulator, 'POST', '/v3/videos').map((r) => r.headers['idempotency-key']));
		expect(keys.size).toBe(1);
		expect(apiCalls(emulator, 'POST', '/v3/videos').length).toBeGreaterThan(6);
		expect(emulator.state.summary().videos).toBe(1);
	});

	it('an injected 503 on a status GET is retried', async () => {
		emulator.addFault({ match: { method: 'GET', path: '/v3/videos' }, action: { type: 'status', status: 503 }, times: 1 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(2) });
		expect(result.error).toBeUndefined();
		const lists = apiCalls(emulator, 'GET', '/v3/videos');
		expect(lists[0].status).toBe(503);
		expect(lists.some((r) => r.status === 200)).toBe(true);
		expect(result.output.every((item) => item.json.status === 'completed')).toBe(true);
	});

	it('a timed-out wait reports the video id, and the render is not lost', async () => {
		emulator.config.timings = { pendingMs: 100, processingMs: 120_000 };
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), options: { maxWaitMinutes: 0.02 } }), {
			items: contacts(1),
			continueOnFail: true,
		});
		const [item] = result.output;
		expect(item.json.error).toMatch(/^The video \S+ was still (pending|processing) after 0.02 minutes \[item 0\]$/);
		expect(item.json.video_id).toEqual(expect.any(String));
		expect(item.json.error).toContain(String(item.json.video_id));
	});

	it('stops waiting when the execution is cancelled', async () => {
		emulator.config.timings = { pendingMs: 100, processingMs: 120_000 };
		const started = Date.now();
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), {
			items: contacts(2),
			cancelAfterMs: 1500,
		});
		expect(result.canceled).toBe(true);
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('keeps the input fields when asked', async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), options: { includeInputFields: true } }), {
			items: items({ id: 'c-1', name: 'Ada', email: 'ada@example.com' }),
		});
		expect(result.output[0].json).toMatchObject({ id: 'c-1', email: 'ada@example.com', status: 'completed', video_id: expect.any(String) });
	});

	it('the API key appears in no output and no error', async () => {
		const secretKey = emulator.apiKey;
		const ok = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice), downloadVideo: true }), { items: contacts(1) });
		const badKey = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), {
			items: contacts(1),
			apiKey: 'hg_wrong_key_that_must_not_leak',
		});
		expect(badKey.error?.message).toBe('HeyGen rejected the API key [item 0]');
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'before' }, times: Infinity });
		const network = await runHeyGen(emulator, avatarVideoParameters({ voice_id: locator(SEED_IDS.englishFemaleVoice) }), { items: contacts(1) });
		expect(network.error?.message).toBe('HeyGen did not confirm whether the video was created [item 0]');
		expect(network.error?.description).toContain('Callback ID "contact-0"');
		for (const result of [ok, badKey, network]) {
			expect(visibleText(result)).not.toContain(secretKey);
			expect(visibleText(result)).not.toContain('hg_wrong_key_that_must_not_leak');
		}
	});
});

describe('Video → Create Image Video', () => {
	it('sends an image body and requires a voice for a script', async () => {
		const result = await runHeyGen(
			emulator,
			{
				resource: 'video',
				operation: 'createImageVideo',
				imageSource: 'url',
				image_url: 'https://images.example.com/portrait.jpg',
				speechSource: 'script',
				script: 'Hi there',
				voice_id: locator(SEED_IDS.englishFemaleVoice),
				waitForCompletion: false,
			},
			{ items: items({}) },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/videos')[0].body).toEqual({
			type: 'image',
			image: { type: 'url', url: 'https://images.example.com/portrait.jpg' },
			script: 'Hi there',
			voice_id: SEED_IDS.englishFemaleVoice,
		});

		emulator.reset();
		const noVoice = await runHeyGen(
			emulator,
			{
				resource: 'video',
				operation: 'createImageVideo',
				imageSource: 'assetId',
				image_asset_id: 'asset_1',
				speechSource: 'script',
				script: 'Hi',
				voice_id: locator("={{ $json.voice ?? '' }}"),
			},
			{ items: items({}) },
		);
		expect(noVoice.error?.message).toBe('"Voice" is required when a script is read [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
