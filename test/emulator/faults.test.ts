import { startEmulator } from '../../emulator';
import { avatarVideo, call, expectError, useEmulator, waitForVideo } from './helpers';

const emulator = useEmulator();

describe('fault injection', () => {
	it('answers a 5xx once, then normally', async () => {
		emulator().addFault({ match: { endpoint: 'getCurrentUser' }, action: { type: 'status', status: 502 } });
		const failed = await call(emulator(), 'GET', '/v3/users/me');
		expectError(failed, 502, 'bad_gateway');
		expect(failed.headers.get('x-request-id')).toBeTruthy();
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(200);
		expect(emulator().requests.map((request) => [request.status, request.fault])).toEqual([
			[502, 'status:502'],
			[200, undefined],
		]);
	});

	it('uses a custom code, message and Retry-After', async () => {
		emulator().addFault({
			action: {
				type: 'status',
				status: 503,
				code: 'service_unavailable',
				message: 'Down for a moment.',
				retryAfterSeconds: 7,
			},
		});
		const response = await call(emulator(), 'GET', '/v3/voices');
		expect(response.body.error).toMatchObject({ code: 'service_unavailable', message: 'Down for a moment.' });
		expect(response.headers.get('retry-after')).toBe('7');
	});

	it('answers 429 rate_limit_exceeded with Retry-After', async () => {
		emulator().addFault({
			match: { method: 'post', path: '/v3/videos' },
			action: { type: 'rate_limit', retryAfterSeconds: 3 },
		});
		const limited = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expectError(limited, 429, 'rate_limit_exceeded');
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(emulator().state.videos.size).toBe(0);
	});

	it('delays and then handles normally', async () => {
		emulator().addFault({ match: { endpoint: 'listVoices' }, action: { type: 'delay', ms: 250 } });
		const started = Date.now();
		const response = await call(emulator(), 'GET', '/v3/voices');
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it('drops before the request takes effect', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'before' } });
		await expect(call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() })).rejects.toThrow();
		expect(emulator().state.videos.size).toBe(0);
		const [dropped] = emulator().requests;
		expect(dropped).toMatchObject({ fault: 'drop:before', endpoint: 'createVideo' });
		expect(dropped.status).toBeUndefined();
	});

	it('drops after the request took effect', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'after' } });
		await expect(call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() })).rejects.toThrow();
		expect(emulator().state.videos.size).toBe(1);
		expect(emulator().requests[0].status).toBeUndefined();
	});

	it('skips the first matches, applies `times` times, and Infinity means always', async () => {
		emulator().addFault({
			match: { endpoint: 'getCurrentUser' },
			skip: 1,
			times: 2,
			action: { type: 'status', status: 500 },
		});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await call(emulator(), 'GET', '/v3/users/me')).status);
		expect(statuses).toEqual([200, 500, 500, 200, 200]);
		emulator().addFault({ match: { path: '/v3/avatars/*' }, times: Infinity, action: { type: 'status', status: 504 } });
		for (let i = 0; i < 3; i++) expect((await call(emulator(), 'GET', '/v3/avatars/looks')).status).toBe(504);
		emulator().clearFaults();
		expect((await call(emulator(), 'GET', '/v3/avatars/looks')).status).toBe(200);
	});

	it('applies to the storage host: S3-style errors, slow-down and a download cut midway', async () => {
		const created = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		const { detail } = await waitForVideo(emulator(), created.body.data.video_id);
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'status', status: 500 } });
		const broken = await fetch(detail.video_url);
		expect(broken.status).toBe(500);
		expect(await broken.text()).toContain('<Code>InternalError</Code>');
		emulator().addFault({ match: { server: 'storage' }, action: { type: 'rate_limit' } });
		const slow = await fetch(detail.video_url);
		expect(slow.status).toBe(503);
		expect(await slow.text()).toContain('SlowDown');
		emulator().addFault({
			match: { server: 'storage', path: '/videos/*.mp4' },
			action: { type: 'drop', when: 'after' },
		});
		const cut = await fetch(detail.video_url);
		expect(cut.status).toBe(200);
		await expect(cut.arrayBuffer()).rejects.toThrow();
		expect((await fetch(detail.video_url)).status).toBe(200);
	});

	it('takes faults from the options and rejects malformed rules', async () => {
		const faulty = await startEmulator({ faults: [{ action: { type: 'status', status: 500 } }] });
		try {
			expect((await call(faulty, 'GET', '/v3/users/me')).status).toBe(500);
			expect((await call(faulty, 'GET', '/v3/users/me')).status).toBe(200);
			expect(() => faulty.addFault({ action: { type: 'delay' } } as never)).toThrow(/action.ms/);
		} finally {
			await faulty.close();
		}
	});
});
