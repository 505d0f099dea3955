import type { HttpMethod } from './endpoints';

/** The one place that decides whether a failed HeyGen request is tried again, and when. */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	/** Cap of the exponential backoff itself. */
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited out by a single request. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

export type RequestOutcome =
	| { kind: 'http'; status: number; code: string; retryAfterMs?: number }
	| { kind: 'network'; code?: string };

export interface RetryContext {
	method: HttpMethod;
	/** The request carries an `Idempotency-Key`, so repeating it cannot create a second job. */
	idempotent: boolean;
	/** Retries already made. */
	retriesDone: number;
	/** `throw`: a 429 is handed to the caller at once (the job scheduler queues the item instead). */
	rateLimit: 'wait' | 'throw';
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

/** Capped exponential backoff with ±25 % jitter: 0.5 s, 1 s, 2 s, ... up to `maxDelayMs`. */
export function backoffDelay(retryIndex: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
	const jitter = 1 + (random() * 2 - 1) * 0.25;
	return Math.round(Math.min(policy.maxDelayMs, exponential * jitter));
}

/**
 * Safe to repeat: reads, and creates that carry an idempotency key (HeyGen replays the first answer).
 * Deletes are not repeated after an unanswered attempt: the first may have taken effect.
 */
function isRepeatable(context: RetryContext): boolean {
	return context.method === 'GET' || context.idempotent;
}

export function decideRetry(
	outcome: RequestOutcome,
	context: RetryContext,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random = Math.random,
): RetryDecision {
	if (context.retriesDone >= policy.maxRetries) return { retry: false };
	const backoff = backoffDelay(context.retriesDone, policy, random);

	if (outcome.kind === 'network') {
		return isRepeatable(context) ? { retry: true, delayMs: backoff } : { retry: false };
	}

	const { status, code, retryAfterMs } = outcome;
	const honouring = (ms: number | undefined): RetryDecision =>
		ms !== undefined && ms > policy.maxRetryAfterMs
			? { retry: false }
			: { retry: true, delayMs: Math.max(backoff, ms ?? 0) };

	if (status === 429) {
		// A 429 did not take effect, so any method may repeat it; a used-up quota will not come back soon.
		if (code === 'quota_exceeded' || context.rateLimit === 'throw') return { retry: false };
		return honouring(retryAfterMs);
	}
	if (status === 409 && code === 'request_in_progress') {
		return context.idempotent ? honouring(retryAfterMs) : { retry: false };
	}
	if (RETRYABLE_STATUSES.has(status)) {
		return isRepeatable(context) ? honouring(retryAfterMs) : { retry: false };
	}
	return { retry: false };
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** Whether an exception thrown by the HTTP helper means "no answer arrived" (as opposed to a coding error). */
export function isNetworkErrorCode(code: unknown): code is string {
	return typeof code === 'string' && NETWORK_CODES.has(code);
}
