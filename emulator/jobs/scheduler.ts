/** What a watched job says when asked: not final before `untilMs`, or final (with its event, if any). */
export type WatchVerdict<E> = { waitUntilMs: number } | { final: E | null };

interface Watch<E> {
	/** The earliest time the job can be final; it is not asked before. */
	dueAtMs: number;
	check: (now: number) => WatchVerdict<E>;
}

/** Node refuses longer timeouts (it would fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Jobs finish by the clock, not by being polled: this wakes up when the next watched job is due,
 * asks it whether it is final, and hands each final job's event to `emit` exactly once (the watch is
 * dropped first). One timer serves every job, armed for the earliest due time.
 */
export class JobScheduler<E> {
	private readonly watches = new Map<string, Watch<E>>();
	private timer: NodeJS.Timeout | undefined;
	private timerAtMs = Infinity;
	private stopped = false;

	constructor(
		/** Brings the account up to `now` before jobs are asked (agent renders start then). */
		private readonly settle: (now: number) => void,
		private readonly emit: (event: E) => void,
	) {}

	/** Watches a job under a unique key; a key already watched keeps its first watch. */
	watch(key: string, dueAtMs: number, check: (now: number) => WatchVerdict<E>): void {
		if (this.stopped || this.watches.has(key)) return;
		this.watches.set(key, { dueAtMs, check });
		this.arm();
	}

	get size(): number {
		return this.watches.size;
	}

	/** Asks every due job, earliest first, so events come out in the order the jobs finished. */
	catchUp(now = Date.now()): void {
		if (this.stopped) return;
		this.settle(now);
		const due = [...this.watches].filter(([, watch]) => watch.dueAtMs <= now).sort((a, b) => a[1].dueAtMs - b[1].dueAtMs);
		for (const [key, watch] of due) {
			const verdict = watch.check(now);
			if ('waitUntilMs' in verdict) {
				// Never re-ask at the same instant: a job that is not final yet moves forward.
				watch.dueAtMs = Math.max(verdict.waitUntilMs, now + 1);
				continue;
			}
			this.watches.delete(key);
			if (verdict.final !== null) this.emit(verdict.final);
		}
		this.arm();
	}

	private arm(): void {
		if (this.stopped) return;
		let next = Infinity;
		for (const watch of this.watches.values()) next = Math.min(next, watch.dueAtMs);
		if (next >= this.timerAtMs) return;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.timerAtMs = next;
		if (next === Infinity) return;
		const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now()));
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.timerAtMs = Infinity;
			this.catchUp(Date.now());
		}, delay);
		// The emulator's listeners keep a process alive; a pending job alone should not.
		this.timer.unref();
	}

	/** Forgets every watched job (a reset). */
	clear(): void {
		this.watches.clear();
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.timerAtMs = Infinity;
	}

	stop(): void {
		this.clear();
		this.stopped = true;
	}
}
