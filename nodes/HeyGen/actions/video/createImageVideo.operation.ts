import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInputError } from '../../helpers/validation';
import { createVideoBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { callbackIdOf, inputBinaryField } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { fileSourceInput, pendingFileFingerprint, uploadPendingFile } from '../fileSource';
import { createVideoTail, settingsBody, speechBody, speechFields, VIDEO_FIELD_LABELS } from './shared';
import { videoCreatePlan } from './videoJobs';

const properties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		noDataExpression: true,
		default: 'url',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'An image uploaded to HeyGen' },
			{ name: 'Binary File', value: 'binary', description: 'A JPG or PNG in an input binary field, uploaded first (up to 32 MB)' },
			{ name: 'URL', value: 'url', description: 'A public link to a JPG or PNG' },
		],
	},
	{ ...inputBinaryField, displayOptions: { show: { imageSource: ['binary'] } } },
	{
		displayName: 'Image URL',
		name: 'image_url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/portrait.jpg',
		description: 'Public link to the photo to animate (JPG or PNG, at most 50 MB)',
		displayOptions: { show: { imageSource: ['url'] } },
	},
	{
		displayName: 'Image Asset ID',
		name: 'image_asset_id',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of an image uploaded to HeyGen (Asset → Upload)',
		displayOptions: { show: { imageSource: ['assetId'] } },
	},
	...speechFields(true),
	...createVideoTail(),
];

const displayOptions = { show: { resource: ['video'], operation: ['createImageVideo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const image = await fileSourceInput(ctx, itemIndex, {
		source: ['imageSource', 'Image Source'],
		url: ['image_url', 'Image URL'],
		assetId: ['image_asset_id', 'Image Asset ID'],
	});
	const body: IDataObject = { type: 'image', image, ...speechBody(ctx, itemIndex), ...settingsBody(ctx, itemIndex) };
	// A photo has no default voice to fall back on.
	if (body.script && !body.voice_id) {
		throw invalidInputError(ctx, { param: 'voice_id', message: 'is required when a script is read' }, VIDEO_FIELD_LABELS, itemIndex);
	}
	const callback = callbackIdOf(ctx, itemIndex);
	if (callback) body.callback_id = callback;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createVideoBodySchema, VIDEO_FIELD_LABELS, (itemIndex) => buildBody(this, itemIndex));
	const plan = videoCreatePlan(
		this,
		'video',
		async (item, idempotencyKey) =>
			await apiData(this, 'createVideo', { body: item.body, itemIndex: item.itemIndex, fieldLabels: VIDEO_FIELD_LABELS, idempotencyKey, rateLimit: 'throw' }),
		{ batches: true },
	);
	const imageOf = (item: PreparedItem) => (item.body as IDataObject).image as IDataObject;
	return await runCreates(this, items, prepared, settings, {
		...plan,
		// The photo is uploaded when its item is sent, and counts in the idempotency key by its content.
		beforeSend: async (item) => await uploadPendingFile(this, item.itemIndex, imageOf(item)),
		fingerprint: async (item) => await pendingFileFingerprint(this, item.itemIndex, imageOf(item)),
	});
}
