import type { IDataObject } from 'n8n-workflow';

import { CancelledError, sleepUnlessCancelled } from '../helpers/sleep';
import { heyGenDetails } from './errors';
import { DEFAULT_POLL_SCHEDULE, nextPollAt, type PollSchedule } from './polling';

/** A job's state as HeyGen last reported it. */
export interface JobSnapshot {
	id: string;
	status: string;
	/** The full resource HeyGen returned (a VideoDetail, for videos). */
	raw: IDataObject;
	/** Server-side render time, when HeyGen reports both timestamps. */
	durationMs?: number;
}

/** How to read the status of one kind of HeyGen job (videos; later translations and agent sessions). */
export interface JobKind {
	/** Words for messages ("video"). */
	noun: string;
	terminalStatuses: readonly string[];
	failedStatuses: readonly string[];
	getOne(id: string, itemIndex: number): Promise<JobSnapshot>;
	/**
	 * One request that reports many recent jobs (a list call). It may miss some ids; those are
	 * fetched one by one. `undefined` when the kind has no such call.
	 */
	getMany?(ids: string[]): Promise<Map<string, JobSnapshot>>;
}

/**
 * One item's jobs: created here (`submit`, which may start several, such as a translation into
 * three languages) or already running in HeyGen (`existingIds`).
 */
export interface JobSpec {
	itemIndex: number;
	submit?: () => Promise<JobSnapshot[]>;
	/** Jobs one submission starts, counted against the concurrency limit (default 1). */
	weight?: number;
	existingIds?: string[];
}

/** What became of one job (`jobIndex` orders an item's jobs), or of an item whose jobs never started. */
export type JobOutcome =
	| { itemIndex: number; jobIndex: number; state: 'submitted' | 'completed' | 'failed' | 'timedOut'; job: JobSnapshot }
	| { itemIndex: number; jobIndex: number; state: 'error'; error: unknown; job?: JobSnapshot }
	/** Created and still rendering, but not waited for because another item's error stopped the run. */
	| { itemIndex: number; jobIndex: number; state: 'abandoned'; job: JobSnapshot }
	/** Never sent to HeyGen, because another item's error stopped the run. */
	| { itemIndex: number; jobIndex: number; state: 'notStarted' };

export interface RunJobsOptions {
	kind: JobKind;
	/** Jobs of this run allowed in flight at once. */
	concurrency: number;
	/** Wait for every job to finish; otherwise return once all are submitted. */
	waitForCompletion: boolean;
	/** Per job: from its submission (or its first attempt, while HeyGen refuses new jobs). */
	maxWaitMs: number;
	/** Stop at the first job that ends badly (the node does not continue on fail). */
	stopOnFirstError: boolean;
	signal?: AbortSignal;
	schedule?: PollSchedule;
	now?: () => number;
}

interface RunningJob {
	spec: JobSpec;
	jobIndex: number;
	job: JobSnapshot;
	startedAt: number;
	polledAt: number;
	nextPollAt: number;
}

interface QueuedJob {
	spec: JobSpec;
	firstTriedAt?: number;
}

/** Resolves whoever waits on it the next time something happens. */
class Wakeup {
	private resolve: () => void = () => {};
	private promise = this.renew();

	private renew(): Promise<void> {
		return new Promise<void>((resolve) => {
			this.resolve = resolve;
		});
	}

	wait(): Promise<void> {
		return this.promise;
	}

	fire(): void {
		this.resolve();
		this.promise = this.renew();
	}
}

const RATE_LIMIT_FALLBACK_MS = 5000;
const MAX_NAP_MS = 1000;

function isRateLimited(error: unknown): { retryAfterMs?: number } | undefined {
	const details = heyGenDetails(error);
	if (details?.status === 429 && details.code !== 'quota_exceeded') return { retryAfterMs: details.retryAfterMs };
	return undefined;
}

/**
 * Runs the jobs of all items together: keeps at most `concurrency` of them in flight, absorbs
 * HeyGen's 429s (an item waits for a slot instead of failing), polls every running job with one
 * list call where the kind has one, and reports each item's outcome in input order.
 */
