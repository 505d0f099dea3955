import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseJsonText } from '../../helpers/json';
import { collectionText, describeValue, fileReference, textParameter, type TextRules } from '../../helpers/parameters';
import { fieldError, type FieldLabels } from '../../helpers/validation';
import { createVideoBodySchema, MAX_STUDIO_SCENES, VIDEO_ASPECT_RATIOS, VIDEO_ENGINES, VIDEO_RESOLUTIONS } from '../../schemas';
import { apiData } from '../../transport/request';
import { ENGINE_NAMES, resolveLooks, type LookUse } from '../avatar/looks';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, videoTitleField, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { videoCreatePlan } from './videoJobs';

const show = (...sceneType: string[]) => ({ show: { sceneType } });

/** The fields of one scene in the scene list; each shows for the scene types it applies to. */
const sceneFields: INodeProperties[] = [
	{
		displayName: 'Scene Type',
		name: 'sceneType',
		type: 'options',
		default: 'avatar',
		options: [
			{ name: 'Avatar', value: 'avatar', description: 'An avatar speaking a script or lip-syncing audio' },
			{ name: 'Image', value: 'image', description: 'A full-frame still, silent for a set time or narrated' },
			{ name: 'Talking Photo', value: 'talkingPhoto', description: 'A photo brought to life speaking a script or audio' },
			{ name: 'Video', value: 'video', description: 'A full-frame clip, played for its length' },
		],
	},
	{
		displayName: 'Avatar Name or ID',
		name: 'avatar_id',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAvatarLookOptions' },
		default: '',
		description:
			'The avatar look. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: show('avatar'),
	},
	{
		displayName: 'Photo',
		name: 'photo',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/portrait.jpg',
		description: 'The photo to animate: a public URL or an asset ID',
		displayOptions: show('talkingPhoto'),
	},
	{
		displayName: 'Media',
		name: 'media',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/slide.png',
		description: 'The image or clip shown full frame: a public URL or an asset ID',
		displayOptions: show('image', 'video'),
	},
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		description: 'What is said in this scene (leave empty to use Audio instead, or for a silent image)',
		displayOptions: show('avatar', 'talkingPhoto', 'image'),
	},
	{
		displayName: 'Voice Name or ID',
		name: 'voice_id',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVoiceOptions' },
		default: '',
		description:
			'The voice for the script; an avatar uses its default voice when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: show('avatar', 'talkingPhoto', 'image'),
	},
	{
		displayName: 'Audio',
		name: 'audio',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/voiceover.mp3',
		description: 'Audio to lip-sync or narrate instead of a script: a public URL or an asset ID',
		displayOptions: show('avatar', 'talkingPhoto', 'image'),
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0.1, maxValue: 300, numberPrecision: 1 },
		description: 'How long a silent image shows (ignored when the image is narrated)',
		displayOptions: show('image'),
	},
	{
		displayName: 'Background Color',
		name: 'backgroundColor',
		type: 'color',
		default: '',
		description: 'Solid background behind the avatar, as a hex colour; empty keeps its own',
		displayOptions: show('avatar'),
	},
	{
		displayName: 'Volume',
		name: 'volume',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: "The clip's own sound, from 0 (silent) to 1 (as recorded)",
		displayOptions: show('video'),
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Scenes From',
		name: 'sceneInput',
		type: 'options',
		noDataExpression: true,
		default: 'list',
		options: [
			{ name: 'Scene List', value: 'list', description: 'Build the scenes here, one after another' },
			{ name: 'JSON', value: 'json', description: "HeyGen's own scenes array, for scenes built by an earlier node" },
		],
	},
	{
		displayName: 'Scenes',
		name: 'scenes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Scene',
		default: {},
		description: 'From 1 to 50 scenes, played in this order',
		displayOptions: { show: { sceneInput: ['list'] } },
		options: [{ displayName: 'Scene', name: 'scene', values: sceneFields }],
	},
	{
		displayName: 'Scenes (JSON)',
		name: 'scenesJson',
		type: 'json',
		default: '[\n  {\n    "type": "avatar_video",\n    "input": { "type": "avatar", "avatar_id": "", "script": "" }\n  }\n]',
		description: 'The `scenes` array of a HeyGen studio video (avatar_video, image and video scenes)',
		displayOptions: { show: { sceneInput: ['json'] } },
	},
	callbackIdField,
	...waitFields,
	additionalFields([
		{
			displayName: 'Aspect Ratio',
			name: 'aspect_ratio',
			type: 'options',
			default: '16:9',
			options: VIDEO_ASPECT_RATIOS.map((ratio) => ({ name: ratio === 'auto' ? 'Auto' : ratio, value: ratio })),
		},
		{
			displayName: 'Captions',
			name: 'captions',
			type: 'options',
			default: 'none',
			options: [
				{ name: 'Burned Into the Video', value: 'burnIn' },
				{ name: 'None', value: 'none' },
				{ name: 'Subtitle File Only', value: 'file' },
			],
		},
		{
			displayName: 'Engine',
			name: 'engine',
			type: 'options',
			default: 'avatar_iv',
			description: 'Rendering engine of the avatar scenes (in JSON, of those that set none); each look must support it',
			options: VIDEO_ENGINES.map((engine) => ({ name: ENGINE_NAMES[engine], value: engine })).sort((a, b) => a.name.localeCompare(b.name)),
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			default: '1080p',
			options: VIDEO_RESOLUTIONS.map((resolution) => ({ name: resolution === '4k' ? '4K' : resolution, value: resolution })),
		},
		videoTitleField,
	]),
	createOptions,
];

