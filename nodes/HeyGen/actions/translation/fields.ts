import type { INodeProperties } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/validation';
import { TRANSLATION_MODES } from '../../schemas';
import { inputBinaryField } from '../common.descriptions';
import { dubbingSwitches } from '../dubbingOptions';

export const translationIdField: INodeProperties = {
	displayName: 'Video Translation ID',
	name: 'video_translation_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 4d2a9c81f0b34e6a',
	description: 'ID of a translation (Translation → Create returns one per language)',
};

export const proofreadIdField: INodeProperties = {
	displayName: 'Proofread ID',
	name: 'proofread_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 8c1f3a5e7b9d4f2a',
	description: 'ID of a proofread (Translation → Create Proofread returns one per language)',
};

/** The video to translate or proofread: a URL, an uploaded asset, or an input binary file (uploaded first). */
export const videoSourceFields: INodeProperties[] = [
	{
		displayName: 'Video Source',
		name: 'videoSource',
		type: 'options',
		noDataExpression: true,
		default: 'url',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'A video uploaded to HeyGen' },
			{ name: 'Binary File', value: 'binary', description: 'A video in an input binary field, uploaded first (up to 32 MB)' },
			{ name: 'URL', value: 'url', description: 'A public link to an MP4 or WebM (up to 100 MB)' },
		],
	},
	{
		displayName: 'Video URL',
		name: 'video_url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/webinar.mp4',
		displayOptions: { show: { videoSource: ['url'] } },
	},
	{
		displayName: 'Video Asset ID',
		name: 'video_asset_id',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { videoSource: ['assetId'] } },
	},
	{ ...inputBinaryField, displayOptions: { show: { videoSource: ['binary'] } } },
];

const languageLocator: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTranslationLanguages', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Spanish (Spain)' },
	],
};

/**
 * From this node version Output Languages is a list of searchable picks. Version 1's dropdown
 * loads as soon as it shows, which on a node just added is before n8n has set its credential: the
 * load fails and the field turns into text. A searchable list loads when it is opened.
 */
export const LANGUAGE_PICKS_VERSION = 1.1;

/** Languages from HeyGen's list; each becomes its own job (`noun`) and output item. Saved workflows keep the version they were made with. */
export function outputLanguagesFields(noun: string): INodeProperties[] {
	const hint = `Each language becomes its own ${noun} and output item.`;
	return [
		{
			displayName: 'Output Language Names or IDs',
			name: 'output_languages',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTranslationLanguages' },
			default: [],
			required: true,
			description:
				'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: `${hint} An expression may give a list or comma-separated names.`,
			displayOptions: { show: { '@version': [1] } },
		},
		{
			displayName: 'Output Languages',
			name: 'output_languages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Language' },
			placeholder: 'Add Language',
			default: {},
			description: "The languages to translate into, from HeyGen's list",
			hint: `${hint} An expression in a language may give a list or comma-separated names.`,
			displayOptions: { show: { '@version': [{ _cnd: { gte: LANGUAGE_PICKS_VERSION } }] } },
			options: [{ displayName: 'Language', name: 'language', values: [languageLocator] }],
		},
	];
}

export const translationModeField: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	default: 'speed',
	options: TRANSLATION_MODES.map((mode) => ({
		name: mode === 'speed' ? 'Speed' : 'Precision',
		value: mode,
		description: mode === 'speed' ? 'Faster and cheaper' : 'Higher quality lip-sync; costs more',
	})),
};

/** Display names of the body fields the video source, languages and mode fill. */
export const VIDEO_SOURCE_LABELS: FieldLabels = {
	video: 'Video',
	'video.url': 'Video URL',
	'video.asset_id': 'Video Asset ID',
	output_languages: 'Output Languages',
	mode: 'Mode',
};

/** Additional fields translations and proofreads share: how the voice track is handled, and the output's format. */
export const SOUND_AND_FORMAT_FIELDS: INodeProperties[] = [
	...dubbingSwitches,
	{ displayName: 'Speakers', name: 'speaker_num', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: 'How many people speak; helps separate voices' },
];
