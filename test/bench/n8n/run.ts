/**
 * `npm run bench:n8n`: HeyGen renders in one real n8n, mode beside mode. Figures are printed and
 * saved (.cache/bench-n8n-results.json, docs/bench-n8n.svg), not asserted.
 *
 * Each run: a fresh emulator (its own process) at the account limit, a workflow built for the row
 * and published, a warm-up run of one video, then a production Webhook call with `{ count: N }`.
 * The execution runs inside the n8n server, whose process tree's RSS is sampled from /proc.
 *   - makespan: from the Webhook call to the execution's stoppedAt, over ceil(N / 10) × T;
 *   - status requests per video: the emulator's GET /v3/videos, /v3/videos/{id}, /v3/videos/statuses
 *     and /v3/videos/batches/{id}, over N;
 *   - failed: inputs that did not come out as a completed video; lost: videos the emulator rendered
 *     that no output item reports;
 *   - executions running / waiting: n8n's public API, sampled every second.
 * Environment: BENCH_N (10,100,500), BENCH_RENDER_SECONDS (10), BENCH_SCENARIOS (all), BENCH_DOWNLOAD_N
 * (40), BENCH_DOWNLOAD_MB (128), BENCH_RESTART_N8N (1: restart n8n before each run, so RSS starts alike).
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

import { heyGenNodeOffers } from './capabilities';
import {
	countCreates,
	countStatusRequests,
	downloadOverlap,
	idealMakespanSeconds,
	itemOutcome,
	type EmulatorVideo,
	type LoggedRequest,
} from './measure';
import { RssSampler, settledRssMb } from './procfs';
import { loadHarness, PROJECT_ROOT, type EmulatorProcess, type Harness } from './project';
import { markdownTables, svgPlot } from './report';
import { mergeResults, readResults, RESULTS_FILE, SVG_FILE, writeResults, type BenchResults, type RunResult, type SkippedRun } from './results';
import { PARK_PARAMETERS, SCENARIOS, type BenchSettings, type Capabilities, type Scenario, type Topology } from './scenarios';
import { TOPOLOGIES, type RunningN8n } from './topology';

const EMULATOR_KEY = 'hg_bench_key';
const CREDENTIAL = { id: 'hgBenchCred01', name: 'HeyGen API' };
const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled']);

const log = (message: string) => console.log(`[bench:n8n] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function numbers(name: string, fallback: number[]): number[] {
	const raw = process.env[name];
	if (!raw) return fallback;
	const values = raw.split(',').map((part) => Number(part.trim()));
	if (values.some((value) => !Number.isFinite(value) || value <= 0)) throw new Error(`${name} must be positive numbers, comma-separated (got "${raw}")`);
	return values;
}

function settingsFromEnv(): BenchSettings {
	return {
		counts: numbers('BENCH_N', [10, 100, 500]),
		renderSeconds: numbers('BENCH_RENDER_SECONDS', [10])[0],
		concurrency: 10,
		downloadCount: numbers('BENCH_DOWNLOAD_N', [40])[0],
		downloadMb: numbers('BENCH_DOWNLOAD_MB', [128])[0],
		only: (process.env.BENCH_SCENARIOS ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean),
	};
}

async function publicApi(n8n: RunningN8n, path: string): Promise<any> {
	const response = await fetch(`${n8n.url}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': n8n.apiKey, accept: 'application/json' } });
	if (!response.ok) throw new Error(`GET /api/v1${path}: ${response.status} ${await response.text()}`);
	return await response.json();
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(everyMs);
	}
}

async function createAndPublish(n8n: RunningN8n, workflow: object): Promise<string> {
	const created = await n8n.rest('/rest/workflows', { method: 'POST', body: JSON.stringify(workflow) });
	if (created.status !== 200) throw new Error(`creating a workflow failed: ${created.status} ${JSON.stringify(created.body)}`);
	const { id, versionId } = created.body.data;
	const published = await n8n.rest(`/rest/workflows/${id}/activate`, { method: 'POST', body: JSON.stringify({ versionId }) });
	if (published.status !== 200) throw new Error(`publishing ${id} failed: ${published.status} ${JSON.stringify(published.body)}`);
	await waitUntil(
		`workflow ${id} to be published`,
		async () => {
			const { body } = await n8n.rest(`/rest/workflows/${id}/publication-status`);
			const failed = (body.data.triggers ?? []).filter((trigger: { errorMessage?: string | null }) => trigger.errorMessage);
			if (failed.length > 0) throw new Error(`publishing ${id} failed: ${JSON.stringify(failed)}`);
			return body.data.status === 'published' ? true : undefined;
		},
		60_000,
		250,
	);
	return id;
}

async function unpublish(n8n: RunningN8n, workflowId: string): Promise<void> {
	await n8n.rest(`/rest/workflows/${workflowId}/deactivate`, { method: 'POST', body: JSON.stringify({}) });
}

/** The workflow's executions; the public API lists running and waiting ones only when asked by status. */
async function executionIds(n8n: RunningN8n, workflowId: string): Promise<Set<string>> {
	const ids = new Set<string>();
	for (const filter of ['', '&status=running', '&status=waiting']) {
		const page = await publicApi(n8n, `/executions?workflowId=${workflowId}&limit=50${filter}`);
		for (const execution of page.data as Array<{ id: string }>) ids.add(String(execution.id));
	}
	return ids;
}

