import { CATALOG, SEED_IDS } from '../../emulator';
import { call, expectError, expectValidResponse, useEmulator, type Json } from './helpers';

const emulator = useEmulator();

/** Follows next_token to the end, checking each page against the endpoint's schema and page size. */
async function collect(key: 'listAvatarGroups' | 'listAvatarLooks' | 'listVoices', path: string, limit?: number) {
	const items: Json[] = [];
	let pages = 0;
	let token: string | null = null;
	do {
		const params = new URLSearchParams(path.split('?')[1]);
		if (limit) params.set('limit', String(limit));
		if (token) params.set('token', token);
		const response: { status: number; body: Json } = await call(emulator(), 'GET', `${path.split('?')[0]}?${params}`);
		expect(response.status).toBe(200);
		expectValidResponse(key, response.body);
		pages++;
		items.push(...response.body.data);
		token = response.body.next_token;
		expect(response.body.has_more).toBe(token !== null);
		if (token) expect(response.body.data).toHaveLength(limit ?? 20);
	} while (token);
	return { items, pages };
}

describe('avatar looks', () => {
	it('pages through all 60 looks without duplicates at the default limit', async () => {
		const { items, pages } = await collect('listAvatarLooks', '/v3/avatars/looks');
		expect(pages).toBe(3);
		expect(items).toHaveLength(60);
		expect(new Set(items.map((look) => look.id)).size).toBe(60);
		expect(items.map((look) => look.id)).toEqual(CATALOG.looks.map((look) => look.id));
	});

	it('pages at limit 50 and with small pages alike', async () => {
		expect((await collect('listAvatarLooks', '/v3/avatars/looks', 50)).pages).toBe(2);
		const small = await collect('listAvatarLooks', '/v3/avatars/looks', 7);
		expect(small.pages).toBe(9);
		expect(new Set(small.items.map((look) => look.id)).size).toBe(60);
	});

	it('filters by group, type and ownership', async () => {
		const group = await collect('listAvatarLooks', `/v3/avatars/looks?group_id=${SEED_IDS.studioGroup}`);
		expect(group.items.map((look) => look.id)).toEqual(['lk_abigail_office', 'lk_abigail_casual', 'lk_abigail_podium']);
		const twins = await collect('listAvatarLooks', '/v3/avatars/looks?avatar_type=digital_twin');
		expect(twins.items.length).toBeGreaterThan(0);
		expect(twins.items.every((look) => look.avatar_type === 'digital_twin' && look.status === 'completed')).toBe(true);
		const mine = await collect('listAvatarLooks', '/v3/avatars/looks?ownership=private');
		const publicOnes = await collect('listAvatarLooks', '/v3/avatars/looks?ownership=public');
		expect(mine.items.length + publicOnes.items.length).toBe(60);
		expect(publicOnes.items.some((look) => 'status' in look)).toBe(false);
	});

	it('rejects out-of-range limits, unknown avatar types and foreign tokens', async () => {
		const tooMany = await call(emulator(), 'GET', '/v3/avatars/looks?limit=51');
		expectError(tooMany, 400, 'invalid_parameter', 'limit');
		expect(tooMany.body.error.message).toBe("'limit' must be between 1 and 50.");
		expectError(
			await call(emulator(), 'GET', '/v3/avatars/looks?avatar_type=robot'),
			400,
			'invalid_parameter',
			'avatar_type',
		);
		const voicesPage = await call(emulator(), 'GET', '/v3/voices?limit=1');
		const foreign = await call(emulator(), 'GET', `/v3/avatars/looks?token=${voicesPage.body.next_token}`);
		expectError(foreign, 400, 'invalid_parameter', 'token');
	});

	it('describes the seeded looks used by tests', async () => {
		const withoutV = (await call(emulator(), 'GET', `/v3/avatars/looks/${SEED_IDS.lookWithoutAvatarV}`)).body.data;
		expect(withoutV.supported_api_engines).not.toContain('avatar_v');
		const noVoice = (await call(emulator(), 'GET', `/v3/avatars/looks/${SEED_IDS.lookWithoutDefaultVoice}`)).body.data;
		expect(noVoice.default_voice_id).toBeNull();
		const studio = (await call(emulator(), 'GET', `/v3/avatars/looks/${SEED_IDS.studioLook}`)).body.data;
		expect(studio).toMatchObject({
			avatar_type: 'studio_avatar',
			group_id: SEED_IDS.studioGroup,
			default_voice_id: SEED_IDS.englishFemaleVoice,
		});
		expect(studio.supported_api_engines).toEqual(['avatar_iv', 'avatar_v', 'avatar_iii']);
		const preview = await fetch(studio.preview_image_url);
		expect(preview.headers.get('content-type')).toBe('image/png');
		expect(
			Buffer.from(await preview.arrayBuffer())
				.subarray(1, 4)
				.toString(),
		).toBe('PNG');
		expectError(await call(emulator(), 'GET', '/v3/avatars/looks/lk_nobody'), 404, 'not_found');
	});
});