const displayOptions = { show: { resource: ['video'], operation: ['createStudioVideo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = { title: 'Title', aspect_ratio: 'Aspect Ratio', resolution: 'Resolution', caption: 'Captions', callback_id: 'Callback ID' };
const SCENES_JSON = 'Scenes (JSON)';

/** Reads the fields of one scene of the list, each named as the list shows it ("Scene 2 › Script"). */
function sceneFieldsReader(ctx: IExecuteFunctions, scene: IDataObject, index: number, itemIndex: number) {
	const label = (name: string) => `Scene ${index + 1} › ${name}`;
	const text = (key: string, name: string, rules?: TextRules) => collectionText(ctx, scene, key, label(name), itemIndex, rules);
	const file = (key: string, name: string) => fileReference(ctx, text(key, name, { required: true }), label(name), itemIndex);
	return { text, file };
}

/** The speech of a scene: a script with its voice, or audio by URL or asset ID. */
function speech(read: ReturnType<typeof sceneFieldsReader>): IDataObject {
	const script = read.text('script', 'Script', { keepSpaces: true });
	const voice = read.text('voice_id', 'Voice');
	const audio = read.text('audio', 'Audio');
	if (script) return { script, ...(voice ? { voice_id: voice } : {}) };
	if (!audio) return {};
	const source = read.file('audio', 'Audio');
	return source.type === 'url' ? { audio_url: source.url } : { audio_asset_id: source.asset_id };
}

/** One scene of the list in HeyGen's shape. */
export function sceneBody(ctx: IExecuteFunctions, scene: IDataObject, index: number, itemIndex: number, engine: string | undefined): IDataObject {
	const read = sceneFieldsReader(ctx, scene, index, itemIndex);
	switch (read.text('sceneType', 'Scene Type') || 'avatar') {
		case 'talkingPhoto':
			return { type: 'avatar_video', input: { type: 'image', image: read.file('photo', 'Photo'), ...speech(read) } };
		case 'image': {
			const source = read.file('media', 'Media');
			const narration = speech(read);
			return { type: 'image', source, ...(Object.keys(narration).length > 0 ? narration : { duration: scene.duration ?? 5 }) };
		}
		case 'video': {
			const source = read.file('media', 'Media');
			return { type: 'video', source, ...(scene.volume !== undefined && scene.volume !== 1 ? { playback: { volume: scene.volume } } : {}) };
		}
		default: {
			const avatarId = read.text('avatar_id', 'Avatar', { required: true });
			const color = read.text('backgroundColor', 'Background Color');
			return {
				type: 'avatar_video',
				input: {
					type: 'avatar',
					avatar_id: avatarId,
					...speech(read),
					...(engine ? { engine: { type: engine } } : {}),
					...(color ? { background: { type: 'color', color } } : {}),
				},
			};
		}
	}
}

/** A JSON avatar scene without an engine of its own takes the Engine field's. */
function withDefaultEngine(scene: unknown, engine: string): unknown {
	if (!scene || typeof scene !== 'object') return scene;
	const input = (scene as IDataObject).input as IDataObject | undefined;
	if ((scene as IDataObject).type !== 'avatar_video' || !input || typeof input !== 'object' || input.type !== 'avatar' || input.engine !== undefined) {
		return scene;
	}
	return { ...scene, input: { ...input, engine: { type: engine } } };
}

/** The scenes of "Scenes (JSON)": JSON text or a list an expression gave. */
function scenesFromJson(ctx: IExecuteFunctions, itemIndex: number): unknown[] {
	let scenes = ctx.getNodeParameter('scenesJson', itemIndex, '[]') as unknown;
	if (typeof scenes === 'string') {
		if (!scenes.trim()) throw fieldError(ctx, SCENES_JSON, 'must not be empty', itemIndex);
		const parsed = parseJsonText(scenes);
		if (!parsed.ok) throw fieldError(ctx, SCENES_JSON, `is not valid JSON: ${parsed.reason}`, itemIndex);
		scenes = parsed.value;
	}
	if (!Array.isArray(scenes)) {
		throw fieldError(ctx, SCENES_JSON, `must be a list of scenes ([ ... ]), not ${describeValue(scenes)}`, itemIndex, 'Give HeyGen\'s scenes array, each scene an object with a "type".');
	}
	return scenes;
}

function buildBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const field = (name: string, label: string) => collectionText(ctx, fields, name, label, itemIndex);
	const engine = field('engine', 'Engine') || undefined;
	let scenes: unknown[];
	if (textParameter(ctx, 'sceneInput', 'Scenes From', itemIndex) === 'json') {
		scenes = scenesFromJson(ctx, itemIndex);
		if (engine) scenes = scenes.map((scene: unknown) => withDefaultEngine(scene, engine));
	} else {
		const list = (ctx.getNodeParameter('scenes', itemIndex, {}) as IDataObject).scene ?? [];
		if (!Array.isArray(list)) throw fieldError(ctx, 'Scenes', `must be a list of scenes, not ${describeValue(list)}`, itemIndex);
		scenes = list.map((scene: IDataObject, index) => sceneBody(ctx, scene, index, itemIndex, engine));
	}
	const body: IDataObject = { type: 'studio', scenes: scenes as IDataObject[] };
	for (const [key, label] of [['title', 'Title'], ['aspect_ratio', 'Aspect Ratio'], ['resolution', 'Resolution']] as const) {
		const value = field(key, label);
		if (value) body[key] = value;
	}
	const captions = field('captions', 'Captions');
	if (captions === 'file') body.caption = { file_format: 'srt' };
	if (captions === 'burnIn') body.caption = { file_format: 'srt', style: 'default' };
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

/** Every avatar scene's look: its engine to check, and its default voice for a script without one. */
function lookUses(body: IDataObject): LookUse[] {
	return ((body.scenes as IDataObject[]) ?? []).flatMap((scene, index) => {
		const input = scene.input as IDataObject | undefined;
		if (scene.type !== 'avatar_video' || input?.type !== 'avatar') return [];
		return [
			{
				lookId: String(input.avatar_id),
				engine: (input.engine as IDataObject | undefined)?.type as string | undefined,
				fillVoice: input.script && !input.voice_id ? (voiceId: string) => (input.voice_id = voiceId) : undefined,
				where: `scene ${index + 1}`,
			},
		];
	});
}

/** The list's field names of each scene path ("scenes.N.<path>" → "Scene N+1 › <name>"). */
const SCENE_FIELD_NAMES: Record<string, string> = {
	'input.avatar_id': 'Avatar',
	'input.image': 'Photo',
	'input.image.url': 'Photo',
	'input.image.asset_id': 'Photo',
	'input.script': 'Script',
	'input.voice_id': 'Voice',
	'input.audio_url': 'Audio',
	'input.audio_asset_id': 'Audio',
	'input.background': 'Background Color',
	'input.background.color': 'Background Color',
	source: 'Media',
	'source.url': 'Media',
	'source.asset_id': 'Media',
	script: 'Script',
	voice_id: 'Voice',
	audio_url: 'Audio',
	audio_asset_id: 'Audio',
	duration: 'Duration (Seconds)',
	playback: 'Volume',
	'playback.volume': 'Volume',
};

/** Scene paths ("scenes.2.input.script") named the way the scene list, or the JSON field, shows them. */
function sceneLabels(fromJson: boolean): FieldLabels {
	const labels: FieldLabels = { ...LABELS, scenes: fromJson ? SCENES_JSON : 'Scenes' };
	for (let index = 0; index < MAX_STUDIO_SCENES; index++) {
		if (fromJson) {
			labels[`scenes.${index}`] = `${SCENES_JSON} › scene ${index + 1}`;
			continue;
		}
		labels[`scenes.${index}`] = `Scene ${index + 1}`;
		for (const [path, name] of Object.entries(SCENE_FIELD_NAMES)) labels[`scenes.${index}.${path}`] = `Scene ${index + 1} › ${name}`;
	}
	return labels;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const labels = sceneLabels(this.getNodeParameter('sceneInput', 0, 'list') === 'json');
	const prepared = await prepareBodies(this, items, createVideoBodySchema, labels, (itemIndex) => buildBody(this, itemIndex));
	await resolveLooks(this, prepared, lookUses);
	const plan = videoCreatePlan(this, 'video', async (item, idempotencyKey) =>
		await apiData(this, 'createVideo', { body: item.body, itemIndex: item.itemIndex, fieldLabels: labels, idempotencyKey, rateLimit: 'throw' }),
		{ batches: true },
	);
	return await runCreates(this, items, prepared, settings, plan);
}
