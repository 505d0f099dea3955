import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { HeyGenApi } from '../../credentials/HeyGenApi.credentials';
import { HeyGen } from '../../nodes/HeyGen/HeyGen.node';

const { description } = new HeyGen();
const operationSelectors = description.properties.filter((p) => p.name === 'operation');
const resourceOf = (p: INodeProperties) => (p.displayOptions?.show?.resource as string[])[0];

const operationsOf = (resource: string) =>
	(operationSelectors.find((p) => resourceOf(p) === resource)?.options as INodePropertyOptions[] | undefined)?.map((o) => o.value) ?? [];

// Which resources and operations exist, and that none is ever removed or renamed, is the frozen
// description's job: test/contract/description.test.ts (docs/backwards-compat.md).
describe('the HeyGen node description', () => {
	it('offers an operation selector for every resource', () => {
		const resources = (description.properties.find((p) => p.name === 'resource')?.options as INodePropertyOptions[]).map((o) => o.value as string);
		expect(resources.length).toBeGreaterThan(0);
		for (const resource of resources) expect(operationsOf(resource).length).toBeGreaterThan(0);
		expect(operationSelectors.map(resourceOf).sort()).toEqual([...resources].sort());
	});

	it('gives every operation an action sentence and a description, sorted by name', () => {
		for (const selector of operationSelectors) {
			const options = selector.options as INodePropertyOptions[];
			for (const option of options) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description?.length).toBeGreaterThan(20);
			}
			expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
			expect(options.map((o) => o.value)).toContain(selector.default);
		}
	});

	it('tells the user how long renders take wherever they choose how to wait', () => {
		const waitModes = description.properties.filter((p) => p.name === 'waitMode');
		expect(waitModes.length).toBeGreaterThanOrEqual(8);
		for (const field of waitModes) {
			expect(field.hint).toMatch(/take minutes/);
			expect(field.hint).toMatch(/HeyGen Trigger/);
			expect(field.hint).toMatch(/Callback ID/);
		}
	});

	it('shows every field for exactly one resource and operation it belongs to', () => {
		for (const property of description.properties) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			const show = property.displayOptions?.show;
			expect(show?.resource).toHaveLength(1);
			expect(show?.operation).toHaveLength(1);
			const resource = (show?.resource as string[])[0];
			expect(operationsOf(resource)).toContain((show?.operation as string[])[0]);
		}
	});

	it('describes every boolean with "Whether"', () => {
		const walk = (properties: INodeProperties[]): INodeProperties[] =>
			properties.flatMap((p) => [p, ...walk(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o))]);
		for (const property of walk(description.properties).filter((p) => p.type === 'boolean')) {
			expect(property.description).toMatch(/^Whether /);
		}
	});

	it('loads Output Languages only when opened from version 1.1, and keeps version 1 as saved', () => {
		// A dropdown that loads as soon as it shows fails on a node just added, before its credential is set.
		const shownAt = (version: number) =>
			description.properties.filter((p) => {
				if (p.name !== 'output_languages') return false;
				const versions = p.displayOptions?.show?.['@version'] as Array<number | { _cnd: { gte: number } }>;
				return versions.some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte));
			});
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		const current = shownAt(1.1);
		expect(current.map((p) => p.displayOptions?.show?.operation)).toEqual([['create'], ['createProofread']]);
		for (const field of current) {
			expect(field).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true } });
			expect(field.typeOptions?.loadOptionsMethod).toBeUndefined();
			const [language] = (field.options as Array<{ values: INodeProperties[] }>)[0].values;
			expect(language.type).toBe('resourceLocator');
			expect(language.modes?.find((mode) => mode.name === 'list')?.typeOptions).toMatchObject({ searchListMethod: 'searchTranslationLanguages', searchable: true });
		}
		expect(shownAt(1).map((p) => [p.type, p.typeOptions?.loadOptionsMethod])).toEqual([
			['multiOptions', 'getTranslationLanguages'],
			['multiOptions', 'getTranslationLanguages'],
		]);
	});

	it('is usable as an AI tool and uses the package credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: new HeyGenApi().name, required: true }]);
	});
});

describe('the HeyGen API credential', () => {
	const credential = new HeyGenApi();
	it('sends the key as X-Api-Key and tests it on /v3/users/me', async () => {
		const signed = await credential.authenticate({ apiKey: 'hg_key', baseUrl: 'https://api.heygen.com' }, { url: '/v3/videos', headers: { Accept: 'application/json' } });
		// The request's own headers kept, the key added; nothing else of the credential goes out.
		expect(signed).toEqual({ url: '/v3/videos', headers: { Accept: 'application/json', 'X-Api-Key': 'hg_key' } });
		expect(credential.test.request).toMatchObject({ url: '/v3/users/me', method: 'GET' });
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.heygen.com');
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		expect(credential.httpRequestNode).toMatchObject({ name: 'HeyGen' });
	});
});
