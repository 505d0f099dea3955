import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInputError } from '../../helpers/validation';
import { prepareBodies, readRenderSettings, renderVideos } from './render';
import { callbackId, createVideoTail, settingsBody, speechBody, speechFields, VIDEO_FIELD_LABELS } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		noDataExpression: true,
		default: 'url',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'An image uploaded to HeyGen' },
			{ name: 'URL', value: 'url', description: 'A public link to a JPG or PNG' },
		],
	},
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

function buildBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const source = ctx.getNodeParameter('imageSource', itemIndex) as string;
	const image =
		source === 'assetId'
			? { type: 'asset_id', asset_id: String(ctx.getNodeParameter('image_asset_id', itemIndex, '')).trim() }
			: { type: 'url', url: String(ctx.getNodeParameter('image_url', itemIndex, '')).trim() };
	const body: IDataObject = { type: 'image', image, ...speechBody(ctx, itemIndex), ...settingsBody(ctx, itemIndex) };
	// A photo has no default voice to fall back on.
	if (body.script && !body.voice_id) {
		throw invalidInputError(ctx, { param: 'voice_id', message: 'is required when a script is read' }, VIDEO_FIELD_LABELS, itemIndex);
	}
	const callback = callbackId(ctx, itemIndex);
	if (callback) body.callback_id = callback;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const prepared = await prepareBodies(this, items, (itemIndex) => buildBody(this, itemIndex));
	return await renderVideos(this, items, prepared, readRenderSettings(this));
}
