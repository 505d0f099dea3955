/** Event ids already turned into runs, with when they were seen (Unix seconds). */
export type SeenEvents = Record<string, number>;

export interface ReplayWindow {
	/** How long an id is remembered: HeyGen retries a delivery for up to a day. */
	ttlSeconds: number;
	/** The most ids kept, oldest dropped first. */
	maxIds: number;
}

export const DEFAULT_REPLAY_WINDOW: ReplayWindow = { ttlSeconds: 24 * 60 * 60, maxIds: 2000 };

/**
 * Records an event id; `false` when it was already seen (a retry or a duplicate of one event,
 * which must not run the workflow twice). Old and surplus ids are dropped.
 */
export function firstSighting(seen: SeenEvents, eventId: string, nowSeconds: number, window: ReplayWindow = DEFAULT_REPLAY_WINDOW): boolean {
	for (const [id, at] of Object.entries(seen)) {
		if (nowSeconds - at > window.ttlSeconds) delete seen[id];
	}
	if (eventId in seen) return false;
	seen[eventId] = nowSeconds;
	const ids = Object.keys(seen);
	if (ids.length > window.maxIds) {
		ids
			.sort((a, b) => seen[a] - seen[b])
			.slice(0, ids.length - window.maxIds)
			.forEach((id) => delete seen[id]);
	}
	return true;
}