export async function runJobs(specs: JobSpec[], options: RunJobsOptions): Promise<JobOutcome[]> {
	const now = options.now ?? Date.now;
	const schedule = options.schedule ?? DEFAULT_POLL_SCHEDULE;
	const { kind, signal } = options;
	const outcomes = new Map<string, JobOutcome>();
	const keyOf = (itemIndex: number, jobIndex: number) => `${itemIndex}:${jobIndex}`;
	const queue: QueuedJob[] = [];
	const running = new Map<string, RunningJob>();
	const wakeup = new Wakeup();
	const limit = Math.max(1, Math.floor(options.concurrency));
	let submitting = 0;
	const pending = new Set<Promise<void>>();
	/** What HeyGen's 429s say the account has room for; grows again as submissions succeed. */
	let room = limit;
	let blockedUntil = 0;
	let probeAfterBlock = false;
	let shortestRenderMs: number | undefined;
	let bulkMisses = 0;
	let stopped = false;

	const record = (outcome: JobOutcome) => {
		outcomes.set(keyOf(outcome.itemIndex, outcome.jobIndex), outcome);
		if (options.stopOnFirstError && (outcome.state === 'error' || outcome.state === 'failed' || outcome.state === 'timedOut')) {
			stopped = true;
		}
	};

	const startRunning = (spec: JobSpec, jobIndex: number, job: JobSnapshot) => {
		const startedAt = now();
		const entry: RunningJob = { spec, jobIndex, job, startedAt, polledAt: startedAt, nextPollAt: 0 };
		entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
		running.set(job.id, entry);
	};

	for (const spec of specs) {
		if (spec.existingIds) {
			spec.existingIds.forEach((id, jobIndex) => startRunning(spec, jobIndex, { id, status: 'unknown', raw: {} }));
		} else if (spec.submit) {
			queue.push({ spec });
		} else {
			record({ itemIndex: spec.itemIndex, jobIndex: 0, state: 'error', error: new Error('Nothing to create or wait for') });
		}
	}

	const settle = (entry: RunningJob, snapshot: JobSnapshot) => {
		entry.job = snapshot;
		if (!kind.terminalStatuses.includes(snapshot.status)) return;
		running.delete(snapshot.id);
		// A finished job frees a slot: try the queue at once instead of waiting out a Retry-After.
		blockedUntil = 0;
		if (snapshot.durationMs !== undefined && snapshot.durationMs > 0) {
			shortestRenderMs = Math.min(shortestRenderMs ?? Infinity, snapshot.durationMs);
		}
		if (!options.waitForCompletion) return;
		record({
			itemIndex: entry.spec.itemIndex,
			jobIndex: entry.jobIndex,
			state: kind.failedStatuses.includes(snapshot.status) ? 'failed' : 'completed',
			job: snapshot,
		});
	};

	const weightOf = (spec: JobSpec) => Math.max(1, spec.weight ?? 1);

	const submit = (queued: QueuedJob) => {
		const weight = weightOf(queued.spec);
		submitting += weight;
		queued.firstTriedAt ??= now();
		const submitJobs = queued.spec.submit as () => Promise<JobSnapshot[]>;
		const done: Promise<void> = submitJobs()
			.then((jobs) => {
				jobs.forEach((job, jobIndex) => {
					const itemIndex = queued.spec.itemIndex;
					if (kind.terminalStatuses.includes(job.status)) {
						record({ itemIndex, jobIndex, state: kind.failedStatuses.includes(job.status) ? 'failed' : 'completed', job });
						return;
					}
					startRunning(queued.spec, jobIndex, job);
					if (!options.waitForCompletion) record({ itemIndex, jobIndex, state: 'submitted', job });
				});
				room = Math.min(limit, Math.max(room, running.size));
			})
			.catch((error: unknown) => {
				const limited = isRateLimited(error);
				if (limited && !(error instanceof CancelledError)) {
					room = Math.max(1, running.size);
					blockedUntil = Math.max(blockedUntil, now() + (limited.retryAfterMs ?? RATE_LIMIT_FALLBACK_MS));
					probeAfterBlock = true;
					queue.unshift(queued);
					return;
				}
				record({ itemIndex: queued.spec.itemIndex, jobIndex: 0, state: 'error', error });
			})
			.finally(() => {
				submitting -= weight;
				pending.delete(done);
				wakeup.fire();
			});
		pending.add(done);
	};

	const startSubmissions = () => {
		const t = now();
		if (t < blockedUntil) return;
		while (queue.length > 0 && !stopped) {
			// A submission heavier than the whole limit still goes, alone.
			const after = running.size + submitting + weightOf(queue[0].spec);
			const alone = running.size + submitting === 0;
			const probing = probeAfterBlock && submitting === 0;
			if (!alone && (after > limit || (after > room && !probing))) break;
			probeAfterBlock = false;
			submit(queue.shift() as QueuedJob);
		}
	};

	const expireQueued = () => {
		const t = now();
		for (let i = queue.length - 1; i >= 0; i--) {
			const queued = queue[i];
			if (queued.firstTriedAt !== undefined && t - queued.firstTriedAt >= options.maxWaitMs) {
				queue.splice(i, 1);
				record({
					itemIndex: queued.spec.itemIndex,
					jobIndex: 0,
					state: 'error',
					error: new Error(
						`HeyGen had no free slot for this ${kind.noun} within the maximum wait; it was not created and nothing was charged`,
					),
				});
			}
		}
	};

	const expireRunning = () => {
		const t = now();
		for (const entry of [...running.values()]) {
			if (t - entry.startedAt >= options.maxWaitMs) {
				running.delete(entry.job.id);
				record({ itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'timedOut', job: entry.job });
			}
		}
	};

	/** Jobs whose status matters now: all of them when waiting, else only while items queue for a slot. */
	const watched = (): RunningJob[] =>
		options.waitForCompletion || queue.length > 0 ? [...running.values()] : [];

	const pollDue = async (due: RunningJob[]) => {
		const all = watched();
		const polledAt = now();
		let missing = due;
		if (kind.getMany && all.length > 1 && bulkMisses < 2) {
			// A list that failed even after retries leaves the due jobs to be polled one by one.
			const found = await kind.getMany(all.map((entry) => entry.job.id)).catch((error: unknown) => {
				if (error instanceof CancelledError) throw new CancelledError();
				return new Map<string, JobSnapshot>();
			});
			let hits = 0;
			for (const entry of all) {
				const snapshot = found.get(entry.job.id);
				if (!snapshot) continue;
				hits++;
				entry.polledAt = polledAt;
				entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
				settle(entry, snapshot);
			}
			// A list that keeps missing our jobs (a busy account) is not worth a request per round.
			bulkMisses = hits * 2 < all.length ? bulkMisses + 1 : 0;
			missing = due.filter((entry) => !found.has(entry.job.id));
		}
		for (const entry of missing) {
			if (signal?.aborted) throw new CancelledError();
			const result = await kind.getOne(entry.job.id, entry.spec.itemIndex).then(
				(snapshot) => ({ snapshot }),
				(error: unknown) => ({ error }),
			);
			if ('error' in result) {
				if (result.error instanceof CancelledError) throw new CancelledError();
				running.delete(entry.job.id);
				record({ itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'error', error: result.error, job: entry.job });
				continue;
			}
			entry.polledAt = now();
			entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
			settle(entry, result.snapshot);
		}
	};

	for (;;) {
		if (signal?.aborted) throw new CancelledError();
		startSubmissions();
		expireQueued();
		expireRunning();
		if (stopped) break;
		const polled = watched();
		if (queue.length === 0 && submitting === 0 && polled.length === 0) break;

		const t = now();
		const due = polled.filter((entry) => entry.nextPollAt <= t);
		if (due.length > 0) {
			await pollDue(due);
			continue;
		}

		const wakeTimes = polled.map((entry) => Math.min(entry.nextPollAt, entry.startedAt + options.maxWaitMs));
		if (queue.length > 0 && blockedUntil > t) wakeTimes.push(blockedUntil);
		for (const queued of queue) {
			if (queued.firstTriedAt !== undefined) wakeTimes.push(queued.firstTriedAt + options.maxWaitMs);
		}
		const wakeAt = wakeTimes.length > 0 ? Math.min(...wakeTimes) : t + MAX_NAP_MS;
		// Naps stay short: n8n's sleep cannot be cut short, so a long one would outlive the run.
		await Promise.race([sleepUnlessCancelled(Math.min(MAX_NAP_MS, Math.max(0, wakeAt - t)), signal), wakeup.wait()]);
	}

	if (stopped) {
		// Learn the ids of creates already on the wire, so the error can list every job left rendering.
		await Promise.allSettled([...pending]);
		for (const entry of running.values()) {
			const key = keyOf(entry.spec.itemIndex, entry.jobIndex);
			if (!outcomes.has(key)) {
				outcomes.set(key, { itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'abandoned', job: entry.job });
			}
		}
	}
	return specs.flatMap((spec) => {
		const own = [...outcomes.values()]
			.filter((outcome) => outcome.itemIndex === spec.itemIndex)
			.sort((a, b) => a.jobIndex - b.jobIndex);
		return own.length > 0 ? own : [{ itemIndex: spec.itemIndex, jobIndex: 0, state: 'notStarted' as const }];
	});
}
