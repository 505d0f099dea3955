import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pageMaximum, textParameter } from '../helpers/parameters';
import type { EndpointKey } from '../schemas/endpoints';

/** HeyGen ids are short URL-safe strings; anything else is a paste mistake. Empty is left to `required`. n8n anchors these patterns. */
const ID_PATTERN = '[A-Za-z0-9_\\-:.]*';
const VIDEO_PAGE_URL = 'https?://(?:[A-Za-z0-9-]+\\.)*heygen\\.com/(?:videos|share)/[A-Za-z0-9_\\-]+(?:[/?#].*)?';

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: ID_PATTERN, errorMessage: 'Not a valid HeyGen ID' },
	},
];

export const avatarLookLocator: INodeProperties = {
	displayName: 'Avatar',
	name: 'avatar_id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The avatar look to appear in the video (a look is one outfit or style of an avatar)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAvatarLooks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. Abigail_expressive_2024112501',
			validation: ID_VALIDATION,
		},
	],
};

export const voiceLocator: INodeProperties = {
	displayName: 'Voice',
	name: 'voice_id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The voice that reads the script. Leave empty to use the avatar look's default voice.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVoices', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1bd001e7e50f421d891986aad5158bc8',
			validation: ID_VALIDATION,
		},
	],
};

export const videoLocator: INodeProperties = {
	displayName: 'Video',
	name: 'video_id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The HeyGen video',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVideos', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7b1e4c0f2a9d4e6b8c3f5a1d2e4b6c8a',
			validation: ID_VALIDATION,
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.heygen.com/videos/7b1e4c0f2a9d4e6b8c3f5a1d2e4b6c8a',
			extractValue: { type: 'regex', regex: 'heygen\\.com\\/(?:videos|share)\\/([A-Za-z0-9_\\-]+)' },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: VIDEO_PAGE_URL,
						errorMessage: 'Not a HeyGen video page URL',
					},
				},
			],
		},
	],
};

/** "Return All" and "Limit" of a Get Many; the limit goes up to one page of the endpoint. */
export function returnAllAndLimit(endpoint: EndpointKey): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: pageMaximum(endpoint) },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** Where a downloaded file goes in the output item. */
export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** "Download Video" and where the file goes. */
export const downloadFields: INodeProperties[] = [
	{
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the finished video into the output as binary data. HeyGen video links expire after a few days; a downloaded file does not.',
	},
	{ ...binaryPropertyField, displayOptions: { show: { downloadVideo: [true] } } },
];

export type WaitMode = 'auto' | 'park' | 'poll';

export const waitModeField: INodeProperties = {
	displayName: 'Wait Mode',
	name: 'waitMode',
	type: 'options',
	noDataExpression: true,
	default: 'auto',
	hint: 'Renders take minutes each (about 3–4 for 20 seconds of video) and an account renders about 10 at once, so 500 items take hours. For large batches park, or turn Wait for Completion off and continue from the HeyGen Trigger, matching each video to its row by Callback ID.',
	options: [
		{
			name: 'Auto',
			value: 'auto',
			description: 'Park when HeyGen can call this n8n back (a public HTTPS address, or a local HeyGen emulator), else poll',
		},
		{
			name: 'Park Until HeyGen Calls Back',
			value: 'park',
			description:
				"The execution waits in n8n's database, using no worker, and resumes when HeyGen reports every render done; survives restarts and works in queue mode",
		},
		{
			name: 'Poll While Running',
			value: 'poll',
			description: 'The execution stays running and asks HeyGen for the status; needs no public address',
		},
	],
};

/** Wait / download switches shared by every operation that starts a render. */
export const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until HeyGen has finished rendering. All items wait together; when off, the node returns the video ID at once (use the HeyGen Trigger or Video → Wait for Completion later).',
	},
	{ ...waitModeField, displayOptions: { show: { waitForCompletion: [true] } } },
	...downloadFields.map((field) => ({
		...field,
		displayOptions: { show: { ...field.displayOptions?.show, waitForCompletion: [true] } },
	})),
];

export const callbackIdField: INodeProperties = {
	displayName: 'Callback ID',
	name: 'callback_id',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.contactId }}',
	description:
		'Your own reference for this video, such as a HubSpot contact ID or a Clay row key. HeyGen echoes it in webhook events and the node keeps it in the output, so the video finds its record again.',
};

/** The item's Callback ID, or nothing when empty. */
export function callbackIdOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	return textParameter(ctx, 'callback_id', 'Callback ID', itemIndex) || undefined;
}

export const videoTitleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	description: 'Name of the video in the HeyGen library',
};

export const maxWaitOption: INodeProperties = {
	displayName: 'Max Wait (Minutes)',
	name: 'maxWaitMinutes',
	type: 'number',
	default: 60,
	typeOptions: { minValue: 1, maxValue: 1440 },
	description:
		'How long to wait for each render before giving up. The video keeps rendering in HeyGen; the error names its ID so nothing is lost.',
};

export const maxConcurrentJobsOption: INodeProperties = {
	displayName: 'Max Concurrent Jobs',
	name: 'maxConcurrentJobs',
	type: 'number',
	default: 10,
	typeOptions: { minValue: 1, maxValue: 100 },
	description:
		"How many renders of this node may run in HeyGen at once. Pay-as-you-go accounts allow 10; items beyond HeyGen's limit wait for a free slot instead of failing.",
};

export const includeInputFieldsOption: INodeProperties = {
	displayName: 'Include Input Fields',
	name: 'includeInputFields',
	type: 'boolean',
	default: false,
	description:
		"Whether to copy the input item's fields into the output (for example a contact's ID and email), so they survive this step. HeyGen's fields win on a name clash.",
};

export const freshRenderOption: INodeProperties = {
	displayName: 'Render Identical Input Again',
	name: 'freshRender',
	type: 'boolean',
	default: false,
	description:
		'Whether to start new renders even for input this node already sent in the last 24 hours. Off, a re-run of a failed, stopped or killed execution picks up the renders it already started instead of paying for them again.',
};

/** Options of every operation that starts a render. */
export const createOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeInputFieldsOption, maxConcurrentJobsOption, maxWaitOption, freshRenderOption],
};

/** `fields` with one field's description reworded for the operation at hand. */
export function describeField(fields: INodeProperties[], name: string, description: string): INodeProperties[] {
	return fields.map((field) => (field.name === name ? { ...field, description } : field));
}

/** The "Additional Fields" collection, its options in the alphabetical order n8n's lint asks for. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The binary field a file is read from. */
export const inputBinaryField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'inputBinaryField',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file',
};

export const assetIdField: INodeProperties = {
	displayName: 'Asset ID',
	name: 'asset_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 2f4a6c8e0b1d3f5a',
	description: 'ID of a file uploaded to HeyGen (Asset → Upload returns it)',
};

export const templateLocator: INodeProperties = {
	displayName: 'Template',
	name: 'template_id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A template made in the HeyGen editor (only templates with variables are listed)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9f1c2b3a4d5e6f708192a3b4c5d6e7f8',
			validation: ID_VALIDATION,
		},
	],
};

export const agentStyleLocator: INodeProperties = {
	displayName: 'Style',
	name: 'style_id',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'A curated visual style for the video (Video Agent → Get Styles lists them)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAgentStyles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. cinematic_01',
			validation: ID_VALIDATION,
		},
	],
};

/** Options of the operations that wait for jobs made elsewhere. */
export const waitOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeInputFieldsOption, maxWaitOption],
};
