import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, type RetryContext } from '../../nodes/HeyGen/transport/retry';

const fixed = () => 0.5; // no jitter
const ctx = (overrides: Partial<RetryContext> = {}): RetryContext => ({
	method: 'GET',
	idempotent: false,
	retriesDone: 0,
	rateLimit: 'wait',
	...overrides,
});

describe('backoffDelay', () => {
	it('doubles from the base and stops at the cap', () => {
		const delays = [0, 1, 2, 3, 10].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, fixed));
		expect(delays).toEqual([500, 1000, 2000, 4000, 30_000]);
	});
	it('jitters by at most 25 % and never above the cap', () => {
		for (let n = 0; n < 12; n++) {
			for (const r of [0, 0.999]) {
				const delay = backoffDelay(n, DEFAULT_RETRY_POLICY, () => r);
				const plain = Math.min(30_000, 500 * 2 ** n);
				expect(delay).toBeGreaterThanOrEqual(plain * 0.75 - 1);
				expect(delay).toBeLessThanOrEqual(Math.min(30_000, plain * 1.25));
			}
		}
	});
});

describe('decideRetry', () => {
	const http = (status: number, code = 'x', retryAfterMs?: number) => ({ kind: 'http' as const, status, code, retryAfterMs });

	it('retries GETs on 5xx and network errors', () => {
		expect(decideRetry(http(503), ctx(), DEFAULT_RETRY_POLICY, fixed)).toEqual({ retry: true, delayMs: 500 });
		expect(decideRetry({ kind: 'network', code: 'ECONNRESET' }, ctx(), DEFAULT_RETRY_POLICY, fixed).retry).toBe(true);
	});
	it('does not repeat a POST without an idempotency key after a 5xx or a lost answer', () => {
		expect(decideRetry(http(500), ctx({ method: 'POST' })).retry).toBe(false);
		expect(decideRetry({ kind: 'network' }, ctx({ method: 'POST' })).retry).toBe(false);
		expect(decideRetry({ kind: 'network' }, ctx({ method: 'DELETE' })).retry).toBe(false);
	});
	it('repeats an idempotent create after a 5xx or a lost answer', () => {
		expect(decideRetry(http(502), ctx({ method: 'POST', idempotent: true })).retry).toBe(true);
		expect(decideRetry({ kind: 'network' }, ctx({ method: 'POST', idempotent: true })).retry).toBe(true);
	});
	it('honours Retry-After on 429 when it is longer than the backoff', () => {
		expect(decideRetry(http(429, 'rate_limit_exceeded', 7000), ctx(), DEFAULT_RETRY_POLICY, fixed)).toEqual({ retry: true, delayMs: 7000 });
		expect(decideRetry(http(429, 'rate_limit_exceeded', 100), ctx(), DEFAULT_RETRY_POLICY, fixed)).toEqual({ retry: true, delayMs: 500 });
	});
	it('any method may repeat a 429, which did not take effect', () => {
		expect(decideRetry(http(429, 'rate_limit_exceeded'), ctx({ method: 'DELETE' })).retry).toBe(true);
	});
	it('hands a 429 to the caller when asked to, and never waits out a used-up quota', () => {
		expect(decideRetry(http(429, 'rate_limit_exceeded', 1000), ctx({ rateLimit: 'throw' })).retry).toBe(false);
		expect(decideRetry(http(429, 'quota_exceeded'), ctx()).retry).toBe(false);
	});
	it('does not wait out a Retry-After longer than the policy allows', () => {
		expect(decideRetry(http(429, 'rate_limit_exceeded', 10 * 60_000), ctx()).retry).toBe(false);
	});
	it('409 request_in_progress waits and replays, for idempotent requests only', () => {
		expect(decideRetry(http(409, 'request_in_progress', 1000), ctx({ method: 'POST', idempotent: true }), DEFAULT_RETRY_POLICY, fixed)).toEqual({
			retry: true,
			delayMs: 1000,
		});
		expect(decideRetry(http(409, 'request_in_progress'), ctx({ method: 'POST' })).retry).toBe(false);
		expect(decideRetry(http(409, 'conflict'), ctx({ method: 'POST', idempotent: true })).retry).toBe(false);
	});
	it('never retries client errors', () => {
		for (const status of [400, 401, 402, 403, 404, 413]) expect(decideRetry(http(status), ctx()).retry).toBe(false);
	});
	it('gives up after the last retry', () => {
		expect(decideRetry(http(503), ctx({ retriesDone: DEFAULT_RETRY_POLICY.maxRetries })).retry).toBe(false);
	});
});
