import { SEED_IDS } from '../../emulator';
import { readBinary } from '../harness/engine';
import { apiCalls, avatarVideoParameters, items, locator, runHeyGen, useEmulator, useFastRetries } from './heygen';

const emulator = useEmulator();
useFastRetries();

const voice = locator(SEED_IDS.englishFemaleVoice);
const contacts = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ id: `contact-${i}`, name: `Person ${i}` })));
const creates = () => apiCalls(emulator, 'POST', '/v3/videos');
const createdVideos = () => emulator.state.summary().videos;

describe('a create whose answer is lost or malformed', () => {
	it.each([
		['a body cut in half', { type: 'truncate' as const }],
		['an empty object', { type: 'malformed' as const, shape: 'empty' as const }],
		['data without its id', { type: 'malformed' as const, shape: 'missing_id' as const }],
		['a reset after it took effect', { type: 'drop' as const, when: 'after' as const }],
	])('%s: asked again with the same key, the item gets its video and only one render exists', async (_, action) => {
		emulator.addFault({ match: { endpoint: 'createVideo' }, action, times: 2 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(1) });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ status: 'completed', video_id: expect.any(String), callback_id: 'contact-0' });
		expect(createdVideos()).toBe(1);
		const keys = new Set(creates().map((request) => request.headers['idempotency-key']));
		expect(creates().length).toBe(3);
		expect(keys.size).toBe(1);
	});

	it('a 5xx on a create is retried with the same key and renders once', async () => {
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'status', status: 502 }, times: 2 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(2) });
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(createdVideos()).toBe(2);
	});

	it('when HeyGen never answers usably, the error names the item, says a render may exist and how to find it', async () => {
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'truncate' }, times: Infinity });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(1) });
		expect(result.error?.message).toBe('HeyGen did not confirm whether the video was created [item 0]');
		expect(result.error?.description).toContain('A render may exist');
		expect(result.error?.description).toContain('Callback ID "contact-0"');
		expect(createdVideos()).toBe(1);
	});

	it('every 2xx of a status read is checked: a malformed answer is read again, not trusted', async () => {
		emulator.addFault({ match: { endpoint: 'getVideo' }, action: { type: 'malformed', shape: 'null_data' }, times: 1 });
		emulator.addFault({ match: { endpoint: 'listVideos' }, action: { type: 'truncate' }, times: 1 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(2) });
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.status)).toEqual(['completed', 'completed']);
	});
});

describe('re-running', () => {
	it('a new execution of the same workflow with the same items replays the renders instead of paying again', async () => {
		const first = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: contacts(3), executionId: '9001' });
		expect(createdVideos()).toBe(3);
		const again = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(3), executionId: '9002' });
		expect(again.error).toBeUndefined();
		expect(createdVideos()).toBe(3);
		expect(again.output.map((item) => item.json.video_id)).toEqual(first.output.map((item) => item.json.video_id));
		expect(again.output.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
	});

	it('changed content (another Callback ID) is a new render; identical items each get their own', async () => {
		await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: contacts(1) });
		const twins = items({ id: 'same', name: 'Twin' }, { id: 'same', name: 'Twin' });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: twins });
		expect(createdVideos()).toBe(3);
		expect(result.output[0].json.video_id).not.toBe(result.output[1].json.video_id);
	});

	it('"Render Identical Input Again" asks for new renders on purpose', async () => {
		await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: contacts(2), executionId: '9101' });
		await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false, options: { freshRender: true } }), {
			items: contacts(2),
			executionId: '9102',
		});
		expect(createdVideos()).toBe(4);
	});
});

describe('the item that failed is the one named', () => {
	it("a create refused for item 1 names item 1 and HeyGen's reason, and lists item 0's video", async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, avatar_id: '={{ $json.look }}' }), {
			items: items({ id: 'a', name: 'A', look: 'lk_abigail_office' }, { id: 'b', name: 'B', look: 'lk_no_such_look' }),
		});
		expect(result.error?.message).toBe('The avatar look was not found [item 1]');
		expect(result.error?.context?.itemIndex).toBe(1);
		const made = emulator.state.liveVideos();
		expect(made).toHaveLength(1);
		expect(result.error?.description).toContain(`item 0: ${made[0].id}`);
	});

	it("a failed render names its item and HeyGen's reason, and lists every video of the run with its item", async () => {
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, script: '={{ $json.script }}' }), {
			items: items({ id: 'a', script: 'fine' }, { id: 'b', script: 'this one [[fail]]' }, { id: 'c', script: 'fine too' }),
		});
		expect(result.error?.message).toMatch(/^The video (\S+) failed: Avatar rendering timed out \[item 1\]$/);
		for (const [index, video] of emulator.state.liveVideos().entries()) {
			expect(result.error?.description).toContain(`item ${index}: ${video.id}`);
		}
	});
});

