import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionTexts, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import {
	createHyperframesRenderBodySchema,
	DEFAULT_COMPOSITION,
	DEFAULT_HYPERFRAMES_FPS,
	HYPERFRAMES_FPS_RANGE,
} from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, describeField, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { pendingFileFingerprint, uploadPendingFile } from '../fileSource';
import { projectFields, projectInput, variablesFields, variablesOf } from './project';
import { renderPlan } from './renderJobs';

const properties: INodeProperties[] = [
	...projectFields,
	...variablesFields,
	{
		displayName: 'Aspect Ratio',
		name: 'aspect_ratio',
		type: 'options',
		default: '16:9',
		options: [
			{ name: '16:9 (Landscape)', value: '16:9' },
			{ name: '1:1 (Square)', value: '1:1' },
			{ name: '9:16 (Portrait)', value: '9:16' },
		],
	},
	{
		displayName: 'Output Format',
		name: 'format',
		type: 'options',
		default: 'mp4',
		options: [
			{ name: 'MOV', value: 'mov', description: 'QuickTime, for editing software' },
			{ name: 'MP4', value: 'mp4', description: 'Plays everywhere' },
			{ name: 'WebM', value: 'webm', description: 'For the web' },
		],
	},
	callbackIdField,
	...describeField(waitFields, 'downloadVideo', 'Whether to download each rendered video into the output as binary data'),
	additionalFields([
		{
			displayName: 'Entry Composition',
			name: 'composition',
			type: 'string',
			default: '',
			placeholder: `e.g. compositions/intro.html`,
			description: `The HTML file to render, relative to the top of the zip; ${DEFAULT_COMPOSITION} when empty`,
		},
		{
			displayName: 'Frames per Second',
			name: 'fps',
			type: 'number',
			default: DEFAULT_HYPERFRAMES_FPS,
			typeOptions: { minValue: HYPERFRAMES_FPS_RANGE.min, maxValue: HYPERFRAMES_FPS_RANGE.max },
		},
		{
			displayName: 'Quality',
			name: 'quality',
			type: 'options',
			default: 'standard',
			options: [
				{ name: 'Draft', value: 'draft', description: 'Fastest, for checking a composition' },
				{ name: 'High', value: 'high', description: 'Best picture; slower' },
				{ name: 'Standard', value: 'standard' },
			],
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			default: '1080p',
			options: [
				{ name: '1080p', value: '1080p' },
				{ name: '4K', value: '4k', description: 'Billed at 1.5 times the 1080p price' },
			],
		},
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Name of the render in HeyGen' },
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	project: 'Project Source',
	'project.url': 'Project URL',
	'project.asset_id': 'Project Asset ID',
	fps: 'Frames per Second',
	quality: 'Quality',
	format: 'Output Format',
	resolution: 'Resolution',
	aspect_ratio: 'Aspect Ratio',
	composition: 'Entry Composition',
	variables: 'Variables',
	title: 'Title',
	callback_id: 'Callback ID',
};

/** Fields under Additional Fields that are text, by name, with their display names. */
const TEXT_SETTINGS = { composition: 'Entry Composition', quality: 'Quality', resolution: 'Resolution', title: 'Title' };

async function buildBody(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const settings = collectionTexts(ctx, fields, TEXT_SETTINGS, itemIndex);
	const body: IDataObject = {
		project: await projectInput(ctx, itemIndex, String(settings.composition ?? DEFAULT_COMPOSITION)),
		format: textParameter(ctx, 'format', 'Output Format', itemIndex) || 'mp4',
		aspect_ratio: textParameter(ctx, 'aspect_ratio', 'Aspect Ratio', itemIndex) || '16:9',
		...settings,
	};
	// A number field's expression may give text; the schema names anything that is not a whole number.
	if (fields.fps !== undefined && fields.fps !== null && fields.fps !== '') body.fps = typeof fields.fps === 'string' ? Number(fields.fps) : fields.fps;
	const variables = variablesOf(ctx, itemIndex);
	if (variables) body.variables = variables;
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createHyperframesRenderBodySchema, LABELS, async (itemIndex) => await buildBody(this, itemIndex));
	const plan = renderPlan(this, async (item, idempotencyKey) => {
		const created = await apiData<{ render_id: string }>(this, 'createHyperframesRender', {
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
		return created.render_id;
	});
	const projectOf = (item: PreparedItem) => (item.body as IDataObject).project as IDataObject;
	return await runCreates(this, items, prepared, settings, {
		...plan,
		// The zip is uploaded when its item is sent, and counts in the idempotency key by its content.
		beforeSend: async (item) => await uploadPendingFile(this, item.itemIndex, projectOf(item), 'application/zip'),
		fingerprint: async (item) => await pendingFileFingerprint(this, item.itemIndex, projectOf(item)),
	});
}
