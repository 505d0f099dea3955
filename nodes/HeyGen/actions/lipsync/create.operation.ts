import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionFields, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { createLipsyncBodySchema, LIPSYNC_MODES } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, describeField, waitFields } from '../common.descriptions';
import { dubbingSwitches } from '../dubbingOptions';
import { prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { fileSourceInput, pendingFilesFingerprint, uploadPendingFiles } from '../fileSource';
import { lipsyncCreatePlan } from './lipsyncJobs';

/** "Video Source" or "Audio Source" and the fields of each way to give the file. */
function fileFields(media: 'video' | 'audio'): INodeProperties[] {
	const Name = media === 'video' ? 'Video' : 'Audio';
	const source = `${media}Source`;
	const show = (value: string) => ({ show: { [source]: [value] } });
	return [
		{
			displayName: `${Name} Source`,
			name: source,
			type: 'options',
			noDataExpression: true,
			default: 'url',
			options: [
				{ name: 'Asset ID', value: 'assetId', description: `${media === 'video' ? 'A video' : 'An audio file'} uploaded to HeyGen` },
				{ name: 'Binary File', value: 'binary', description: `${media === 'video' ? 'An MP4 or WebM' : 'An MP3 or WAV'} in an input binary field, uploaded first (up to 32 MB)` },
				{ name: 'URL', value: 'url', description: media === 'video' ? 'A public link to an MP4 or WebM (up to 100 MB)' : 'A public link to an MP3 or WAV (up to 50 MB)' },
			],
		},
		{
			displayName: `${Name} URL`,
			name: `${media}_url`,
			type: 'string',
			default: '',
			required: true,
			placeholder: media === 'video' ? 'e.g. https://example.com/presenter.mp4' : 'e.g. {{ $json.audio_url }}',
			description: media === 'video' ? 'The video whose speech is replaced; a face must be visible' : 'The new speech, for example the audio_url of Voice → Generate Speech',
			displayOptions: show('url'),
		},
		{
			displayName: `${Name} Asset ID`,
			name: `${media}_asset_id`,
			type: 'string',
			default: '',
			required: true,
			displayOptions: show('assetId'),
		},
		{
			displayName: `${Name} Binary Field`,
			name: `${media}BinaryField`,
			type: 'string',
			default: 'data',
			required: true,
			hint: `The name of the input binary field containing the ${media === 'video' ? 'video' : 'audio'}`,
			displayOptions: show('binary'),
		},
	];
}

const properties: INodeProperties[] = [
	...fileFields('video'),
	...fileFields('audio'),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'speed',
		options: LIPSYNC_MODES.map((mode) => ({
			name: mode === 'speed' ? 'Speed' : 'Precision',
			value: mode,
			description: mode === 'speed' ? 'Faster and cheaper' : 'Closer mouth movements (HeyGen models the face); costs twice as much',
		})),
	},
	callbackIdField,
	...describeField(
		describeField(waitFields, 'waitForCompletion', 'Whether to wait until HeyGen has finished the lipsync. All items wait together; when off, the node returns the lipsync ID at once (use Lipsync → Wait for Completion later).'),
		'downloadVideo',
		'Whether to download the lipsynced video into the output as binary data',
	),
	additionalFields([
		{ displayName: 'Captions', name: 'enable_caption', type: 'boolean', default: false, description: 'Whether to make an SRT caption file (caption_url)' },
		{ displayName: 'Dynamic Duration', name: 'enable_dynamic_duration', type: 'boolean', default: true, description: 'Whether the video may get longer or shorter to fit the new audio' },
		{ displayName: 'End Time (Seconds)', name: 'end_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Lipsync only up to this point of the video' },
		{ displayName: 'Folder ID', name: 'folder_id', type: 'string', default: '', description: 'The HeyGen folder to put the lipsync in' },
		{
			displayName: 'Frame Rate Mode',
			name: 'fps_mode',
			type: 'options',
			default: 'cfr',
			options: [
				{ name: 'Constant (CFR)', value: 'cfr' },
				{ name: 'Passthrough', value: 'passthrough', description: "Keep the source's own frame timing" },
				{ name: 'Variable (VFR)', value: 'vfr' },
			],
		},
		{ displayName: 'Start Time (Seconds)', name: 'start_time', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Lipsync only from this point of the video' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Name of the lipsync in HeyGen' },
		{ displayName: 'Watermark', name: 'enable_watermark', type: 'boolean', default: false, description: 'Whether HeyGen adds its watermark' },
		...dubbingSwitches,
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['lipsync'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	video: 'Video',
	'video.url': 'Video URL',
	'video.asset_id': 'Video Asset ID',
	audio: 'Audio',
	'audio.url': 'Audio URL',
	'audio.asset_id': 'Audio Asset ID',
	mode: 'Mode',
	title: 'Title',
	folder_id: 'Folder ID',
	fps_mode: 'Frame Rate Mode',
	start_time: 'Start Time (Seconds)',
	end_time: 'End Time (Seconds)',
	callback_id: 'Callback ID',
};

/** Text fields under Additional Fields, by name, with their display names. */
const TEXT_SETTINGS = { folder_id: 'Folder ID', fps_mode: 'Frame Rate Mode', title: 'Title' };

async function fileOf(ctx: IExecuteFunctions, itemIndex: number, media: 'video' | 'audio'): Promise<IDataObject> {
	const Name = media === 'video' ? 'Video' : 'Audio';
	return await fileSourceInput(ctx, itemIndex, {
		source: [`${media}Source`, `${Name} Source`],
		url: [`${media}_url`, `${Name} URL`],
		assetId: [`${media}_asset_id`, `${Name} Asset ID`],
		binaryField: [`${media}BinaryField`, `${Name} Binary Field`],
		media,
	});
}

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		video: await fileOf(ctx, itemIndex, 'video'),
		audio: await fileOf(ctx, itemIndex, 'audio'),
		mode: textParameter(ctx, 'mode', 'Mode', itemIndex) || 'speed',
		...collectionFields(ctx, fields, TEXT_SETTINGS, itemIndex),
	};
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createLipsyncBodySchema, LABELS, async (itemIndex) => await buildBody(this, itemIndex));
	const plan = lipsyncCreatePlan(this, async (item, idempotencyKey) => {
		const created = await apiData<{ lipsync_id: string }>(this, 'createLipsync', {
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
		return created.lipsync_id;
	});
	const filesOf = (item: PreparedItem) => [(item.body as IDataObject).video, (item.body as IDataObject).audio] as IDataObject[];
	return await runCreates(this, items, prepared, settings, {
		...plan,
		// Binary files are uploaded when their item is sent, and count in the idempotency key by their content.
		beforeSend: async (item) => await uploadPendingFiles(this, item.itemIndex, filesOf(item)),
		fingerprint: async (item) => await pendingFilesFingerprint(this, item.itemIndex, filesOf(item)),
	});
}
