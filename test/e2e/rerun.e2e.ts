import { spawn } from 'node:child_process';

import { emulator, emulatorRequests, env, execute, nodeOutput, waitFor } from './n8n';

const WORKFLOW = 'hgE2eRerunKill1';

/** Videos the emulator holds, read through HeyGen's own list. */
async function videoIds(): Promise<string[]> {
	const response = await fetch(`${env.emulatorUrl}/v3/videos?limit=100`, { headers: { 'x-api-key': env.emulatorApiKey } });
	return ((await response.json()) as { data: Array<{ id: string }> }).data.map((video) => video.id);
}

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('a run killed mid-wait and run again', () => {
	it('replays the renders the killed run started: 0 new renders, every item gets its video', async () => {
		// Long renders, so the first run is still waiting when it is killed.
		await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 1000, processingMs: 25_000 } } });
		const child = spawn(env.nodeBin, [env.n8nBin, 'execute', `--id=${WORKFLOW}`, '--rawOutput'], {
			env: env.cliEnv,
			stdio: 'ignore',
			detached: true,
		});
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			await waitFor(
				'the first run to create all ten videos',
				async () => (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/videos' && r.status === 200).length === 10,
				120_000,
			);
			// The waiting run polls; then the whole process group dies at once, as with SIGKILL or a crash.
			await waitFor('the first run to poll', async () => (await emulatorRequests()).some((r) => r.method === 'GET' && r.path.startsWith('/v3/videos')), 30_000);
		} finally {
			process.kill(-(child.pid as number), 'SIGKILL');
			await exited;
		}
		const first = await videoIds();
		expect(first).toHaveLength(10);

		await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 200, processingMs: 1500 } } });
		const again = execute(WORKFLOW);
		expect(again.exitCode).toBe(0);
		const output = nodeOutput(again, 'Create videos');
		expect(output).toHaveLength(10);
		expect(output.map((item) => item.json.callback_id)).toEqual(Array.from({ length: 10 }, (_, i) => `lead-${i}`));
		expect(new Set(output.map((item) => item.json.video_id))).toEqual(new Set(first));
		// Already created: the second run's creates were answered from HeyGen's idempotency store.
		expect((await videoIds()).sort()).toEqual([...first].sort());
		const creates = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		expect(creates).toHaveLength(20);
		expect(new Set(creates.map((r) => r.headers['idempotency-key'])).size).toBe(10);
	});
});
