import { apiCalls, items, listSearch, locator, runHeyGen, useEmulator } from './heygen';
import { AGENT_STYLES, SEED_IDS } from '../../emulator';

const emulator = useEmulator();

describe('Video Agent', () => {
	it('Create (generate mode) waits for the session and returns the finished video', async () => {
		const result = await runHeyGen(
			emulator,
			{
				resource: 'videoAgent',
				operation: 'create',
				prompt: '={{ "A 30 second welcome video for " + $json.company }}',
				mode: 'generate',
				callback_id: '={{ $json.id }}',
				waitForCompletion: true,
				downloadVideo: true,
				additionalFields: {
					avatar_id: locator(SEED_IDS.studioLook),
					orientation: 'portrait',
					files: 'https://cdn.example.com/brief.pdf',
				},
			},
			{ items: items({ id: 'lead-7', company: 'Acme' }) },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/video-agents')[0].body).toEqual({
			prompt: 'A 30 second welcome video for Acme',
			mode: 'generate',
			avatar_id: SEED_IDS.studioLook,
			orientation: 'portrait',
			files: [{ type: 'url', url: 'https://cdn.example.com/brief.pdf' }],
			callback_id: 'lead-7',
		});
		const [item] = result.output;
		expect(item.json).toMatchObject({
			session_id: expect.any(String),
			status: 'completed',
			video_id: expect.any(String),
			video_url: expect.stringContaining(emulator.storageUrl),
			callback_id: 'lead-7',
		});
		expect(item.binary?.data?.mimeType).toBe('video/mp4');
	});

	it('Chat mode stops when the agent asks something; Send Message answers and waits for the video', async () => {
		const created = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: 'A product teaser', mode: 'chat', waitForCompletion: true });
		expect(created.error).toBeUndefined();
		const session = created.output[0].json;
		expect(session.status).toBe('waiting_for_input');
		expect(session.messages).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'model' })]));

		const replied = await runHeyGen(emulator, {
			resource: 'videoAgent',
			operation: 'sendMessage',
			session_id: String(session.session_id),
			message: 'Yes, go ahead',
			waitForCompletion: true,
		});
		expect(replied.error).toBeUndefined();
		expect(replied.output[0].json).toMatchObject({ session_id: session.session_id, status: 'completed', video_url: expect.any(String) });
		expect(apiCalls(emulator, 'POST', `/v3/video-agents/${session.session_id}`)[0].body).toEqual({ message: 'Yes, go ahead' });

		const got = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'get', session_id: String(session.session_id) });
		expect(got.output[0].json).toMatchObject({ status: 'completed', progress: 100 });
	});

	it('the mode is read per item: a chat item stops at the question while a generate item renders on', async () => {
		const style = AGENT_STYLES[3];
		const result = await runHeyGen(
			emulator,
			{
				resource: 'videoAgent',
				operation: 'create',
				prompt: '={{ $json.prompt }}',
				mode: '={{ $json.mode }}',
				waitForCompletion: true,
				additionalFields: { voice_id: locator(SEED_IDS.englishMaleVoice), style_id: locator(style.id) },
				options: { maxWaitMinutes: 1 },
			},
			{ items: items({ mode: 'generate', prompt: 'A launch video' }, { mode: 'chat', prompt: 'A product teaser' }) },
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.status)).toEqual(['completed', 'waiting_for_input']);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiCalls(emulator, 'POST', '/v3/video-agents').map((call) => call.body)).toEqual([
			{ prompt: 'A launch video', mode: 'generate', voice_id: SEED_IDS.englishMaleVoice, style_id: style.id },
			{ prompt: 'A product teaser', mode: 'chat', voice_id: SEED_IDS.englishMaleVoice, style_id: style.id },
		]);
	});

	it('the Style list pages through every style and filters by name or tag', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		do {
			const page = await listSearch(emulator, 'searchAgentStyles', undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken;
		} while (token && seen.length < 1000);
		expect(seen).toEqual(AGENT_STYLES.map((s) => s.id));
		const cinematic = await listSearch(emulator, 'searchAgentStyles', 'cinematic');
		expect(cinematic.results.length).toBeGreaterThan(0);
		expect(cinematic.results.every((r) => String(r.name).toLowerCase().includes('cinematic'))).toBe(true);
	});

	it('a failed session is an item error with the agent’s own message', async () => {
		const result = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: 'Make it fail [[fail]]', mode: 'generate', waitForCompletion: true }, { continueOnFail: true });
		expect(result.output[0].json).toMatchObject({ status: 'failed', session_id: expect.any(String) });
		expect(String(result.output[0].json.error)).toMatch(/^The video agent session \S+ failed: /);
	});

	it('an empty prompt or more than 20 files are refused before anything is sent', async () => {
		const empty = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: '={{ "" }}', mode: 'generate' });
		expect(empty.error?.message).toBe('"Prompt" must not be empty [item 0]');
		const files = Array.from({ length: 21 }, (_, i) => `asset_${i}`).join(',');
		const many = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: 'x', mode: 'generate', additionalFields: { files } });
		expect(many.error?.message).toBe('"Files" must list at most 20 files [item 0]');
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('Get Styles lists styles, filtered by tag', async () => {
		const all = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'getStyles', returnAll: true, tag: '' });
		expect(all.output.length).toBeGreaterThan(20);
		const cinematic = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'getStyles', returnAll: true, tag: 'cinematic' });
		expect(cinematic.output.length).toBeGreaterThan(0);
		expect(cinematic.output.every((item) => (item.json.tags as string[]).includes('cinematic'))).toBe(true);
	});
});
