import { createVideoBodySchema, listVideosQuerySchema, MAX_SCRIPT_LENGTH, videoDetailSchema } from '../../nodes/HeyGen/schemas';
import { parseWith } from '../../nodes/HeyGen/schemas/parse';

const avatar = { type: 'avatar', avatar_id: 'look_1', script: 'Hello there', voice_id: 'voice_1' };

const firstIssue = (value: unknown) => {
	const result = parseWith(createVideoBodySchema, value);
	return result.ok ? undefined : result.issues[0];
};

describe('createVideoBodySchema', () => {
	it('accepts a complete avatar body and an image body', () => {
		expect(parseWith(createVideoBodySchema, {
			...avatar,
			title: 'Welcome',
			aspect_ratio: '9:16',
			resolution: '1080p',
			engine: { type: 'avatar_v' },
			background: { type: 'color', value: '#1a2b3c' },
			caption: { file_format: 'srt', style: 'default' },
			voice_settings: { speed: 1.1, pitch: -3, volume: 0.8, locale: 'en-US' },
			callback_id: 'contact-42',
		}).ok).toBe(true);
		expect(parseWith(createVideoBodySchema, { type: 'image', image: { type: 'url', url: 'https://x.test/a.jpg' }, audio_url: 'https://x.test/a.mp3' }).ok).toBe(true);
	});

	it('takes exactly 5,000 script characters and refuses one more, saying how many', () => {
		expect(parseWith(createVideoBodySchema, { ...avatar, script: 'a'.repeat(MAX_SCRIPT_LENGTH) }).ok).toBe(true);
		expect(firstIssue({ ...avatar, script: 'a'.repeat(MAX_SCRIPT_LENGTH + 1) })).toEqual({
			param: 'script',
			message: 'must be at most 5,000 characters (it has 5,001)',
		});
	});

	it('refuses an empty or blank script', () => {
		expect(firstIssue({ ...avatar, script: '   ' })).toMatchObject({ param: 'script', message: 'must not be empty' });
	});

	it('needs exactly one speech source', () => {
		expect(firstIssue({ type: 'avatar', avatar_id: 'look_1' })).toMatchObject({ param: 'script' });
		expect(firstIssue({ ...avatar, audio_url: 'https://x.test/a.mp3' })).toMatchObject({ param: 'audio_url' });
	});

	it('refuses a malformed colour and names the nested field', () => {
		expect(firstIssue({ ...avatar, background: { type: 'color', value: 'red' } })).toEqual({
			param: 'background.value',
			message: 'must be a hex colour such as #1a2b3c',
		});
		expect(firstIssue({ ...avatar, background: { type: 'color' } })).toMatchObject({ param: 'background.value' });
	});

	it('refuses URLs HeyGen cannot fetch', () => {
		for (const url of ['not a url', 'ftp://x.test/a.mp3', 'file:///etc/passwd', 'https://']) {
			expect(firstIssue({ type: 'avatar', avatar_id: 'look_1', audio_url: url })).toMatchObject({ param: 'audio_url' });
		}
	});

	it('refuses fields HeyGen does not accept and values out of range', () => {
		expect(firstIssue({ ...avatar, test: true })).toEqual({ param: 'test', message: 'is not a field HeyGen accepts here' });
		expect(firstIssue({ ...avatar, voice_settings: { speed: 3 } })).toEqual({ param: 'voice_settings.speed', message: 'must be between 0.5 and 1.5' });
		expect(firstIssue({ ...avatar, aspect_ratio: '2:1' })).toMatchObject({ param: 'aspect_ratio' });
		expect(firstIssue({ ...avatar, engine: { type: 'avatar_x' } })).toMatchObject({ param: 'engine.type' });
	});

	it('refuses a background on a transparent WebM', () => {
		expect(firstIssue({ ...avatar, output_format: 'webm', background: { type: 'color', value: '#000000' } })).toMatchObject({ param: 'background' });
	});

	it('needs the discriminator and the right image union', () => {
		expect(firstIssue({ avatar_id: 'x', script: 'a' })).toMatchObject({ param: 'type' });
		expect(firstIssue({ type: 'image', image: { type: 'url', asset_id: 'a' }, script: 'x' })).toMatchObject({ param: 'image.url' });
	});
});

describe('response and query schemas', () => {
	it('a VideoDetail keeps fields the node does not know', () => {
		const parsed = videoDetailSchema.parse({ id: 'v', status: 'completed', brand_new_field: 1 });
		expect(parsed).toMatchObject({ brand_new_field: 1 });
	});
	it('list limits are checked within the endpoint bounds', () => {
		expect(parseWith(listVideosQuerySchema, { limit: '100' }).ok).toBe(true);
		expect(parseWith(listVideosQuerySchema, { limit: '101' })).toEqual({ ok: false, issues: [{ param: 'limit', message: 'must be between 1 and 100' }] });
		expect(parseWith(listVideosQuerySchema, { limit: '0' }).ok).toBe(false);
		expect(parseWith(listVideosQuerySchema, { limit: 'ten' }).ok).toBe(false);
	});
});
