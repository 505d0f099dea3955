import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionText, collectionFields, fileReference, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { createProofreadBodySchema } from '../../schemas';
import { additionalFields, createOptions, waitFields } from '../common.descriptions';
import { outputLanguagesFields, SOUND_AND_FORMAT_FIELDS, translationModeField, VIDEO_SOURCE_LABELS, videoSourceFields } from './fields';
import { proofreadPlan } from './proofreadJobs';
import { outputLanguagesOf, runLanguageCreates, videoSourceInput } from './shared';

const properties: INodeProperties[] = [
	...videoSourceFields,
	...outputLanguagesFields('proofread'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Product walkthrough',
		description: 'Name of the proofread in HeyGen (HeyGen requires one)',
	},
	translationModeField,
	...waitFields
		.filter((field) => field.name === 'waitForCompletion' || field.name === 'waitMode')
		.map((field) =>
			field.name === 'waitForCompletion'
				? {
						...field,
						description:
							'Whether to wait until HeyGen has made the subtitles of every language. When off, the node returns the proofread IDs at once (use Get Proofread with waiting on, or the HeyGen Trigger, later).',
					}
				: field,
		),
	additionalFields([
		...SOUND_AND_FORMAT_FIELDS,
		{ displayName: 'Brand Glossary ID', name: 'brand_glossary_id', type: 'string', default: '', description: 'A glossary of terms to keep or translate a certain way' },
		{ displayName: 'Dynamic Duration', name: 'enable_video_stretching', type: 'boolean', default: false, description: 'Whether the video may get longer or shorter to fit the translated speech' },
		{ displayName: 'Folder ID', name: 'folder_id', type: 'string', default: '', description: 'The HeyGen folder to put the proofreads in' },
		{
			displayName: 'Initial SRT (URL or Asset ID)',
			name: 'srt',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/subtitles.srt',
			description: 'Subtitles to start from instead of HeyGen transcribing the video; kept as the original SRT',
		},
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['createProofread'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	...VIDEO_SOURCE_LABELS,
	title: 'Title',
	speaker_num: 'Speakers',
	srt: 'Initial SRT (URL or Asset ID)',
	'srt.url': 'Initial SRT (URL or Asset ID)',
	'srt.asset_id': 'Initial SRT (URL or Asset ID)',
	brand_glossary_id: 'Brand Glossary ID',
	folder_id: 'Folder ID',
};

/** Text fields under Additional Fields, by name, with their display names. */
const TEXT_SETTINGS = { brand_glossary_id: 'Brand Glossary ID', folder_id: 'Folder ID' };

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const video = await videoSourceInput(ctx, itemIndex);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		video,
		output_languages: outputLanguagesOf(ctx, itemIndex),
		title: textParameter(ctx, 'title', 'Title', itemIndex, { required: true }),
		mode: textParameter(ctx, 'mode', 'Mode', itemIndex) || 'speed',
		...collectionFields(ctx, fields, TEXT_SETTINGS, itemIndex, ['srt']),
	};
	const srt = collectionText(ctx, fields, 'srt', LABELS.srt, itemIndex);
	if (srt) body.srt = fileReference(ctx, srt, LABELS.srt, itemIndex);
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runLanguageCreates(this, items, {
		schema: createProofreadBodySchema,
		labels: LABELS,
		build: async (itemIndex) => await buildBody(this, itemIndex),
		endpoint: 'createProofread',
		ids: (data) => data.proofread_ids as string[],
		plan: (send) => proofreadPlan(this, send),
	});
}
