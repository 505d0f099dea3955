import type { IDataObject } from 'n8n-workflow';

import { CancelledError, sleepUnlessCancelled } from '../helpers/sleep';
import { heyGenErrorOf } from './errors';
import { DEFAULT_POLL_SCHEDULE, nextPollAt, type PollSchedule } from './polling';

/** A job's state as HeyGen last reported it. */
export interface JobSnapshot {
	id: string;
	status: string;
	/** The full resource HeyGen returned (a VideoDetail, for videos). */
	raw: IDataObject;
	/** Server-side render time, when HeyGen reports both timestamps. */
	durationMs?: number;
	/** When HeyGen created the job (ms), when it says. */
	createdAtMs?: number;
}

/** How to read the status of one kind of HeyGen job (videos, translations, agent sessions). */
export interface JobKind {
	/** Words for messages ("video"). */
	noun: string;
	terminalStatuses: readonly string[];
	failedStatuses: readonly string[];
	getOne(id: string, itemIndex: number): Promise<JobSnapshot>;
	/**
	 * One request that reports many jobs (a bulk status or list call). It may miss some ids; those
	 * are fetched one by one. `undefined` when the kind has no such call.
	 */
	getMany?(ids: string[]): Promise<Map<string, JobSnapshot>>;
	/** HeyGen's bulk status read (at most 100 ids a call), when it has one: status only, by id. */
	statuses?(ids: string[]): Promise<Map<string, string>>;
}

/**
 * One item's jobs: created here (`submit`, which may start several, such as a translation into
 * three languages) or already running in HeyGen (`existingIds`).
 */
export interface JobSpec {
	itemIndex: number;
	/** Sends the item's create. `generation` > 0 asks for a new job after an earlier one of the same input failed. */
	submit?: (generation: number) => Promise<JobSnapshot[]>;
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

export interface RunJobsResult {
	/** Every item's outcomes, in input order, each item's jobs in order. */
	outcomes: JobOutcome[];
	/** The outcome that stopped the run (with `stopOnFirstError`). */
	stoppedBy?: JobOutcome;
}

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
	/**
	 * A single job found failed that HeyGen created before this moment (ms) is a replay of an
	 * earlier run's failure: it is created again once, with the next generation's key.
	 */
	renewFailuresCreatedBefore?: number;
	signal?: AbortSignal;
	schedule?: PollSchedule;
	now?: () => number;
	/** Told of each outcome as it happens (a finished video can be downloaded while others render). */
	onOutcome?: (outcome: JobOutcome) => void;
}

interface RunningJob {
	spec: JobSpec;
	jobIndex: number;
	generation: number;
	/** Jobs the submission started (renewing is only for single jobs). */
	siblings: number;
	job: JobSnapshot;
	startedAt: number;
	polledAt: number;
	nextPollAt: number;
}