/** Calls the workflow's Webhook with `{ count }`; resolves with the new execution's id once n8n lists it. */
async function trigger(n8n: RunningN8n, workflowId: string, path: string, count: number, warmUp = false): Promise<string> {
	const before = await executionIds(n8n, workflowId);
	const response = await fetch(`${n8n.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ count, warmUp }),
	});
	if (!response.ok) throw new Error(`the Webhook answered ${response.status}: ${await response.text()}`);
	return await waitUntil(
		'the execution to appear',
		async () => [...(await executionIds(n8n, workflowId))].find((id) => !before.has(id)),
		60_000,
		200,
	);
}

async function finished(n8n: RunningN8n, executionId: string): Promise<any | undefined> {
	const execution = await publicApi(n8n, `/executions/${executionId}`);
	return TERMINAL.has(execution.status) ? execution : undefined;
}

/** Peak counts of executions n8n reports running (in a process's memory) and waiting (parked in its database). */
function sampleExecutions(n8n: RunningN8n): { stop(): Promise<{ peakRunning: number; peakWaiting: number }> } {
	let peakRunning = 0;
	let peakWaiting = 0;
	let stopped = false;
	const count = async (status: string) => ((await publicApi(n8n, `/executions?status=${status}&limit=250`)).data as unknown[]).length;
	const loop = (async () => {
		while (!stopped) {
			try {
				peakRunning = Math.max(peakRunning, await count('running'));
				peakWaiting = Math.max(peakWaiting, await count('waiting'));
			} catch {
				// a busy n8n may answer late; the next sample counts
			}
			await sleep(1000);
		}
	})();
	return {
		async stop() {
			stopped = true;
			await loop;
			return { peakRunning, peakWaiting };
		},
	};
}

/** Every item the node put out, over all its runs (the DIY loop's last node runs once per round). */
function outputItems(execution: any, nodeName: string): Array<{ json: Record<string, any>; binary?: Record<string, any> }> {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run: any) => run.data?.main?.[0] ?? []);
}

function errorOf(execution: any): string | undefined {
	const error = execution.data?.resultData?.error;
	if (!error) return undefined;
	return [error.node?.name, error.message].filter(Boolean).join(': ');
}

interface RunContext {
	harness: Harness;
	n8n: RunningN8n;
	settings: BenchSettings;
	ports: { api: number; storage: number };
}

async function runOnce(ctx: RunContext, scenario: Scenario, n: number): Promise<RunResult> {
	const { settings, n8n } = ctx;
	const T = settings.renderSeconds;
	const emulator: EmulatorProcess = await ctx.harness.emulator.startEmulatorProcess([
		'--port', String(ctx.ports.api),
		'--storage-port', String(ctx.ports.storage),
		'--api-key', EMULATOR_KEY,
		'--render-seconds', String(T),
		'--concurrency', String(settings.concurrency),
		'--balance', '1000000000',
		...(scenario.emulatorArgs?.(settings) ?? []),
	]);
	let workflowId: string | undefined;
	try {
		const webhookPath = `bench-${scenario.name}-${n}-${Date.now()}`;
		const workflow = scenario.build(`bench: ${scenario.title}, N = ${n}`, { webhookPath, apiUrl: emulator.url, credential: CREDENTIAL });
		workflowId = await createAndPublish(n8n, workflow);
		// A warm-up run of one video loads what any first run loads (task runner, every node's code);
		// the emulator then forgets it, so the figures count the measured run alone.
		const warmUp = await trigger(n8n, workflowId, webhookPath, 1, true);
		const warmedUp = await waitUntil('the warm-up run', () => finished(n8n, warmUp), 180_000 + T * 3000);
		if (warmedUp.status !== 'success') throw new Error(`the warm-up run ended ${warmedUp.status}`);
		await emulator.control('/reset', { method: 'POST' });
		await settledRssMb(() => n8n.processRoots());

		const rss = new RssSampler(() => n8n.processRoots());
		const ideal = idealMakespanSeconds(n, settings.concurrency, T);
		rss.start();
		const executions = sampleExecutions(n8n);
		const startedAt = Date.now();
		const executionId = await trigger(n8n, workflowId, webhookPath, n);
		// Generous: the DIY loop takes 20 s rounds whatever T is.
		const deadlineMs = 180_000 + 5 * ideal * 1000 + 25_000 * Math.ceil(n / settings.concurrency);
		let status: string;
		let execution: any;
		try {
			await waitUntil('the execution to finish', () => finished(n8n, executionId), deadlineMs, 500);
			execution = await publicApi(n8n, `/executions/${executionId}?includeData=true`);
			status = execution.status;
		} catch {
			await n8n.rest(`/rest/executions/${executionId}/stop`, { method: 'POST' });
			execution = await waitUntil('the stopped execution', () => finished(n8n, executionId), 60_000).then(
				() => publicApi(n8n, `/executions/${executionId}?includeData=true`),
			);
			status = 'timeout';
		}
		const rssFigures = rss.stop();
		const executionFigures = await executions.stop();
		const stoppedAt = Date.parse(execution.stoppedAt);
		const makespanSeconds = ((Number.isFinite(stoppedAt) ? stoppedAt : Date.now()) - startedAt) / 1000;

		const requests = ((await emulator.control('/requests')).data as LoggedRequest[]).map(
			({ server, method, path, status: answered, receivedAt, finishedAt }) => ({ server, method, path, status: answered, receivedAt, finishedAt }),
		);
		const videos = (await emulator.control('/state')).data.video_list as EmulatorVideo[];
		const items = outputItems(execution, scenario.outputNode);
		const statusRequests = countStatusRequests(requests);
		const result: RunResult = {
			scenario: scenario.name,
			title: scenario.title,
			topology: scenario.topology,
			n,
			renderSeconds: T,
			concurrency: settings.concurrency,
			at: new Date(startedAt).toISOString(),
			status,
			error: errorOf(execution),
			makespanSeconds,
			idealSeconds: ideal,
			ratio: makespanSeconds / ideal,
			statusRequests,
			statusRequestsPerVideo: statusRequests.total / n,
			creates: countCreates(requests),
			items: itemOutcome(n, videos, items.map((item) => scenario.reported(item.json))),
			rss: rssFigures,
			executions: executionFigures,
			controlOf: scenario.controlOf,
		};
		if (scenario.downloads) {
			const bytes = items.reduce((sum, item) => sum + Number(item.binary?.data?.bytes ?? 0), 0);
			result.downloads = { ...downloadOverlap(requests, videos), totalMb: bytes / 1024 / 1024 };
		}
		return result;
	} finally {
		if (workflowId) await unpublish(n8n, workflowId).catch(() => undefined);
		await emulator.stop();
	}
}

function describe(run: RunResult): string {
	const parts = [
		`${run.status}`,
		`makespan ${run.makespanSeconds.toFixed(1)} s / ideal ${run.idealSeconds} s = ${run.ratio.toFixed(3)}`,
		`status requests ${run.statusRequests.total} (${run.statusRequestsPerVideo.toFixed(2)} per video)`,
		`creates ${run.creates.sent} (${run.creates.rateLimited} answered 429)`,
		`renders ${run.items.renders}, failed ${run.items.failed}, lost ${run.items.lost}`,
		`RSS ${run.rss.baselineMb.toFixed(0)} → ${run.rss.peakMb.toFixed(0)} MB (+${run.rss.growthMb.toFixed(1)})`,
		`executions running ${run.executions.peakRunning}, waiting ${run.executions.peakWaiting}`,
	];
	if (run.downloads) {
		parts.push(`downloads ${run.downloads.downloads} (${run.downloads.totalMb.toFixed(0)} MB), ${run.downloads.duringRenders} while others rendered`);
	}
	if (run.error) parts.push(`error: ${run.error}`);
	return parts.join('; ');
}

async function main(): Promise<void> {
	const settings = settingsFromEnv();
	const harness = loadHarness();
	const unknown = settings.only.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
	if (unknown.length > 0) throw new Error(`unknown BENCH_SCENARIOS ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
	const selected = SCENARIOS.filter((scenario) => settings.only.length === 0 || settings.only.includes(scenario.name));

	log('building and packing the package');
	const tarball = harness.n8n.buildAndPack({ dir: join(PROJECT_ROOT, '.cache', 'bench-pack') });
	const capabilities: Capabilities = { parkMode: heyGenNodeOffers(PARK_PARAMETERS), queueMode: TOPOLOGIES.queue !== undefined };

	const skipped: SkippedRun[] = [];
	const runnable: Array<{ scenario: Scenario; n: number }> = [];
	for (const scenario of selected) {
		const reason = scenario.unavailable?.(capabilities);
		for (const n of scenario.counts(settings)) {
			if (reason) skipped.push({ scenario: scenario.name, title: scenario.title, n, skipped: reason });
			else runnable.push({ scenario, n });
		}
	}
	for (const skip of skipped) log(`skipping ${skip.scenario} N = ${skip.n}: ${skip.skipped}`);

	const ports = { api: await harness.n8n.freePort(), storage: await harness.n8n.freePort() };
	const credentials = [
		{ ...CREDENTIAL, type: 'heyGenApi', data: { apiKey: EMULATOR_KEY, baseUrl: `http://127.0.0.1:${ports.api}` } },
	];
	const restartEach = process.env.BENCH_RESTART_N8N !== '0';
	const runs: RunResult[] = [];
	const save = () => {
		const results: BenchResults = {
			machine: {
				cpus: cpus().length,
				memoryGb: Math.round(totalmem() / 1024 ** 3),
				node: harness.provision.NODE_VERSION,
				n8n: harness.provision.N8N_VERSION,
			},
			runs,
			skipped,
		};
		const merged = mergeResults(readResults(), results);
		writeResults(merged);
		return merged;
	};

	for (const topology of ['single', 'queue'] as Topology[]) {
		const planned = runnable.filter((entry) => entry.scenario.topology === topology);
		if (planned.length === 0) continue;
		const start = TOPOLOGIES[topology] as NonNullable<(typeof TOPOLOGIES)[Topology]>;
		log(`starting n8n ${harness.provision.N8N_VERSION} (${topology})`);
		const n8n = await start({ harness, tarball, credentials });
		try {
			for (const [index, { scenario, n }] of planned.entries()) {
				if (restartEach && index > 0) await n8n.restart();
				log(`${scenario.name}, N = ${n}, T = ${settings.renderSeconds} s: running`);
				try {
					const run = await runOnce({ harness, n8n, settings, ports }, scenario, n);
					runs.push(run);
					log(`${scenario.name}, N = ${n}: ${describe(run)}`);
				} catch (error) {
					// The harness broke, not the mode: no figures, and the other rows still run.
					const reason = `the run broke: ${error instanceof Error ? error.message : String(error)}`;
					skipped.push({ scenario: scenario.name, title: scenario.title, n, skipped: reason });
					log(`${scenario.name}, N = ${n}: ${reason}`);
				}
				save();
			}
		} finally {
			await n8n.stop();
		}
	}

	const merged = save();
	writeFileSync(SVG_FILE, svgPlot(merged));
	console.log(`\n${markdownTables(merged)}\n`);
	log(`results in ${RESULTS_FILE}, plot in ${SVG_FILE}`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
