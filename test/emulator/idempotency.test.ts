import { avatarVideo, call, expectError, sleep, useEmulator, waitForVideo } from './helpers';

const emulator = useEmulator();

function createWithKey(key: string, body = avatarVideo()) {
	return call(emulator(), 'POST', '/v3/videos', { body, idempotencyKey: key });
}

describe('Idempotency-Key on POST /v3/videos', () => {
	it('replays the first response: same video, one job, charged once', async () => {
		const first = await createWithKey('order-42:attempt.1');
		const again = await createWithKey('order-42:attempt.1');
		expect(again.status).toBe(first.status);
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.videos.size).toBe(1);

		const id = first.body.data.video_id;
		const cost = emulator().state.videos.get(id)!.costCredits;
		await waitForVideo(emulator(), id);
		const late = await createWithKey('order-42:attempt.1');
		expect(late.body.data.video_id).toBe(id);
		expect(emulator().state.videos.size).toBe(1);
		expect(emulator().state.balance).toBeCloseTo(1000 - cost, 2);
	});

	it('keeps keys apart and ignores the key on non-idempotent endpoints', async () => {
		const a = await createWithKey('key-a');
		const b = await createWithKey('key-b');
		expect(a.body.data.video_id).not.toBe(b.body.data.video_id);
		const list = await call(emulator(), 'GET', '/v3/videos', { idempotencyKey: 'key-a' });
		expect(list.status).toBe(200);
		expect(emulator().state.idempotency.list()).toHaveLength(2);
	});

	it('replays stored errors too (the first answer wins)', async () => {
		const first = await createWithKey('bad-body', avatarVideo({ avatar_id: 'lk_nobody' }));
		expectError(first, 404, 'avatar_not_found');
		const again = await createWithKey('bad-body', avatarVideo());
		expect(again.body).toEqual(first.body);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('rejects a malformed key', async () => {
		for (const key of ['has space', 'x'.repeat(256), 'slash/key', 'comma,key']) {
			expectError(await createWithKey(key), 400, 'invalid_parameter', 'Idempotency-Key');
		}
	});

	it('answers 409 request_in_progress while the first request is still being handled', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'delay', ms: 300 } });
		const slow = createWithKey('in-flight');
		await sleep(50);
		const repeat = await createWithKey('in-flight');
		expectError(repeat, 409, 'request_in_progress');
		expect(repeat.headers.get('retry-after')).toBe('1');
		const first = await slow;
		expect(first.status).toBe(200);
		expect((await createWithKey('in-flight')).body).toEqual(first.body);
		expect(emulator().state.videos.size).toBe(1);
	});

	it('does not store 429 or 5xx answers, so a retry runs again', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'status', status: 503 } });
		expectError(await createWithKey('retry-me'), 503, 'service_unavailable');
		emulator().config.concurrencyLimit = 1;
		await createWithKey('occupy');
		expectError(await createWithKey('retry-me'), 429, 'rate_limit_exceeded');
		emulator().config.concurrencyLimit = 10;
		const success = await createWithKey('retry-me');
		expect(success.status).toBe(200);
		expect(emulator().state.videos.size).toBe(2);
	});

	it('keeps the stored response when the connection drops after the request took effect', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'drop', when: 'after' } });
		await expect(createWithKey('dropped')).rejects.toThrow();
		expect(emulator().state.videos.size).toBe(1);
		const retry = await createWithKey('dropped');
		expect(retry.status).toBe(200);
		expect(retry.body.data.video_id).toBe([...emulator().state.videos.keys()][0]);
		expect(emulator().state.videos.size).toBe(1);
	});
});
