import { env, NODE_TYPE, rest } from './n8n';

/** What the editor sends when a resource locator list opens or scrolls. */
async function listSearch(
	methodName: string,
	path: string,
	options: { filter?: string; paginationToken?: string; version?: number; parameters?: Record<string, unknown> } = {},
) {
	const { version = 1, parameters = { resource: 'video', operation: 'createAvatarVideo' }, ...paging } = options;
	const api = await rest();
	const response = await api('/rest/dynamic-node-parameters/resource-locator-results', {
		method: 'POST',
		body: JSON.stringify({
			path,
			nodeTypeAndVersion: { name: NODE_TYPE, version },
			currentNodeParameters: parameters,
			methodName,
			credentials: { heyGenApi: { id: env.credentialId, name: 'HeyGen API' } },
			...paging,
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

	it('translation languages (node 1.1), from a pick inside Output Languages, searchable by name', async () => {
		const nested = {
			version: 1.1,
			parameters: { resource: 'translation', operation: 'create', output_languages: { language: [{ language: { __rl: true, mode: 'list', value: '' } }] } },
		};
		const all = await listSearch('searchTranslationLanguages', 'parameters.output_languages.language[0].language', nested);
		expect(all.results.map((r) => r.value)).toEqual(expect.arrayContaining(['French', 'German', 'Spanish (Spain)']));
		const spanish = await listSearch('searchTranslationLanguages', 'parameters.output_languages.language[0].language', { ...nested, filter: 'spanish' });
		expect(spanish.results.length).toBeGreaterThan(0);
		expect(spanish.results.every((r) => /spanish/i.test(r.name))).toBe(true);
	});
});
