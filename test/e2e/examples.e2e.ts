import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createWorkflow, emulator, emulatorRequests, env, execute, nodeOutput } from './n8n';

/**
 * The AI tools example's Tool Executor gives each tool the input under its name (n8n 2.x); n8n 1.x's
 * gives every tool the whole query, so on 1.x a copy runs whose query merges the tools' inputs.
 */
async function agentToolsWorkflow(): Promise<string> {
	if (env.n8nLine >= 2) return 'hgExAgentTools01';
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ai-agent-tools.json'), 'utf8'));
	const executor = workflow.nodes.find((node: { name: string }) => node.name === 'Run tools with fixed inputs');
	executor.parameters.query = JSON.stringify(Object.assign({}, ...Object.values(JSON.parse(executor.parameters.query))));
	return await createWorkflow({ ...workflow, name: `${workflow.name} (one query for all tools)` });
}

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('the example workflows, run with `n8n execute`', () => {
	it('creates an avatar video, waits for it and downloads it as binary', async () => {
		const run = execute('hgExCreateVideo1');
		expect(run.exitCode).toBe(0);
		const [item, ...rest] = nodeOutput(run, 'Create welcome video');
		expect(rest).toHaveLength(0);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			video_id: expect.any(String),
			status: 'completed',
			callback_id: 'welcome-demo',
			title: 'n8n welcome video',
			video_page_url: expect.stringContaining('/videos/'),
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', fileName: 'welcome-demo.mp4' });
		expect(Number.parseInt(String(item.binary?.data.fileSize), 10)).toBeGreaterThan(0);

		const requests = await emulatorRequests();
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toMatchObject({ type: 'avatar', avatar_id: 'lk_abigail_office', callback_id: 'welcome-demo' });
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-video-/);
		const downloads = requests.filter((r) => r.server === 'storage');
		expect(downloads.length).toBeGreaterThan(0);
		expect(downloads.every((r) => r.headers['x-api-key'] === undefined)).toBe(true);
	});

	it('lists avatars and voices', () => {
		const run = execute('hgExListCatalog1');
		expect(run.exitCode).toBe(0);
		const looks = nodeOutput(run, 'List avatar looks');
		expect(looks).toHaveLength(5);
		looks.forEach((look) => {
			expect(look.json).toMatchObject({ id: expect.any(String), name: expect.any(String), avatar_type: expect.any(String) });
			expect(look.pairedItem).toEqual({ item: 0 });
		});
		const voices = nodeOutput(run, 'List English voices');
		expect(voices).toHaveLength(5);
		expect(voices.every((voice) => voice.json.language === 'English' && typeof voice.json.voice_id === 'string')).toBe(true);
	});

	it('makes one personalised video per contact, each carrying its contact id', async () => {
		const run = execute('hgExBatchVideos1');
		expect(run.exitCode).toBe(0);
		const contacts = nodeOutput(run, 'Contacts');
		const videos = nodeOutput(run, 'Personalised video');
		expect(videos).toHaveLength(10);
		videos.forEach((video, i) => {
			expect(video.pairedItem).toEqual({ item: i });
			expect(video.json).toMatchObject({
				status: 'completed',
				callback_id: contacts[i].json.contactId,
				contactId: contacts[i].json.contactId,
				email: contacts[i].json.email,
				title: `Welcome ${contacts[i].json.firstName} ${contacts[i].json.lastName}`,
			});
		});
		expect(new Set(videos.map((video) => video.json.video_id)).size).toBe(10);
		const creates = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/videos' && r.status === 200);
		expect(creates.map((r) => r.body.callback_id).sort()).toEqual(contacts.map((c) => c.json.contactId).sort());
		expect(creates[0].body.script).toBe(`Hi ${contacts[0].json.firstName}! Thanks for your interest in n8n. I made this short video just for the team at ${contacts[0].json.company}.`);
	});
});

