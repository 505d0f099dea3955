/**
 * Resident memory of n8n's processes, read from Linux's /proc: each root process (the n8n server;
 * in queue mode its workers too) with every descendant, so the task runners n8n starts for Code
 * nodes count as n8n's memory.
 */
import { readdirSync, readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** The parent of every live process, from /proc/<pid>/stat (the field after the command's closing parenthesis). */
function parentsByPid(): Map<number, number> {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(entry), Number(fields[1]));
		} catch {
			// the process ended while the list was read
		}
	}
	return parents;
}

/** The roots and all their descendants. */
export function processTree(roots: number[]): number[] {
	const children = new Map<number, number[]>();
	for (const [pid, parent] of parentsByPid()) children.set(parent, [...(children.get(parent) ?? []), pid]);
	const seen = new Set<number>();
	const pending = [...roots];
	while (pending.length > 0) {
		const pid = pending.pop() as number;
		if (seen.has(pid)) continue;
		seen.add(pid);
		pending.push(...(children.get(pid) ?? []));
	}
	return [...seen];
}

/** VmRSS of one process in bytes; 0 once it has ended. */
export function rssBytes(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** The RSS of the roots' trees, in bytes. */
export function treeRssBytes(roots: number[]): number {
	return processTree(roots).reduce((sum, pid) => sum + rssBytes(pid), 0);
}

/**
 * Waits until the trees' RSS holds within `toleranceMb` over `windowMs` (V8 hands memory back some
 * seconds after a run), so baselines are taken alike; gives up after `maxMs`. Resolves with the MB it settled at.
 */
export async function settledRssMb(
	roots: () => number[],
	{ windowMs = 15_000, toleranceMb = 8, maxMs = 60_000, everyMs = 500 } = {},
): Promise<number> {
	const samples: Array<{ at: number; mb: number }> = [];
	const started = Date.now();
	for (;;) {
		const now = Date.now();
		samples.push({ at: now, mb: treeRssBytes(roots()) / MB });
		while (samples.length > 0 && samples[0].at < now - windowMs) samples.shift();
		const values = samples.map((sample) => sample.mb);
		const covered = now - started >= windowMs;
		if ((covered && Math.max(...values) - Math.min(...values) <= toleranceMb) || now - started >= maxMs) return values[values.length - 1];
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

export interface RssFigures {
	/** Before the run (after a warm-up run and once RSS held steady), in MB. */
	baselineMb: number;
	peakMb: number;
	/** Peak minus baseline. */
	growthMb: number;
	/** Once the execution finished. */
	endMb: number;
	/** The root processes alone (without task runners), at their peak. */
	rootsPeakMb: number;
	processes: number;
}

/** Samples the trees' RSS every `intervalMs` until stopped; `baseline()` reads it once, now. */
export class RssSampler {
	private timer: NodeJS.Timeout | undefined;
	private peak = 0;
	private rootsPeak = 0;
	private processes = 0;
	private baselineBytes = 0;

	constructor(
		private readonly roots: () => number[],
		private readonly intervalMs = 250,
	) {}

	private sample(): number {
		const roots = this.roots();
		const tree = processTree(roots);
		const total = tree.reduce((sum, pid) => sum + rssBytes(pid), 0);
		const rootsOnly = roots.reduce((sum, pid) => sum + rssBytes(pid), 0);
		this.peak = Math.max(this.peak, total);
		this.rootsPeak = Math.max(this.rootsPeak, rootsOnly);
		this.processes = Math.max(this.processes, tree.length);
		return total;
	}

	start(): void {
		this.baselineBytes = this.sample();
		this.peak = this.baselineBytes;
		this.timer = setInterval(() => this.sample(), this.intervalMs);
	}

	stop(): RssFigures {
		if (this.timer) clearInterval(this.timer);
		const end = this.sample();
		return {
			baselineMb: this.baselineBytes / MB,
			peakMb: this.peak / MB,
			growthMb: (this.peak - this.baselineBytes) / MB,
			endMb: end / MB,
			rootsPeakMb: this.rootsPeak / MB,
			processes: this.processes,
		};
	}
}
