import { emulator, emulatorRequests, execute, nodeOutput } from './n8n';

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
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', fileName: `${item.json.video_id}.mp4` });
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
