import { avatarVideo, call, expectError, useEmulator, waitForVideo } from './helpers';

const emulator = useEmulator({ concurrencyLimit: 2, timings: { pendingMs: 100, processingMs: 1100 } });

describe('concurrency cap', () => {
	it('answers 429 with Retry-After at the cap, then accepts once a job completes', async () => {
		const first = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		const refused = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expectError(refused, 429, 'rate_limit_exceeded', null);
		const retryAfter = refused.headers.get('retry-after');
		expect(retryAfter).toMatch(/^\d+$/);
		// The earliest job finishes 1.2 s after creation: rounded up, that is 2 s at most.
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
		expect(Number(retryAfter)).toBeLessThanOrEqual(2);
		expect(emulator().state.videos.size).toBe(2);

		await waitForVideo(emulator(), first.body.data.video_id);
		const accepted = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expect(accepted.status).toBe(200);
	});

	it('frees a slot when an in-flight video is deleted, and counts failed ones as finished', async () => {
		const first = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() }), 429, 'rate_limit_exceeded');
		await call(emulator(), 'DELETE', `/v3/videos/${first.body.data.video_id}`);
		expect((await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() })).status).toBe(200);
		expect(emulator().state.balance).toBe(1000);
	});
});
