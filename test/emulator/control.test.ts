import { avatarVideo, call, useEmulator, waitForVideo, type Json } from './helpers';

const emulator = useEmulator();

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${emulator().url}/__emulator${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

describe('control API', () => {
	it('lists recorded requests (without its own calls) and filters them', async () => {
		await call(emulator(), 'GET', '/v3/users/me');
		await call(emulator(), 'GET', '/v3/voices?limit=2');
		const all = await control('GET', '/requests');
		expect(all.status).toBe(200);
		expect(all.body.data.map((request: { endpoint: string }) => request.endpoint)).toEqual([
			'getCurrentUser',
			'listVoices',
		]);
		const voices = await control('GET', '/requests?endpoint=listVoices');
		expect(voices.body.data).toHaveLength(1);
		expect((await control('GET', '/requests?since=1')).body.data).toHaveLength(1);
	});

	it('adds, lists and clears faults; JSON rules may say times "Infinity"', async () => {
		const added = await control('POST', '/faults', {
			match: { endpoint: 'getCurrentUser' },
			times: 'Infinity',
			action: { type: 'status', status: 503 },
		});
		expect(added.status).toBe(201);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(503);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(503);
		const listed = await control('GET', '/faults');
		expect(listed.body.data[0]).toMatchObject({ matched: 2, applied: 2 });
		expect((await control('DELETE', '/faults')).status).toBe(200);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(200);
		const invalid = await control('POST', '/faults', { action: { type: 'explode' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.code).toBe('invalid_parameter');
	});

	it('patches config and balance, and rejects bad values', async () => {
		const patched = await control('PATCH', '/config', {
			timings: { pendingMs: 10, processingMs: 20 },
			concurrencyLimit: 3,
			balance: 42,
		});
		expect(patched.body.data).toMatchObject({
			timings: { pendingMs: 10, processingMs: 20 },
			concurrencyLimit: 3,
			balance: 42,
		});
		expect(emulator().config.concurrencyLimit).toBe(3);
		expect((await call(emulator(), 'GET', '/v3/users/me')).body.data.wallet.remaining_balance).toBe(42);
		expect((await control('PATCH', '/config', { videoSizeBytes: 10 })).status).toBe(400);
		expect((await control('PATCH', '/config', { unknown: 1 })).status).toBe(400);
	});

	it('summarises state and resets everything', async () => {
		const created = await call(emulator(), 'POST', '/v3/videos', {
			body: avatarVideo({ title: 'Summarised' }),
			idempotencyKey: 'k1',
		});
		await waitForVideo(emulator(), created.body.data.video_id);
		emulator().addFault({ action: { type: 'status', status: 500 } });
		await control('PATCH', '/config', { concurrencyLimit: 1 });
		const state = await control('GET', '/state');
		expect(state.body.data).toMatchObject({
			videos: 1,
			deleted_videos: 0,
			by_status: { pending: 0, processing: 0, completed: 1, failed: 0 },
			in_flight: 0,
			idempotency_records: 1,
			video_list: [{ id: created.body.data.video_id, title: 'Summarised', status: 'completed', charged: true }],
		});
		expect(state.body.data.balance).toBeLessThan(1000);

		expect((await control('POST', '/reset')).body.data).toEqual({ reset: true });
		expect(emulator().requests).toHaveLength(0);
		expect(emulator().state.videos.size).toBe(0);
		expect(emulator().state.balance).toBe(1000);
		expect(emulator().config.concurrencyLimit).toBe(10);
		expect((await call(emulator(), 'GET', '/v3/users/me')).status).toBe(200);
		expect((await control('GET', '/state')).body.data).toMatchObject({
			videos: 0,
			video_list: [],
			idempotency_records: 0,
		});
	});

	it('answers 404 for unknown control paths', async () => {
		expect((await control('GET', '/nope')).status).toBe(404);
	});
});
