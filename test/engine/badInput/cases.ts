/**
 * The generated bad-input cases: for every operation, each field a user fills, every kind of
 * value that must be refused before anything is sent. A case runs three items, one of them bad.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED_IDS } from '../../../emulator';
import { sampleProject } from '../../harness/zip';

/** Where a case's value goes: resolved per item from `$json.v` (absent for "undefined"). */
export const VALUE = '={{ $json.v }}';
const NAN_OR_VALUE = '={{ $json.nan ? NaN : $json.v }}';

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

export interface BadValue {
	/** How the value reads in the test name. */
	name: string;
	/** Set `$json.v` to this on the bad item; `undefined` leaves `v` out; `nan` gives NaN through the expression. */
	value?: unknown;
	absent?: boolean;
	nan?: boolean;
	/** What the message says after the label. */
	problem: string | RegExp;
	/** The label when the message names a part of the field ("Files › file 1"). */
	label?: string;
}

const NOT_TEXT: BadValue[] = [
	{ name: 'an object', value: { id: 7, name: 'Ada' }, problem: 'must be text, not an object' },
	{ name: 'a list', value: [1, 2], problem: 'must be text, not a list' },
	{ name: 'null', value: null, problem: 'must be text, not empty' },
	{ name: 'undefined', absent: true, problem: 'must be text, not empty' },
];
const BLANK: BadValue = { name: 'blank', value: '   ', problem: 'must not be empty' };

/** Addresses HeyGen's servers can never fetch, one of each kind. */
export const UNREACHABLE_URLS = [
	'http://127.0.0.1/media/a.png',
	'http://localhost:5678/media/a.png',
	'http://cdn.localhost/a.png',
	'http://10.0.0.8/a.png',
	'http://172.16.5.4/a.png',
	'http://192.168.0.10/a.png',
	'http://169.254.169.254/latest/meta-data',
	'http://0.0.0.0/a.png',
	'http://[::1]/a.png',
	'http://[fe80::1]/a.png',
	'http://[fd00::1]/a.png',
	'http://[::ffff:127.0.0.1]/a.png',
	'http://2130706433/a.png',
];
const unreachable = (label?: string): BadValue[] => [
	...UNREACHABLE_URLS.map((url) => ({
		name: url,
		value: url,
		problem: `must be a public address HeyGen can reach, not ${new URL(url).hostname}`,
		label,
	})),
];
const FILE_URL = 'file:///etc/passwd';

type Kind =
	/** Optional text. */
	| 'text'
	/** Text that must be given. */
	| 'required'
	/** A URL HeyGen fetches, that must be given. */
	| 'url'
	/** A URL HeyGen fetches, optional. */
	| 'optionalUrl'
	/** "A public URL or an asset ID". */
	| 'fileReference'
	/** A list given as a list or comma-separated text. */
	| 'list'
	/** Reference files of the video agent: a list of URLs or asset IDs. */
	| 'files'
	/** A Get Many limit, with the endpoint's page maximum. */
	| 'limit'
	| 'maxWait'
	| 'maxConcurrentJobs'
	| 'scenesJson'
	/** A template variable's value: any JSON, but something. */
	| 'anyValue'
	/** One JSON object, as text or from an expression. */
	| 'jsonObject'
	| 'fps';