describe('waiting', () => {
	it('two items waiting on the same video id both get the finished video', async () => {
		const made = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, waitForCompletion: false }), { items: contacts(1) });
		const id = String(made.output[0].json.video_id);
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'waitForCompletion', video_id: locator(id) }, { items: contacts(2) });
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => [item.pairedItem, item.json.video_id, item.json.status])).toEqual([
			[{ item: 0 }, id, 'completed'],
			[{ item: 1 }, id, 'completed'],
		]);
	});

	it("no create is sent again before HeyGen's Retry-After, even while other renders finish", async () => {
		emulator.config.concurrencyLimit = 2;
		emulator.addFault({ match: { endpoint: 'createVideo' }, skip: 2, action: { type: 'rate_limit', retryAfterSeconds: 2 }, times: 1 });
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, options: { maxConcurrentJobs: 4 } }), { items: contacts(4) });
		expect(result.error).toBeUndefined();
		const sent = creates();
		const limited = sent.find((request) => request.fault === 'rate_limit');
		expect(limited?.retryAfterSeconds).toBe(2);
		const answeredAt = limited?.finishedAt ?? 0;
		// The same item's create comes back no earlier than HeyGen asked.
		const retried = sent.filter((request) => request.headers['idempotency-key'] === limited?.headers['idempotency-key'] && request !== limited);
		expect(retried).toHaveLength(1);
		expect(retried[0].receivedAt).toBeGreaterThanOrEqual(answeredAt + 2000);
		// Nor does any other create, though renders finished meanwhile (one sent before the 429 arrived may land just after it).
		expect(sent.filter((request) => request.receivedAt > answeredAt + 100 && request.receivedAt < answeredAt + 2000)).toHaveLength(0);
		expect(apiCalls(emulator, 'GET', /^\/v3\/videos/).some((request) => request.receivedAt > answeredAt + 100 && request.receivedAt < answeredAt + 2000)).toBe(true);
	});
});

describe('downloads', () => {
	const download = () => avatarVideoParameters({ voice_id: voice, downloadVideo: true });

	it.each([
		['a storage 500', { type: 'status' as const, status: 500 }],
		['503 SlowDown with Retry-After', { type: 'rate_limit' as const, retryAfterSeconds: 1 }],
		['a reset before any byte', { type: 'drop' as const, when: 'before' as const }],
		['a reset part-way through the body', { type: 'drop' as const, when: 'after' as const }],
		['a redirect to another origin (followed without the key)', { type: 'redirect' as const }],
	])('%s is retried and the whole file arrives', async (_, action) => {
		emulator.config.videoSizeBytes = 200_000;
		emulator.addFault({ match: { server: 'storage', path: '/videos/*.mp4' }, action, times: 2 });
		const result = await runHeyGen(emulator, download(), { items: contacts(1) });
		expect(result.error).toBeUndefined();
		const bytes = await readBinary(result.output[0].binary!.data);
		expect(bytes.length).toBe(200_000);
		for (const request of emulator.requests.filter((r) => r.server !== 'api')) expect(request.headers['x-api-key']).toBeUndefined();
	});

	it('a download that keeps failing names the item and the video, which stays safe', async () => {
		emulator.addFault({ match: { server: 'storage', path: '/videos/*.mp4' }, action: { type: 'status', status: 503 }, times: Infinity });
		const result = await runHeyGen(emulator, download(), { items: contacts(2), continueOnFail: true });
		expect(result.error).toBeUndefined();
		const [first] = result.output;
		expect(first.json.error).toBe(`Downloading the video ${first.json.video_id} failed: HTTP 503 [item 0]`);
		expect(first.json.error_description).toContain('Download operation');
		expect(first.json.status).toBe('completed');
	});
});

describe('the API key stays with the Base URL', () => {
	it('a redirect to another origin is not followed: that origin never sees the key', async () => {
		emulator.addFault({ match: { endpoint: 'getVideo' }, action: { type: 'redirect', status: 302 }, times: Infinity });
		emulator.addFault({ match: { endpoint: 'createVideo' }, action: { type: 'redirect', status: 307 }, times: Infinity });
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'get', video_id: locator('0123456789abcdef0123456789abcdef') }, { items: contacts(1) });
		expect(result.error?.message).toBe(`The Base URL redirected the request to ${emulator.elsewhereUrl} [item 0]`);
		const created = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice }), { items: contacts(1) });
		expect(created.error?.message).toMatch(/\[item 0\]$/);
		expect(emulator.requests.filter((request) => request.server === 'elsewhere')).toHaveLength(0);
		expect(createdVideos()).toBe(0);
	});
});

describe('files uploaded for a create count in its idempotency key by their content', () => {
	const png = (shade: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, shade)]);
	const photoItem = (shade: number) => ({
		json: { id: 'same-contact' },
		binary: { data: { data: png(shade).toString('base64'), mimeType: 'image/png', fileName: 'face.png' } },
	});
	const photoVideo = {
		resource: 'video',
		operation: 'createImageVideo',
		imageSource: 'binary',
		inputBinaryField: 'data',
		speechSource: 'script',
		script: 'Hello',
		voice_id: voice,
		callback_id: '={{ $json.id }}',
		waitForCompletion: false,
	};

	it('two different photos with the same text are two renders; the same photos run again are none', async () => {
		const first = await runHeyGen(emulator, photoVideo, { items: [photoItem(1), photoItem(2)], executionId: '9201' });
		expect(first.error).toBeUndefined();
		expect(createdVideos()).toBe(2);
		const again = await runHeyGen(emulator, photoVideo, { items: [photoItem(1), photoItem(2)], executionId: '9202' });
		expect(again.output.map((item) => item.json.video_id)).toEqual(first.output.map((item) => item.json.video_id));
		expect(createdVideos()).toBe(2);
	});
});

describe('downloads overlap the renders still running', () => {
	it('a finished video downloads while the others render', async () => {
		emulator.config.concurrencyLimit = 2;
		emulator.config.timings.processingMs = 800;
		const result = await runHeyGen(emulator, avatarVideoParameters({ voice_id: voice, downloadVideo: true, options: { maxConcurrentJobs: 2 } }), {
			items: contacts(4),
		});
		expect(result.error).toBeUndefined();
		expect(result.output.every((item) => item.binary?.data)).toBe(true);
		const lastRenderDone = Math.max(...emulator.state.liveVideos().map((video) => video.finishedAtMs));
		const downloads = emulator.requests.filter((r) => r.server === 'storage' && r.path.endsWith('.mp4'));
		expect(downloads).toHaveLength(4);
		expect(downloads.filter((r) => r.receivedAt < lastRenderDone).length).toBeGreaterThanOrEqual(2);
	});
});
