import { readFileSync } from 'node:fs';

import { leaksIn } from '../harness/secrets';
import { emulator, env, publicApi } from './queue';

/**
 * Runs after the other queue-mode files: what n8n stored, and what main, the workers and the
 * webhook process printed at debug level, holds no API key and no webhook signing secret.
 */
describe('secrets across the queue-mode suite', () => {
	it('no stored execution and no line any n8n process printed holds a secret', async () => {
		const issued = ((await emulator('/webhook-secrets?issued=all')) as { data: string[] }).data;
		expect(issued.length).toBeGreaterThan(0);
		const secrets = [env.emulatorApiKey, ...issued];

		const executions = (await publicApi('/executions?includeData=true&limit=250')).data as unknown[];
		expect(executions.length).toBeGreaterThanOrEqual(4);
		expect(leaksIn(executions, secrets)).toEqual([]);

		for (const proc of env.processes) {
			const lines = readFileSync(proc.logFile, 'utf8').split('\n');
			expect(lines.length).toBeGreaterThan(10);
			expect(leaksIn(lines, secrets).map((where) => `${proc.name}: ${where}`)).toEqual([]);
		}
	});
});
