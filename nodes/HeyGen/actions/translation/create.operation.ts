import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionTexts, textList, textParameter } from '../../helpers/parameters';
import { invalidInputError, type FieldLabels } from '../../helpers/validation';
import { createTranslationBodySchema, TRANSLATION_MODES } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, describeField, inputBinaryField, waitFields } from '../common.descriptions';
import { dubbingSwitches } from '../dubbingOptions';
import { failPrepared, prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { fileSourceInput, pendingFileFingerprint, uploadPendingFile } from '../fileSource';
import { translationCreatePlan } from './translationJobs';

const properties: INodeProperties[] = [
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
	{
		displayName: 'Output Language Names or IDs',
		name: 'output_languages',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTranslationLanguages' },
		default: [],
		required: true,
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Each language becomes its own translation and output item. An expression may give a list or comma-separated names.',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'speed',
		options: TRANSLATION_MODES.map((mode) => ({
			name: mode === 'speed' ? 'Speed' : 'Precision',
			value: mode,
			description: mode === 'speed' ? 'Faster and cheaper' : 'Higher quality lip-sync; costs more',
		})),
	},
	callbackIdField,
	...describeField(waitFields, 'downloadVideo', 'Whether to download each translated video into the output as binary data'),
	additionalFields([
		{ displayName: 'Brand Glossary ID', name: 'brand_glossary_id', type: 'string', default: '', description: 'A glossary of terms to keep or pronounce a certain way' },
		{ displayName: 'Captions', name: 'enable_caption', type: 'boolean', default: false, description: 'Whether to make SRT and VTT caption files' },
		{ displayName: 'Dynamic Duration', name: 'enable_dynamic_duration', type: 'boolean', default: true, description: 'Whether the video may get longer or shorter to fit the translated speech' },
		{ displayName: 'End Time (Seconds)', name: 'end_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Translate only up to this point' },
		{ displayName: 'Folder ID', name: 'folder_id', type: 'string', default: '', description: 'The HeyGen folder to put the translations in' },
		{ displayName: 'Input Language', name: 'input_language', type: 'string', default: '', placeholder: 'e.g. English', description: 'The language spoken in the video; detected when empty' },
		{ displayName: 'Speakers', name: 'speaker_num', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: 'How many people speak; helps separate voices' },
		{ displayName: 'Start Time (Seconds)', name: 'start_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Translate only from this point' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Name of the translation in HeyGen' },
		{ displayName: 'Translate Audio Only', name: 'translate_audio_only', type: 'boolean', default: false, description: 'Whether to dub only the audio and keep the original picture (no lip-sync)' },
		...dubbingSwitches,
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	video: 'Video',
	'video.url': 'Video URL',
	'video.asset_id': 'Video Asset ID',
	output_languages: 'Output Languages',
	mode: 'Mode',
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
	const video = await fileSourceInput(ctx, itemIndex, {
		source: ['videoSource', 'Video Source'],
		url: ['video_url', 'Video URL'],
		assetId: ['video_asset_id', 'Video Asset ID'],
	});
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		video,
		output_languages: textList(ctx, ctx.getNodeParameter('output_languages', itemIndex, []), 'Output Languages', itemIndex),
		mode: textParameter(ctx, 'mode', 'Mode', itemIndex) || 'speed',
		...collectionTexts(ctx, fields, TEXT_SETTINGS, itemIndex),
	};
	for (const [key, value] of Object.entries(fields)) {
		if (!(key in TEXT_SETTINGS) && value !== undefined) body[key] = value;
	}
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

/**
 * Checks every item's output languages against HeyGen's list, read once and only when some item
 * is left to send: after every item's own input was checked.
 */
async function checkLanguages(ctx: IExecuteFunctions, prepared: PreparedItem[]): Promise<void> {
	const toSend = prepared.filter((item) => item.body);
	if (toSend.length === 0) return;
	const listed = await apiData<{ languages: string[] }>(ctx, 'listTranslationLanguages', { itemIndex: toSend[0].itemIndex }).then(
		({ languages }) => new Set(languages),
		(error: unknown) => error as Error,
	);
	for (const item of toSend) {
		if (listed instanceof Error) {
			failPrepared(ctx, item, listed);
			continue;
		}
		const unknown = ((item.body as IDataObject).output_languages as string[]).find((language) => !listed.has(language));
		if (unknown) {
			const problem = { param: 'output_languages', message: `includes "${unknown}", which HeyGen does not translate into; pick languages from the list` };
			failPrepared(ctx, item, invalidInputError(ctx, problem, LABELS, item.itemIndex));
		}
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createTranslationBodySchema, LABELS, async (itemIndex) => await buildBody(this, itemIndex));
	await checkLanguages(this, prepared);

	const plan = translationCreatePlan(this, async (item, idempotencyKey) => {
		const created = await apiData<{ video_translation_ids: string[] }>(this, 'createTranslation', {
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
		return created.video_translation_ids;
	});
	const videoOf = (item: PreparedItem) => (item.body as IDataObject).video as IDataObject;
	return await runCreates(this, items, prepared, settings, {
		...plan,
		// The video is uploaded when its item is sent, and counts in the idempotency key by its content.
		beforeSend: async (item) => await uploadPendingFile(this, item.itemIndex, videoOf(item)),
		fingerprint: async (item) => await pendingFileFingerprint(this, item.itemIndex, videoOf(item)),
	});
}
