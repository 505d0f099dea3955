import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { env, n8nVersionInstalled, NODE_TYPE, rest } from './n8n';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[] };
};

describe('the package in a real n8n', () => {
	it('runs against the pinned n8n', () => {
		expect(n8nVersionInstalled()).toBe(env.n8nVersion);
	});

	it('registers the nodes under their published names, with the generated AI tool variant', async () => {
		const api = await rest();
		const { status, body } = await api('/types/nodes.json');
		expect(status).toBe(200);
		const names = (body as Array<{ name: string }>).map((type) => type.name).filter((name) => name.startsWith(`${packageJson.name}.`));
		expect(names).toEqual(expect.arrayContaining([NODE_TYPE, `${NODE_TYPE}Tool`, `${packageJson.name}.heyGenTrigger`]));
		// A trigger gets no tool variant.
		expect(names).not.toContain(`${packageJson.name}.heyGenTriggerTool`);
		// Every node the package declares is loaded (a file left out of `files` would fail here).
		for (const file of packageJson.n8n.nodes) {
			const className = file.split('/').pop()!.replace('.node.js', '');
			expect(names).toContain(`${packageJson.name}.${className[0].toLowerCase()}${className.slice(1)}`);
		}
	});

	it('ships the codex and both icons, which n8n serves', async () => {
		const api = await rest();
		const types = (await api('/types/nodes.json')).body as Array<{ name: string; codex?: { categories?: string[] }; iconUrl?: { light: string; dark: string } }>;
		const heyGen = types.find((type) => type.name === NODE_TYPE)!;
		expect(heyGen.codex?.categories).toEqual(expect.arrayContaining(['Marketing & Content']));
		expect(heyGen.iconUrl?.light).not.toBe(heyGen.iconUrl?.dark);
		for (const url of [heyGen.iconUrl!.light, heyGen.iconUrl!.dark]) {
			const icon = await api(`/${url}`);
			expect(icon.status).toBe(200);
			expect(String(icon.body)).toContain('<svg');
		}
		const tool = types.find((type) => type.name === `${NODE_TYPE}Tool`)!;
		expect(tool).toBeDefined();
	});

	it('the credential test succeeds against the emulator and fails clearly with a wrong key', async () => {
		const api = await rest();
		const test = async (id: string) =>
			(await api('/rest/credentials/test', { method: 'POST', body: JSON.stringify({ credentials: { id, name: 'HeyGen API', type: 'heyGenApi', data: {} } }) }))
				.body.data;
		const stored = (await api(`/rest/credentials/${env.credentialId}?includeData=true`)).body.data.data;
		const good = await api('/rest/credentials/test', {
			method: 'POST',
			body: JSON.stringify({ credentials: { id: env.credentialId, name: 'HeyGen API', type: 'heyGenApi', data: stored } }),
		});
		expect(good.body.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrongStored = (await api(`/rest/credentials/${env.wrongKeyCredentialId}?includeData=true`)).body.data.data;
		const wrong = await api('/rest/credentials/test', {
			method: 'POST',
			body: JSON.stringify({ credentials: { id: env.wrongKeyCredentialId, name: 'HeyGen API (wrong key)', type: 'heyGenApi', data: wrongStored } }),
		});
		expect(wrong.body.data.status).toBe('Error');
		// n8n 2.x answers with the credential's own rule for a 401; n8n 1.x with its generic 401 message.
		expect(wrong.body.data.message).toContain(env.n8nLine < 2 ? 'Authorization failed - please check your credentials' : 'HeyGen rejected the API key');
		expect(await test(env.wrongKeyCredentialId)).toMatchObject({ status: 'Error' });
	});
});
