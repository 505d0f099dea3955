import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInputError } from '../../helpers/validation';
import { createVideoBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { binaryFingerprint, checkBinaryUpload, uploadBinaryAsset } from '../../transport/upload';
import { callbackIdOf, inputBinaryField } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
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

/** Stands in for the asset ID of an image uploaded just before its video is created. */
const UPLOAD_PENDING = 'pending-upload';

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = ctx.getNodeParameter('imageSource', itemIndex) as string;
	if (source === 'binary') {
		await checkBinaryUpload(ctx, itemIndex, ctx.getNodeParameter('inputBinaryField', itemIndex, 'data') as string);
	}
	const image =
		source === 'url'
			? { type: 'url', url: String(ctx.getNodeParameter('image_url', itemIndex, '')).trim() }
			: {
					type: 'asset_id',
					asset_id: source === 'binary' ? UPLOAD_PENDING : String(ctx.getNodeParameter('image_asset_id', itemIndex, '')).trim(),
				};
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
	const prepared = await prepareBodies(this, items, createVideoBodySchema, VIDEO_FIELD_LABELS, (itemIndex) => buildBody(this, itemIndex));
	const plan = videoCreatePlan(this, 'video', async (item, idempotencyKey) => {
		const image = (item.body as IDataObject).image as IDataObject;
		if (image.asset_id === UPLOAD_PENDING) {
			// Uploaded when the item's turn comes, so no file is sent for an item that never runs.
			const field = this.getNodeParameter('inputBinaryField', item.itemIndex, 'data') as string;
			image.asset_id = (await uploadBinaryAsset(this, item.itemIndex, field)).asset_id;
		}
		return await apiData(this, 'createVideo', {
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: VIDEO_FIELD_LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
	});
	// A file uploaded when the item is sent counts in the idempotency key by its content.
	const fingerprint = async (item: PreparedItem) =>
		((item.body as IDataObject).image as IDataObject).asset_id === UPLOAD_PENDING
			? await binaryFingerprint(this, item.itemIndex, this.getNodeParameter('inputBinaryField', item.itemIndex, 'data') as string)
			: undefined;
	return await runCreates(this, items, prepared, readCreateSettings(this), { ...plan, fingerprint });
}
