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
		expect(result.error?.message).toBe('"Scene 1 › duration" must be at most 300 seconds [item 0]');
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
