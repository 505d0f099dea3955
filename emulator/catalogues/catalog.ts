import { createHash } from 'node:crypto';

/**
 * The deterministic seed catalogue: 20 avatar groups of 3 looks (60 looks) and 153 voices
 * (150 public), so the look and voice lists need several pages even at their largest limit.
 */

export type Ownership = 'public' | 'private';
export type LookType = 'studio_avatar' | 'digital_twin' | 'photo_avatar';

export interface CatalogLook {
	id: string;
	name: string;
	avatarType: LookType;
	groupId: string;
	gender: string;
	ownership: Ownership;
	defaultVoiceId: string | null;
	supportedEngines: string[];
	width: number;
	height: number;
	orientation: 'portrait' | 'landscape' | 'square';
	tags: string[];
}

export interface CatalogGroup {
	id: string;
	name: string;
	gender: string;
	ownership: Ownership;
	createdAt: number;
	lookIds: string[];
}

export interface CatalogVoice {
	voiceId: string;
	name: string;
	language: string;
	gender: string;
	type: Ownership;
	supportPause: boolean;
	supportLocale: boolean;
	/** Speech engines the voice works with (the `engine` filter of the voice list). */
	engines: string[];
}

export interface Catalog {
	groups: readonly CatalogGroup[];
	looks: readonly CatalogLook[];
	voices: readonly CatalogVoice[];
	groupById: ReadonlyMap<string, CatalogGroup>;
	lookById: ReadonlyMap<string, CatalogLook>;
	voiceById: ReadonlyMap<string, CatalogVoice>;
	/** Position of each item in its list, the rank used by cursors. */
	rankOf: ReadonlyMap<object, number>;
}

const LANGUAGES: ReadonlyArray<{
	language: string;
	count: number;
	locales: boolean;
	female: string[];
	male: string[];
}> = [
	{
		language: 'English',
		count: 40,
		locales: true,
		female: ['Sara', 'Olivia', 'Emma', 'Ava', 'Sophia', 'Mia', 'Harper', 'Ella', 'Grace', 'Lily'],
		male: ['James', 'Liam', 'Noah', 'Ethan', 'Mason', 'Lucas', 'Owen', 'Jack', 'Ryan', 'Henry'],
	},
	{
		language: 'Spanish',
		count: 18,
		locales: true,
		female: ['Lucía', 'Sofía', 'Valeria', 'Carmen', 'Elena'],
		male: ['Mateo', 'Diego', 'Javier', 'Pablo', 'Andrés'],
	},
	{
		language: 'French',
		count: 14,
		locales: true,
		female: ['Camille', 'Léa', 'Chloé', 'Manon'],
		male: ['Louis', 'Hugo', 'Jules', 'Arthur'],
	},
	{
		language: 'German',
		count: 14,
		locales: true,
		female: ['Anna', 'Lena', 'Marie', 'Hannah'],
		male: ['Lukas', 'Jonas', 'Felix', 'Paul'],
	},
	{
		language: 'Portuguese',
		count: 12,
		locales: true,
		female: ['Beatriz', 'Ana', 'Mariana'],
		male: ['João', 'Pedro', 'Rafael'],
	},
	{
		language: 'Italian',
		count: 10,
		locales: false,
		female: ['Giulia', 'Chiara', 'Francesca'],
		male: ['Marco', 'Luca', 'Matteo'],
	},
	{
		language: 'Japanese',
		count: 10,
		locales: false,
		female: ['Yui', 'Sakura', 'Hina'],
		male: ['Haruto', 'Ren', 'Sota'],
	},
	{ language: 'Chinese', count: 10, locales: true, female: ['Xiaoxiao', 'Mei', 'Ling'], male: ['Yunxi', 'Wei', 'Jun'] },
	{ language: 'Hindi', count: 8, locales: false, female: ['Aditi', 'Priya'], male: ['Arjun', 'Rohan'] },
	{ language: 'Arabic', count: 8, locales: true, female: ['Layla', 'Noor'], male: ['Omar', 'Karim'] },
	{ language: 'Korean', count: 6, locales: false, female: ['Ji-woo', 'Seo-yeon'], male: ['Min-jun', 'Do-yun'] },
];

const VOICE_STYLES = ['Lifelike', 'Warm', 'Narrator', 'Lively', 'Calm', 'Professional', 'Friendly', 'Broadcast'];

function hexId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

function buildVoices(): CatalogVoice[] {
	const voices: CatalogVoice[] = [];
	for (const spec of LANGUAGES) {
		for (let index = 0; index < spec.count; index++) {
			const gender = index % 2 === 0 ? 'female' : 'male';
			const pool = gender === 'female' ? spec.female : spec.male;
			const globalIndex = voices.length;
			voices.push({
				voiceId: hexId(`emulator-voice:${spec.language}:${index}`),
				name: `${pool[Math.floor(index / 2) % pool.length]} - ${VOICE_STYLES[index % VOICE_STYLES.length]}`,
				language: spec.language,
				gender,
				type: 'public',
				supportPause: globalIndex % 7 !== 3,
				supportLocale: spec.locales,
				engines: globalIndex % 3 === 0 ? ['starfish', 'elevenlabs'] : ['elevenlabs'],
			});
		}
	}
	const clones = ['My Voice Clone', 'Podcast Clone', 'Narration Clone'];
	clones.forEach((name, index) => {
		voices.push({
			voiceId: hexId(`emulator-private-voice:${index}`),
			name,
			language: 'English',
			gender: index === 1 ? 'male' : 'female',
			type: 'private',
			supportPause: true,
			supportLocale: false,
			engines: index === 0 ? ['starfish', 'elevenlabs'] : ['elevenlabs'],
		});
	});
	return voices;
}

