import { SEED_IDS } from '../../emulator';
import { apiCalls, items, listSearch, locator, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();

describe('Account → Get', () => {
	it('returns the account with its balance readable at a glance', async () => {
		const result = await runHeyGen(emulator, { resource: 'account', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({
			username: expect.any(String),
			billing_type: 'wallet',
			balance_unit: 'credits',
			remaining_balance: expect.any(Number),
			balance_summary: expect.stringMatching(/credits left in the API wallet$/),
		});
		expect(apiCalls(emulator, 'GET', '/v3/users/me')).toHaveLength(1);
	});

	it('a wrong key fails with a message that points at the credential', async () => {
		const result = await runHeyGen(emulator, { resource: 'account', operation: 'get' }, { apiKey: 'hg_not_the_key' });
		expect(result.error?.message).toBe('HeyGen rejected the API key [item 0]');
		expect(result.error?.description).toContain('credential');
	});
});

describe('Avatar and Voice', () => {
	it('Avatar → Get Many follows pages and applies filters; one item per look', async () => {
		const all = await runHeyGen(emulator, { resource: 'avatar', operation: 'getMany', returnAll: true });
		expect(all.output.length).toBeGreaterThan(20);
		expect(new Set(all.output.map((item) => item.json.id)).size).toBe(all.output.length);
		const pages = apiCalls(emulator, 'GET', '/v3/avatars/looks');
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[1].query.token).toEqual(expect.any(String));

		emulator.reset();
		const photos = await runHeyGen(emulator, { resource: 'avatar', operation: 'getMany', returnAll: true, filters: { avatar_type: 'photo_avatar' } });
		expect(photos.output.length).toBeGreaterThan(0);
		expect(photos.output.every((item) => item.json.avatar_type === 'photo_avatar')).toBe(true);
		expect(apiCalls(emulator, 'GET', '/v3/avatars/looks')[0].query).toMatchObject({ avatar_type: 'photo_avatar' });
	});

	it('Avatar → Get returns one look with its default voice and engines', async () => {
		const result = await runHeyGen(emulator, { resource: 'avatar', operation: 'get', avatar_id: locator(SEED_IDS.studioLook) });
		expect(result.output[0].json).toMatchObject({ id: SEED_IDS.studioLook, default_voice_id: expect.any(String), supported_api_engines: expect.any(Array) });
	});

	it('Voice → Get Many respects the limit and the filters; Voice → Get reads one', async () => {
		const some = await runHeyGen(emulator, { resource: 'voice', operation: 'getMany', returnAll: false, limit: 7, filters: { language: 'Spanish' } });
		expect(some.output).toHaveLength(7);
		expect(some.output.every((item) => item.json.language === 'Spanish')).toBe(true);
		const one = await runHeyGen(emulator, { resource: 'voice', operation: 'get', voice_id: locator(SEED_IDS.spanishVoice) }, { items: items({}) });
		expect(one.output[0].json).toMatchObject({ voice_id: SEED_IDS.spanishVoice, language: 'Spanish' });
	});
});

describe('searchable lists (listSearch)', () => {
	it('avatar looks: paginated with string tokens, filtered by name', async () => {
		const first = await listSearch(emulator, 'searchAvatarLooks');
		expect(first.results.length).toBeGreaterThan(0);
		expect(typeof first.paginationToken).toBe('string');
		const second = await listSearch(emulator, 'searchAvatarLooks', undefined, first.paginationToken);
		const ids = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(ids).size).toBe(ids.length);
		expect(apiCalls(emulator, 'GET', '/v3/avatars/looks').every((r) => r.headers['x-api-key'] === emulator.apiKey)).toBe(true);

		const filtered = await listSearch(emulator, 'searchAvatarLooks', 'abigail');
		expect(filtered.results.length).toBeGreaterThan(0);
		expect(filtered.results.every((r) => /abigail/i.test(String(r.name)) || /abigail/i.test(String(r.value)))).toBe(true);
		expect(filtered.results.map((r) => r.value)).toContain(SEED_IDS.studioLook);
	});

	it('voices: every voice reachable by following tokens', async () => {
		const seen = new Set<string>();
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await listSearch(emulator, 'searchVoices', undefined, token);
			page.results.forEach((r) => seen.add(String(r.value)));
			token = page.paginationToken;
			calls++;
		} while (token && calls < 20);
		expect(token).toBeUndefined();
		expect(seen.size).toBeGreaterThan(100);
		const spanish = await listSearch(emulator, 'searchVoices', 'spanish');
		expect(spanish.results.every((r) => String(r.name).includes('Spanish'))).toBe(true);
	});

	it('videos: newest first, searchable by title', async () => {
		await runHeyGen(
			emulator,
			{
				resource: 'video',
				operation: 'createAvatarVideo',
				avatar_id: locator(SEED_IDS.studioLook),
				speechSource: 'script',
				script: 'Hi',
				voice_id: locator(SEED_IDS.englishFemaleVoice),
				waitForCompletion: false,
				additionalFields: { title: '={{ $json.title }}' },
			},
			{ items: items({ title: 'Quarterly update' }, { title: 'Onboarding day one' }) },
		);
		const all = await listSearch(emulator, 'searchVideos');
		expect(all.results.map((r) => r.name)).toEqual([expect.stringContaining('Onboarding day one'), expect.stringContaining('Quarterly update')]);
		const found = await listSearch(emulator, 'searchVideos', 'Quarterly');
		expect(found.results).toHaveLength(1);
		expect(apiCalls(emulator, 'GET', '/v3/videos').pop()?.query).toMatchObject({ title: 'Quarterly' });
	});
});