function badValues(kind: Kind, max = 100): BadValue[] {
	switch (kind) {
		case 'text':
			return NOT_TEXT;
		case 'required':
			return [...NOT_TEXT, BLANK];
		case 'optionalUrl':
			return [...NOT_TEXT, ...unreachable(), { name: FILE_URL, value: FILE_URL, problem: 'must be a public address HeyGen can reach, not a file: URL' }];
		case 'url':
			return [...badValues('optionalUrl'), BLANK];
		case 'fileReference':
			return [
				...NOT_TEXT,
				...unreachable(),
				{ name: FILE_URL, value: FILE_URL, problem: 'must be an http:// or https:// URL or an asset ID, not a file: URL' },
				{ name: 'a path', value: '/srv/media/a.png', problem: 'must be an http:// or https:// URL or an asset ID, not "/srv/media/a.png"' },
			];
		case 'list':
			return [
				{ name: 'an object', value: { en: true }, problem: 'must be a list or comma-separated text, not an object' },
				{ name: 'a list of objects', value: [{ en: true }], problem: 'must be a list of text, not a list holding an object (entry 1)' },
				{ name: 'null', value: null, problem: 'must be a list or comma-separated text, not empty' },
				{ name: 'undefined', absent: true, problem: 'must be a list or comma-separated text, not empty' },
			];
		case 'files':
			return [
				...badValues('list'),
				...unreachable('Files › file 1'),
				{ name: FILE_URL, value: FILE_URL, problem: 'must be an http:// or https:// URL or an asset ID, not a file: URL', label: 'Files › file 1' },
				{ name: 'a second entry on localhost', value: 'https://cdn.example.com/a.pdf, http://localhost/b.pdf', problem: 'must be a public address HeyGen can reach, not localhost', label: 'Files › file 2' },
			];
		case 'limit': {
			const range = `must be a whole number from 1 to ${max}, not`;
			return [
				{ name: 'NaN', nan: true, problem: `${range} NaN` },
				{ name: '0', value: 0, problem: `${range} 0` },
				{ name: '-3', value: -3, problem: `${range} -3` },
				{ name: '2.5', value: 2.5, problem: `${range} 2.5` },
				{ name: `${max + 1}`, value: max + 1, problem: `${range} ${max + 1}` },
				{ name: '1e9', value: 1e9, problem: `${range} 1000000000` },
				{ name: '"ten"', value: 'ten', problem: `${range} "ten"` },
				{ name: 'null', value: null, problem: `${range} empty` },
				{ name: 'an object', value: { n: 5 }, problem: `${range} an object` },
			];
		}
		case 'maxWait': {
			const range = 'must be a number from 0.01 to 1440, not';
			return [
				{ name: '0', value: 0, problem: `${range} 0` },
				{ name: '-5', value: -5, problem: `${range} -5` },
				{ name: 'NaN', nan: true, problem: `${range} NaN` },
				{ name: '1441', value: 1441, problem: `${range} 1441` },
			];
		}
		case 'maxConcurrentJobs': {
			const range = 'must be a whole number from 1 to 100, not';
			return [
				{ name: '0', value: 0, problem: `${range} 0` },
				{ name: '-1', value: -1, problem: `${range} -1` },
				{ name: 'NaN', nan: true, problem: `${range} NaN` },
				{ name: '1e9', value: 1e9, problem: `${range} 1000000000` },
				{ name: '2.5', value: 2.5, problem: `${range} 2.5` },
			];
		}
		case 'anyValue':
			return [
				{ name: 'null', value: null, problem: 'must be a value, not empty' },
				{ name: 'undefined', absent: true, problem: 'must be a value, not empty' },
				{ name: 'NaN', nan: true, problem: 'must be a value, not NaN' },
			];
		case 'jsonObject': {
			const notObject = 'must be an object of variable names and values ({ ... }), not';
			return [
				{ name: 'a trailing comma', value: '{"headline": "Q3",}', problem: /^is not valid JSON: .+ at line 1, column 19$/ },
				{ name: 'a list', value: ['Q3'], problem: `${notObject} a list` },
				{ name: 'a list as text', value: '["Q3"]', problem: `${notObject} a list` },
				{ name: 'text in quotes', value: '"Q3"', problem: `${notObject} "Q3"` },
				{ name: 'a number', value: 7, problem: `${notObject} 7` },
				{ name: 'null', value: null, problem: `${notObject} empty` },
			];
		}
		case 'fps': {
			const range = 'must be a whole number from 1 to 240';
			return [
				{ name: '0', value: 0, problem: range },
				{ name: '241', value: 241, problem: range },
				{ name: '29.97', value: 29.97, problem: range },
				{ name: '"fast"', value: 'fast', problem: 'must be a number, not NaN' },
				{ name: 'an object', value: { fps: 30 }, problem: 'must be a number, not an object' },
			];
		}
		case 'scenesJson':
			return [
				{ name: 'a trailing comma', value: '[{"type": "image",}]', problem: /^is not valid JSON: Expected double-quoted property name at line 1, column 19$/ },
				{ name: 'a missing bracket', value: '[\n  {"type": "image", "duration": 5}\n', problem: /^is not valid JSON: .+ at line 3, column 1$/ },
				{ name: 'a bare word', value: '[{"type": image}]', problem: /^is not valid JSON: Unexpected token 'i' at line 1, column 11$/ },
				{ name: 'an object', value: '{"type": "image"}', problem: 'must be a list of scenes ([ ... ]), not an object' },
				{ name: 'text in quotes', value: '"scene one"', problem: 'must be a list of scenes ([ ... ]), not "scene one"' },
				{ name: 'null', value: 'null', problem: 'must be a list of scenes ([ ... ]), not empty' },
				{ name: 'blank', value: '  ', problem: 'must not be empty' },
				{ name: 'a number as a scene', value: '[1]', problem: 'must be an object, not a number', label: 'Scenes (JSON) › scene 1' },
				{
					name: 'a script that is an object',
					value: JSON.stringify([{ type: 'avatar_video', input: { type: 'avatar', avatar_id: 'lk_x', script: { text: 'Hi' } } }]),
					problem: 'must be text, not an object',
					label: 'Scenes (JSON) › scene 1 › input.script',
				},
				{
					name: 'a media URL on a private address',
					value: JSON.stringify([{ type: 'image', source: { type: 'url', url: 'http://192.168.1.4/slide.png' }, duration: 5 }]),
					problem: 'must be a public address HeyGen can reach, not 192.168.1.4',
					label: 'Scenes (JSON) › scene 1 › source.url',
				},
			];
	}
}

export interface FieldSpec {
	label: string;
	/** Parameter path of the field ("additionalFields.title", "scenes.scene.0.photo"). */
	path: string;
	kind: Kind;
	/** A value of the field that is fine, for the other items. */
	good: unknown;
	locator?: boolean;
	/** Parameters to start from instead of the operation's own (to show the field). */
	parameters?: INodeParameters;
	/** The endpoint page maximum of a limit. */
	max?: number;
	/** Requests that may come before the refusal: checks that need HeyGen's own data (a template's variable types). */
	allowedRequests?: RegExp;
}

