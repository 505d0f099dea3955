import { executionStatus, runFromEditor, videoWorkflow } from '../harness/workflows';
import { createWorkflow, emulator, emulatorRequests, enqueuedExecution, env, executionOutput, processesThatLogged, publicApi, ranExecution, rest, sql } from './queue';

const COUNT = 200;

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
	await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 300, processingMs: 1200 }, videoSizeBytes: 64 * 1024 } });
});

describe('queue mode: parked and polling runs', () => {
	it(`parks ${COUNT} videos in PostgreSQL, resumes on the webhook process when HeyGen calls back, and finishes on a worker`, async () => {
		const workflowId = await createWorkflow(videoWorkflow(`queue: park ${COUNT} videos`, COUNT, env.credentialId, { waitMode: 'park', downloadVideo: true }));
		const id = await runFromEditor(await rest(), workflowId);
		await executionStatus(publicApi, id, ['waiting'], 120_000);
		const parkedAt = (await emulatorRequests()).length;

		const done = await executionStatus(publicApi, id, undefined, 600_000);
		expect(done.status).toBe('success');
		const output = executionOutput(done, 'Create videos');
		expect(output).toHaveLength(COUNT);
		output.forEach((item, i) => {
			expect(item.json).toMatchObject({ callback_id: `lead-${i}`, status: 'completed' });
			expect(String(item.binary?.data?.id)).toMatch(/^database:/);
		});
		// Two batches of at most 100; no video rendered twice.
		const requests = await emulatorRequests();
		expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos/batches').map((r) => (r.body as { videos: unknown[] }).videos.length)).toEqual([100, 100]);
		expect(((await emulator('/state')) as { data: { videos: number } }).data.videos).toBe(COUNT);
		// While parked, only batch checks on HeyGen's calls; on resume one read per video.
		const afterPark = requests.slice(parkedAt).filter((r) => r.method === 'GET' && r.path.startsWith('/v3/videos'));
		expect(afterPark.filter((r) => /^\/v3\/videos\/[0-9a-f]{32}$/.test(r.path))).toHaveLength(COUNT);
		expect(afterPark.filter((r) => r.path === '/v3/videos' || r.path === '/v3/videos/statuses')).toHaveLength(0);
		// The resume came in on the webhook process; the parked run and its resumption ran on workers.
		expect(processesThatLogged(enqueuedExecution(id)).length).toBeGreaterThanOrEqual(1);
		expect(processesThatLogged(ranExecution(id)).every((name) => /^worker-\d$/.test(name))).toBe(true);
		const stored = sql(`SELECT count(*) FROM binary_data WHERE "sourceId" = '${id}'`);
		expect(Number(stored[0][0])).toBe(COUNT);
	}, 900_000);

	it('a polling run finishes on a worker with every video', async () => {
		const workflowId = await createWorkflow(videoWorkflow('queue: poll twelve videos', 12, env.credentialId, { waitMode: 'poll' }));
		const id = await runFromEditor(await rest(), workflowId);
		const done = await executionStatus(publicApi, id, undefined, 300_000);
		expect(done.status).toBe('success');
		expect(executionOutput(done, 'Create videos').map((item) => item.json.status)).toEqual(Array(12).fill('completed'));
		expect(processesThatLogged(ranExecution(id))).toEqual([expect.stringMatching(/^worker-\d$/)]);
	}, 400_000);
});
