import type { Emulator } from '../../emulator';
import { avatarVideo, call, expectValidResponse, useEmulator, waitForVideo } from './helpers';

const VIDEO_SIZE = 120_000;
const emulator = useEmulator({ videoSizeBytes: VIDEO_SIZE });

interface RawResponse {
	status: number;
	headers: Headers;
	bytes: Buffer;
	text: string;
}

/** A call that keeps the answer's bytes as sent (the helpers' `call` parses JSON) and follows no redirect. */
async function raw(
	target: Emulator,
	method: string,
	path: string,
	options: { body?: unknown; idempotencyKey?: string; base?: string } = {},
): Promise<RawResponse> {
	const headers: Record<string, string> = { 'X-Api-Key': target.apiKey };
	if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${options.base ?? target.url}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		redirect: 'manual',
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

function createRaw(idempotencyKey?: string) {
	return raw(emulator(), 'POST', '/v3/videos', { body: avatarVideo(), idempotencyKey });
}

function onlyVideoId(): string {
	const ids = [...emulator().state.videos.keys()];
	expect(ids).toHaveLength(1);
	return ids[0];
}

describe('truncated answers', () => {
	it('lets the create take effect, sends half its JSON, and a replay gives the whole stored answer', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'truncate' } });
		const cut = await createRaw('trunc-1');
		expect(cut.status).toBe(200);
		expect(cut.headers.get('content-type')).toBe('application/json');
		expect(cut.headers.get('content-length')).toBe(String(cut.bytes.length));
		expect(cut.bytes.length).toBeGreaterThan(0);
		expect(() => JSON.parse(cut.text)).toThrow();
		const videoId = onlyVideoId();

		const replay = await createRaw('trunc-1');
		expect(replay.status).toBe(200);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		const body = JSON.parse(replay.text);
		expectValidResponse('createVideo', body);
		expect(body.data.video_id).toBe(videoId);
		expect(replay.text.startsWith(cut.text)).toBe(true);
		expect(cut.bytes.length).toBe(Math.floor(replay.bytes.length / 2));
		expect(onlyVideoId()).toBe(videoId);
		expect(emulator().requests.map((request) => [request.status, request.fault])).toEqual([
			[200, 'truncate'],
			[200, undefined],
		]);
	});

	it('keeps the given number of bytes, never the whole body, and cuts replays too', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'truncate', bytes: 9 } });
		const cut = await createRaw('trunc-2');
		expect(cut.text).toBe('{"data":{');
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'truncate', bytes: 1_000_000 } });
		const replayCut = await createRaw('trunc-2');
		expect(replayCut.headers.get('idempotent-replayed')).toBe('true');
		const whole = await createRaw('trunc-2');
		expect(replayCut.bytes.length).toBe(whole.bytes.length - 1);
		expect(() => JSON.parse(replayCut.text)).toThrow();
		expect(emulator().state.videos.size).toBe(1);
	});
});

describe('malformed answers', () => {
	it.each([
		['empty', (body: unknown) => expect(body).toEqual({})],
		['null_data', (body: unknown) => expect(body).toEqual({ data: null })],
		[
			'missing_id',
			(body: { data: Record<string, unknown> }) => {
				expect(body.data).not.toHaveProperty('video_id');
				expect(body.data.status).toBe('waiting');
			},
		],
	] as const)('%s: wrong-shaped JSON once the create took effect; the replay is whole', async (shape, check) => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'malformed', shape } });
		const answer = await createRaw(`bad-shape-${shape}`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-length')).toBe(String(answer.bytes.length));
		check(JSON.parse(answer.text));
		const videoId = onlyVideoId();
		const replay = await call(emulator(), 'POST', '/v3/videos', {
			body: avatarVideo(),
			idempotencyKey: `bad-shape-${shape}`,
		});
		expectValidResponse('createVideo', replay.body);
		expect(replay.body.data.video_id).toBe(videoId);
		expect(emulator().requests[0].fault).toBe(`malformed:${shape}`);
	});

	it('defaults to {} and drops the ids of every item of a list', async () => {
		emulator().addFault({ match: { endpoint: 'listVoices' }, action: { type: 'malformed', shape: 'missing_id' } });
		const stripped = await call(emulator(), 'GET', '/v3/voices?limit=3');
		expect(stripped.body.data).toHaveLength(3);
		for (const voice of stripped.body.data) expect(Object.keys(voice).filter((name) => name.endsWith('id'))).toEqual([]);
		expect(stripped.body.has_more).toBe(true);
		emulator().addFault({ match: { endpoint: 'getCurrentUser' }, action: { type: 'malformed' } });
		expect((await call(emulator(), 'GET', '/v3/users/me')).body).toEqual({});
	});
});

