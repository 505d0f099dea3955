import type { HttpMethod } from '../schemas/endpoints';

/** The one place that decides whether a failed HeyGen request is tried again, and when. */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/**
	 * Retries of an idempotent create whose outcome is unknown (no answer, a 5xx, a malformed
	 * answer): it is asked again with the same key until HeyGen says what happened.
	 */
	maxUnknownOutcomeRetries: number;
	baseDelayMs: number;
	/** Cap of the exponential backoff itself. */
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited out by a single request. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxUnknownOutcomeRetries: 10,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

export type RequestOutcome =
	| { kind: 'http'; status: number; code: string; retryAfterMs?: number }
	/** No answer arrived: the request may or may not have reached HeyGen. */
	| { kind: 'network'; code?: string }
	/** A 2xx whose body was not HeyGen's answer (cut short, not JSON, fields missing). */
	| { kind: 'malformed' }
	/** A 3xx: not followed, so the key never leaves the Base URL. */
	| { kind: 'redirect' };

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
 * Other writes are not repeated after an unanswered attempt: the first may have taken effect.
 */
function isRepeatable(context: RetryContext): boolean {
	return context.method === 'GET' || context.idempotent;
}

/** Whether the request may have taken effect although no usable answer came back. */
export function isUnknownOutcome(outcome: RequestOutcome, method: HttpMethod): boolean {
	if (method === 'GET') return false;
	if (outcome.kind === 'network' || outcome.kind === 'malformed') return true;
	return outcome.kind === 'http' && RETRYABLE_STATUSES.has(outcome.status);
}

export function decideRetry(
	outcome: RequestOutcome,
	context: RetryContext,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random = Math.random,
): RetryDecision {
	const budget =
		context.idempotent && (isUnknownOutcome(outcome, context.method) || (outcome.kind === 'http' && outcome.code === 'request_in_progress'))
			? policy.maxUnknownOutcomeRetries
			: policy.maxRetries;
	if (context.retriesDone >= budget) return { retry: false };
	const backoff = backoffDelay(context.retriesDone, policy, random);
	// Never earlier than HeyGen asked; a wait longer than a request should hold is left to the caller.
	const honouring = (ms: number | undefined): RetryDecision =>
		ms !== undefined && ms > policy.maxRetryAfterMs ? { retry: false } : { retry: true, delayMs: Math.max(backoff, ms ?? 0) };

	if (outcome.kind === 'network' || outcome.kind === 'malformed' || outcome.kind === 'redirect') {
		return isRepeatable(context) ? { retry: true, delayMs: backoff } : { retry: false };
	}

	const { status, code, retryAfterMs } = outcome;
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
	'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Whether an exception thrown by the HTTP helper means "no answer arrived" (as opposed to a coding error). */
export function isNetworkErrorCode(code: unknown): code is string {
	return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** The socket code of an exception from the HTTP helper (on it, or on its cause). */
export function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string') return code;
	}
	return undefined;
}

/** Whether an exception means the connection failed (rather than a bug or a refused request). */
export function isNetworkError(error: unknown): boolean {
	return isNetworkErrorCode(errorCode(error)) || /timeout|socket hang up|aborted|premature close/i.test(String((error as Error)?.message));
}
