/**
 * When to look at a running job again. Pure, so the schedule can be tested without clocks.
 *
 * The interval grows with the job's age (a tenth of it, from 1 s up to 30 s), so a render found
 * finished is at most about 10 % late, and a long render is not polled more often than it needs.
 * Once this run has seen how long renders take, a job is not polled before most of that time
 * has passed. Jitter keeps many waiting nodes from polling in step.
 */
export interface PollSchedule {
	minIntervalMs: number;
	maxIntervalMs: number;
	/** Fraction of the job's age waited between polls. */
	ageFraction: number;
	/** Share of the shortest render seen in this run before which a job is not polled. */
	expectedShare: number;
	/** ±share of random spread on each interval. */
	jitter: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = {
	minIntervalMs: 1000,
	maxIntervalMs: 30_000,
	ageFraction: 0.1,
	expectedShare: 0.85,
	jitter: 0.1,
};

export function nextPollAt(
	job: { startedAt: number; polledAt: number },
	expectedDurationMs: number | undefined,
	schedule: PollSchedule = DEFAULT_POLL_SCHEDULE,
	random = Math.random,
): number {
	const age = Math.max(0, job.polledAt - job.startedAt);
	const base = Math.min(schedule.maxIntervalMs, Math.max(schedule.minIntervalMs, age * schedule.ageFraction));
	const spread = 1 + (random() * 2 - 1) * schedule.jitter;
	const next = job.polledAt + Math.round(base * spread);
	if (expectedDurationMs === undefined) return next;
	return Math.max(next, job.startedAt + Math.round(expectedDurationMs * schedule.expectedShare));
}