describe('the coverage examples, run with `n8n execute`', () => {
	it('generates a template video per contact with typed variables', async () => {
		const run = execute('hgExTemplateVid1');
		expect(run.exitCode).toBe(0);
		const contacts = nodeOutput(run, 'Contacts');
		const videos = nodeOutput(run, 'Sales outreach video');
		expect(videos).toHaveLength(3);
		videos.forEach((video, i) => {
			expect(video.pairedItem).toEqual({ item: i });
			expect(video.json).toMatchObject({ status: 'completed', callback_id: contacts[i].json.contactId, firstName: contacts[i].json.firstName });
		});
		const generates = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/templates/tpl_sales_outreach');
		expect(generates).toHaveLength(3);
		expect(generates[0].body.variables.first_name).toEqual({ name: 'first_name', type: 'text', properties: { content: contacts[0].json.firstName } });
		expect(generates[0].body.variables.logo).toEqual({ name: 'logo', type: 'image', properties: { url: contacts[0].json.logo } });
	});

	it('translates a video into three languages, one downloaded file per language', async () => {
		const run = execute('hgExTranslate001');
		expect(run.exitCode).toBe(0);
		const translations = nodeOutput(run, 'Translate walkthrough');
		expect(translations.map((t) => t.json.output_language)).toEqual(['Spanish (Spain)', 'French', 'German']);
		translations.forEach((translation) => {
			expect(translation.pairedItem).toEqual({ item: 0 });
			expect(translation.json).toMatchObject({ status: 'completed', callback_id: 'walkthrough-2026', srt_caption_url: expect.any(String) });
			expect(translation.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `walkthrough-2026.${translation.json.output_language}.mp4` });
		});
	});

	it('proofreads a translation: the subtitles are downloaded, edited by a Code node, uploaded, and the video made from the edit', async () => {
		const run = execute('hgExProofLoop001');
		expect(run.exitCode).toBe(0);
		const [proofread, ...others] = nodeOutput(run, 'Create proofread');
		expect(others).toHaveLength(0);
		expect(proofread.json).toMatchObject({ proofread_id: expect.any(String), status: 'completed', output_language: 'Spanish (Spain)', title: 'Product walkthrough' });
		const id = String(proofread.json.proofread_id);
		const [subtitles] = nodeOutput(run, 'Download subtitles');
		expect(subtitles.binary?.data).toMatchObject({ mimeType: 'application/x-subrip', fileName: `${id}.srt` });
		expect(nodeOutput(run, 'Review subtitles')[0].json).toEqual({ proofread_id: id, changed: true });
		const [uploaded] = nodeOutput(run, 'Upload reviewed subtitles');
		expect(uploaded.json).toMatchObject({ proofread_id: id, status: 'completed', srt_asset_id: expect.any(String) });
		const [video] = nodeOutput(run, 'Generate translated video');
		expect(video.json).toMatchObject({ video_translation_id: expect.any(String), status: 'completed', callback_id: 'walkthrough-es', output_language: 'Spanish (Spain)' });
		expect(video.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: 'walkthrough-es.Spanish (Spain).mp4' });
		// The translated video's captions are the reviewer's edit.
		const captions = await (await fetch(String(video.json.srt_caption_url))).text();
		expect(captions).toContain('Bienvenidos a Product walkthrough.');
		expect(captions).not.toContain('Welcome to');

		const requests = await emulatorRequests();
		const [create] = requests.filter((r) => r.method === 'POST' && r.path === '/v3/video-translations/proofreads');
		expect(create.body).toEqual({ video: { type: 'url', url: 'https://media.example.com/product-walkthrough.mp4' }, output_languages: ['Spanish (Spain)'], title: 'Product walkthrough', mode: 'speed' });
		const [put] = requests.filter((r) => r.method === 'PUT' && r.path === `/v3/video-translations/proofreads/${id}/srt`);
		expect(put.body).toEqual({ srt: { type: 'asset_id', asset_id: uploaded.json.srt_asset_id } });
		const [generate] = requests.filter((r) => r.method === 'POST' && r.path === `/v3/video-translations/proofreads/${id}/generate`);
		expect(generate.headers['idempotency-key']).toMatch(/^n8n-proofread-generate-/);
	});

	it('makes a video from a prompt with the Video Agent', () => {
		const run = execute('hgExVideoAgent01');
		expect(run.exitCode).toBe(0);
		const [session] = nodeOutput(run, 'Explainer from a prompt');
		expect(session.json).toMatchObject({ status: 'completed', progress: 100, callback_id: 'onboarding-explainer', video_id: expect.any(String) });
		expect(session.binary?.data?.mimeType).toBe('video/mp4');
	});

	it('makes a cinematic video from a prompt per market, each downloaded and carrying its row', async () => {
		const run = execute('hgExCinematic001');
		expect(run.exitCode).toBe(0);
		const rows = nodeOutput(run, 'Launch shots');
		const shots = nodeOutput(run, 'Cinematic launch shot');
		expect(shots).toHaveLength(2);
		shots.forEach((shot, i) => {
			expect(shot.pairedItem).toEqual({ item: i });
			expect(shot.json).toMatchObject({ status: 'completed', duration: 8, callback_id: rows[i].json.shotId, city: rows[i].json.city, title: `Launch shot, ${rows[i].json.city}` });
			expect(shot.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${rows[i].json.shotId}.mp4` });
		});
		const creates = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		expect(creates).toHaveLength(2);
		creates.forEach((create) =>
			expect(create.body).toMatchObject({
				type: 'cinematic_avatar',
				avatar_id: ['lk_abigail_office'],
				references: [{ type: 'url', url: 'https://media.example.com/brand/mood-board.png' }],
				aspect_ratio: '9:16',
				resolution: '1080p',
				duration: 8,
			}),
		);
		// The two items are sent side by side, so their creates arrive in either order.
		rows.forEach((row) => expect(creates.filter((r) => String(r.body.prompt).includes(`in ${row.json.city}, stops`))).toHaveLength(1));
		expect(creates.every((r) => !('callback_id' in r.body))).toBe(true);
	});

	it('generates speech, then lipsyncs a presenter video to it', async () => {
		const run = execute('hgExSpeechLip001');
		expect(run.exitCode).toBe(0);
		const [speech] = nodeOutput(run, 'Generate the new speech');
		const [lipsync, ...rest] = nodeOutput(run, 'Lipsync the presenter');
		expect(rest).toHaveLength(0);
		expect(lipsync.json).toMatchObject({
			lipsync_id: expect.any(String),
			status: 'completed',
			callback_id: 'onboarding-welcome',
			title: 'Onboarding welcome, new script',
			duration: speech.json.duration,
			caption_url: expect.any(String),
		});
		expect(lipsync.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: 'onboarding-welcome.mp4' });
		const creates = (await emulatorRequests()).filter((r) => r.method === 'POST' && r.path === '/v3/lipsyncs');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toMatchObject({
			video: { type: 'url', url: 'https://media.example.com/onboarding/presenter.mp4' },
			audio: { type: 'url', url: speech.json.audio_url },
			mode: 'speed',
			enable_caption: true,
		});
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-lipsync-/);
	});

	it('renders HTML built per row into one video each: Convert to File and Compression zip it, HyperFrames renders it', async () => {
		// n8n 1.123's default expression engine ("vm") reads $('Build HTML').item as null; its "legacy" engine reads it right.
		const run = execute('hgExHyperframes1', env.n8nLine < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {});
		expect(run.exitCode).toBe(0);
		const launches = nodeOutput(run, 'Launches');
		expect(launches).toHaveLength(3);
		const zips = nodeOutput(run, 'Zip the project');
		zips.forEach((zip, i) => expect(zip.binary?.data).toMatchObject({ fileName: `${launches[i].json.launchId}.zip`, mimeType: 'application/zip' }));
		const videos = nodeOutput(run, 'Render launch video');
		expect(videos).toHaveLength(3);
		videos.forEach((video, i) => {
			expect(video.pairedItem).toEqual({ item: i });
			expect(video.json).toMatchObject({
				render_id: expect.any(String),
				status: 'completed',
				callback_id: launches[i].json.launchId,
				title: `${launches[i].json.product} launch`,
				format: 'mp4',
				aspect_ratio: '16:9',
			});
			expect(video.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${launches[i].json.launchId}.mp4` });
		});

		const requests = await emulatorRequests();
		// Items are sent side by side: their uploads and renders reach HeyGen in any order.
		const uploads = requests.filter((r) => r.method === 'POST' && r.path === '/v3/assets');
		const byFilename = (a: { filename: string }, b: { filename: string }) => a.filename.localeCompare(b.filename);
		expect(uploads.map((r) => r.body.file).sort(byFilename)).toEqual(
			launches.map((launch) => `${launch.json.launchId}.zip`).sort().map((filename) => expect.objectContaining({ filename, mimeType: 'application/zip' })),
		);
		// The emulator reads each zip's directory: a 200 means index.html sat at the top of the zip n8n's Compression node made.
		const renders = requests.filter((r) => r.method === 'POST' && r.path === '/v3/hyperframes/renders');
		expect(renders.map((r) => r.status)).toEqual([200, 200, 200]);
		const headlines = (list: Array<{ headline: unknown }>) => list.map((variables) => String(variables.headline)).sort();
		expect(headlines(renders.map((r) => r.body.variables))).toEqual(headlines(launches.map((launch) => ({ headline: launch.json.headline }))));
		expect(renders.every((r) => /^n8n-hyperframes-render-/.test(r.headers['idempotency-key']))).toBe(true);
	});

	it('runs the node as AI agent tools from $fromAI parameters, without a model', async () => {
		const run = execute(await agentToolsWorkflow());
		expect(run.exitCode).toBe(0);
		const results = nodeOutput(run, 'Run tools with fixed inputs');
		expect(results).toHaveLength(2);
		const text = JSON.stringify(results.map((r) => r.json));
		expect(text).toContain('lk_');
		const requests = await emulatorRequests();
		const looks = requests.filter((r) => r.method === 'GET' && r.path === '/v3/avatars/looks');
		expect(looks[0].query.limit).toBe('3');
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toMatchObject({ avatar_id: 'lk_abigail_office', script: 'Hi! An AI agent asked me to record this for you.' });
		expect(text).toContain('waiting');
	});
});
