import { CATALOG, SEED_IDS, TEMPLATES } from '../../emulator';
import { call, expectError, expectValidResponse, uploadSample, useEmulator, waitForVideo, type Json, expectLifecycle } from './helpers';

const emulator = useEmulator();

function generate(templateId: string, body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', `/v3/templates/${templateId}`, { body, idempotencyKey });
}

const text = (name: string, content: string) => ({ name, type: 'text', properties: { content } });

describe('GET /v3/templates', () => {
	it('lists the twelve templates with variables over two pages of ten', async () => {
		const first = await call(emulator(), 'GET', '/v3/templates');
		expectValidResponse('listTemplates', first.body);
		expect(first.body.data).toHaveLength(10);
		expect(first.body.has_more).toBe(true);
		const second = await call(emulator(), 'GET', `/v3/templates?token=${first.body.next_token}`);
		expect(second.body).toMatchObject({ has_more: false, next_token: null });
		const ids = [...first.body.data, ...second.body.data].map((template: Json) => template.id);
		expect(ids).toHaveLength(12);
		expect(ids).not.toContain(SEED_IDS.unlistedTemplate);
		expect(first.body.data[0]).toEqual({
			id: SEED_IDS.salesTemplate,
			name: 'Sales outreach',
			aspect_ratio: '16:9',
			thumbnail_url: `${emulator().storageUrl}/assets/templates/${SEED_IDS.salesTemplate}.png`,
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
		});
		const all = await call(emulator(), 'GET', '/v3/templates?limit=100');
		expect(all.body.data).toHaveLength(12);
		expectError(await call(emulator(), 'GET', '/v3/templates?limit=101'), 400, 'invalid_parameter', 'limit');
		expect((await fetch(first.body.data[0].thumbnail_url)).headers.get('content-type')).toBe('image/png');
	});
});

describe('GET /v3/templates/{template_id}', () => {
	it('describes scenes, the variables each uses and every default in the generate shape', async () => {
		const response = await call(emulator(), 'GET', `/v3/templates/${SEED_IDS.salesTemplate}`);
		expectValidResponse('getTemplate', response.body);
		const detail = response.body.data;
		expect(detail.scene_ids).toEqual(['scn_sales_intro', 'scn_sales_pitch', 'scn_sales_close']);
		expect(detail.scenes[0]).toEqual({
			scene_id: 'scn_sales_intro',
			script: "Hi {{first_name}}! I'm reaching out because {{company}} caught our eye.",
			variables: [
				{ name: 'first_name', variable_type: 'text' },
				{ name: 'company', variable_type: 'text' },
				{ name: 'logo', variable_type: 'image' },
				{ name: 'presenter', variable_type: 'character' },
				{ name: 'narrator', variable_type: 'voice' },
			],
		});
		expect(detail.variables).toEqual({
			first_name: text('first_name', 'there'),
			company: text('company', 'your company'),
			logo: {
				name: 'logo',
				type: 'image',
				properties: { url: expect.stringMatching(/\/assets\/templates\/tpl_sales_outreach\/logo\.png$/) },
			},
			presenter: {
				name: 'presenter',
				type: 'character',
				properties: { type: 'avatar', character_id: SEED_IDS.studioLook },
			},
			narrator: { name: 'narrator', type: 'voice', properties: { voice_id: SEED_IDS.englishFemaleVoice } },
		});
		expect((await fetch(detail.variables.logo.properties.url)).status).toBe(200);
	});

	it('covers all six variable types, and every default names a known look or voice', async () => {
		const types = new Set<string>();
		for (const template of TEMPLATES) {
			const detail = (await call(emulator(), 'GET', `/v3/templates/${template.id}`)).body.data;
			for (const value of Object.values(detail.variables) as Json[]) {
				if (value === null) continue;
				types.add(value.type);
				if (value.type === 'character') expect(CATALOG.lookById.has(value.properties.character_id)).toBe(true);
				if (value.type === 'voice') expect(CATALOG.voiceById.has(value.properties.voice_id)).toBe(true);
				if (['image', 'video', 'audio'].includes(value.type))
					expect((await fetch(value.properties.url)).status).toBe(200);
			}
		}
		expect([...types].sort()).toEqual(['audio', 'character', 'image', 'text', 'video', 'voice']);
		const demo = (await call(emulator(), 'GET', `/v3/templates/${SEED_IDS.productDemoTemplate}`)).body.data;
		expect(demo.variables.demo_clip.properties).toMatchObject({ play_style: 'fit_to_scene' });
		expect(demo.variables.music.type).toBe('audio');
		const invite = (await call(emulator(), 'GET', `/v3/templates/${SEED_IDS.requiredVariableTemplate}`)).body.data;
		expect(invite.variables.guest_name).toBeNull();
		expect(invite.aspect_ratio).toBe('9:16');
		expect(invite.variables.host.properties.type).toBe('talking_photo');
	});

	it('answers 404 not_found for an unknown template', async () => {
		const response = await call(emulator(), 'GET', '/v3/templates/tpl_nope');
		expectError(response, 404, 'not_found');
		expect(response.body.error.message).toBe('Template not found.');
	});
});

