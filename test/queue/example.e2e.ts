import { createHash } from 'node:crypto';

import { emulator, emulatorRequests, enqueuedExecution, execution, filesInUserFolders, processesThatLogged, ranExecution, rest, sql, waitFor } from './queue';

const EXAMPLE = 'hgExCreateVideo1';
const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

describe('the create-and-download example in queue mode', () => {
	it('runs from the REST API on one worker, and its video lands in the database binary store', async () => {
		await emulator('/reset', { method: 'POST' });
		const api = await rest();
		// What the editor's Execute workflow button sends.
		const started = await api(`/rest/workflows/${EXAMPLE}/run`, { method: 'POST', body: JSON.stringify({ triggerToStartFrom: { name: MANUAL_TRIGGER } }) });
		expect(started.status).toBe(200);
		const executionId = String(started.body.data.executionId);

		const run = await waitFor('the execution to finish', async () => {
			const found = await execution(executionId);
			return FINISHED.includes(found.status) ? found : undefined;
		}, 120_000);
		expect(run).toMatchObject({ status: 'success', mode: 'manual' });
		// Main put it on the queue; the example parks (Auto, against a local HeyGen), so HeyGen's call to the
		// webhook process put it back on the queue; only workers ran it.
		expect(processesThatLogged(enqueuedExecution(executionId))).toEqual(['main', 'webhook']);
		expect(processesThatLogged(ranExecution(executionId)).length).toBeGreaterThanOrEqual(1);
		expect(processesThatLogged(ranExecution(executionId)).every((name) => /^worker-\d$/.test(name))).toBe(true);

		const items = run.data.resultData.runData['Create welcome video'][0].data.main[0];
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json).toMatchObject({ status: 'completed', callback_id: 'welcome-demo', title: 'n8n welcome video', video_id: expect.any(String) });
		expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4', fileName: 'welcome-demo.mp4' });

		// The file is a row of n8n's binary_data table, tied to this execution, byte for byte the rendered video.
		const binaryId = String(item.binary.data.id);
		expect(binaryId).toMatch(/^database:[0-9a-f-]{36}$/);
		const fileId = binaryId.slice('database:'.length);
		const rows = sql(`SELECT "sourceType", "sourceId", "fileSize", "mimeType", encode(sha256(data), 'hex') FROM binary_data WHERE "fileId" = '${fileId}'`);
		expect(rows).toHaveLength(1);
		const [sourceType, sourceId, fileSize, mimeType, sha256] = rows[0];
		expect({ sourceType, sourceId, mimeType }).toEqual({ sourceType: 'execution', sourceId: executionId, mimeType: 'video/mp4' });
		const requests = await emulatorRequests();
		// Parked, so created through HeyGen's batches: one batch of one video.
		expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos/batches').map((r) => (r.body as { videos: unknown[] }).videos.length)).toEqual([1]);
		expect(requests.filter((r) => r.server === 'storage').length).toBeGreaterThan(0);
		const rendered = Buffer.from(await (await fetch(String(item.json.video_url))).arrayBuffer());
		expect(rendered.length).toBeGreaterThan(0);
		expect(Number(fileSize)).toBe(rendered.length);
		expect(sha256).toBe(createHash('sha256').update(rendered).digest('hex'));
		// Nothing of that size was written to any process's user folder (filesystem mode's store).
		expect(filesInUserFolders().filter((file) => file.size === rendered.length)).toEqual([]);
	});
});
