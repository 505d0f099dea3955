import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionFields, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { createTranslationBodySchema } from '../../schemas';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, describeField, waitFields } from '../common.descriptions';
import { outputLanguagesFields, SOUND_AND_FORMAT_FIELDS, translationModeField, VIDEO_SOURCE_LABELS, videoSourceFields } from './fields';
import { outputLanguagesOf, runLanguageCreates, videoSourceInput } from './shared';
import { translationCreatePlan } from './translationJobs';

const properties: INodeProperties[] = [
	...videoSourceFields,
	...outputLanguagesFields('translation'),
	translationModeField,
	callbackIdField,
	...describeField(waitFields, 'downloadVideo', 'Whether to download each translated video into the output as binary data'),
	additionalFields([
		...SOUND_AND_FORMAT_FIELDS,
		{ displayName: 'Brand Glossary ID', name: 'brand_glossary_id', type: 'string', default: '', description: 'A glossary of terms to keep or pronounce a certain way' },
		{ displayName: 'Captions', name: 'enable_caption', type: 'boolean', default: false, description: 'Whether to make SRT and VTT caption files' },
		{ displayName: 'Dynamic Duration', name: 'enable_dynamic_duration', type: 'boolean', default: true, description: 'Whether the video may get longer or shorter to fit the translated speech' },
		{ displayName: 'End Time (Seconds)', name: 'end_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Translate only up to this point' },
		{ displayName: 'Folder ID', name: 'folder_id', type: 'string', default: '', description: 'The HeyGen folder to put the translations in' },
		{ displayName: 'Input Language', name: 'input_language', type: 'string', default: '', placeholder: 'e.g. English', description: 'The language spoken in the video; detected when empty' },
		{ displayName: 'Start Time (Seconds)', name: 'start_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Translate only from this point' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Name of the translation in HeyGen' },
		{ displayName: 'Translate Audio Only', name: 'translate_audio_only', type: 'boolean', default: false, description: 'Whether to dub only the audio and keep the original picture (no lip-sync)' },
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	...VIDEO_SOURCE_LABELS,
	title: 'Title',
	input_language: 'Input Language',
	speaker_num: 'Speakers',
	start_time: 'Start Time (Seconds)',
	end_time: 'End Time (Seconds)',
	callback_id: 'Callback ID',
	brand_glossary_id: 'Brand Glossary ID',
	folder_id: 'Folder ID',
};

/** Text fields under Additional Fields, by name, with their display names. */
const TEXT_SETTINGS = { brand_glossary_id: 'Brand Glossary ID', folder_id: 'Folder ID', input_language: 'Input Language', title: 'Title' };

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const video = await videoSourceInput(ctx, itemIndex);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		video,
		output_languages: outputLanguagesOf(ctx, itemIndex),
		mode: textParameter(ctx, 'mode', 'Mode', itemIndex) || 'speed',
		...collectionFields(ctx, fields, TEXT_SETTINGS, itemIndex),
	};
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runLanguageCreates(this, items, {
		schema: createTranslationBodySchema,
		labels: LABELS,
		build: async (itemIndex) => await buildBody(this, itemIndex),
		endpoint: 'createTranslation',
		ids: (data) => data.video_translation_ids as string[],
		plan: (send) => translationCreatePlan(this, send),
	});
}