describe('POST /v3/templates/{template_id}', () => {
	it('answers the whole VideoDetail, then the video completes with the placeholders filled', async () => {
		const response = await generate(SEED_IDS.salesTemplate, {
			variables: { first_name: text('first_name', 'Dana'), company: text('company', 'Initech') },
			caption: true,
		});
		expect(response.status).toBe(200);
		expectValidResponse('generateTemplateVideo', response.body);
		expect(response.body.data).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{32}$/),
			status: 'pending',
			title: 'Sales outreach',
			video_url: null,
		});
		expect(response.body.data).not.toHaveProperty('video_id');

		const { detail, seen } = await waitForVideo(emulator(), response.body.data.id);
		expectLifecycle(seen, ['pending', 'processing', 'completed']);
		const job = emulator().state.videos.get(detail.id)!;
		expect(job.script).toBe(
			"Hi Dana! I'm reaching out because Initech caught our eye.\nTeams like Initech use our platform to make videos ten times faster.\nLet's talk this week, Dana. Just reply to this email.",
		);
		expect(job).toMatchObject({ kind: 'template', templateId: SEED_IDS.salesTemplate, avatarId: SEED_IDS.studioLook });
		expect(detail.duration).toBeGreaterThan(10);
		expect(await (await fetch(detail.subtitle_url)).text()).toContain('Hi Dana!');
		expect(emulator().state.summary().template_videos).toEqual({
			total: 1,
			by_template: { [SEED_IDS.salesTemplate]: 1 },
		});
	});

	it('round-trips the GET defaults, takes a title, scene selection and uploaded media', async () => {
		const defaults = (await call(emulator(), 'GET', `/v3/templates/${SEED_IDS.productDemoTemplate}`)).body.data
			.variables;
		const clip = await uploadSample(emulator(), 'mp4');
		const response = await generate(SEED_IDS.productDemoTemplate, {
			variables: {
				...defaults,
				demo_clip: { name: 'demo_clip', type: 'video', properties: { asset_id: clip, play_style: 'loop' } },
			},
			title: 'Demo for ACME',
			scene_ids: ['scn_demo_cta', 'scn_demo_hook', 'scn_demo_cta'],
			dimension: { width: 1280, height: 720 },
			fps: 30,
		});
		expect(response.status).toBe(200);
		expect(response.body.data.title).toBe('Demo for ACME');
		expect(emulator().state.videos.get(response.body.data.id)?.script).toBe(
			'Try Acme Studio free today.\nMeet Acme Studio, the fastest way to make video.\nTry Acme Studio free today.',
		);
	});

	it('generates from a template without variables', async () => {
		const response = await generate(SEED_IDS.unlistedTemplate, { variables: {} });
		expect(response.status).toBe(200);
		expect(response.body.data.title).toBe('Blank intro');
	});

	it.each([
		[
			'an unknown variable',
			SEED_IDS.salesTemplate,
			{ variables: { nickname: text('nickname', 'D') } },
			'variables.nickname',
		],
		[
			'a value of the wrong type',
			SEED_IDS.salesTemplate,
			{ variables: { logo: text('logo', 'not an image') } },
			'variables.logo.type',
		],
		['a missing required variable', SEED_IDS.requiredVariableTemplate, { variables: {} }, 'variables.guest_name'],
		[
			'a scene of another template',
			SEED_IDS.salesTemplate,
			{ variables: {}, scene_ids: ['scn_demo_hook'] },
			'scene_ids',
		],
		[
			'a dimension of another aspect ratio',
			SEED_IDS.requiredVariableTemplate,
			{ variables: { guest_name: text('guest_name', 'Sam') }, dimension: { width: 1920, height: 1080 } },
			'dimension',
		],
		[
			'an odd dimension',
			SEED_IDS.salesTemplate,
			{ variables: {}, dimension: { width: 1281, height: 720 } },
			'dimension.width',
		],
		['an fps HeyGen lacks', SEED_IDS.salesTemplate, { variables: {}, fps: 24 }, 'fps'],
		['no variables', SEED_IDS.salesTemplate, {}, 'variables'],
		[
			'a media value with both url and asset_id',
			SEED_IDS.salesTemplate,
			{
				variables: {
					logo: { name: 'logo', type: 'image', properties: { url: 'https://example.com/l.png', asset_id: 'a' } },
				},
			},
			'variables.logo.properties.url',
		],
	])('answers 400 for %s', async (_, templateId, body, param) => {
		const response = await generate(templateId, body);
		expectError(response, 400, 'invalid_parameter', param);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('names the template when a variable is not one of its own', async () => {
		const response = await generate(SEED_IDS.salesTemplate, { variables: { nickname: text('nickname', 'D') } });
		expect(response.body.error.message).toMatch(
			/^'variables\.nickname' is not a variable of template 'Sales outreach' \(tpl_sales_outreach\)/,
		);
	});

	it.each([
		[
			'an unknown character',
			{ presenter: { name: 'presenter', type: 'character', properties: { character_id: 'lk_nobody' } } },
			'avatar_not_found',
			'variables.presenter.properties.character_id',
		],
		[
			'an unknown voice',
			{ narrator: { name: 'narrator', type: 'voice', properties: { voice_id: 'nope' } } },
			'voice_not_found',
			'variables.narrator.properties.voice_id',
		],
		[
			'an unknown asset',
			{ logo: { name: 'logo', type: 'image', properties: { asset_id: 'missing' } } },
			'asset_not_found',
			'variables.logo.properties.asset_id',
		],
	])('answers 404 for %s', async (_, variables, code, param) => {
		expectError(await generate(SEED_IDS.salesTemplate, { variables }), 404, code, param);
	});

	it('answers 404 not_found for an unknown template', async () => {
		expectError(await generate('tpl_nope', { variables: {} }), 404, 'not_found');
	});

	it('fails the render for [[fail]] in a text variable, and download_failed for a .invalid media URL', async () => {
		const failing = await generate(SEED_IDS.salesTemplate, {
			variables: { company: text('company', 'Acme [[fail]]') },
		});
		const { detail } = await waitForVideo(emulator(), failing.body.data.id);
		expect(detail).toMatchObject({ status: 'failed', failure_code: 'rendering_failed' });

		const unreachable = await generate(SEED_IDS.salesTemplate, {
			variables: { logo: { name: 'logo', type: 'image', properties: { url: 'https://img.example.invalid/logo.png' } } },
		});
		const { detail: download } = await waitForVideo(emulator(), unreachable.body.data.id);
		expect(download.failure_code).toBe('download_failed');
		expect(download.failure_message).toContain('variables.logo.properties.url');
	});

	it('shares the cap, wallet and Idempotency-Key replay of video creates', async () => {
		const first = await generate(SEED_IDS.salesTemplate, { variables: {} }, 'tpl-1');
		const again = await generate(SEED_IDS.salesTemplate, { variables: {} }, 'tpl-1');
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator().state.videos.size).toBe(1);

		emulator().config.concurrencyLimit = 1;
		expectError(await generate(SEED_IDS.salesTemplate, { variables: {} }), 429, 'rate_limit_exceeded');
		emulator().config.concurrencyLimit = 10;
		emulator().state.balance = 0.5;
		expectError(await generate(SEED_IDS.salesTemplate, { variables: {} }), 402, 'insufficient_credit');
	});
});
