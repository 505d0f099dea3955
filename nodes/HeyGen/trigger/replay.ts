import { createHash } from 'crypto';

/**
 * Deliveries already turned into runs: a key derived from what the signature covers, with when it
 * was first run (Unix seconds). Keys are short hashes, never bodies or ids.
 */
export type SeenDeliveries = Record<string, number>;

export interface ReplayWindow {
	/** How long a delivery is remembered: well past HeyGen's retries (up to a day) of one event. */
	ttlSeconds: number;
	/** The most deliveries kept, oldest dropped first (the memory is saved with the workflow). */
	maxEntries: number;
}

export const DEFAULT_REPLAY_WINDOW: ReplayWindow = { ttlSeconds: 7 * 24 * 60 * 60, maxEntries: 5000 };

/**
 * The dedupe key of a verified delivery. Only signed material counts: the event id inside the
 * body when HeyGen puts one there (stable across retries even if a retry's bytes differ), else
 * the raw body itself. Unsigned headers never enter it, so a replay with a fresh timestamp or a
 * new `Heygen-Event-Id` has the same key as the original. 128 bits of SHA-256, base64url.
 */
export function deliveryKey(rawBody: Buffer, bodyEventId: string | undefined): string {
	const hash = createHash('sha256');
	if (bodyEventId !== undefined) hash.update('event\0').update(bodyEventId, 'utf8');
	else hash.update('body\0').update(rawBody);
	return hash.digest().subarray(0, 16).toString('base64url');
}

/**
 * Everything two memories hold (the earlier sighting wins), without entries older than the window,
 * and at most `maxEntries` of the newest. Returns a new object; neither input changes.
 */
export function mergeSeen(
	stored: SeenDeliveries | undefined,
	local: SeenDeliveries,
	nowSeconds: number,
	window: ReplayWindow = DEFAULT_REPLAY_WINDOW,
): SeenDeliveries {
	const union = new Map<string, number>();
	for (const source of [stored ?? {}, local]) {
		for (const [key, at] of Object.entries(source)) {
			if (typeof at !== 'number' || !Number.isFinite(at) || nowSeconds - at > window.ttlSeconds) continue;
			const known = union.get(key);
			union.set(key, known === undefined ? at : Math.min(known, at));
		}
	}
	const entries = [...union.entries()];
	if (entries.length > window.maxEntries) entries.sort((a, b) => b[1] - a[1]).splice(window.maxEntries);
	return Object.fromEntries(entries);
}

/**
 * Whether the stored copy must be written again: it lacks a key the merged memory holds (a run
 * another request of this process recorded, lost when n8n saved that request's older copy over
 * it) or still holds entries the window has dropped.
 */
export function storedIsBehind(memory: SeenDeliveries, stored: SeenDeliveries | undefined): boolean {
	const storedKeys = Object.keys(stored ?? {});
	const memoryKeys = Object.keys(memory);
	return memoryKeys.length !== storedKeys.length || memoryKeys.some((key) => !(key in (stored ?? {})));
}
