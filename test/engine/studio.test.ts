import type { INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../emulator';
import { apiCalls, items, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();

const scenes = (...scene: INodeParameters[]) => ({ scene });

describe('Video → Create Studio Video', () => {
	it('builds scenes from the scene list, fills default voices, and renders one video', async () => {
		const result = await runHeyGen(
			emulator,
			{
				resource: 'video',
				operation: 'createStudioVideo',
				sceneInput: 'list',
				scenes: scenes(
					{ sceneType: 'avatar', avatar_id: SEED_IDS.studioLook, script: '={{ "Hi " + $json.name }}', backgroundColor: '#112233' },
					{ sceneType: 'image', media: 'https://cdn.example.com/slide.png', duration: 4 },
					{ sceneType: 'video', media: 'https://cdn.example.com/clip.mp4', volume: 0.5 },
					{ sceneType: 'talkingPhoto', photo: 'https://cdn.example.com/face.jpg', script: 'Bye!', voice_id: SEED_IDS.englishMaleVoice },
				),
				callback_id: 'deal-9',
				waitForCompletion: true,
				additionalFields: { title: 'Quarterly recap', aspect_ratio: '9:16' },
			},
			{ items: items({ name: 'Ada' }) },
		);
		expect(result.error).toBeUndefined();
		const body = apiCalls(emulator, 'POST', '/v3/videos')[0].body as { scenes: Array<Record<string, unknown>> };
		expect(body).toMatchObject({ type: 'studio', title: 'Quarterly recap', aspect_ratio: '9:16', callback_id: 'deal-9' });
		expect(body.scenes).toEqual([
			{
				type: 'avatar_video',
				input: {
					type: 'avatar',
					avatar_id: SEED_IDS.studioLook,
					script: 'Hi Ada',
					voice_id: expect.any(String),
					background: { type: 'color', color: '#112233' },
				},
			},
			{ type: 'image', source: { type: 'url', url: 'https://cdn.example.com/slide.png' }, duration: 4 },
			{ type: 'video', source: { type: 'url', url: 'https://cdn.example.com/clip.mp4' }, playback: { volume: 0.5 } },
			{
				type: 'avatar_video',
				input: { type: 'image', image: { type: 'url', url: 'https://cdn.example.com/face.jpg' }, script: 'Bye!', voice_id: SEED_IDS.englishMaleVoice },
			},
		]);
		expect(result.output[0].json).toMatchObject({ status: 'completed', callback_id: 'deal-9' });
	});

	it('takes HeyGen-shaped scenes as JSON and names the scene of a bad field', async () => {
		const json = JSON.stringify([{ type: 'image', source: { type: 'url', url: 'https://cdn.example.com/a.png' }, duration: 400 }]);
		const result = await runHeyGen(emulator, { resource: 'video', operation: 'createStudioVideo', sceneInput: 'json', scenesJson: json });
		expect(result.error?.message).toBe('"Scenes (JSON) › scene 1 › duration" must be at most 300 seconds [item 0]');
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('JSON avatar scenes without an engine take the Engine field, and are checked against their look', async () => {
		const avatarScene = (avatarId: string, engine?: string) => ({
			type: 'avatar_video',
			input: { type: 'avatar', avatar_id: avatarId, script: 'Hello', voice_id: SEED_IDS.englishMaleVoice, ...(engine ? { engine: { type: engine } } : {}) },
		});
		const accepted = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'createStudioVideo',
			sceneInput: 'json',
			scenesJson: JSON.stringify([avatarScene(SEED_IDS.studioLook), avatarScene(SEED_IDS.studioLook, 'avatar_iii')]),
			additionalFields: { engine: 'avatar_v' },
			waitForCompletion: false,
		});
		expect(accepted.error).toBeUndefined();
		const sent = apiCalls(emulator, 'POST', '/v3/videos')[0].body as { scenes: Array<{ input: { engine?: { type: string } } }> };
		expect(sent.scenes.map((scene) => scene.input.engine)).toEqual([{ type: 'avatar_v' }, { type: 'avatar_iii' }]);

		const refused = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'createStudioVideo',
			sceneInput: 'json',
			scenesJson: JSON.stringify([avatarScene(SEED_IDS.lookWithoutAvatarV)]),
			additionalFields: { engine: 'avatar_v' },
		});
		expect(refused.error?.message).toMatch(/^The avatar look "[^"]+" \(scene 1\) does not support the Avatar V engine \[item 0\]$/);
		expect(apiCalls(emulator, 'POST', '/v3/videos')).toHaveLength(1);
	});

	it('takes 1 to 50 scenes: none or 51 are refused before anything is sent', async () => {
		const imageScene = { type: 'image', source: { type: 'url', url: 'https://cdn.example.com/a.png' }, duration: 5 };
		const none = await runHeyGen(emulator, { resource: 'video', operation: 'createStudioVideo', sceneInput: 'json', scenesJson: '[]' });
		expect(none.error?.message).toBe('"Scenes (JSON)" must hold at least one scene [item 0]');
		const tooMany = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'createStudioVideo',
			sceneInput: 'json',
			scenesJson: JSON.stringify(Array.from({ length: 51 }, () => imageScene)),
		});
		expect(tooMany.error?.message).toMatch(/^"Scenes \(JSON\)" must .*at most 50 .*\[item 0\]$/);
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});

	it('checks each avatar scene’s engine against its look before creating', async () => {
		const result = await runHeyGen(emulator, {
			resource: 'video',
			operation: 'createStudioVideo',
			sceneInput: 'list',
			scenes: scenes({ sceneType: 'avatar', avatar_id: SEED_IDS.lookWithoutAvatarV, script: 'Hello', voice_id: SEED_IDS.englishMaleVoice }),
			additionalFields: { engine: 'avatar_v' },
		});
		expect(result.error?.message).toMatch(/^The avatar look "[^"]+" \(scene 1\) does not support the Avatar V engine \[item 0\]$/);
		expect(result.error?.description).toMatch(/^It supports Avatar IV/);
		expect(apiCalls(emulator, 'POST')).toHaveLength(0);
	});
});