interface QueuedJob {
	spec: JobSpec;
	generation: number;
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
/** How many generations of one input's failed renders are walked through (bounded by HeyGen's 24 hours). */
const MAX_RENEWALS = 5;

function isRateLimited(error: unknown): { retryAfterMs?: number } | undefined {
	const info = heyGenErrorOf(error);
	if (info?.status === 429 && info.code !== 'quota_exceeded') return { retryAfterMs: info.retryAfterMs };
	return undefined;
}

const isBad = (outcome: JobOutcome) => outcome.state === 'error' || outcome.state === 'failed' || outcome.state === 'timedOut';

/**
 * Runs the jobs of all items together: keeps at most `concurrency` of them in flight, absorbs
 * HeyGen's 429s (an item waits for a slot instead of failing, and nothing is sent again before
 * HeyGen's Retry-After), polls every running job with one bulk call where the kind has one, and
 * reports each item's outcome in input order. Items may share a job id; each gets the outcome.
 */
export async function runJobs(specs: JobSpec[], options: RunJobsOptions): Promise<RunJobsResult> {
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
	/** No create is sent before this (HeyGen's Retry-After). */
	let blockedUntil = 0;
	let probeAfterBlock = false;
	let shortestRenderMs: number | undefined;
	let bulkMisses = 0;
	let stoppedBy: JobOutcome | undefined;

	const record = (outcome: JobOutcome) => {
		outcomes.set(keyOf(outcome.itemIndex, outcome.jobIndex), outcome);
		options.onOutcome?.(outcome);
		if (options.stopOnFirstError && !stoppedBy && isBad(outcome)) stoppedBy = outcome;
	};

	/** Distinct job ids in flight (two items may wait on one video). */
	const distinctJobs = () => new Set([...running.values()].map((entry) => entry.job.id)).size;

	const startRunning = (spec: JobSpec, jobIndex: number, job: JobSnapshot, generation: number, siblings: number): RunningJob => {
		const startedAt = now();
		const entry: RunningJob = { spec, jobIndex, generation, siblings, job, startedAt, polledAt: startedAt, nextPollAt: 0 };
		entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
		running.set(keyOf(spec.itemIndex, jobIndex), entry);
		return entry;
	};

	for (const spec of specs) {
		if (spec.existingIds) {
			spec.existingIds.forEach((id, jobIndex) => startRunning(spec, jobIndex, { id, status: 'unknown', raw: {} }, 0, spec.existingIds!.length));
		} else if (spec.submit) {
			queue.push({ spec, generation: 0 });
		} else {
			record({ itemIndex: spec.itemIndex, jobIndex: 0, state: 'error', error: new Error('Nothing to create or wait for') });
		}
	}

	const isStaleFailure = (entry: RunningJob, snapshot: JobSnapshot) =>
		options.renewFailuresCreatedBefore !== undefined &&
		entry.spec.submit !== undefined &&
		entry.siblings === 1 &&
		entry.generation < MAX_RENEWALS &&
		kind.failedStatuses.includes(snapshot.status) &&
		snapshot.createdAtMs !== undefined &&
		snapshot.createdAtMs < options.renewFailuresCreatedBefore;

	const settle = (entry: RunningJob, snapshot: JobSnapshot) => {
		entry.job = snapshot;
		if (!kind.terminalStatuses.includes(snapshot.status)) return;
		running.delete(keyOf(entry.spec.itemIndex, entry.jobIndex));
		if (snapshot.durationMs !== undefined && snapshot.durationMs > 0) {
			shortestRenderMs = Math.min(shortestRenderMs ?? Infinity, snapshot.durationMs);
		}
		if (isStaleFailure(entry, snapshot)) {
			// An earlier run's failed render, replayed by its idempotency key: render it anew.
			queue.push({ spec: entry.spec, generation: entry.generation + 1 });
			return;
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
		const submitJobs = queued.spec.submit as NonNullable<JobSpec['submit']>;
		const done: Promise<void> = submitJobs(queued.generation)
			.then((jobs) => {
				jobs.forEach((job, jobIndex) => {
					const itemIndex = queued.spec.itemIndex;
					const terminal = kind.terminalStatuses.includes(job.status);
					if (!options.waitForCompletion) {
						const state = !terminal ? 'submitted' : kind.failedStatuses.includes(job.status) ? 'failed' : 'completed';
						record({ itemIndex, jobIndex, state, job });
						// Watched only while other items queue for a slot.
						if (!terminal) startRunning(queued.spec, jobIndex, job, queued.generation, jobs.length);
						return;
					}
					const entry = startRunning(queued.spec, jobIndex, job, queued.generation, jobs.length);
					if (terminal) settle(entry, job);
				});
				// Room HeyGen refused comes back one accepted create at a time.
				room = Math.min(limit, Math.max(room + 1, distinctJobs()));
			})
			.catch((error: unknown) => {
				const limited = isRateLimited(error);
				if (limited && !(error instanceof CancelledError)) {
					room = Math.max(1, distinctJobs());
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
		if (now() < blockedUntil) return;
		while (queue.length > 0 && !stoppedBy) {
			// A submission heavier than the whole limit still goes, alone.
			const inFlight = distinctJobs() + submitting;
			const after = inFlight + weightOf(queue[0].spec);
			const alone = inFlight === 0;
			const probing = probeAfterBlock && submitting === 0;
			if (!alone && (after > limit || (after > room && !probing))) break;
			probeAfterBlock = false;
			submit(queue.shift() as QueuedJob);
			// After a 429 one create goes first, to see whether HeyGen has room again.
			if (probing) break;
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
		for (const [key, entry] of [...running.entries()]) {
			if (t - entry.startedAt >= options.maxWaitMs) {
				running.delete(key);
				record({ itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'timedOut', job: entry.job });
			}
		}
	};

	/** Jobs whose status matters now: all of them when waiting, else only while items queue for a slot. */
	const watched = (): RunningJob[] => (options.waitForCompletion || queue.length > 0 ? [...running.values()] : []);

	const entriesOf = (id: string) => [...running.values()].filter((entry) => entry.job.id === id);

	const pollDue = async (due: RunningJob[]) => {
		const all = watched();
		const polledAt = now();
		let missing = [...new Set(due.map((entry) => entry.job.id))];
		const ids = [...new Set(all.map((entry) => entry.job.id))];
		if (kind.getMany && ids.length > 1 && bulkMisses < 2) {
			// A bulk read that failed even after retries leaves the due jobs to be read one by one.
			const found = await kind.getMany(ids).catch((error: unknown) => {
				if (error instanceof CancelledError) throw new CancelledError();
				return new Map<string, JobSnapshot>();
			});
			for (const entry of all) {
				const snapshot = found.get(entry.job.id);
				if (!snapshot) continue;
				entry.polledAt = polledAt;
				entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
				settle(entry, snapshot);
			}
			// A bulk read that keeps missing our jobs (a busy account) is not worth a request per round.
			const hits = ids.filter((id) => found.has(id)).length;
			bulkMisses = hits * 2 < ids.length ? bulkMisses + 1 : 0;
			missing = missing.filter((id) => !found.has(id));
		}
		for (const id of missing) {
			if (signal?.aborted) throw new CancelledError();
			const entries = entriesOf(id);
			if (entries.length === 0) continue;
			const result = await kind.getOne(id, entries[0].spec.itemIndex).then(
				(snapshot) => ({ snapshot }),
				(error: unknown) => ({ error }),
			);
			if ('error' in result) {
				if (result.error instanceof CancelledError) throw new CancelledError();
				for (const entry of entries) {
					running.delete(keyOf(entry.spec.itemIndex, entry.jobIndex));
					record({ itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'error', error: result.error, job: entry.job });
				}
				continue;
			}
			for (const entry of entries) {
				entry.polledAt = now();
				entry.nextPollAt = nextPollAt(entry, shortestRenderMs, schedule);
				settle(entry, result.snapshot);
			}
		}
	};

	const created = () => {
		const jobs = new Map<string, { itemIndex: number; id: string }>();
		for (const outcome of outcomes.values()) if ('job' in outcome && outcome.job) jobs.set(`${outcome.itemIndex}:${outcome.job.id}`, { itemIndex: outcome.itemIndex, id: outcome.job.id });
		for (const entry of running.values()) jobs.set(`${entry.spec.itemIndex}:${entry.job.id}`, { itemIndex: entry.spec.itemIndex, id: entry.job.id });
		return [...jobs.values()].sort((a, b) => a.itemIndex - b.itemIndex);
	};

	const interrupted = await loop().then(
		() => undefined,
		(error: unknown) => error,
	);
	if (interrupted !== undefined) {
		if (interrupted instanceof CancelledError) {
			interrupted.noun = kind.noun;
			interrupted.created = created();
		}
		throw interrupted;
	}

	async function loop(): Promise<void> {
	for (;;) {
		if (signal?.aborted) throw new CancelledError();
		startSubmissions();
		expireQueued();
		expireRunning();
		if (stoppedBy) break;
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
	}

	if (stoppedBy) {
		// Learn the ids of creates already on the wire, so the error can list every job left rendering.
		await Promise.allSettled([...pending]);
		for (const entry of running.values()) {
			const key = keyOf(entry.spec.itemIndex, entry.jobIndex);
			if (!outcomes.has(key)) {
				outcomes.set(key, { itemIndex: entry.spec.itemIndex, jobIndex: entry.jobIndex, state: 'abandoned', job: entry.job });
			}
		}
	}
	const ordered = specs.flatMap((spec) => {
		const own = [...outcomes.values()]
			.filter((outcome) => outcome.itemIndex === spec.itemIndex)
			.sort((a, b) => a.jobIndex - b.jobIndex);
		return own.length > 0 ? own : [{ itemIndex: spec.itemIndex, jobIndex: 0, state: 'notStarted' as const }];
	});
	return { outcomes: ordered, stoppedBy };
}