export interface OperationSpec {
	resource: string;
	operation: string;
	parameters: INodeParameters;
	fields: FieldSpec[];
	/** Items carry a binary file (the operation reads one). */
	binary?: boolean;
	/** The binary files items carry instead of the default PNG in `data` (an operation that checks their kind). */
	files?: NonNullable<INodeExecutionData['binary']>;
}

export interface BadInputCase {
	title: string;
	operation: string;
	parameters: INodeParameters;
	items: INodeExecutionData[];
	badItem: number;
	label: string;
	problem: string | RegExp;
	allowedRequests?: RegExp;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]).toString('base64');

function setPath(target: IDataObject, path: string, value: unknown): void {
	const parts = path.split('.');
	let current: IDataObject = target;
	for (const part of parts.slice(0, -1)) {
		current[part] ??= {};
		current = current[part] as IDataObject;
	}
	current[parts[parts.length - 1]] = value as IDataObject[keyof IDataObject];
}

/** Run-wide settings are read from the first item; everything else is read per item. */
const RUN_WIDE: Kind[] = ['maxWait', 'maxConcurrentJobs'];

export function casesOf(spec: OperationSpec): BadInputCase[] {
	const cases: BadInputCase[] = [];
	for (const field of spec.fields) {
		const parameters = structuredClone({ resource: spec.resource, operation: spec.operation, ...(field.parameters ?? spec.parameters) }) as INodeParameters;
		const usesNaN = ['limit', 'maxWait', 'maxConcurrentJobs', 'anyValue'].includes(field.kind);
		const expression = usesNaN ? NAN_OR_VALUE : VALUE;
		setPath(parameters, field.path, field.locator ? locator(expression) : expression);
		badValues(field.kind, field.max).forEach((bad, index) => {
			const badItem = RUN_WIDE.includes(field.kind) ? 0 : index % 3;
			const items: INodeExecutionData[] = [0, 1, 2].map((itemIndex) => {
				const json: IDataObject = {};
				if (itemIndex !== badItem) json.v = field.good as IDataObject[keyof IDataObject];
				else if (bad.nan) json.nan = true;
				else if (!bad.absent) json.v = bad.value as IDataObject[keyof IDataObject];
				if (spec.files) return { json, binary: spec.files };
				return spec.binary ? { json, binary: { data: { data: PNG, mimeType: 'image/png', fileName: 'face.png' } } } : { json };
			});
			cases.push({
				title: `${spec.resource}.${spec.operation} › ${field.label} = ${bad.name} [item ${badItem}]`,
				operation: `${spec.resource}.${spec.operation}`,
				parameters,
				items,
				badItem,
				label: bad.label ?? field.label,
				problem: bad.problem,
				allowedRequests: field.allowedRequests,
			});
		});
	}
	return cases;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

const voice = SEED_IDS.englishFemaleVoice;
const PUBLIC_IMAGE = 'https://cdn.example.com/face.png';
const PUBLIC_AUDIO = 'https://cdn.example.com/voice.mp3';

/** Fields every create shares: Callback ID, the file's binary field, and the run's settings. */
function createFields(title = true): FieldSpec[] {
	return [
		{ label: 'Callback ID', path: 'callback_id', kind: 'text', good: 'contact-1' },
		...(title ? [{ label: 'Title', path: 'additionalFields.title', kind: 'text' as const, good: 'Welcome' }] : []),
		{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
		{ label: 'Max Concurrent Jobs', path: 'options.maxConcurrentJobs', kind: 'maxConcurrentJobs', good: 5 },
	];
}

/** `createFields` with the download field shown (waiting and downloading on). */
function withDownload(fields: FieldSpec[], parameters: INodeParameters): FieldSpec[] {
	return fields.map((field) =>
		field.path === 'binaryPropertyName' ? { ...field, parameters: { ...parameters, waitForCompletion: true, downloadVideo: true } } : field,
	);
}

const avatarVideo: INodeParameters = {
	avatar_id: locator(SEED_IDS.studioLook),
	speechSource: 'script',
	script: 'Hello there',
	voice_id: locator(voice),
	waitForCompletion: false,
};

const imageVideo: INodeParameters = {
	imageSource: 'url',
	image_url: PUBLIC_IMAGE,
	speechSource: 'script',
	script: 'Hello there',
	voice_id: locator(voice),
	waitForCompletion: false,
};

const studioVideo = (...scene: INodeParameters[]): INodeParameters => ({ sceneInput: 'list', scenes: { scene }, waitForCompletion: false });
const JSON_SCENES = JSON.stringify([{ type: 'image', source: { type: 'url', url: 'https://cdn.example.com/slide.png' }, duration: 5 }]);
const avatarScene = { sceneType: 'avatar', avatar_id: SEED_IDS.studioLook, script: 'Hi', voice_id: voice };

const templateVideo: INodeParameters = {
	template_id: locator(SEED_IDS.salesTemplate),
	variables: { mappingMode: 'defineBelow', value: { first_name: 'Ada', logo: PUBLIC_IMAGE } },
	waitForCompletion: false,
};

const translation: INodeParameters = {
	videoSource: 'url',
	video_url: 'https://media.example.com/webinar.mp4',
	output_languages: ['French'],
	mode: 'speed',
	waitForCompletion: false,
};

const cinematicVideo: INodeParameters = {
	prompt: 'A founder walks through a sunlit office',
	looks: { look: [{ avatar_id: locator(SEED_IDS.digitalTwinLook) }] },
	references: { reference: [{ media: 'image', source: 'url', url: PUBLIC_IMAGE }] },
	waitForCompletion: false,
};
const cinematicReference = (reference: INodeParameters): INodeParameters => ({ ...cinematicVideo, references: { reference: [reference] } });

const lipsync: INodeParameters = {
	videoSource: 'url',
	video_url: 'https://media.example.com/presenter.mp4',
	audioSource: 'url',
	audio_url: PUBLIC_AUDIO,
	mode: 'speed',
	waitForCompletion: false,
};
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(240)]).toString('base64');
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.alloc(240)]).toString('base64');
/** A video in `data` and an audio in `voice`, for the lipsync's two binary fields. */
const LIPSYNC_FILES = {
	data: { data: MP4, mimeType: 'video/mp4', fileName: 'presenter.mp4' },
	voice: { data: MP3, mimeType: 'audio/mpeg', fileName: 'voice.mp3' },
};