/** How a group's looks are built: look type, engines and framing per style. */
type GroupKind = 'studio' | 'classic' | 'photo' | 'twin';

const ALL_ENGINES = ['avatar_iv', 'avatar_v', 'avatar_iii'];

const STYLES_BY_KIND: Record<GroupKind, ReadonlyArray<{ style: string; type: LookType; engines: string[] }>> = {
	studio: [
		{ style: 'office', type: 'studio_avatar', engines: ALL_ENGINES },
		{ style: 'casual', type: 'studio_avatar', engines: ALL_ENGINES },
		{ style: 'podium', type: 'studio_avatar', engines: ALL_ENGINES },
	],
	// Older studio avatars that the newest engine does not support.
	classic: [
		{ style: 'studio', type: 'studio_avatar', engines: ['avatar_iv', 'avatar_iii'] },
		{ style: 'newsroom', type: 'studio_avatar', engines: ['avatar_iv', 'avatar_iii'] },
		{ style: 'lounge', type: 'studio_avatar', engines: ['avatar_iv', 'avatar_iii'] },
	],
	photo: [
		{ style: 'portrait', type: 'photo_avatar', engines: ['avatar_iv'] },
		{ style: 'outdoor', type: 'photo_avatar', engines: ['avatar_iv'] },
		{ style: 'sketch', type: 'photo_avatar', engines: ['avatar_iv'] },
	],
	twin: [
		{ style: 'office', type: 'digital_twin', engines: ALL_ENGINES },
		{ style: 'home', type: 'digital_twin', engines: ALL_ENGINES },
		{ style: 'photo', type: 'photo_avatar', engines: ['avatar_iv'] },
	],
};

const GROUP_SEEDS: ReadonlyArray<{ name: string; gender: 'female' | 'male'; kind: GroupKind; ownership: Ownership }> = [
	{ name: 'Abigail', gender: 'female', kind: 'studio', ownership: 'public' },
	{ name: 'Brandon', gender: 'male', kind: 'studio', ownership: 'public' },
	{ name: 'Chloe', gender: 'female', kind: 'studio', ownership: 'public' },
	{ name: 'Daniel', gender: 'male', kind: 'classic', ownership: 'public' },
	{ name: 'Elena', gender: 'female', kind: 'studio', ownership: 'public' },
	{ name: 'Farid', gender: 'male', kind: 'photo', ownership: 'public' },
	{ name: 'Grace', gender: 'female', kind: 'studio', ownership: 'public' },
	{ name: 'Hiro', gender: 'male', kind: 'classic', ownership: 'public' },
	{ name: 'Isabel', gender: 'female', kind: 'photo', ownership: 'public' },
	{ name: 'Jamal', gender: 'male', kind: 'classic', ownership: 'public' },
	{ name: 'Kavya', gender: 'female', kind: 'photo', ownership: 'public' },
	{ name: 'Liam', gender: 'male', kind: 'studio', ownership: 'public' },
	{ name: 'Mei', gender: 'female', kind: 'twin', ownership: 'private' },
	{ name: 'Noah', gender: 'male', kind: 'twin', ownership: 'private' },
	{ name: 'Olivia', gender: 'female', kind: 'studio', ownership: 'public' },
	{ name: 'Pedro', gender: 'male', kind: 'classic', ownership: 'public' },
	{ name: 'Qiana', gender: 'female', kind: 'photo', ownership: 'public' },
	{ name: 'Rafael', gender: 'male', kind: 'studio', ownership: 'public' },
	{ name: 'Sofia', gender: 'female', kind: 'photo', ownership: 'public' },
	{ name: 'Tariq', gender: 'male', kind: 'studio', ownership: 'public' },
];

/** The one look seeded without a default voice: a script then needs an explicit `voice_id`. */
const LOOK_WITHOUT_DEFAULT_VOICE = 'lk_kavya_sketch';

const FRAMING: Record<LookType, { width: number; height: number; orientation: CatalogLook['orientation'] }> = {
	studio_avatar: { width: 1920, height: 1080, orientation: 'landscape' },
	digital_twin: { width: 1920, height: 1080, orientation: 'landscape' },
	photo_avatar: { width: 1080, height: 1920, orientation: 'portrait' },
};

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

