import { executionStatus, runFromEditor, videoWorkflow } from '../harness/workflows';
import { createWorkflow, emulator, emulatorRequests, env, executionOutput, publicApi, rest, restartN8n } from './n8n';


const videoStatusReads = (requests: Awaited<ReturnType<typeof emulatorRequests>>) =>
	requests.filter((r) => r.method === 'GET' && /^\/v3\/videos(\/[0-9a-f]{32}|\/statuses|\/batches\/[^/]+)?$/.test(r.path));

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('parking in a real n8n', () => {
	it('parks in the database with no status requests, and resumes when HeyGen calls back', async () => {
		await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 500, processingMs: 4000 } } });
		const workflowId = await createWorkflow(videoWorkflow('e2e: park six videos', 6, env.credentialId, { waitMode: 'park', downloadVideo: true }));
		const id = await runFromEditor(await rest(), workflowId);
		await executionStatus(publicApi, id, ['waiting'], 60_000);
		const parkedAt = (await emulatorRequests()).length;
		const batches = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/videos/batches');
		expect(batches).toHaveLength(1);
		// n8n 2.x signs its resume URLs; n8n 1.x's name the execution alone.
		const resumeUrl = env.n8nLine < 2 ? `/webhook-waiting/${id}?heygen_wait=batch` : `/webhook-waiting/${id}?signature=`;
		expect(String((batches[0].body as { callback_url: string }).callback_url)).toContain(resumeUrl);

		const done = await executionStatus(publicApi, id);
		expect(done.status).toBe('success');
		const output = executionOutput(done, 'Create videos');
		expect(output.map((item) => item.json.callback_id)).toEqual(['lead-0', 'lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5']);
		for (const item of output) {
			expect(item.json).toMatchObject({ status: 'completed', video_id: expect.any(String) });
			expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		}
		const requests = await emulatorRequests();
		// While parked nothing polled; on resume each video was read once (plus one read of its batch per callback).
		const afterPark = videoStatusReads(requests.slice(parkedAt));
		expect(afterPark.filter((r) => /^\/v3\/videos\/[0-9a-f]{32}$/.test(r.path))).toHaveLength(6);
		expect(afterPark.filter((r) => r.path.startsWith('/v3/videos/batches/')).length).toBeLessThanOrEqual(2);
		expect(((await emulator('/state')) as { data: { videos: number } }).data.videos).toBe(6);
	});

	it('n8n restarted while a run is parked: the callbacks that come after the restart resume it, nothing lost or rendered twice', async () => {
		await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 500, processingMs: 25_000 } } });
		const workflowId = await createWorkflow(videoWorkflow('e2e: park across a restart', 4, env.credentialId, { waitMode: 'park' }));
		const id = await runFromEditor(await rest(), workflowId);
		await executionStatus(publicApi, id, ['waiting'], 60_000);
		await restartN8n();
		const done = await executionStatus(publicApi, id, undefined, 180_000);
		expect(done.status).toBe('success');
		const output = executionOutput(done, 'Create videos');
		expect(output.map((item) => [item.json.callback_id, item.json.status])).toEqual([0, 1, 2, 3].map((i) => [`lead-${i}`, 'completed']));
		expect(((await emulator('/state')) as { data: { videos: number } }).data.videos).toBe(4);
	});

	it('a deadline that passed while n8n was down fires after the restart: every video is named, none lost', async () => {
		// HeyGen's callbacks are lost and the node's own alarm dies with the process: only n8n's deadline is left.
		await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 500, processingMs: 60_000 }, callbacks: { lost: { count: 100 } } } });
		const workflowId = await createWorkflow(videoWorkflow('e2e: park past a deadline', 3, env.credentialId, { waitMode: 'park', options: { maxWaitMinutes: 0.1 } }));
		const id = await runFromEditor(await rest(), workflowId);
		await executionStatus(publicApi, id, ['waiting'], 60_000);
		await restartN8n(10_000);
		const done = await executionStatus(publicApi, id, undefined, 240_000);
		expect(done.status).toBe('success');
		const output = executionOutput(done, 'Create videos');
		expect(output).toHaveLength(3);
		const videos = ((await emulator('/state')) as { data: { videos: number } }).data.videos;
		expect(videos).toBe(3);
		output.forEach((item, i) => {
			expect(item.json).toMatchObject({ callback_id: `lead-${i}`, video_id: expect.any(String) });
			expect(String(item.json.error)).toContain('had not reported the video finished');
		});
	}, 300_000);
});
