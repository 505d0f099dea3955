import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

import {
	countCreates,
	countStatusRequests,
	downloadOverlap,
	idealMakespanSeconds,
	itemOutcome,
	type EmulatorVideo,
	type LoggedRequest,
} from '../bench/n8n/measure';
import { processTree, rssBytes } from '../bench/n8n/procfs';
import { latestRuns, markdownTables, niceAxis, svgPlot } from '../bench/n8n/report';
import { mergeResults, type BenchResults, type RunResult } from '../bench/n8n/results';

const get = (path: string, extra: Partial<LoggedRequest> = {}): LoggedRequest => ({ server: 'api', method: 'GET', path, receivedAt: 0, ...extra });
const video = (id: string, created: number, finishes: number): EmulatorVideo => ({ id, status: 'completed', created_at_ms: created, finishes_at_ms: finishes });

describe('bench:n8n figures', () => {
	it('counts every kind of status request, and nothing else', () => {
		const requests = [
			get('/v3/videos'),
			get('/v3/videos', { status: 429 }),
			get('/v3/videos/abc'),
			get('/v3/videos/statuses'),
			get('/v3/videos/batches/b1'),
			get('/v3/users/me'),
			get('/v3/videos/abc/captions'),
			{ ...get('/v3/videos/abc'), method: 'DELETE' },
			{ ...get('/videos/abc.mp4'), server: 'storage' },
		];
		expect(countStatusRequests(requests)).toEqual({ list: 2, single: 1, bulk: 1, batch: 1, total: 5 });
	});

	it('counts creates, single and batched, and those refused with 429', () => {
		const post = (path: string, status: number) => ({ ...get(path), method: 'POST', status });
		expect(countCreates([post('/v3/videos', 200), post('/v3/videos', 429), post('/v3/videos/batches', 200), post('/v3/assets', 200)])).toEqual({
			sent: 3,
			rateLimited: 1,
		});
	});

	it('calls a rendered video no output reports lost, and an input without a completed video failed', () => {
		const videos = [video('a', 0, 1), video('b', 0, 1), video('c', 0, 1)];
		const outcome = itemOutcome(4, videos, [
			{ id: 'a', status: 'completed' },
			{ id: 'a', status: 'completed' },
			{ id: 'b', status: 'failed' },
			{ status: undefined },
		]);
		expect(outcome).toEqual({ renders: 3, reported: 2, failed: 3, lost: 1, duplicates: 1 });
	});

	it('sees a download that starts while other renders run, and one that waits for all of them', () => {
		const videos = [video('aa', 0, 100), video('bb', 0, 200), video('cc', 50, 300)];
		const storage = (path: string, at: number, end: number): LoggedRequest => ({ server: 'storage', method: 'GET', path, receivedAt: at, finishedAt: end });
		const overlapping = downloadOverlap([storage('/videos/aa.mp4', 120, 150), storage('/videos/aa.png', 120, 121)], videos);
		expect(overlapping).toMatchObject({ downloads: 1, duringRenders: 1, mostRendersRunning: 2, downloadSpanSeconds: 0.03 });
		expect(overlapping.firstDownloadAfterLastRenderSeconds).toBeCloseTo(-0.18);
		const afterwards = downloadOverlap([storage('/videos/aa.mp4', 400, 500), storage('/videos/cc.mp4', 450, 520)], videos);
		expect(afterwards).toMatchObject({ downloads: 2, duringRenders: 0, mostRendersRunning: 0, firstDownloadAfterLastRenderSeconds: 0.1 });
	});

	it('takes full rounds of the account limit as the ideal makespan', () => {
		expect(idealMakespanSeconds(10, 10, 10)).toBe(10);
		expect(idealMakespanSeconds(101, 10, 10)).toBe(110);
		expect(idealMakespanSeconds(500, 10, 2)).toBe(100);
	});
});

function run(scenario: string, n: number, overrides: Partial<RunResult> = {}): RunResult {
	return {
		scenario,
		title: scenario,
		topology: 'single',
		n,
		renderSeconds: 10,
		concurrency: 10,
		at: '2026-11-30T10:00:00.000Z',
		status: 'success',
		makespanSeconds: n * 1.1,
		idealSeconds: n,
		ratio: 1.1,
		statusRequests: { list: n, single: 0, bulk: 0, batch: 0, total: n },
		statusRequestsPerVideo: 1,
		creates: { sent: n, rateLimited: 0 },
		items: { renders: n, reported: n, failed: 0, lost: 0, duplicates: 0 },
		rss: { baselineMb: 500, peakMb: 550, growthMb: 50, endMb: 540, rootsPeakMb: 450, processes: 2 },
		executions: { peakRunning: 1, peakWaiting: 0 },
		...overrides,
	};
}

