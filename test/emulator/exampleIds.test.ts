import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { call, useEmulator } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { examplesForAccount, fillWorkflow } = require('../../scripts/lib/exampleIds.cjs');

const emulator = useEmulator();
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const exampleFiles = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => join(EXAMPLES, file));

const heygen = () => ({ apiKey: 'hg_emulator_test_key', baseUrl: emulator().url });

async function catalogueIds(): Promise<string[]> {
	const pages = ['/v3/avatars/looks?limit=50', '/v3/avatars?limit=50', '/v3/templates?limit=100', '/v3/voices?limit=100'];
	const ids: string[] = [];
	for (const page of pages) {
		const answer = await call(emulator(), 'GET', page);
		expect(answer.status).toBe(200);
		for (const entry of answer.body.data) ids.push(entry.id ?? entry.voice_id ?? entry.group_id);
	}
	return ids.filter(Boolean);
}

describe('example workflows on any account', () => {
	it('carry none of the emulator account’s avatar, voice or template ids', async () => {
		const ids = await catalogueIds();
		expect(ids.length).toBeGreaterThan(20);
		for (const file of exampleFiles) {
			const text = readFileSync(file, 'utf8');
			for (const id of ids) expect({ file, id, found: text.includes(`"${id}"`) }).toEqual({ file, id, found: false });
		}
	});

	it('get the account’s own avatar look and the template that has their variables, and say where', async () => {
		const { account, workflows, notes } = await examplesForAccount(heygen(), exampleFiles);
		const byFile = Object.fromEntries(workflows.map(({ file, workflow }: { file: string; workflow: unknown }) => [file, JSON.stringify(workflow)]));
		expect(byFile['create-avatar-video-and-download.json']).toContain(`"value":"${account.look.id}"`);
		expect(byFile['cinematic-video-from-a-prompt.json']).toContain(`"value":"${account.look.id}"`);
		// The template example maps first_name, company and logo: the emulator's sales template has them.
		expect(byFile['template-video-for-each-contact.json']).toContain('"value":"tpl_sales_outreach"');
		expect(notes).toContainEqual(expect.stringMatching(/node "Create welcome video", field Avatar set to .+ \(lk_[a-z_]+\); pick your own there/));
		// Expressions ($fromAI) are the user's, never replaced.
		expect(byFile['ai-agent-tools.json']).toContain("$fromAI('avatar_id'");
	});

	it('reports a pick the account cannot fill instead of inventing one', () => {
		const workflow = {
			name: 'W',
			nodes: [{ name: 'Make', parameters: { template_id: { __rl: true, mode: 'list', value: '' }, avatar_id: { __rl: true, mode: 'list', value: 'mine' } } }],
		};
		const { filled, missing } = fillWorkflow(workflow, { look: undefined, templates: [] });
		expect(filled).toEqual([]);
		expect(missing).toEqual([{ node: 'Make', field: 'Template' }]);
		expect(workflow.nodes[0].parameters.avatar_id.value).toBe('mine');
	});
});
