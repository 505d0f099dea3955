import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionText, idParameter, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import {
	EXPRESSIVENESS_LEVELS,
	FIT_MODES,
	OUTPUT_FORMATS,
	VIDEO_ASPECT_RATIOS,
	VIDEO_RESOLUTIONS,
} from '../../schemas';
import { additionalFields, callbackIdField, createOptions, videoTitleField, voiceLocator, waitFields } from '../common.descriptions';

/** Where the avatar's speech comes from. */
export const speechSourceField: INodeProperties = {
	displayName: 'Speech Source',
	name: 'speechSource',
	type: 'options',
	noDataExpression: true,
	default: 'script',
	options: [
		{ name: 'Audio Asset ID', value: 'audioAsset', description: 'An audio file uploaded to HeyGen' },
		{ name: 'Audio URL', value: 'audioUrl', description: 'A public link to a WAV or MP3 file to lip-sync' },
		{ name: 'Script', value: 'script', description: 'Text that a HeyGen voice reads' },
	],
};

export function speechFields(voiceRequired: boolean): INodeProperties[] {
	return [
		speechSourceField,
		{
			displayName: 'Script',
			name: 'script',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 5 },
			placeholder: 'e.g. Hi {{ $json.firstName }}, thanks for signing up!',
			description: 'What the avatar says, up to 5,000 characters',
			displayOptions: { show: { speechSource: ['script'] } },
		},
		{
			...voiceLocator,
			required: voiceRequired,
			description: voiceRequired ? 'The voice that reads the script' : voiceLocator.description,
			displayOptions: { show: { speechSource: ['script'] } },
		},
		{
			displayName: 'Audio URL',
			name: 'audio_url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/voiceover.mp3',
			description: 'Public link to a WAV or MP3 file (at most 50 MB) to lip-sync',
			displayOptions: { show: { speechSource: ['audioUrl'] } },
		},
		{
			displayName: 'Audio Asset ID',
			name: 'audio_asset_id',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of an audio file uploaded to HeyGen (Asset → Upload)',
			displayOptions: { show: { speechSource: ['audioAsset'] } },
		},
	];
}

/** Optional fields of the rendered video, shared by avatar and image videos. */
export const videoSettingsFields: INodeProperties[] = [
	{
		displayName: 'Aspect Ratio',
		name: 'aspect_ratio',
		type: 'options',
		default: '16:9',
		options: VIDEO_ASPECT_RATIOS.map((ratio) => ({
			name: ratio === 'auto' ? 'Auto (Match the Avatar)' : ratio,
			value: ratio,
		})),
	},
	{
		displayName: 'Background Color',
		name: 'backgroundColor',
		type: 'color',
		default: '#ffffff',
		description: 'Solid background behind the avatar, as a hex colour',
	},
	{
		displayName: 'Background Image Asset ID',
		name: 'backgroundImageAssetId',
		type: 'string',
		default: '',
		description: 'ID of an uploaded image to use as the background',
	},
	{
		displayName: 'Background Image URL',
		name: 'backgroundImageUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/office.jpg',
		description: 'Public link to a JPG or PNG to use as the background',
	},
	{
		displayName: 'Captions',
		name: 'captions',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Burned Into the Video', value: 'burnIn', description: 'Captions drawn on the video, plus an SRT file' },
			{ name: 'None', value: 'none' },
			{ name: 'Subtitle File Only', value: 'file', description: 'An SRT file in subtitle_url; the video stays clean' },
		],
	},
	{
		displayName: 'Expressiveness',
		name: 'expressiveness',
		type: 'options',
		default: 'low',
		description: 'How much a photo avatar moves while speaking (photo avatars only)',
		options: EXPRESSIVENESS_LEVELS.map((level) => ({ name: level[0].toUpperCase() + level.slice(1), value: level })),
	},
	{
		displayName: 'Fit',
		name: 'fit',
		type: 'options',
		default: 'contain',
		options: FIT_MODES.map((mode) => ({ name: mode[0].toUpperCase() + mode.slice(1), value: mode })),
		description: 'How the avatar fills the frame',
	},
	{
		displayName: 'Motion Prompt',
		name: 'motion_prompt',
		type: 'string',
		default: '',
		placeholder: 'e.g. Nods and smiles warmly',
		description: 'How the avatar should move, in plain words (photo avatars, or video avatars with Avatar V)',
	},
	{
		displayName: 'Output Format',
		name: 'output_format',
		type: 'options',
		default: 'mp4',
		options: OUTPUT_FORMATS.map((format) => ({
			name: format === 'webm' ? 'WebM (Transparent Background)' : 'MP4',
			value: format,
		})),
	},
	{
		displayName: 'Remove Background',
		name: 'remove_background',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the avatar\'s own background (video avatars must be trained with matting)',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '1080p',
		options: VIDEO_RESOLUTIONS.map((resolution) => ({ name: resolution === '4k' ? '4K' : resolution, value: resolution })),
	},
	videoTitleField,
	{
		displayName: 'Voice Locale',
		name: 'voiceLocale',
		type: 'string',
		default: '',
		placeholder: 'e.g. en-US',
		description: 'Accent of a multilingual voice',
	},
	{
		displayName: 'Voice Pitch',
		name: 'voicePitch',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -50, maxValue: 50 },
		description: 'Pitch shift in semitones, from -50 to 50',
	},
	{
		displayName: 'Voice Speed',
		name: 'voiceSpeed',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0.5, maxValue: 1.5, numberPrecision: 2 },
		description: 'Speaking speed, from 0.5 to 1.5',
	},
	{
		displayName: 'Voice Volume',
		name: 'voiceVolume',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Loudness, from 0 to 1',
	},
];

