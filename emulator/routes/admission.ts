import { ApiProblem } from '../http/errors';
import { roundCredits } from '../jobs/rendering';
import type { Services } from '../services';

/**
 * 429 when `needed` more jobs would pass the account's concurrency cap. Videos, translations (one
 * per language) and agent runs about to render share the cap; Retry-After is when the slot that
 * frees up first does.
 */
export function checkConcurrency(services: Services, now: number, needed = 1): void {
	const busy = services.state.busySlots(now);
	const limit = services.config.concurrencyLimit;
	if (busy.length + needed <= limit) return;
	const finishes = busy.map((slot) => slot.finishedAtMs).sort((a, b) => a - b);
	// Enough slots must free up for all `needed` jobs (at least one; a create larger than the cap never fits).
	const freeingIndex = Math.min(finishes.length - 1, Math.max(0, busy.length + needed - limit - 1));
	const freesAt = finishes[freeingIndex] ?? now;
	const retryAfter = Math.max(1, Math.ceil((freesAt - now) / 1000));
	const wanted = needed === 1 ? '' : ` and this request needs ${needed} slots`;
	throw new ApiProblem(
		429,
		'rate_limit_exceeded',
		`Concurrency limit reached: ${busy.length} jobs are in progress (limit ${limit})${wanted}. Retry after the duration specified in the Retry-After header.`,
		null,
		{ 'Retry-After': String(retryAfter) },
	);
}

/** 402 unless the wallet, less what in-flight jobs will cost, covers `cost`. */
export function checkCredits(services: Services, cost: number, now: number, what = 'video'): void {
	const available = roundCredits(services.state.balance - services.state.reservedCredits(now));
	if (available >= cost) return;
	throw new ApiProblem(
		402,
		'insufficient_credit',
		`Your account has ${Math.max(0, available)} credits but this ${what} requires ${cost} credits.`,
	);
}