const results = (runs: RunResult[]): BenchResults => ({ machine: { cpus: 2, memoryGb: 8, node: '24', n8n: '2.41.1' }, runs, skipped: [] });

describe('bench:n8n report', () => {
	it('keeps earlier rows and replaces a row run again at the same render time', () => {
		const merged = mergeResults(results([run('poll', 10), run('poll', 100)]), results([run('poll', 10, { ratio: 2 }), run('diy', 10)]));
		expect(merged.runs.map((r) => `${r.scenario}/${r.n}/${r.ratio}`)).toEqual(['poll/100/1.1', 'poll/10/2', 'diy/10/1.1']);
	});

	it('reports the newest run of each row', () => {
		const older = run('poll', 10, { at: '2026-11-29T10:00:00.000Z', renderSeconds: 2 });
		expect(latestRuns(results([run('poll', 10), older]))).toHaveLength(1);
		expect(latestRuns(results([run('poll', 10), older]))[0].renderSeconds).toBe(10);
	});

	it('prints one table row per run, failures with their reason', () => {
		const failed = run('diy', 100, {
			status: 'error',
			error: 'Create video: too | many',
			items: { renders: 10, reported: 0, failed: 100, lost: 10, duplicates: 0 },
		});
		const table = markdownTables(results([run('poll', 10), failed]));
		expect(table.split('\n').filter((line) => line.startsWith('| poll') || line.startsWith('| diy'))).toHaveLength(2);
		expect(table).toContain('| 100 | 10 | 500 → 550 | 1 / 0 | error: Create video: too / many |');
	});

	it('sets a download row against its Download Video off reference, apart from the makespan rows', () => {
		const overlap = { downloads: 40, duringRenders: 12, mostRendersRunning: 9, firstDownloadAfterLastRenderSeconds: -30, downloadSpanSeconds: 40 };
		const download = run('download', 40, { downloads: { ...overlap, totalMb: 5120 }, rss: { baselineMb: 500, peakMb: 590, growthMb: 90, endMb: 520, rootsPeakMb: 480, processes: 2 } });
		const reference = run('download-off', 40, { controlOf: 'download', rss: { baselineMb: 500, peakMb: 560, growthMb: 60, endMb: 520, rootsPeakMb: 480, processes: 2 } });
		const table = markdownTables(results([run('poll', 10), download, reference]));
		expect(table).toContain('| download | 40 × 128 MB | 10 | 5120 | 500 → 590 | 90.0 | 30.0 | 12 of 40 | 9 | -30.0 |');
		expect(table).toContain('| download-off | 40 × n/a | 10 | off | 500 → 560 | 60.0 | n/a | n/a | n/a | n/a |');
		expect(svgPlot(results([run('poll', 10), download, reference]))).not.toContain('download');
	});

	it('draws a line per mode through its good runs and a cross for a failed one', () => {
		const svg = svgPlot(
			results([run('poll', 10), run('poll', 100), run('diy', 10), run('diy', 100, { status: 'error', items: { renders: 10, reported: 0, failed: 100, lost: 10, duplicates: 0 } })]),
		);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		// two panels: poll has a line in each, diy only one point in each
		expect(svg.match(/<polyline /g)).toHaveLength(2);
		expect(svg.match(/<circle /g)).toHaveLength(6);
		expect(svg).toContain('N = 100: 100 of 100 failed, 10 rendered and lost (error)');
		expect(svg.match(/<path d="M/g)).toHaveLength(2);
		expect(svg).not.toMatch(/NaN|undefined/);
	});

	it('picks round axis steps', () => {
		const small = niceAxis(1.13);
		expect(small.step).toBeCloseTo(0.25);
		expect(small.top).toBeCloseTo(1.25);
		expect(niceAxis(10.2)).toEqual({ top: 12.5, step: 2.5 });
		expect(niceAxis(0)).toEqual({ top: 1, step: 0.2 });
	});
});

const onLinux = existsSync('/proc/self/status') ? describe : describe.skip;

onLinux('bench:n8n process memory', () => {
	it('counts a child process under its parent, and an ended one as nothing', async () => {
		const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
		try {
			await new Promise((resolve) => child.once('spawn', resolve));
			expect(processTree([process.pid])).toEqual(expect.arrayContaining([process.pid, child.pid]));
			expect(processTree([child.pid as number])).not.toContain(process.pid);
			expect(rssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
		} finally {
			child.kill();
			await new Promise((resolve) => child.once('exit', resolve));
		}
		expect(rssBytes(child.pid as number)).toBe(0);
	});
});
