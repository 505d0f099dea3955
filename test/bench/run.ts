/**
 * `npm run bench`: how fast and how lean create + wait + download are, against the emulator.
 *
 * The emulator runs in its own process, so the memory figures are the node's and n8n-core's
 * alone. Figures are printed, not asserted: the targets are in docs/benchmark.md.
 *   - makespan: N items, render time R, account cap C; ideal = ceil(N / C) × R.
 *   - status requests per video: GET /v3/videos and GET /v3/videos/{id}, a list call counting once.
 *   - memory: peak RSS growth while downloading large videos as binary data.
 * Settings come from the environment: BENCH_ITEMS (100), BENCH_CAP (10), BENCH_RENDER_SECONDS (10),
 * BENCH_DOWNLOAD_MB (1024 in all), BENCH_FILE_MB (128 each).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { INodeParameters } from 'n8n-workflow';

import { binaryFilePath, harnessTeardown } from '../harness/engine';
import { runAvatarVideos } from './avatarRuns';
const MB = 1024 * 1024;

const setting = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};

interface EmulatorProcess {
	url: string;
	apiKey: string;
	child: ChildProcess;
}

async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
	const child = spawn(process.execPath, [join(__dirname, '..', '..', 'emulator', 'cli.js'), ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout! });
	let url = '';
	let apiKey = '';
	for await (const line of lines) {
		const api = /emulator API:\s+(\S+)/.exec(line);
		const key = /Test API key:\s+(\S+)/.exec(line);
		if (api) url = api[1];
		if (key) apiKey = key[1];
		if (url && apiKey) break;
	}
	if (!url || !apiKey) throw new Error('the emulator did not start');
	return { url, apiKey, child };
}

async function stopEmulator(emulator: EmulatorProcess): Promise<void> {
	emulator.child.kill('SIGTERM');
	await new Promise((resolve) => emulator.child.once('exit', resolve));
}

async function recordedRequests(emulator: EmulatorProcess): Promise<Array<{ method: string; path: string; status?: number }>> {
	const response = await fetch(`${emulator.url}/__emulator/requests`);
	const body = (await response.json()) as { data: Array<{ method: string; path: string; status?: number; server: string }> };
	return body.data.filter((r) => r.server === 'api');
}

function run(emulator: EmulatorProcess, count: number, parameters: Record<string, unknown>) {
	return runAvatarVideos(emulator, count, parameters as INodeParameters);
}

async function makespan() {
	const items = setting('BENCH_ITEMS', 100);
	const cap = setting('BENCH_CAP', 10);
	const renderSeconds = setting('BENCH_RENDER_SECONDS', 10);
	const emulator = await startEmulatorProcess(['--render-seconds', String(renderSeconds), '--concurrency', String(cap), '--balance', '1000000']);
	try {
		const started = Date.now();
		const result = await run(emulator, items, { options: { maxConcurrentJobs: cap } });
		const seconds = (Date.now() - started) / 1000;
		if (result.error) throw result.error;
		const failed = result.output.filter((item) => item.json.status !== 'completed').length;
		const requests = await recordedRequests(emulator);
		const lists = requests.filter((r) => r.method === 'GET' && r.path === '/v3/videos').length;
		const singles = requests.filter((r) => r.method === 'GET' && /^\/v3\/videos\/[^/]+$/.test(r.path)).length;
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		const ideal = Math.ceil(items / cap) * renderSeconds;
		console.log(`\nMakespan: ${items} items, account cap ${cap}, ${renderSeconds} s render`);
		console.log(`  makespan                 ${seconds.toFixed(1)} s`);
		console.log(`  ideal ceil(N/cap) x R    ${ideal.toFixed(1)} s`);
		console.log(`  ratio                    ${(seconds / ideal).toFixed(3)}   (target <= 1.10)`);
		console.log(`  status requests          ${lists} list + ${singles} single = ${((lists + singles) / items).toFixed(2)} per video   (target <= 6)`);
		console.log(`  creates                  ${creates.length} (${creates.filter((r) => r.status === 429).length} answered 429)`);
		console.log(`  items not completed      ${failed}`);
	} finally {
		await stopEmulator(emulator);
	}
}

async function memory() {
	const totalMb = setting('BENCH_DOWNLOAD_MB', 1024);
	const fileMb = setting('BENCH_FILE_MB', 128);
	const files = Math.max(1, Math.round(totalMb / fileMb));
	const emulator = await startEmulatorProcess(['--render-seconds', '1', '--video-size', String(fileMb * MB), '--balance', '1000000']);
	try {
		// Warm the engine up first, so the baseline includes n8n-core itself.
		await run(emulator, 1, { voice_id: { __rl: true, mode: 'id', value: '' } });
		global.gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 20);
		const started = Date.now();
		const result = await run(emulator, files, { downloadVideo: true, binaryPropertyName: 'data' });
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		if (result.error) throw result.error;
		let stored = 0;
		for (const item of result.output) {
			const binary = item.binary?.data;
			if (!binary) throw new Error('an item has no binary data');
			stored += require('node:fs').statSync(binaryFilePath(binary)).size as number;
		}
		const seconds = (Date.now() - started) / 1000;
		console.log(`\nMemory: ${files} videos of ${fileMb} MB downloaded as binary (${(stored / MB).toFixed(0)} MB stored)`);
		console.log(`  baseline RSS             ${(baseline / MB).toFixed(1)} MB`);
		console.log(`  peak RSS                 ${(peak / MB).toFixed(1)} MB`);
		console.log(`  peak growth              ${((peak - baseline) / MB).toFixed(1)} MB   (target < 64 MB)`);
		console.log(`  wall time                ${seconds.toFixed(1)} s (${(stored / MB / seconds).toFixed(0)} MB/s including renders)`);
	} finally {
		await stopEmulator(emulator);
	}
}

async function main() {
	const only = process.argv[2];
	if (!only || only === 'makespan') await makespan();
	if (!only || only === 'memory') await memory();
	await harnessTeardown();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
