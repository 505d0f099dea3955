import type { INode } from 'n8n-workflow';

import { CancelledError } from '../../nodes/HeyGen/helpers/sleep';
import { HeyGenApiError } from '../../nodes/HeyGen/transport/errors';
import { runJobs, type JobKind, type JobSnapshot, type JobSpec } from '../../nodes/HeyGen/transport/jobs';
import type { PollSchedule } from '../../nodes/HeyGen/transport/polling';

const node = { id: 'n1', name: 'HeyGen', type: 'heyGen', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** The transport's error for a 429 with Retry-After. */
export function rateLimited(retryAfterMs: number): HeyGenApiError {
	return new HeyGenApiError(node, { status: 429, code: 'rate_limit_exceeded', retryAfterMs }, { code: 'rate_limit_exceeded', message: 'slow down' }, {});
}

const FAST: PollSchedule = { minIntervalMs: 20, maxIntervalMs: 100, ageFraction: 0.1, expectedShare: 0.85, jitter: 0 };

/** An in-memory account: renders take `renderMs`, at most `cap` at once, beyond that a 429. */
function fakeAccount(options: { cap: number; renderMs: number; fail?: (index: number) => boolean; retryAfterMs?: number }) {
	const jobs = new Map<string, { startedAt: number; index: number }>();
	const calls = { submit: 0, rateLimited: 0, getOne: 0, getMany: 0, maxRunning: 0, submitTimes: [] as number[], limitedTimes: [] as number[] };
	const status = (id: string): JobSnapshot => {
		const job = jobs.get(id);
		if (!job) throw new Error(`no job ${id}`);
		const done = Date.now() - job.startedAt >= options.renderMs;
		const failed = done && Boolean(options.fail?.(job.index));
		return { id, status: done ? (failed ? 'failed' : 'completed') : 'processing', raw: { id } };
	};
	const running = () => [...jobs.keys()].filter((id) => status(id).status === 'processing').length;
	const submit = (index: number) => async (): Promise<JobSnapshot[]> => {
		calls.submit++;
		calls.submitTimes.push(Date.now());
		if (running() >= options.cap) {
			calls.rateLimited++;
			calls.limitedTimes.push(Date.now());
			throw rateLimited(options.retryAfterMs ?? 50);
		}
		const id = `job-${index}`;
		jobs.set(id, { startedAt: Date.now(), index });
		calls.maxRunning = Math.max(calls.maxRunning, running());
		return [{ id, status: 'waiting', raw: { id } }];
	};
	const kind: JobKind = {
		noun: 'video',
		terminalStatuses: ['completed', 'failed'],
		failedStatuses: ['failed'],
		async getOne(id) {
			calls.getOne++;
			return status(id);
		},
		async getMany(ids) {
			calls.getMany++;
			return new Map(ids.map((id) => [id, status(id)]));
		},
	};
	return { kind, submit, calls, jobs };
}

const specs = (n: number, submit: (i: number) => () => Promise<JobSnapshot[]>): JobSpec[] =>
	Array.from({ length: n }, (_, itemIndex) => ({ itemIndex, submit: submit(itemIndex) }));

describe('runJobs', () => {
	it('completes every item with at most the concurrency in flight, absorbing the account\'s 429s', async () => {
		const account = fakeAccount({ cap: 4, renderMs: 120 });
		const { outcomes } = await runJobs(specs(10, account.submit), {
			kind: account.kind,
			concurrency: 10,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes.map((o) => o.state)).toEqual(Array(10).fill('completed'));
		expect(outcomes.map((o) => o.itemIndex)).toEqual([...Array(10).keys()]);
		expect(account.calls.maxRunning).toBeLessThanOrEqual(4);
		expect(account.calls.rateLimited).toBeGreaterThan(0);
		expect(account.jobs.size).toBe(10);
	});

	it('never runs more than its own concurrency limit', async () => {
		const account = fakeAccount({ cap: 100, renderMs: 80 });
		const { outcomes } = await runJobs(specs(9, account.submit), {
			kind: account.kind,
			concurrency: 3,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes.every((o) => o.state === 'completed')).toBe(true);
		expect(account.calls.maxRunning).toBe(3);
		expect(account.calls.rateLimited).toBe(0);
	});

	it('polls many running jobs with one list call', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 150 });
		await runJobs(specs(10, account.submit), {
			kind: account.kind,
			concurrency: 10,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(account.calls.getMany).toBeGreaterThan(0);
		expect(account.calls.getOne).toBe(0);
		// Far fewer status calls than one per job per round.
		expect(account.calls.getMany).toBeLessThan(30);
	});

	it('returns as soon as all are submitted when not waiting', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 5000 });
		const started = Date.now();
		const { outcomes } = await runJobs(specs(5, account.submit), {
			kind: account.kind,
			concurrency: 10,
			waitForCompletion: false,
			maxWaitMs: 60_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes.map((o) => o.state)).toEqual(Array(5).fill('submitted'));
		expect(Date.now() - started).toBeLessThan(1000);
		expect(account.calls.getMany + account.calls.getOne).toBe(0);
	});

	it('reports failed renders per item and keeps going when continuing on fail', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 60, fail: (i) => i === 1 });
		const { outcomes } = await runJobs(specs(3, account.submit), {
			kind: account.kind,
			concurrency: 10,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: false,
			schedule: FAST,
		});
		expect(outcomes.map((o) => o.state)).toEqual(['completed', 'failed', 'completed']);
	});

	it('stops at the first error without continue-on-fail and lists the jobs left rendering', async () => {
		const account = fakeAccount({ cap: 2, renderMs: 300 });
		const failing: JobSpec = {
			itemIndex: 2,
			submit: async () => {
				throw new Error('boom');
			},
		};
		const list = specs(5, account.submit);
		list[2] = failing;
		const { outcomes, stoppedBy } = await runJobs(list, {
			kind: account.kind,
			concurrency: 5,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes[2]).toMatchObject({ state: 'error' });
		expect(stoppedBy).toBe(outcomes[2]);
		const states = outcomes.map((o) => o.state);
		expect(states.filter((s) => s === 'abandoned').length).toBeGreaterThan(0);
		expect(states).toContain('notStarted');
		for (const outcome of outcomes) {
			if (outcome.state === 'abandoned') expect(account.jobs.has(outcome.job.id)).toBe(true);
		}
	});

	it('times out a job that outlives the maximum wait and names it', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 10_000 });
		const { outcomes } = await runJobs(specs(2, account.submit), {
			kind: account.kind,
			concurrency: 10,
			waitForCompletion: true,
			maxWaitMs: 150,
			stopOnFirstError: false,
			schedule: FAST,
		});
		expect(outcomes.map((o) => o.state)).toEqual(['timedOut', 'timedOut']);
		expect(outcomes[0]).toMatchObject({ job: { id: 'job-0' } });
	});

	it('runs every job of a submission that starts several, weighing them against the limit', async () => {
		const account = fakeAccount({ cap: 100, renderMs: 60 });
		let counter = 0;
		const multi: JobSpec[] = [0, 1, 2].map((itemIndex) => ({
			itemIndex,
			weight: 3,
			submit: async () => {
				const jobs = [];
				for (let j = 0; j < 3; j++) jobs.push(...(await account.submit(100 + counter++)()));
				return jobs;
			},
		}));
		const { outcomes } = await runJobs(multi, {
			kind: account.kind,
			concurrency: 4,
			waitForCompletion: true,
			maxWaitMs: 10_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes.map((o) => [o.itemIndex, o.jobIndex, o.state])).toEqual([
			[0, 0, 'completed'], [0, 1, 'completed'], [0, 2, 'completed'],
			[1, 0, 'completed'], [1, 1, 'completed'], [1, 2, 'completed'],
			[2, 0, 'completed'], [2, 1, 'completed'], [2, 2, 'completed'],
		]);
		// With a limit of 4, one submission of 3 jobs runs at a time.
		expect(account.calls.maxRunning).toBe(3);
	});

	it('waits for jobs that already exist', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 50 });
		await account.submit(0)();
		await account.submit(1)();
		const { outcomes } = await runJobs(
			[
				{ itemIndex: 0, existingIds: ['job-0'] },
				{ itemIndex: 1, existingIds: ['job-1'] },
			],
			{ kind: account.kind, concurrency: 2, waitForCompletion: true, maxWaitMs: 5000, stopOnFirstError: true, schedule: FAST },
		);
		expect(outcomes.map((o) => o.state)).toEqual(['completed', 'completed']);
	});

	it('stops when the execution is cancelled', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 60_000 });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const started = Date.now();
		await expect(
			runJobs(specs(2, account.submit), {
				kind: account.kind,
				concurrency: 2,
				waitForCompletion: true,
				maxWaitMs: 120_000,
				stopOnFirstError: true,
				schedule: FAST,
				signal: controller.signal,
			}),
		).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it('gives every item its outcome when two items wait on the same job', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 50 });
		await account.submit(0)();
		const { outcomes } = await runJobs(
			[
				{ itemIndex: 0, existingIds: ['job-0'] },
				{ itemIndex: 1, existingIds: ['job-0'] },
			],
			{ kind: account.kind, concurrency: 2, waitForCompletion: true, maxWaitMs: 5000, stopOnFirstError: true, schedule: FAST },
		);
		expect(outcomes.map((o) => [o.itemIndex, o.state])).toEqual([
			[0, 'completed'],
			[1, 'completed'],
		]);
	});

	it("sends no create before HeyGen's Retry-After, even when jobs finish meanwhile", async () => {
		const account = fakeAccount({ cap: 2, renderMs: 100, retryAfterMs: 600 });
		const { outcomes } = await runJobs(specs(5, account.submit), {
			kind: account.kind,
			concurrency: 5,
			waitForCompletion: true,
			maxWaitMs: 20_000,
			stopOnFirstError: true,
			schedule: FAST,
		});
		expect(outcomes.every((o) => o.state === 'completed')).toBe(true);
		expect(account.calls.rateLimited).toBeGreaterThan(0);
		// Creates sent in the same instant as the refused one went before its answer; none may follow it early.
		for (const limitedAt of account.calls.limitedTimes) {
			expect(account.calls.submitTimes.filter((t) => t > limitedAt + 20 && t < limitedAt + 590)).toEqual([]);
		}
		expect(account.calls.submitTimes.some((t) => t > account.calls.limitedTimes[0] + 590)).toBe(true);
	});

	it('creates again, with the next generation, a single job found failed that an earlier run created', async () => {
		const generations: number[] = [];
		const kind: JobKind = {
			noun: 'video',
			terminalStatuses: ['completed', 'failed'],
			failedStatuses: ['failed'],
			async getOne(id) {
				return id === 'old' ? { id, status: 'failed', raw: {}, createdAtMs: 1000 } : { id, status: 'completed', raw: {}, createdAtMs: Date.now() };
			},
		};
		const { outcomes } = await runJobs(
			[
				{
					itemIndex: 0,
					submit: async (generation) => {
						generations.push(generation);
						return [{ id: generation === 0 ? 'old' : 'new', status: 'waiting', raw: {} }];
					},
				},
			],
			{ kind, concurrency: 1, waitForCompletion: true, maxWaitMs: 5000, stopOnFirstError: true, schedule: FAST, renewFailuresCreatedBefore: Date.now() - 60_000 },
		);
		expect(generations).toEqual([0, 1]);
		expect(outcomes).toMatchObject([{ state: 'completed', job: { id: 'new' } }]);
	});

	it('does not renew a failure of this run', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 30, fail: () => true });
		const { outcomes } = await runJobs(specs(1, account.submit), {
			kind: account.kind,
			concurrency: 1,
			waitForCompletion: true,
			maxWaitMs: 5000,
			stopOnFirstError: false,
			schedule: FAST,
			renewFailuresCreatedBefore: Date.now() - 60_000,
		});
		expect(outcomes.map((o) => o.state)).toEqual(['failed']);
		expect(account.calls.submit).toBe(1);
	});

	it('names the jobs already created when the execution is cancelled', async () => {
		const account = fakeAccount({ cap: 10, renderMs: 60_000 });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 150);
		const error = await runJobs(specs(2, account.submit), {
			kind: account.kind,
			concurrency: 2,
			waitForCompletion: true,
			maxWaitMs: 120_000,
			stopOnFirstError: true,
			schedule: FAST,
			signal: controller.signal,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CancelledError);
		expect((error as CancelledError).created).toEqual([
			{ itemIndex: 0, id: 'job-0' },
			{ itemIndex: 1, id: 'job-1' },
		]);
	});
});
