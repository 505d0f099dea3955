import type { INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../emulator';
import { apiCalls, heyGen, items, listSearch, locator, runHeyGen, useEmulator } from './heygen';
import { credentialTypes, credentialsFor } from './heygen';
import { runListSearch } from '../harness/engine';
import { LoadOptionsHarness } from './loadOptions';

const emulator = useEmulator();

const mapper = (value: Record<string, string>) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

const generate = (template: string, value: Record<string, string>, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation: 'generate',
	template_id: locator(template),
	variables: mapper(value),
	callback_id: '={{ $json.contactId }}',
	waitForCompletion: true,
	...extra,
});

describe('Template', () => {
	it('Get Many and Get list templates with their typed variables', async () => {
		const many = await runHeyGen(emulator, { resource: 'template', operation: 'getMany', returnAll: true });
		expect(many.output.length).toBeGreaterThan(10);
		expect(many.output[0].json).toMatchObject({ template_id: expect.any(String), name: expect.any(String) });
		const one = await runHeyGen(emulator, { resource: 'template', operation: 'get', template_id: locator('tpl_sales_outreach') });
		expect(one.output[0].json).toMatchObject({ template_id: 'tpl_sales_outreach', scene_ids: expect.any(Array) });
		expect(one.output[0].json.variable_list).toEqual(
			expect.arrayContaining([
				{ name: 'first_name', type: 'text', required: false },
				{ name: 'logo', type: 'image', required: expect.any(Boolean) },
				{ name: 'presenter', type: 'character', required: false },
				{ name: 'narrator', type: 'voice', required: false },
			]),
		);
	});

	it('the resource mapper offers the template variables, typed, with avatar and voice choices', async () => {
		const fields = await new LoadOptionsHarness(emulator).resourceMapper('getTemplateVariables', { resource: 'template', operation: 'generate', template_id: locator('tpl_sales_outreach') });
		const byId = Object.fromEntries(fields.fields.map((field) => [field.id, field]));
		expect(Object.keys(byId)).toEqual(expect.arrayContaining(['first_name', 'company', 'logo', 'presenter', 'narrator']));
		expect(byId.first_name).toMatchObject({ type: 'string', displayName: 'first_name (text) — empty keeps "there"', required: false });
		expect(byId.logo.displayName).toBe('logo (image: URL or asset ID) — empty keeps logo.png');
		expect(byId.presenter.type).toBe('options');
		expect(byId.presenter.options?.map((o) => o.value)).toContain(SEED_IDS.studioLook);
		expect(byId.narrator.options?.map((o) => o.value)).toContain(SEED_IDS.englishFemaleVoice);
		// Fields start empty: a filled-in default would be sent as if the user had set it.
		for (const field of fields.fields) expect(field.defaultValue ?? null).toBeNull();
		const invite = await new LoadOptionsHarness(emulator).resourceMapper('getTemplateVariables', { resource: 'template', operation: 'generate', template_id: locator('tpl_event_invite') });
		const guest = invite.fields.find((field) => field.id === 'guest_name');
		expect(guest).toMatchObject({ required: true, displayName: 'guest_name (text)' });
	});

	it('the mapper names avatars and voices as the searchable lists do, default included', async () => {
		const fields = await new LoadOptionsHarness(emulator).resourceMapper('getTemplateVariables', { resource: 'template', operation: 'generate', template_id: locator('tpl_sales_outreach') });
		const byId = Object.fromEntries(fields.fields.map((field) => [field.id, field]));
		const looks = await listSearch(emulator, 'searchAvatarLooks', 'abigail office');
		const abigail = looks.results.find((result) => result.value === SEED_IDS.studioLook);
		expect(abigail?.name).toBe('Abigail Office · Studio');
		expect(byId.presenter.options?.find((option) => option.value === SEED_IDS.studioLook)?.name).toBe(abigail?.name);
		expect(byId.presenter.displayName).toBe(`presenter (avatar) — empty keeps ${abigail?.name}`);
		const voices = await listSearch(emulator, 'searchVoices');
		const searched = new Map(voices.results.map((result) => [result.value, result.name]));
		const offered = byId.narrator.options ?? [];
		expect(offered.length).toBeGreaterThan(0);
		for (const option of offered.filter((o) => searched.has(o.value as string))) expect(option.name).toBe(searched.get(option.value as string));
		expect(byId.narrator.displayName).toBe(`narrator (voice) — empty keeps ${offered.find((o) => o.value === SEED_IDS.englishFemaleVoice)?.name}`);
	});

	it('Generate maps item fields onto typed variables and waits for the video', async () => {
		const result = await runHeyGen(
			emulator,
			generate('tpl_sales_outreach', {
				first_name: '={{ $json.firstName }}',
				company: '={{ $json.company }}',
				logo: 'https://cdn.example.com/logo.png',
				presenter: SEED_IDS.studioLook,
			}, { additionalFields: { title: '={{ "Hello " + $json.firstName }}' } }),
			{ items: items({ contactId: 'hs-1', firstName: 'Ada', company: 'Acme' }, { contactId: 'hs-2', firstName: 'Grace', company: 'Navy' }) },
		);
		expect(result.error).toBeUndefined();
		const generates = apiCalls(emulator, 'POST', '/v3/templates/tpl_sales_outreach');
		expect(generates).toHaveLength(2);
		expect(generates[0].body).toMatchObject({
			title: 'Hello Ada',
			callback_id: 'hs-1',
			variables: {
				first_name: { name: 'first_name', type: 'text', properties: { content: 'Ada' } },
				company: { name: 'company', type: 'text', properties: { content: 'Acme' } },
				logo: { name: 'logo', type: 'image', properties: { url: 'https://cdn.example.com/logo.png' } },
				presenter: { name: 'presenter', type: 'character', properties: { character_id: SEED_IDS.studioLook } },
			},
		});
		// narrator was left empty: HeyGen applies the template's default, so it is not sent.
		expect(Object.keys((generates[0].body as { variables: object }).variables).sort()).toEqual(['company', 'first_name', 'logo', 'presenter']);
		expect(generates[0].headers['idempotency-key']).toMatch(/^n8n-template-video-/);
		expect(result.output.map((item) => item.json)).toEqual([
			expect.objectContaining({ status: 'completed', callback_id: 'hs-1', video_id: expect.any(String) }),
			expect.objectContaining({ status: 'completed', callback_id: 'hs-2', video_id: expect.any(String) }),
		]);
	});

	it('a variable the template does not have, or a missing required one, fails before any create', async () => {
		const unknown = await runHeyGen(emulator, generate('tpl_sales_outreach', { nickname: 'Ace' }), { items: items({ contactId: 'x' }) });
		expect(unknown.error?.message).toMatch(/^"Variable nickname" is not a variable of the template "Sales outreach" \(it has .*first_name.*\) \[item 0\]$/);
		const missing = await runHeyGen(emulator, generate('tpl_event_invite', { event_name: 'Gala' }), { items: items({ contactId: 'x' }) });
		expect(missing.error?.message).toBe('"Variable guest_name" is required: the template has no default for it [item 0]');
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('an asset ID fills a media variable, and a bad scene id is refused by HeyGen with the field named', async () => {
		const result = await runHeyGen(
			emulator,
			generate('tpl_sales_outreach', { logo: 'asset_does_not_exist' }, { waitForCompletion: false, additionalFields: { scene_ids: 'scn_sales_intro, nope' } }),
			{ items: items({ contactId: 'x' }), continueOnFail: true },
		);
		const body = apiCalls(emulator, 'POST', '/v3/templates/tpl_sales_outreach')[0]?.body as { variables: Record<string, { properties: unknown }>; scene_ids: string[] };
		expect(body.variables.logo.properties).toEqual({ asset_id: 'asset_does_not_exist' });
		expect(body.scene_ids).toEqual(['scn_sales_intro', 'nope']);
		expect(String(result.output[0].json.error)).toMatch(/\[item 0\]$/);
	});

	it('video and audio variables, captions, size, frame rate, GIF and sharing reach HeyGen as set', async () => {
		const result = await runHeyGen(
			emulator,
			generate(
				'tpl_product_demo',
				{ product_name: '={{ $json.product }}', demo_clip: 'https://cdn.example.com/demo.mp4', music: 'https://cdn.example.com/theme.mp3' },
				{
					waitForCompletion: false,
					additionalFields: { caption: true, enable_sharing: true, include_gif: true, fps: 30, width: 1280, height: 720 },
				},
			),
			{ items: items({ contactId: 'c-1', product: 'Acme Clips' }) },
		);
		expect(result.error).toBeUndefined();
		const body = apiCalls(emulator, 'POST', '/v3/templates/tpl_product_demo')[0].body as Record<string, unknown>;
		expect(body).toMatchObject({
			caption: true,
			enable_sharing: true,
			include_gif: true,
			fps: 30,
			dimension: { width: 1280, height: 720 },
			callback_id: 'c-1',
			variables: {
				product_name: { name: 'product_name', type: 'text', properties: { content: 'Acme Clips' } },
				demo_clip: { name: 'demo_clip', type: 'video', properties: { url: 'https://cdn.example.com/demo.mp4', play_style: 'fit_to_scene' } },
				music: { name: 'music', type: 'audio', properties: { url: 'https://cdn.example.com/theme.mp3' } },
			},
		});
		expect(result.output[0].json).toMatchObject({ video_id: expect.any(String), callback_id: 'c-1' });
	});

	it('a width without a height is refused before anything is sent, naming the missing field', async () => {
		const result = await runHeyGen(emulator, generate('tpl_product_demo', { product_name: 'X' }, { additionalFields: { width: 1280 } }), {
			items: items({ contactId: 'c-2' }),
		});
		expect(result.error?.message).toBe('"Height (Px)" is required [item 0]');
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('the template list is searchable', async () => {
		const found = await runListSearch({ nodeType: heyGen, credentialTypes, credentials: credentialsFor(emulator), method: 'searchTemplates', filter: 'sales' });
		expect(found.results.map((r) => r.value)).toContain('tpl_sales_outreach');
	});
});