describe('redirects to another origin', () => {
	it('answers 302 before the create takes effect; a client following it takes its key elsewhere', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'redirect' } });
		const redirected = await createRaw('moved-1');
		expect(redirected.status).toBe(302);
		const location = redirected.headers.get('location')!;
		expect(location).toBe(`${emulator().elsewhereUrl}/v3/videos`);
		expect(new URL(location).origin).not.toBe(emulator().url);
		expect(new URL(location).origin).not.toBe(emulator().storageUrl);
		expect(emulator().state.videos.size).toBe(0);

		// What a careless client does: the same request, headers and all, at the new location.
		const followed = await raw(emulator(), 'POST', '/v3/videos', {
			base: emulator().elsewhereUrl,
			body: avatarVideo(),
			idempotencyKey: 'moved-1',
		});
		expect(followed.status).toBe(405);
		expect(emulator().state.videos.size).toBe(0);
		const [first, second] = emulator().requests;
		expect(first).toMatchObject({ server: 'api', status: 302, fault: 'redirect:302' });
		expect(second).toMatchObject({ server: 'elsewhere', method: 'POST', path: '/v3/videos', status: 405 });
		expect(second.headers['x-api-key']).toBe(emulator().apiKey);
		expect(second.headers['idempotency-key']).toBe('moved-1');
	});

	it('answers 307 with the query kept; elsewhere serves no API', async () => {
		emulator().addFault({ match: { endpoint: 'listVoices' }, action: { type: 'redirect', status: 307 } });
		const redirected = await raw(emulator(), 'GET', '/v3/voices?limit=2');
		expect(redirected.status).toBe(307);
		expect(redirected.headers.get('location')).toBe(`${emulator().elsewhereUrl}/v3/voices?limit=2`);
		const followed = await fetch(`${emulator().elsewhereUrl}/v3/voices?limit=2`);
		expect(followed.status).toBe(404);
		expect(await followed.text()).toContain('<Code>NoSuchKey</Code>');
		const elsewhere = await fetch(`${emulator().url}/__emulator/requests?server=elsewhere`);
		const { data } = (await elsewhere.json()) as { data: Array<{ path: string; query: Record<string, string> }> };
		expect(data).toMatchObject([{ path: '/v3/voices', query: { limit: '2' } }]);
	});
});

describe('storage faults', () => {
	async function videoUrl(): Promise<string> {
		const created = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		return (await waitForVideo(emulator(), created.body.data.video_id)).detail.video_url;
	}

	it('redirects a download to the elsewhere origin, which serves the same file under the same signature', async () => {
		const url = await videoUrl();
		const direct = Buffer.from(await (await fetch(url)).arrayBuffer());
		emulator().addFault({
			match: { server: 'storage', path: '/videos/*.mp4' },
			action: { type: 'redirect', status: 307 },
		});
		const followed = await fetch(url);
		expect(followed.status).toBe(200);
		expect(new URL(followed.url).origin).toBe(emulator().elsewhereUrl);
		expect(Buffer.from(await followed.arrayBuffer()).equals(direct)).toBe(true);
		expect(direct.length).toBe(VIDEO_SIZE);

		const downloads = emulator().requests.filter((request) => request.server !== 'api');
		expect(downloads.map((request) => [request.server, request.status, request.fault])).toEqual([
			['storage', 200, undefined],
			['storage', 307, 'redirect:307'],
			['elsewhere', 200, undefined],
		]);
		expect(downloads[2].query.Signature).toBe(new URL(url).searchParams.get('Signature'));

		const forged = new URL(url.replace(emulator().storageUrl, emulator().elsewhereUrl));
		forged.searchParams.set('Signature', '0'.repeat(64));
		expect((await fetch(forged)).status).toBe(403);
	});

	it('answers 5xx with and without Retry-After, S3 codes, and records the Retry-After', async () => {
		const url = await videoUrl();
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'status', status: 503 } });
		const bare = await fetch(url);
		expect(bare.status).toBe(503);
		expect(bare.headers.get('retry-after')).toBeNull();
		expect(await bare.text()).toContain('<Code>ServiceUnavailable</Code>');
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'status', status: 500, retryAfterSeconds: 4 } });
		const paced = await fetch(url);
		expect(paced.headers.get('retry-after')).toBe('4');
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'rate_limit', retryAfterSeconds: 2 } });
		const slowDown = await fetch(url);
		expect(slowDown.status).toBe(503);
		expect(await slowDown.text()).toContain('<Code>SlowDown</Code>');
		const storage = emulator().requests.filter((request) => request.server === 'storage');
		expect(storage.map((request) => [request.status, request.retryAfterSeconds])).toEqual([
			[503, undefined],
			[500, 4],
			[503, 2],
		]);
	});

	it('resets before any byte, slows an answer down, and leaves API-only kinds to the API', async () => {
		const url = await videoUrl();
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'drop', when: 'before' } });
		await expect(fetch(url)).rejects.toThrow();
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'delay', ms: 200 } });
		const started = Date.now();
		const slow = await fetch(url);
		expect(slow.status).toBe(200);
		expect((await slow.arrayBuffer()).byteLength).toBe(VIDEO_SIZE);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		// An unscoped truncate rule never takes a download.
		emulator().addFault({ action: { type: 'truncate' }, times: Infinity });
		expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(VIDEO_SIZE);
		expect(() => emulator().addFault({ match: { server: 'storage' }, action: { type: 'malformed' } })).toThrow(
			/does not apply to the storage server/,
		);
	});
});
