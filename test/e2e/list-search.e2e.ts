import { env, NODE_TYPE, rest } from './n8n';

/** What the editor sends when a resource locator list opens or scrolls. */
async function listSearch(methodName: string, path: string, options: { filter?: string; paginationToken?: string } = {}) {
	const api = await rest();
	const response = await api('/rest/dynamic-node-parameters/resource-locator-results', {
		method: 'POST',
		body: JSON.stringify({
			path,
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			currentNodeParameters: { resource: 'video', operation: 'createAvatarVideo' },
			methodName,
			credentials: { heyGenApi: { id: env.credentialId, name: 'HeyGen API' } },
			...options,
		}),
	});
	expect(response.status).toBe(200);
	return response.body.data as { results: Array<{ name: string; value: string; url?: string }>; paginationToken?: string };
}

describe("the editor's searchable lists, through n8n's REST API", () => {
	it('avatar looks come from the emulator, page after page', async () => {
		const first = await listSearch('searchAvatarLooks', 'parameters.avatar_id');
		expect(first.results.length).toBeGreaterThan(0);
		expect(first.results[0]).toMatchObject({ value: expect.stringMatching(/^lk_/), name: expect.stringContaining('·') });
		expect(typeof first.paginationToken).toBe('string');
		const second = await listSearch('searchAvatarLooks', 'parameters.avatar_id', { paginationToken: first.paginationToken });
		expect(second.results.length).toBeGreaterThan(0);
		const values = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(values).size).toBe(values.length);
	});

	it('avatar looks can be searched by name', async () => {
		const found = await listSearch('searchAvatarLooks', 'parameters.avatar_id', { filter: 'abigail' });
		expect(found.results.map((r) => r.value)).toContain('lk_abigail_office');
		expect(found.results.every((r) => /abigail/i.test(r.name))).toBe(true);
	});

	it('voices come from the emulator, paginated and searchable', async () => {
		const first = await listSearch('searchVoices', 'parameters.voice_id');
		expect(first.results.length).toBeGreaterThan(0);
		expect(first.results[0].name).toMatch(/\(.+, .+\)$/);
		expect(typeof first.paginationToken).toBe('string');
		const spanish = await listSearch('searchVoices', 'parameters.voice_id', { filter: 'Spanish' });
		expect(spanish.results.length).toBeGreaterThan(0);
		expect(spanish.results.every((r) => r.name.includes('Spanish'))).toBe(true);
	});
});