/** The fields every video-creating operation puts after its own. */
export function createVideoTail(extraSettings: INodeProperties[] = []): INodeProperties[] {
	return [
		callbackIdField,
		...waitFields,
		additionalFields([...extraSettings, ...videoSettingsFields]),
		createOptions,
	];
}

/** API fields -> node display names, for error messages. */
export const VIDEO_FIELD_LABELS: FieldLabels = {
	avatar_id: 'Avatar',
	image: 'Image',
	'image.url': 'Image URL',
	'image.asset_id': 'Image Asset ID',
	script: 'Script',
	voice_id: 'Voice',
	audio_url: 'Audio URL',
	audio_asset_id: 'Audio Asset ID',
	callback_id: 'Callback ID',
	title: 'Title',
	aspect_ratio: 'Aspect Ratio',
	resolution: 'Resolution',
	fit: 'Fit',
	engine: 'Engine',
	'engine.type': 'Engine',
	background: 'Background',
	'background.value': 'Background Color',
	'background.url': 'Background Image URL',
	'background.asset_id': 'Background Image Asset ID',
	caption: 'Captions',
	output_format: 'Output Format',
	remove_background: 'Remove Background',
	motion_prompt: 'Motion Prompt',
	expressiveness: 'Expressiveness',
	voice_settings: 'Voice Settings',
	'voice_settings.speed': 'Voice Speed',
	'voice_settings.pitch': 'Voice Pitch',
	'voice_settings.volume': 'Voice Volume',
	'voice_settings.locale': 'Voice Locale',
};

/** The speech part of a create body, read from the item's parameters. */
export function speechBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const source = textParameter(ctx, 'speechSource', 'Speech Source', itemIndex, { required: true });
	if (source === 'audioUrl') return { audio_url: textParameter(ctx, 'audio_url', 'Audio URL', itemIndex, { required: true }) };
	if (source === 'audioAsset') return { audio_asset_id: textParameter(ctx, 'audio_asset_id', 'Audio Asset ID', itemIndex, { required: true }) };
	const body: IDataObject = { script: textParameter(ctx, 'script', 'Script', itemIndex, { required: true, keepSpaces: true }) };
	const voice = idParameter(ctx, 'voice_id', 'Voice', itemIndex, { required: false });
	if (voice) body.voice_id = voice;
	return body;
}

/** The settings a user added under Additional Fields, by parameter name, with their display names. */
const SETTING_LABELS = {
	title: 'Title',
	aspect_ratio: 'Aspect Ratio',
	resolution: 'Resolution',
	fit: 'Fit',
	output_format: 'Output Format',
	motion_prompt: 'Motion Prompt',
	expressiveness: 'Expressiveness',
} as const;

/** The optional video settings of a create body; unset fields are left out, so HeyGen's defaults apply. */
export function settingsBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const field = (name: string, label: string) => collectionText(ctx, fields, name, label, itemIndex);
	const body: IDataObject = {};
	for (const [key, label] of Object.entries(SETTING_LABELS)) {
		const value = field(key, label);
		if (value) body[key] = value;
	}
	if (typeof fields.remove_background === 'boolean') body.remove_background = fields.remove_background;

	const color = field('backgroundColor', 'Background Color');
	const imageUrl = field('backgroundImageUrl', 'Background Image URL');
	const imageAsset = field('backgroundImageAssetId', 'Background Image Asset ID');
	if (imageUrl || imageAsset) {
		body.background = { type: 'image', ...(imageUrl ? { url: imageUrl } : {}), ...(imageAsset ? { asset_id: imageAsset } : {}) };
		if (color) (body.background as IDataObject).value = color;
	} else if (color) {
		body.background = { type: 'color', value: color };
	}

	const captions = field('captions', 'Captions');
	if (captions === 'file') body.caption = { file_format: 'srt' };
	if (captions === 'burnIn') body.caption = { file_format: 'srt', style: 'default' };

	const voiceSettings: IDataObject = {};
	if (fields.voiceSpeed !== undefined) voiceSettings.speed = fields.voiceSpeed;
	if (fields.voicePitch !== undefined) voiceSettings.pitch = fields.voicePitch;
	if (fields.voiceVolume !== undefined) voiceSettings.volume = fields.voiceVolume;
	const locale = field('voiceLocale', 'Voice Locale');
	if (locale) voiceSettings.locale = locale;
	if (Object.keys(voiceSettings).length > 0) body.voice_settings = voiceSettings;
	return body;
}
