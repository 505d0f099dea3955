import { readFileSync } from 'node:fs';

import { leaksIn } from '../harness/secrets';
import { N8N_LOG_FILE } from './environment';
import { emulator, env, publicApi } from './n8n';

/**
 * Runs after every other end-to-end file: what n8n stored and printed during the whole suite must
 * hold no API key and no webhook signing secret, and presigned signatures only in URL fields.
 */
describe('secrets across the whole end-to-end suite', () => {
	it('no execution n8n stored and no line n8n printed holds a secret', async () => {
		const secrets = [env.emulatorApiKey, 'hg_wrong_key'];
		const issued = ((await emulator('/webhook-secrets?issued=all')) as { data: string[] }).data;
		expect(issued.length).toBeGreaterThan(0);
		secrets.push(...issued);

		const executions: unknown[] = [];
		let cursor: string | undefined;
		do {
			const page = await publicApi(`/executions?includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			executions.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		expect(executions.length).toBeGreaterThan(20);
		// n8n 1.x copies the workflow's static data, where the trigger keeps its endpoint's signing
		// secret, into each execution of that workflow (n8n 2.x does not): only that copy is let pass.
		const n8nCopy = /^\$\[\d+\]\.workflowData\.staticData\.node:[^.]+\.secret /;
		expect(leaksIn(executions, secrets).filter((leak) => !(env.n8nLine < 2 && n8nCopy.test(leak)))).toEqual([]);

		// `n8n execute --rawOutput` prints run data one JSON field per line: such a line is that field.
		const lines = readFileSync(N8N_LOG_FILE, 'utf8')
			.split('\n')
			.map((line) => {
				const field = /^\s*"([A-Za-z0-9_]+)":\s*"(.*)",?\s*$/.exec(line);
				return field ? { [field[1]]: field[2] } : line;
			});
		expect(lines.length).toBeGreaterThan(100);
		expect(leaksIn(lines, secrets)).toEqual([]);
	});
});