const PROJECT_URL = 'https://cdn.example.com/launch.zip';
const hyperframesRender: INodeParameters = { projectSource: 'url', project_url: PROJECT_URL, variablesInput: 'fields', variables: {}, aspect_ratio: '16:9', format: 'mp4', waitForCompletion: false };
const withVariable = (name: string, value: string): INodeParameters => ({ ...hyperframesRender, variables: { variable: [{ name, value }] } });
export const PROJECT_ZIP = { data: sampleProject().toString('base64'), mimeType: 'application/zip', fileName: 'project.zip' };
const proofread: INodeParameters = { ...translation, title: 'Walkthrough' };
const proofreadSrt: INodeParameters = { proofread_id: 'pr_1', srtSource: 'binary', inputBinaryField: 'data' };
const SRT_FILE = { data: Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nHola.\n').toString('base64'), mimeType: 'text/plain', fileName: 'edit.srt' };
const generated: INodeParameters = { proofread_id: 'pr_1', waitForCompletion: false };

const agentSession: INodeParameters = { prompt: 'A product teaser', mode: 'generate', waitForCompletion: false };
const agentMessage: INodeParameters = { session_id: 'session_1', message: 'Yes, go ahead', waitForCompletion: false };

export const OPERATIONS: OperationSpec[] = [
	{
		resource: 'video',
		operation: 'createAvatarVideo',
		parameters: avatarVideo,
		fields: [
			{ label: 'Avatar', path: 'avatar_id', kind: 'required', good: SEED_IDS.studioLook, locator: true },
			{ label: 'Script', path: 'script', kind: 'required', good: 'Hello there' },
			{ label: 'Voice', path: 'voice_id', kind: 'text', good: voice, locator: true },
			{ label: 'Audio URL', path: 'audio_url', kind: 'url', good: PUBLIC_AUDIO, parameters: { ...avatarVideo, speechSource: 'audioUrl' } },
			{ label: 'Audio Asset ID', path: 'audio_asset_id', kind: 'required', good: 'asset_1', parameters: { ...avatarVideo, speechSource: 'audioAsset' } },
			{ label: 'Motion Prompt', path: 'additionalFields.motion_prompt', kind: 'text', good: 'Nods' },
			{ label: 'Voice Locale', path: 'additionalFields.voiceLocale', kind: 'text', good: 'en-US' },
			{ label: 'Background Image URL', path: 'additionalFields.backgroundImageUrl', kind: 'optionalUrl', good: PUBLIC_IMAGE },
			{ label: 'Background Image Asset ID', path: 'additionalFields.backgroundImageAssetId', kind: 'text', good: 'asset_1' },
			{ label: 'Engine', path: 'additionalFields.engine', kind: 'text', good: 'avatar_iv' },
			...withDownload(createFields(), avatarVideo),
		],
	},
	{
		resource: 'video',
		operation: 'createImageVideo',
		parameters: imageVideo,
		binary: true,
		fields: [
			{ label: 'Image URL', path: 'image_url', kind: 'url', good: PUBLIC_IMAGE },
			{ label: 'Image Asset ID', path: 'image_asset_id', kind: 'required', good: 'asset_1', parameters: { ...imageVideo, imageSource: 'assetId' } },
			{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data', parameters: { ...imageVideo, imageSource: 'binary' } },
			{ label: 'Script', path: 'script', kind: 'required', good: 'Hello there' },
			{ label: 'Voice', path: 'voice_id', kind: 'text', good: voice, locator: true },
			{ label: 'Audio URL', path: 'audio_url', kind: 'url', good: PUBLIC_AUDIO, parameters: { ...imageVideo, speechSource: 'audioUrl' } },
			{ label: 'Motion Prompt', path: 'additionalFields.motion_prompt', kind: 'text', good: 'Smiles' },
			{ label: 'Background Image URL', path: 'additionalFields.backgroundImageUrl', kind: 'optionalUrl', good: PUBLIC_IMAGE },
			...withDownload(createFields(), imageVideo),
		],
	},
	{
		resource: 'video',
		operation: 'createStudioVideo',
		parameters: studioVideo(avatarScene),
		fields: [
			{ label: 'Scene 1 › Avatar', path: 'scenes.scene.0.avatar_id', kind: 'required', good: SEED_IDS.studioLook },
			{ label: 'Scene 1 › Script', path: 'scenes.scene.0.script', kind: 'text', good: 'Hi' },
			{ label: 'Scene 1 › Voice', path: 'scenes.scene.0.voice_id', kind: 'text', good: voice },
			{ label: 'Scene 1 › Background Color', path: 'scenes.scene.0.backgroundColor', kind: 'text', good: '#112233' },
			{
				label: 'Scene 1 › Audio',
				path: 'scenes.scene.0.audio',
				kind: 'fileReference',
				good: PUBLIC_AUDIO,
				parameters: studioVideo({ sceneType: 'avatar', avatar_id: SEED_IDS.studioLook }),
			},
			{
				label: 'Scene 1 › Photo',
				path: 'scenes.scene.0.photo',
				kind: 'fileReference',
				good: PUBLIC_IMAGE,
				parameters: studioVideo({ sceneType: 'talkingPhoto', script: 'Hi', voice_id: voice }),
			},
			{
				label: 'Scene 2 › Media',
				path: 'scenes.scene.1.media',
				kind: 'fileReference',
				good: 'https://cdn.example.com/slide.png',
				parameters: studioVideo(avatarScene, { sceneType: 'image', duration: 4 }),
			},
			{
				label: 'Scene 2 › Media',
				path: 'scenes.scene.1.media',
				kind: 'required',
				good: 'https://cdn.example.com/clip.mp4',
				parameters: studioVideo(avatarScene, { sceneType: 'video' }),
			},
			{ label: 'Scenes (JSON)', path: 'scenesJson', kind: 'scenesJson', good: JSON_SCENES, parameters: { sceneInput: 'json', waitForCompletion: false } },
			...withDownload(createFields(), studioVideo(avatarScene)),
		],
	},
	{
		resource: 'video',
		operation: 'createCinematicVideo',
		parameters: cinematicVideo,
		binary: true,
		fields: [
			{ label: 'Prompt', path: 'prompt', kind: 'required', good: 'A founder walks through a sunlit office' },
			{ label: 'Avatar Look 1', path: 'looks.look.0.avatar_id', kind: 'required', good: SEED_IDS.digitalTwinLook, locator: true },
			{ label: 'Reference 1 › URL', path: 'references.reference.0.url', kind: 'url', good: PUBLIC_IMAGE },
			{ label: 'Reference 1 › Asset ID', path: 'references.reference.0.asset_id', kind: 'required', good: 'asset_1', parameters: cinematicReference({ media: 'image', source: 'assetId' }) },
			{ label: 'Reference 1 › Input Binary Field', path: 'references.reference.0.binaryField', kind: 'required', good: 'data', parameters: cinematicReference({ media: 'image', source: 'binary' }) },
			{ label: 'Aspect Ratio', path: 'additionalFields.aspect_ratio', kind: 'text', good: '9:16' },
			...withDownload(createFields(), cinematicVideo),
		],
	},
	{ resource: 'video', operation: 'get', parameters: {}, fields: [{ label: 'Video', path: 'video_id', kind: 'required', good: 'vid_1', locator: true }] },
	{ resource: 'video', operation: 'delete', parameters: {}, fields: [{ label: 'Video', path: 'video_id', kind: 'required', good: 'vid_1', locator: true }] },
	{
		resource: 'video',
		operation: 'download',
		parameters: { video_id: locator('vid_1'), binaryPropertyName: 'data' },
		fields: [
			{ label: 'Video', path: 'video_id', kind: 'required', good: 'vid_1', locator: true },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		],
	},
	{
		resource: 'video',
		operation: 'getMany',
		parameters: { returnAll: false, limit: 5 },
		fields: [
			{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 },
			{ label: 'Title Contains', path: 'filters.title', kind: 'text', good: 'Welcome' },
			{ label: 'Folder ID', path: 'filters.folder_id', kind: 'text', good: 'folder_1' },
		],
	},
	{
		resource: 'video',
		operation: 'waitForCompletion',
		parameters: { video_id: locator('vid_1') },
		fields: [
			{ label: 'Video', path: 'video_id', kind: 'required', good: 'vid_1', locator: true },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data', parameters: { video_id: locator('vid_1'), downloadVideo: true } },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
		],
	},
	{
		resource: 'videoAgent',
		operation: 'create',
		parameters: agentSession,
		fields: [
			{ label: 'Prompt', path: 'prompt', kind: 'required', good: 'A product teaser' },
			{ label: 'Avatar', path: 'additionalFields.avatar_id', kind: 'text', good: SEED_IDS.studioLook, locator: true },
			{ label: 'Voice', path: 'additionalFields.voice_id', kind: 'text', good: voice, locator: true },
			{ label: 'Style', path: 'additionalFields.style_id', kind: 'text', good: SEED_IDS.agentStyle, locator: true },
			{ label: 'Brand Kit ID', path: 'additionalFields.brand_kit_id', kind: 'text', good: 'kit_1' },
			{ label: 'Files', path: 'additionalFields.files', kind: 'files', good: 'https://cdn.example.com/brief.pdf' },
			...withDownload(createFields(false), agentSession),
		],
	},
	{ resource: 'videoAgent', operation: 'get', parameters: {}, fields: [{ label: 'Session ID', path: 'session_id', kind: 'required', good: 'session_1' }] },
	{
		resource: 'videoAgent',
		operation: 'sendMessage',
		parameters: agentMessage,
		fields: [
			{ label: 'Session ID', path: 'session_id', kind: 'required', good: 'session_1' },
			{ label: 'Message', path: 'message', kind: 'required', good: 'Yes, go ahead' },
			{ label: 'Avatar', path: 'additionalFields.avatar_id', kind: 'text', good: SEED_IDS.studioLook, locator: true },
			{ label: 'Brand Kit ID', path: 'additionalFields.brand_kit_id', kind: 'text', good: 'kit_1' },
			{ label: 'Files', path: 'additionalFields.files', kind: 'files', good: 'asset_1' },
			...withDownload(createFields(false), agentMessage).filter((field) => field.label !== 'Callback ID'),
		],
	},
	{
		resource: 'videoAgent',
		operation: 'getStyles',
		parameters: { returnAll: false, limit: 5 },
		fields: [
			{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 },
			{ label: 'Tag', path: 'tag', kind: 'text', good: 'cinematic' },
		],
	},
	{ resource: 'template', operation: 'getMany', parameters: { returnAll: false }, fields: [{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 }] },
	{ resource: 'template', operation: 'get', parameters: {}, fields: [{ label: 'Template', path: 'template_id', kind: 'required', good: SEED_IDS.salesTemplate, locator: true }] },
	{
		resource: 'template',
		operation: 'generate',
		parameters: templateVideo,
		fields: [
			{ label: 'Template', path: 'template_id', kind: 'required', good: SEED_IDS.salesTemplate, locator: true },
			{ label: 'Variable first_name', path: 'variables.value.first_name', kind: 'text', good: 'Ada' },
			{
				label: 'Variable logo',
				path: 'variables.value.logo',
				kind: 'fileReference',
				good: PUBLIC_IMAGE,
				// Whether "logo" takes a file is known from the template only: it is read (a free GET), nothing is created.
				allowedRequests: /^GET \/v3\/templates\/tpl_sales_outreach$/,
			},
			{ label: 'Folder ID', path: 'additionalFields.folder_id', kind: 'text', good: 'folder_1' },
			{ label: 'Brand Voice ID', path: 'additionalFields.brand_voice_id', kind: 'text', good: 'bv_1' },
			{ label: 'Scene IDs', path: 'additionalFields.scene_ids', kind: 'list', good: 'scn_sales_intro' },
			...withDownload(createFields(), templateVideo),
		],
	},
	{
		resource: 'translation',
		operation: 'create',
		parameters: translation,
		binary: true,
		fields: [
			{ label: 'Video URL', path: 'video_url', kind: 'url', good: 'https://media.example.com/webinar.mp4' },
			{ label: 'Video Asset ID', path: 'video_asset_id', kind: 'required', good: 'asset_1', parameters: { ...translation, videoSource: 'assetId' } },
			{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data', parameters: { ...translation, videoSource: 'binary' } },
			{ label: 'Output Languages', path: 'output_languages', kind: 'list', good: 'French' },
			{ label: 'Input Language', path: 'additionalFields.input_language', kind: 'text', good: 'English' },
			{ label: 'Folder ID', path: 'additionalFields.folder_id', kind: 'text', good: 'folder_1' },
			{ label: 'Brand Glossary ID', path: 'additionalFields.brand_glossary_id', kind: 'text', good: 'gl_1' },
			...withDownload(createFields(), translation),
		],
	},
	{ resource: 'translation', operation: 'get', parameters: {}, fields: [{ label: 'Video Translation ID', path: 'video_translation_id', kind: 'required', good: 'tr_1' }] },
	{
		resource: 'translation',
		operation: 'download',
		parameters: { video_translation_id: 'tr_1', file: 'video', binaryPropertyName: 'data' },
		fields: [
			{ label: 'Video Translation ID', path: 'video_translation_id', kind: 'required', good: 'tr_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		],
	},
	{
		resource: 'translation',
		operation: 'waitForCompletion',
		parameters: { video_translation_id: 'tr_1' },
		fields: [
			{ label: 'Video Translation ID', path: 'video_translation_id', kind: 'required', good: 'tr_1' },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
		],
	},
	{ resource: 'translation', operation: 'getMany', parameters: { returnAll: false }, fields: [{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 }] },
	{
		resource: 'lipsync',
		operation: 'create',
		parameters: lipsync,
		files: LIPSYNC_FILES,
		fields: [
			{ label: 'Video URL', path: 'video_url', kind: 'url', good: 'https://media.example.com/presenter.mp4' },
			{ label: 'Video Asset ID', path: 'video_asset_id', kind: 'required', good: 'asset_1', parameters: { ...lipsync, videoSource: 'assetId' } },
			{ label: 'Video Binary Field', path: 'videoBinaryField', kind: 'required', good: 'data', parameters: { ...lipsync, videoSource: 'binary' } },
			{ label: 'Audio URL', path: 'audio_url', kind: 'url', good: PUBLIC_AUDIO },
			{ label: 'Audio Asset ID', path: 'audio_asset_id', kind: 'required', good: 'asset_2', parameters: { ...lipsync, audioSource: 'assetId' } },
			{ label: 'Audio Binary Field', path: 'audioBinaryField', kind: 'required', good: 'voice', parameters: { ...lipsync, audioSource: 'binary' } },
			{ label: 'Folder ID', path: 'additionalFields.folder_id', kind: 'text', good: 'folder_1' },
			{ label: 'Frame Rate Mode', path: 'additionalFields.fps_mode', kind: 'text', good: 'cfr' },
			...withDownload(createFields(), lipsync),
		],
	},
	{ resource: 'lipsync', operation: 'get', parameters: {}, fields: [{ label: 'Lipsync ID', path: 'lipsync_id', kind: 'required', good: 'ls_1' }] },
	{ resource: 'lipsync', operation: 'getMany', parameters: { returnAll: false }, fields: [{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 }] },
	{
		resource: 'lipsync',
		operation: 'waitForCompletion',
		parameters: { lipsync_id: 'ls_1' },
		fields: [
			{ label: 'Lipsync ID', path: 'lipsync_id', kind: 'required', good: 'ls_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data', parameters: { lipsync_id: 'ls_1', downloadVideo: true } },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
		],
	},
	{
		resource: 'lipsync',
		operation: 'download',
		parameters: { lipsync_id: 'ls_1', file: 'video', binaryPropertyName: 'data' },
		fields: [
			{ label: 'Lipsync ID', path: 'lipsync_id', kind: 'required', good: 'ls_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		],
	},
	{
		resource: 'hyperframesRender',
		operation: 'create',
		parameters: hyperframesRender,
		files: { data: PROJECT_ZIP },
		fields: [
			{ label: 'Project URL', path: 'project_url', kind: 'url', good: PROJECT_URL },
			{ label: 'Project Asset ID', path: 'project_asset_id', kind: 'required', good: 'asset_1', parameters: { ...hyperframesRender, projectSource: 'assetId' } },
			{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data', parameters: { ...hyperframesRender, projectSource: 'binary' } },
			{ label: 'Variable 1 › Name', path: 'variables.variable.0.name', kind: 'required', good: 'headline', parameters: withVariable('', 'Q3') },
			{ label: 'Variable headline', path: 'variables.variable.0.value', kind: 'anyValue', good: 'Q3 results', parameters: withVariable('headline', '') },
			{ label: 'Variables (JSON)', path: 'variablesJson', kind: 'jsonObject', good: '{"headline": "Q3"}', parameters: { ...hyperframesRender, variablesInput: 'json' } },
			{ label: 'Entry Composition', path: 'additionalFields.composition', kind: 'text', good: 'index.html' },
			{ label: 'Frames per Second', path: 'additionalFields.fps', kind: 'fps', good: 30 },
			{ label: 'Quality', path: 'additionalFields.quality', kind: 'text', good: 'high' },
			...withDownload(createFields(), hyperframesRender),
		],
	},
	{ resource: 'hyperframesRender', operation: 'get', parameters: {}, fields: [{ label: 'Render ID', path: 'render_id', kind: 'required', good: 'render_1' }] },
	{ resource: 'hyperframesRender', operation: 'delete', parameters: {}, fields: [{ label: 'Render ID', path: 'render_id', kind: 'required', good: 'render_1' }] },
	{ resource: 'hyperframesRender', operation: 'getMany', parameters: { returnAll: false }, fields: [{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 }] },
	{
		resource: 'hyperframesRender',
		operation: 'download',
		parameters: { render_id: 'render_1', binaryPropertyName: 'data' },
		fields: [
			{ label: 'Render ID', path: 'render_id', kind: 'required', good: 'render_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		],
	},
	{
		resource: 'translation',
		operation: 'createProofread',
		parameters: proofread,
		binary: true,
		fields: [
			{ label: 'Video URL', path: 'video_url', kind: 'url', good: 'https://media.example.com/webinar.mp4' },
			{ label: 'Video Asset ID', path: 'video_asset_id', kind: 'required', good: 'asset_1', parameters: { ...proofread, videoSource: 'assetId' } },
			{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data', parameters: { ...proofread, videoSource: 'binary' } },
			{ label: 'Output Languages', path: 'output_languages', kind: 'list', good: 'French' },
			{ label: 'Title', path: 'title', kind: 'required', good: 'Walkthrough' },
			{ label: 'Initial SRT (URL or Asset ID)', path: 'additionalFields.srt', kind: 'fileReference', good: 'https://cdn.example.com/source.srt' },
			{ label: 'Folder ID', path: 'additionalFields.folder_id', kind: 'text', good: 'folder_1' },
			{ label: 'Brand Glossary ID', path: 'additionalFields.brand_glossary_id', kind: 'text', good: 'gl_1' },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
			{ label: 'Max Concurrent Jobs', path: 'options.maxConcurrentJobs', kind: 'maxConcurrentJobs', good: 5 },
		],
	},
	{
		resource: 'translation',
		operation: 'getProofread',
		parameters: {},
		fields: [
			{ label: 'Proofread ID', path: 'proofread_id', kind: 'required', good: 'pr_1' },
			{ label: 'Proofread ID', path: 'proofread_id', kind: 'required', good: 'pr_1', parameters: { waitForCompletion: true } },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30, parameters: { proofread_id: 'pr_1', waitForCompletion: true } },
		],
	},
	{
		resource: 'translation',
		operation: 'downloadProofreadSrt',
		parameters: { proofread_id: 'pr_1', file: 'edited', binaryPropertyName: 'data' },
		fields: [
			{ label: 'Proofread ID', path: 'proofread_id', kind: 'required', good: 'pr_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data' },
		],
	},
	{
		resource: 'hyperframesRender',
		operation: 'waitForCompletion',
		parameters: { render_id: 'render_1' },
		fields: [
			{ label: 'Render ID', path: 'render_id', kind: 'required', good: 'render_1' },
			{ label: 'Put Output File in Field', path: 'binaryPropertyName', kind: 'required', good: 'data', parameters: { render_id: 'render_1', downloadVideo: true } },
			{ label: 'Max Wait (Minutes)', path: 'options.maxWaitMinutes', kind: 'maxWait', good: 30 },
		],
	},
	{
		resource: 'translation',
		operation: 'uploadProofreadSrt',
		parameters: proofreadSrt,
		files: { data: SRT_FILE },
		fields: [
			{ label: 'Proofread ID', path: 'proofread_id', kind: 'required', good: 'pr_1' },
			{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data' },
			{ label: 'SRT URL', path: 'srt_url', kind: 'url', good: 'https://cdn.example.com/edit.srt', parameters: { ...proofreadSrt, srtSource: 'url' } },
			{ label: 'SRT Asset ID', path: 'srt_asset_id', kind: 'required', good: 'asset_1', parameters: { ...proofreadSrt, srtSource: 'assetId' } },
		],
	},
	{
		resource: 'translation',
		operation: 'generateFromProofread',
		parameters: generated,
		fields: [
			{ label: 'Proofread ID', path: 'proofread_id', kind: 'required', good: 'pr_1' },
			...withDownload(createFields(false), generated),
		],
	},
	{ resource: 'avatar', operation: 'get', parameters: {}, fields: [{ label: 'Avatar', path: 'avatar_id', kind: 'required', good: SEED_IDS.studioLook, locator: true }] },
	{
		resource: 'avatar',
		operation: 'getMany',
		parameters: { returnAll: false },
		fields: [
			{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 50 },
			{ label: 'Avatar Group ID', path: 'filters.group_id', kind: 'text', good: SEED_IDS.studioGroup },
		],
	},
	{ resource: 'voice', operation: 'get', parameters: {}, fields: [{ label: 'Voice', path: 'voice_id', kind: 'required', good: voice, locator: true }] },
	{
		resource: 'voice',
		operation: 'getMany',
		parameters: { returnAll: false },
		fields: [
			{ label: 'Limit', path: 'limit', kind: 'limit', good: 5, max: 100 },
			{ label: 'Language', path: 'filters.language', kind: 'text', good: 'English' },
			{ label: 'Engine', path: 'filters.engine', kind: 'text', good: 'starfish' },
		],
	},
	{
		resource: 'voice',
		operation: 'generateSpeech',
		parameters: { text: 'Welcome aboard', voice_id: locator(voice) },
		fields: [
			{ label: 'Text', path: 'text', kind: 'required', good: 'Welcome aboard' },
			{ label: 'Voice', path: 'voice_id', kind: 'required', good: voice, locator: true },
			{ label: 'Language', path: 'options.language', kind: 'text', good: 'en' },
			{ label: 'Locale', path: 'options.locale', kind: 'text', good: 'en-US' },
			{
				label: 'Put Output File in Field',
				path: 'binaryPropertyName',
				kind: 'required',
				good: 'data',
				parameters: { text: 'Welcome aboard', voice_id: locator(voice), downloadAudio: true },
			},
		],
	},
	{
		resource: 'asset',
		operation: 'upload',
		parameters: {},
		binary: true,
		fields: [{ label: 'Input Binary Field', path: 'inputBinaryField', kind: 'required', good: 'data' }],
	},
	{ resource: 'asset', operation: 'get', parameters: {}, fields: [{ label: 'Asset ID', path: 'asset_id', kind: 'required', good: 'asset_1' }] },
	{ resource: 'asset', operation: 'delete', parameters: {}, fields: [{ label: 'Asset ID', path: 'asset_id', kind: 'required', good: 'asset_1' }] },
];

export const CASES: BadInputCase[] = OPERATIONS.flatMap(casesOf);

/** Operations with no input a user fills: nothing to refuse. */
export const WITHOUT_INPUTS = ['account.get', 'translation.getLanguages'];
