import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { CreateRequests, DownloadOverlap, ItemOutcome, StatusRequests } from './measure';
import type { RssFigures } from './procfs';
import { PROJECT_ROOT } from './project';

export const RESULTS_FILE = join(PROJECT_ROOT, '.cache', 'bench-n8n-results.json');
export const SVG_FILE = join(PROJECT_ROOT, 'docs', 'bench-n8n.svg');

export interface RunResult {
	scenario: string;
	title: string;
	topology: string;
	n: number;
	renderSeconds: number;
	concurrency: number;
	/** ISO time the run started. */
	at: string;
	/** The n8n execution's final status, or `timeout` when the runner stopped it. */
	status: string;
	error?: string;
	makespanSeconds: number;
	idealSeconds: number;
	/** makespan / (ceil(N / concurrency) × T). */
	ratio: number;
	statusRequests: StatusRequests;
	statusRequestsPerVideo: number;
	creates: CreateRequests;
	items: ItemOutcome;
	rss: RssFigures;
	/** Most executions n8n reported running (held in a process's memory) and waiting (parked in its database). */
	executions: { peakRunning: number; peakWaiting: number };
	downloads?: DownloadOverlap & { totalMb: number };
	/** The download row this run is the Download Video off reference of. */
	controlOf?: string;
}

export interface SkippedRun {
	scenario: string;
	title: string;
	n: number;
	skipped: string;
}

export interface BenchResults {
	/** Where it ran: CPUs and memory of the machine, the Node.js n8n ran on, n8n's version. */
	machine: { cpus: number; memoryGb: number; node: string; n8n: string };
	runs: RunResult[];
	skipped: SkippedRun[];
}

export function readResults(file = RESULTS_FILE): BenchResults | undefined {
	if (!existsSync(file)) return undefined;
	return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}

/** Keeps earlier runs of other rows, N or T, so the long rows can be run on their own. */
export function mergeResults(previous: BenchResults | undefined, next: BenchResults): BenchResults {
	const runKey = (run: RunResult) => `${run.scenario}/${run.n}/${run.renderSeconds}`;
	const rowKey = (entry: { scenario: string; n: number }) => `${entry.scenario}/${entry.n}`;
	const replaced = new Set(next.runs.map(runKey));
	const touched = new Set([...next.runs, ...next.skipped].map(rowKey));
	return {
		machine: next.machine,
		runs: [...(previous?.runs ?? []).filter((run) => !replaced.has(runKey(run))), ...next.runs],
		skipped: [...(previous?.skipped ?? []).filter((skip) => !touched.has(rowKey(skip))), ...next.skipped],
	};
}

export function writeResults(results: BenchResults, file = RESULTS_FILE): void {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