describe('avatar groups', () => {
	it('pages through 20 groups and filters by ownership', async () => {
		const all = await collect('listAvatarGroups', '/v3/avatars', 5);
		expect(all.items).toHaveLength(20);
		expect(new Set(all.items.map((group) => group.id)).size).toBe(20);
		expect(all.items.every((group) => group.looks_count === 3)).toBe(true);
		const mine = await collect('listAvatarGroups', '/v3/avatars?ownership=private');
		expect(mine.items.map((group) => group.id)).toEqual(['ag_mei', 'ag_noah']);
		const group = await call(emulator(), 'GET', `/v3/avatars/${SEED_IDS.privateGroup}`);
		expect(group.body.data).toMatchObject({ id: 'ag_mei', status: 'completed', consent_status: 'approved' });
		const missing = await call(emulator(), 'GET', '/v3/avatars/ag_nobody');
		expectError(missing, 404, 'not_found');
		expect(missing.body.error.message).toBe('Avatar group not found.');
	});
});

describe('voices', () => {
	it('pages through all 150 public voices without duplicates', async () => {
		const { items, pages } = await collect('listVoices', '/v3/voices', 100);
		expect(pages).toBe(2);
		expect(items).toHaveLength(150);
		expect(new Set(items.map((voice) => voice.voice_id)).size).toBe(150);
		expect(items.every((voice) => voice.type === 'public')).toBe(true);
		const defaults = await collect('listVoices', '/v3/voices');
		expect(defaults.pages).toBe(8);
		expect(defaults.items.map((voice) => voice.voice_id)).toEqual(items.map((voice) => voice.voice_id));
	});

	it('filters by type, engine, language and gender', async () => {
		const privateVoices = await collect('listVoices', '/v3/voices?type=private');
		expect(privateVoices.items.map((voice) => voice.voice_id)).toContain(SEED_IDS.privateVoice);
		expect(privateVoices.items).toHaveLength(3);
		const starfish = await collect('listVoices', '/v3/voices?engine=starfish', 100);
		expect(starfish.items).toHaveLength(50);
		expect(starfish.items.map((voice) => voice.voice_id)).toContain(SEED_IDS.englishFemaleVoice);
		expect(starfish.items.map((voice) => voice.voice_id)).not.toContain(SEED_IDS.englishMaleVoice);
		const spanishMen = await collect('listVoices', '/v3/voices?language=spanish&gender=Male');
		expect(spanishMen.items).toHaveLength(9);
		expect(spanishMen.items.every((voice) => voice.language === 'Spanish' && voice.gender === 'male')).toBe(true);
		const languages = new Set((await collect('listVoices', '/v3/voices', 100)).items.map((voice) => voice.language));
		expect(languages.size).toBeGreaterThanOrEqual(10);
	});

	it('gets one voice with its fields, and 404s unknown ones', async () => {
		const voice = (await call(emulator(), 'GET', `/v3/voices/${SEED_IDS.englishFemaleVoice}`)).body.data;
		expect(voice).toEqual({
			voice_id: SEED_IDS.englishFemaleVoice,
			name: expect.any(String),
			language: 'English',
			gender: 'female',
			type: 'public',
			preview_audio_url: `${emulator().storageUrl}/assets/voices/${SEED_IDS.englishFemaleVoice}.mp3`,
			support_pause: expect.any(Boolean),
			support_locale: true,
		});
		expectError(await call(emulator(), 'GET', '/v3/voices/nope'), 404, 'voice_not_found');
		expectError(await call(emulator(), 'GET', '/v3/voices?limit=101'), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', '/v3/voices?type=shared'), 400, 'invalid_parameter', 'type');
	});
});
