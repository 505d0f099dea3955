import type { INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../emulator';
import { apiCalls, items, locator, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();

const MISSING = 'asset_gone_404';
const voice = SEED_IDS.englishFemaleVoice;
const avatarVideo = { resource: 'video', operation: 'createAvatarVideo', avatar_id: locator(SEED_IDS.studioLook), speechSource: 'script', script: 'Hi', voice_id: locator(voice), waitForCompletion: false };
const studio = (scene: INodeParameters) => ({ resource: 'video', operation: 'createStudioVideo', sceneInput: 'list', scenes: { scene: [scene] }, waitForCompletion: false });

/** Every operation that sends asset IDs: HeyGen's asset_not_found names the asset and the field it came from. */
const CASES: Array<[string, INodeParameters, string]> = [
	['an avatar video’s audio', { ...avatarVideo, speechSource: 'audioAsset', audio_asset_id: MISSING }, 'Audio Asset ID'],
	['an avatar video’s background', { ...avatarVideo, additionalFields: { backgroundImageAssetId: MISSING } }, 'Background Image Asset ID'],
	[
		'an image video’s image',
		{ resource: 'video', operation: 'createImageVideo', imageSource: 'assetId', image_asset_id: MISSING, speechSource: 'script', script: 'Hi', voice_id: locator(voice), waitForCompletion: false },
		'Image Asset ID',
	],
	['a studio scene’s media', studio({ sceneType: 'image', media: MISSING, duration: 3 }), 'Scene 1 › Media'],
	['a studio scene’s photo', studio({ sceneType: 'talkingPhoto', photo: MISSING, script: 'Hi', voice_id: voice }), 'Scene 1 › Photo'],
	['a studio scene’s audio', studio({ sceneType: 'avatar', avatar_id: SEED_IDS.studioLook, audio: MISSING }), 'Scene 1 › Audio'],
	[
		'a studio scene given as JSON',
		{ resource: 'video', operation: 'createStudioVideo', sceneInput: 'json', scenesJson: JSON.stringify([{ type: 'video', source: { type: 'asset_id', asset_id: MISSING } }]), waitForCompletion: false },
		'Scenes (JSON) › scene 1 › source.asset_id',
	],
	[
		'a template’s media variable',
		{ resource: 'template', operation: 'generate', template_id: locator(SEED_IDS.salesTemplate), variables: { mappingMode: 'defineBelow', value: { logo: MISSING } }, waitForCompletion: false },
		'Variable logo',
	],
	[
		'a translation’s video',
		{ resource: 'translation', operation: 'create', videoSource: 'assetId', video_asset_id: MISSING, output_languages: ['French'], mode: 'speed', waitForCompletion: false },
		'Video Asset ID',
	],
	[
		'a video agent’s second reference file',
		{ resource: 'videoAgent', operation: 'create', prompt: 'A teaser', mode: 'generate', waitForCompletion: false, additionalFields: { files: `https://cdn.example.com/brief.pdf, ${MISSING}` } },
		'Files › file 2',
	],
];

describe('a missing asset is named with the field it came from', () => {
	it.each(CASES)('%s', async (_, parameters, field) => {
		const result = await runHeyGen(emulator, parameters, { items: items({}) });
		expect(result.error?.message).toBe(`The asset "${MISSING}" given in "${field}" was not found [item 0]`);
		expect(result.error?.description).toContain('Asset → Upload');
		expect(apiCalls(emulator).filter((request) => request.status === 404)).toHaveLength(1);
	});

	it('a message to a video agent session names the file too', async () => {
		const created = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: 'A teaser', mode: 'chat', waitForCompletion: true });
		const result = await runHeyGen(emulator, {
			resource: 'videoAgent',
			operation: 'sendMessage',
			session_id: String(created.output[0].json.session_id),
			message: 'Use this',
			waitForCompletion: false,
			additionalFields: { files: MISSING },
		});
		expect(result.error?.message).toBe(`The asset "${MISSING}" given in "Files › file 1" was not found [item 0]`);
	});

	it.each(['get', 'delete'])('Asset → %s names the asset', async (operation) => {
		const result = await runHeyGen(emulator, { resource: 'asset', operation, asset_id: MISSING });
		expect(result.error?.message).toBe(`The asset "${MISSING}" was not found [item 0]`);
	});
});