function buildAvatars(voices: readonly CatalogVoice[]): { groups: CatalogGroup[]; looks: CatalogLook[] } {
	const english = voices.filter((voice) => voice.language === 'English' && voice.type === 'public');
	const byGender = {
		female: english.filter((voice) => voice.gender === 'female'),
		male: english.filter((voice) => voice.gender === 'male'),
	};
	const groups: CatalogGroup[] = [];
	const looks: CatalogLook[] = [];
	GROUP_SEEDS.forEach((seed, groupIndex) => {
		const slug = seed.name.toLowerCase();
		const groupId = `ag_${slug}`;
		const voice = byGender[seed.gender][groupIndex % byGender[seed.gender].length];
		const lookIds: string[] = [];
		for (const style of STYLES_BY_KIND[seed.kind]) {
			const id = `lk_${slug}_${style.style}`;
			const framing =
				style.style === 'sketch' ? { width: 1024, height: 1024, orientation: 'square' as const } : FRAMING[style.type];
			lookIds.push(id);
			looks.push({
				id,
				name: `${seed.name} ${capitalise(style.style)}`,
				avatarType: style.type,
				groupId,
				gender: seed.gender,
				ownership: seed.ownership,
				defaultVoiceId: id === LOOK_WITHOUT_DEFAULT_VOICE ? null : voice.voiceId,
				supportedEngines: [...style.engines],
				width: framing.width,
				height: framing.height,
				orientation: framing.orientation,
				tags: [seed.kind === 'photo' || style.type === 'photo_avatar' ? 'photo' : 'video', style.style],
			});
		}
		groups.push({
			id: groupId,
			name: seed.name,
			gender: seed.gender,
			ownership: seed.ownership,
			createdAt: 1_717_200_000 + groupIndex * 86_400,
			lookIds,
		});
	});
	return { groups, looks };
}

function buildCatalog(): Catalog {
	const voices = buildVoices();
	const { groups, looks } = buildAvatars(voices);
	const rankOf = new Map<object, number>();
	for (const list of [groups, looks, voices] as object[][]) list.forEach((item, index) => rankOf.set(item, index));
	return {
		groups,
		looks,
		voices,
		groupById: new Map(groups.map((group) => [group.id, group])),
		lookById: new Map(looks.map((look) => [look.id, look])),
		voiceById: new Map(voices.map((voice) => [voice.voiceId, voice])),
		rankOf,
	};
}

export const CATALOG: Catalog = buildCatalog();

function voiceWhere(predicate: (voice: CatalogVoice) => boolean): string {
	const found = CATALOG.voices.find(predicate);
	if (!found) throw new Error('seed catalogue is missing an expected voice');
	return found.voiceId;
}

/** Named seed ids for tests, so none needs to hard-code a hash. */
export const SEED_IDS = Object.freeze({
	/** Public studio look, all engines (`avatar_iv`, `avatar_v`, `avatar_iii`), default voice English female. */
	studioLook: 'lk_abigail_office',
	/** Public studio look whose engines lack `avatar_v`. */
	lookWithoutAvatarV: 'lk_daniel_studio',
	/** Public photo look, engines `avatar_iv` only. */
	photoLook: 'lk_farid_portrait',
	/** Public photo look with no default voice. */
	lookWithoutDefaultVoice: LOOK_WITHOUT_DEFAULT_VOICE,
	/** Private digital-twin look, all engines. */
	digitalTwinLook: 'lk_mei_office',
	studioGroup: 'ag_abigail',
	privateGroup: 'ag_mei',
	/** English, female, starfish-capable. */
	englishFemaleVoice: voiceWhere(
		(v) => v.language === 'English' && v.gender === 'female' && v.engines.includes('starfish'),
	),
	/** English, male, not starfish-capable. */
	englishMaleVoice: voiceWhere(
		(v) => v.language === 'English' && v.gender === 'male' && !v.engines.includes('starfish'),
	),
	spanishVoice: voiceWhere((v) => v.language === 'Spanish'),
	privateVoice: voiceWhere((v) => v.type === 'private'),
	/** Starfish-capable (usable with `POST /v3/voices/speech`): the same as `englishFemaleVoice`. */
	starfishVoice: voiceWhere((v) => v.language === 'English' && v.gender === 'female' && v.engines.includes('starfish')),
	/** Not starfish-capable: speech generation refuses it (400 on `voice_id`). */
	nonStarfishVoice: voiceWhere(
		(v) => v.language === 'English' && v.gender === 'male' && !v.engines.includes('starfish'),
	),
	/** "Sales outreach" (16:9): first_name, company (text), logo (image), presenter (character), narrator (voice). */
	salesTemplate: 'tpl_sales_outreach',
	/** "Product demo" (16:9): product_name, feature (text), demo_clip (video), music (audio), presenter (character). */
	productDemoTemplate: 'tpl_product_demo',
	/** "Event invitation" (9:16): `guest_name` (text) has no default and must be given. */
	requiredVariableTemplate: 'tpl_event_invite',
	/** "Blank intro": no variables, so not listed, but it can be fetched and generated by id. */
	unlistedTemplate: 'tpl_blank_intro',
	/** "Cinematic Noir", tagged `cinematic`. */
	agentStyle: 'style_cinematic_noir',
});
