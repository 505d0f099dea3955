import { emulator, emulatorRequests, execute, nodeOutput } from './n8n';

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('failing creates in a real n8n', () => {
	it('an unknown avatar ends the workflow with the message the user should see', async () => {
		const run = execute('hgE2eUnknownAv1');
		expect(run.exitCode).not.toBe(0);
		const error = run.run.data.resultData.error!;
		expect(error.message).toBe('The avatar look "lk_nobody_here" was not found [item 0]');
		expect(error.description).toContain('Check the ID');
		expect((await emulatorRequests()).filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('insufficient credit says so and nothing is created', async () => {
		await emulator('/config', { method: 'PATCH', body: { balance: 0 } });
		const run = execute('hgExCreateVideo1');
		expect(run.exitCode).not.toBe(0);
		const error = run.run.data.resultData.error!;
		expect(error.message).toBe('Not enough HeyGen credit for this request [item 0]');
		expect(error.description).toMatch(/credits/);
		expect(((await emulator('/state')) as { data: { videos: number } }).data.videos).toBe(0);
	});

	it('with Continue On Fail the workflow goes on with an error item', () => {
		const run = execute('hgE2eContinue01');
		expect(run.exitCode).toBe(0);
		const items = nodeOutput(run, 'Create video');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ status: 'completed', callback_id: 'Ada' });
		expect(items[2].json).toMatchObject({ status: 'completed', callback_id: 'Cy' });
		expect(items[1].json.error).toBe('The avatar look "lk_nobody_here" was not found [item 1]');
	});
});
