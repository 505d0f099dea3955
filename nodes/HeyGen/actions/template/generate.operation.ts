import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInputError, type FieldLabels } from '../../helpers/validation';
import { generateTemplateVideoBodySchema, type TemplateDetail } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, templateLocator, videoTitleField, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { videoCreatePlan } from '../video/videoJobs';
import { buildVariables, templateVariables } from './variables';

const properties: INodeProperties[] = [
	templateLocator,
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['template_id.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateVariables',
				mode: 'add',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError: 'This template has no variables to fill in.',
			},
		},
		description:
			"The template's variables, each typed by HeyGen: text, an image, video or audio (a URL or an asset ID), an avatar or a voice. Empty ones keep the template's default.",
	},
	callbackIdField,
	...waitFields,
	additionalFields([
		{
			displayName: 'Brand Voice ID',
			name: 'brand_voice_id',
			type: 'string',
			default: '',
			description: 'A brand glossary that fixes how names are pronounced',
		},
		{
			displayName: 'Captions',
			name: 'caption',
			type: 'boolean',
			default: false,
			description: 'Whether to burn captions into the video',
		},
		{
			displayName: 'Enable Sharing',
			name: 'enable_sharing',
			type: 'boolean',
			default: false,
			description: 'Whether the video gets a public share page',
		},
		{
			displayName: 'Folder ID',
			name: 'folder_id',
			type: 'string',
			default: '',
			description: 'The HeyGen folder to put the video in',
		},
		{
			displayName: 'Frame Rate',
			name: 'fps',
			type: 'options',
			default: 25,
			options: [
				{ name: '25 Fps', value: 25 },
				{ name: '30 Fps', value: 30 },
				{ name: '60 Fps', value: 60 },
			],
		},
		{
			displayName: 'Height (Px)',
			name: 'height',
			type: 'number',
			default: 1080,
			typeOptions: { minValue: 128, maxValue: 4096 },
			description: 'Output height; an even number that keeps the template’s aspect ratio (set Width too)',
		},
		{
			displayName: 'Include GIF Preview',
			name: 'include_gif',
			type: 'boolean',
			default: false,
			description: 'Whether HeyGen also makes an animated GIF preview',
		},
		{
			displayName: 'Keep Text Vertically Centered',
			name: 'keep_text_vertically_centered',
			type: 'boolean',
			default: false,
			description: 'Whether text boxes stay vertically centred when the text length changes',
		},
		{
			displayName: 'Move Music with Scenes',
			name: 'reorder_music',
			type: 'boolean',
			default: true,
			description: 'Whether background music moves with its scene when scenes are picked or reordered',
		},
		{
			displayName: 'Scene IDs',
			name: 'scene_ids',
			type: 'string',
			default: '',
			placeholder: 'e.g. intro, offer, outro',
			description: 'Comma-separated scene IDs to render, in this order (Template → Get lists them); empty renders all',
		},
		videoTitleField,
		{
			displayName: 'Width (Px)',
			name: 'width',
			type: 'number',
			default: 1920,
			typeOptions: { minValue: 128, maxValue: 4096 },
			description: 'Output width; an even number that keeps the template’s aspect ratio (set Height too)',
		},
	]),
	createOptions,
];

const displayOptions = { show: { resource: ['template'], operation: ['generate'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	variables: 'Variables',
	title: 'Title',
	dimension: 'Width and Height',
	'dimension.width': 'Width (Px)',
	'dimension.height': 'Height (Px)',
	fps: 'Frame Rate',
	scene_ids: 'Scene IDs',
	callback_id: 'Callback ID',
	folder_id: 'Folder ID',
	brand_voice_id: 'Brand Voice ID',
};

function settings(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const key of ['title', 'folder_id', 'brand_voice_id'] as const) {
		if (typeof fields[key] === 'string' && (fields[key] as string).trim()) body[key] = (fields[key] as string).trim();
	}
	for (const key of ['caption', 'enable_sharing', 'include_gif', 'keep_text_vertically_centered', 'reorder_music'] as const) {
		if (typeof fields[key] === 'boolean') body[key] = fields[key];
	}
	if (fields.fps !== undefined) body.fps = Number(fields.fps);
	if (fields.width !== undefined || fields.height !== undefined) body.dimension = { width: fields.width, height: fields.height };
	if (typeof fields.scene_ids === 'string' && fields.scene_ids.trim()) {
		body.scene_ids = fields.scene_ids
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
	}
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Each distinct template is read once: its variables type what the items mapped.
	const templates = new Map<string, Promise<TemplateDetail>>();
	const templateOf = (templateId: string, itemIndex: number) => {
		if (!templates.has(templateId)) {
			templates.set(templateId, apiData<TemplateDetail>(this, 'getTemplate', { pathParams: { template_id: templateId }, itemIndex }));
		}
		return templates.get(templateId) as Promise<TemplateDetail>;
	};
	const templateIds = items.map((_, i) => String(this.getNodeParameter('template_id', i, '', { extractValue: true })).trim());

	const prepared = await prepareBodies(this, items, generateTemplateVideoBodySchema, LABELS, async (itemIndex) => {
		const template = await templateOf(templateIds[itemIndex], itemIndex);
		const mapped = (this.getNodeParameter('variables', itemIndex) as ResourceMapperValue | null)?.value ?? {};
		const { variables, problem } = buildVariables(templateVariables(template), mapped, template.name);
		if (problem) throw invalidInputError(this, problem, { [problem.param]: problem.param.replace('variables.', 'Variable ') }, itemIndex);
		return { variables, ...settings(this, itemIndex) };
	});

	const plan = videoCreatePlan(this, 'template-video', async (item, idempotencyKey) =>
		await apiData(this, 'generateTemplateVideo', {
			pathParams: { template_id: templateIds[item.itemIndex] },
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		}),
	);
	return await runCreates(this, items, prepared, readCreateSettings(this), { ...plan, target: (item) => templateIds[item.itemIndex] });
}
