import { errorReply, type Reply } from './reply';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,255}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotencyRecord =
	| { scope: string; key: string; state: 'in_progress'; startedAt: number }
	| { scope: string; key: string; state: 'completed'; reply: Reply; storedAt: number; expiresAt: number };

/** Either handle the request (then call `finish` with the reply) or answer with `reply` straight away. */
export type IdempotencyDecision =
	| { kind: 'proceed'; finish: (reply: Reply) => void }
	| { kind: 'answer'; reply: Reply };

/**
 * First responses to an `Idempotency-Key`, per method + path, kept 24 hours and replayed on repeats.
 * Replies that did not take effect (429, 5xx) are forgotten so a retry runs again.
 */
export class IdempotencyStore {
	private readonly records = new Map<string, IdempotencyRecord>();

	begin(scope: string, key: string, now: number): IdempotencyDecision {
		if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
			return {
				kind: 'answer',
				reply: errorReply(
					400,
					'invalid_parameter',
					"'Idempotency-Key' must be 1-255 characters of letters, digits, '_', '-', ':' or '.'.",
					'Idempotency-Key',
				),
			};
		}
		const id = `${scope} ${key}`;
		const existing = this.records.get(id);
		if (existing?.state === 'in_progress') {
			return {
				kind: 'answer',
				reply: errorReply(
					409,
					'request_in_progress',
					'A request with this Idempotency-Key is still being processed. Retry after it completes.',
					null,
					{ 'Retry-After': '1' },
				),
			};
		}
		if (existing?.state === 'completed' && existing.expiresAt > now) {
			const headers = { ...existing.reply.headers, 'Idempotent-Replayed': 'true' };
			return { kind: 'answer', reply: { ...existing.reply, headers } };
		}
		this.records.set(id, { scope, key, state: 'in_progress', startedAt: now });
		return {
			kind: 'proceed',
			finish: (reply) => {
				if (reply.status === 429 || reply.status >= 500) {
					this.records.delete(id);
					return;
				}
				const storedAt = Date.now();
				this.records.set(id, {
					scope,
					key,
					state: 'completed',
					reply,
					storedAt,
					expiresAt: storedAt + IDEMPOTENCY_TTL_MS,
				});
			},
		};
	}

	/** Current records (expired ones are dropped first). */
	list(now = Date.now()): IdempotencyRecord[] {
		for (const [id, record] of this.records) {
			if (record.state === 'completed' && record.expiresAt <= now) this.records.delete(id);
		}
		return [...this.records.values()];
	}

	clear(): void {
		this.records.clear();
	}
}
