import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type Emulator, type FaultRule } from '../../emulator';
import { optionsFrom } from '../../emulator/cliOptions';
import { avatarVideo, call, control, FAST_TIMINGS, useEmulator } from './helpers';

const emulator = useEmulator();

/** Status of each of `count` sequential GET /v3/users/me. */
async function statuses(target: Emulator, count: number): Promise<number[]> {
	const seen: number[] = [];
	for (let i = 0; i < count; i++) seen.push((await call(target, 'GET', '/v3/users/me')).status);
	return seen;
}

const flaky = (probability: number, seed?: number): FaultRule => ({
	match: { endpoint: 'getCurrentUser' },
	probability,
	...(seed === undefined ? {} : { seed }),
	action: { type: 'status', status: 503 },
});

describe('fault probability', () => {
	it('draws the same sequence again from the same seed, and another from another seed', async () => {
		emulator().addFault(flaky(0.3, 42));
		const first = await statuses(emulator(), 60);
		emulator().reset();
		emulator().addFault(flaky(0.3, 42));
		const again = await statuses(emulator(), 60);
		expect(again).toEqual(first);
		expect(first).toContain(503);
		expect(first).toContain(200);
		emulator().reset();
		emulator().addFault(flaky(0.3, 43));
		expect(await statuses(emulator(), 60)).not.toEqual(first);
	});

	it('affects each request independently at about the given rate over 1000 requests, uncapped', async () => {
		emulator().addFault(flaky(0.2, 7));
		const seen = await statuses(emulator(), 1000);
		const failed = seen.filter((status) => status === 503).length;
		expect(failed).toBeGreaterThan(160);
		expect(failed).toBeLessThan(240);
		expect(emulator().listFaults()[0]).toMatchObject({ matched: 1000, applied: failed });
		expect(emulator().requests.filter((request) => request.fault === 'status:503')).toHaveLength(failed);
	});

	it('still obeys `skip` and `times`; rules without a seed follow the emulator seed', async () => {
		emulator().addFault({ ...flaky(0.5, 1), skip: 10, times: 4 });
		const seen = await statuses(emulator(), 60);
		expect(seen.slice(0, 10)).toEqual(Array(10).fill(200));
		expect(seen.filter((status) => status === 503)).toHaveLength(4);

		const runs: number[][] = [];
		for (const faultSeed of [5, 5, 6]) {
			const seeded = await startEmulator({ timings: FAST_TIMINGS, faultSeed, faults: [flaky(0.4)] });
			try {
				runs.push(await statuses(seeded, 40));
			} finally {
				await seeded.close();
			}
		}
		expect(runs[1]).toEqual(runs[0]);
		expect(runs[2]).not.toEqual(runs[0]);
	});

	it('lets a request that is not drawn fall through to the next rule', async () => {
		emulator().addFault(flaky(0));
		emulator().addFault({ match: { endpoint: 'getCurrentUser' }, action: { type: 'status', status: 502 } });
		expect(await statuses(emulator(), 2)).toEqual([502, 200]);
		expect(emulator().listFaults().map((fault) => fault.applied)).toEqual([0, 1]);
	});
});

describe('request timing and Retry-After in the log', () => {
	it('records start, end and the Retry-After of answers that carry one', async () => {
		emulator().addFault({ match: { endpoint: 'createVideo' }, action: { type: 'rate_limit', retryAfterSeconds: 5 } });
		emulator().addFault({ match: { endpoint: 'getCurrentUser' }, action: { type: 'delay', ms: 120 } });
		const before = Date.now();
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo(), idempotencyKey: 'paced-1' });
		await call(emulator(), 'GET', '/v3/users/me');
		const after = Date.now();
		const [limited, slow] = emulator().requests;
		expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 5, fault: 'rate_limit' });
		expect(limited.headers['idempotency-key']).toBe('paced-1');
		expect(slow.retryAfterSeconds).toBeUndefined();
		for (const request of [limited, slow]) {
			expect(request.receivedAt).toBeGreaterThanOrEqual(before);
			expect(request.finishedAt).toBeGreaterThanOrEqual(request.receivedAt);
			expect(request.finishedAt).toBeLessThanOrEqual(after);
		}
		expect(slow.finishedAt! - slow.receivedAt).toBeGreaterThanOrEqual(115);
		expect(limited.finishedAt).toBeLessThanOrEqual(slow.receivedAt);
	});
});

describe('fault rules from outside the process', () => {
	it('takes the new kinds through POST /__emulator/faults and refuses bad ones', async () => {
		const added = await control(emulator(), 'POST', '/faults', {
			match: { endpoint: 'getCurrentUser' },
			probability: 1,
			seed: 3,
			times: 2,
			action: { type: 'malformed', shape: 'null_data' },
		});
		expect(added.status).toBe(201);
		expect(added.body.data.rule).toMatchObject({ probability: 1, seed: 3, times: 2 });
		expect((await call(emulator(), 'GET', '/v3/users/me')).body).toEqual({ data: null });
		for (const rule of [
			{ probability: 1.5, action: { type: 'truncate' } },
			{ probability: 0.5, seed: -1, action: { type: 'truncate' } },
			{ action: { type: 'truncate', bytes: -1 } },
			{ action: { type: 'malformed', shape: 'garbled' } },
			{ action: { type: 'redirect', status: 300 } },
			{ action: { type: 'redirect', to: 'https://example.com' } },
			{ match: { server: 'webhook' }, action: { type: 'redirect' } },
			{ match: { server: 'storage' }, action: { type: 'truncate' } },
		]) {
			const refused = await control(emulator(), 'POST', '/faults', rule);
			expect({ rule, status: refused.status, code: refused.body.error?.code }).toEqual({
				rule,
				status: 400,
				code: 'invalid_parameter',
			});
		}
		expect((await control(emulator(), 'GET', '/faults')).body.data).toHaveLength(1);
	});

	it('reads a JSON list of rules and a seed from the command line', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'emulator-faults-'));
		try {
			const file = join(folder, 'faults.json');
			writeFileSync(
				file,
				JSON.stringify([
					{ match: { endpoint: 'getCurrentUser' }, times: 'Infinity', action: { type: 'redirect', status: 307 } },
					{ match: { server: 'storage' }, probability: 0.25, action: { type: 'drop', when: 'after' } },
				]),
			);
			const options = optionsFrom(['--faults', file, '--fault-seed', '9']);
			expect(options).toMatchObject({ faultSeed: 9 });
			const started = await startEmulator(options);
			try {
				expect(started.listFaults().map((fault) => fault.rule.action.type)).toEqual(['redirect', 'drop']);
				const moved = await fetch(`${started.url}/v3/users/me`, { redirect: 'manual' });
				expect(moved.status).toBe(307);
				expect(moved.headers.get('location')).toBe(`${started.elsewhereUrl}/v3/users/me`);
			} finally {
				await started.close();
			}

			writeFileSync(file, JSON.stringify([{ action: { type: 'status', status: 503 } }, { action: { type: 'nope' } }]));
			expect(() => optionsFrom(['--faults', file])).toThrow(/rule 1: action\.type/);
			writeFileSync(file, '{"action":{"type":"truncate"}}');
			expect(() => optionsFrom(['--faults', file])).toThrow(/JSON array/);
			expect(() => optionsFrom(['--faults', join(folder, 'missing.json')])).toThrow(/missing\.json/);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
