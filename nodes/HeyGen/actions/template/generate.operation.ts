import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputOf, readEveryItem } from '../../helpers/items';
import { collectionTexts, describeValue, idParameter, textList, textValue } from '../../helpers/parameters';
import { fieldError, validateBody, type FieldLabels } from '../../helpers/validation';
import { generateTemplateVideoBodySchema, type TemplateDetail } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, templateLocator, videoTitleField, waitFields } from '../common.descriptions';
import { checkDownloadField, prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { videoCreatePlan } from '../video/videoJobs';
import { buildVariables, templateVariables, variableLabel, variableLabels } from './variables';

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
			"The template's variables, each typed by HeyGen: text, an image, video or audio (a URL or an asset ID), an avatar or a voice. Empty ones are not sent, so they keep the template's default (shown after each name); those without a default are required.",
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
	const body = collectionTexts(ctx, fields, { title: 'Title', folder_id: 'Folder ID', brand_voice_id: 'Brand Voice ID' }, itemIndex);
	for (const key of ['caption', 'enable_sharing', 'include_gif', 'keep_text_vertically_centered', 'reorder_music'] as const) {
		if (typeof fields[key] === 'boolean') body[key] = fields[key];
	}
	if (fields.fps !== undefined) body.fps = typeof fields.fps === 'string' ? Number(fields.fps) : fields.fps;
	if (fields.width !== undefined || fields.height !== undefined) body.dimension = { width: fields.width, height: fields.height };
	if (Object.prototype.hasOwnProperty.call(fields, 'scene_ids')) {
		const sceneIds = textList(ctx, fields.scene_ids, 'Scene IDs', itemIndex);
		if (sceneIds.length > 0) body.scene_ids = sceneIds;
	}
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

/**
 * The values the item mapped onto the template's variables, as text ('' for one left empty, which
 * is not sent, so the template's default applies). An expression that gives an object, a list or null is refused.
 */
function mappedVariables(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const given = (ctx.getNodeParameter('variables', itemIndex, null) as ResourceMapperValue | null)?.value ?? {};
	if (typeof given !== 'object' || Array.isArray(given)) throw fieldError(ctx, 'Variables', `must be the template's variables, not ${describeValue(given)}`, itemIndex);
	const written = ((ctx.getNode().parameters.variables as IDataObject | undefined)?.value ?? {}) as IDataObject;
	const mapped: Record<string, string> = {};
	for (const [name, value] of Object.entries(given)) {
		const fromExpression = typeof written[name] === 'string' && (written[name] as string).startsWith('=');
		// A field left empty is stored as null; only an expression that gives null is a mistake.
		mapped[name] = (value === null || value === undefined) && !fromExpression ? '' : textValue(ctx, value, variableLabel(name), itemIndex, { keepSpaces: true });
	}
	return mapped;
}

interface ItemTemplateInput {
	templateId: string;
	mapped: Record<string, string>;
	settings: IDataObject;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const runSettings = readCreateSettings(this);
	// Everything that does not depend on the template is checked for every item before any template is read.
	const inputs = await readEveryItem(this, items.length, (itemIndex): ItemTemplateInput => {
		checkDownloadField(this, itemIndex);
		const input = {
			templateId: idParameter(this, 'template_id', 'Template', itemIndex),
			mapped: mappedVariables(this, itemIndex),
			settings: settings(this, itemIndex),
		};
		validateBody(this, generateTemplateVideoBodySchema, { variables: {}, ...input.settings }, LABELS, itemIndex);
		return input;
	});
	const labels: FieldLabels = {
		...LABELS,
		...variableLabels(new Set(inputs.flatMap((input) => (input.ok ? Object.keys(input.value.mapped) : [])))),
	};

	// Each distinct template is read once: its variables type what the items mapped.
	const templates = new Map<string, Promise<TemplateDetail>>();
	const templateOf = (templateId: string, itemIndex: number) => {
		if (!templates.has(templateId)) {
			templates.set(templateId, apiData<TemplateDetail>(this, 'getTemplate', { pathParams: { template_id: templateId }, itemIndex }));
		}
		return templates.get(templateId) as Promise<TemplateDetail>;
	};
	// Only the variables an item sets are sent; HeyGen fills the others with the template's defaults.
	const prepared = await prepareBodies(this, items, generateTemplateVideoBodySchema, labels, async (itemIndex) => {
		const input = inputOf(inputs[itemIndex]);
		const template = await templateOf(input.templateId, itemIndex);
		const built = buildVariables(templateVariables(template), input.mapped, template.name);
		if (built.problem) throw fieldError(this, variableLabel(built.problem.name), built.problem.message, itemIndex, built.problem.hint);
		return { variables: built.given, ...input.settings };
	});

	const plan = videoCreatePlan(this, 'template-video', async (item, idempotencyKey) =>
		await apiData(this, 'generateTemplateVideo', {
			pathParams: { template_id: inputOf(inputs[item.itemIndex]).templateId },
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: labels,
			idempotencyKey,
			rateLimit: 'throw',
		}),
	);
	return await runCreates(this, items, prepared, runSettings, { ...plan, target: (item) => inputOf(inputs[item.itemIndex]).templateId });
}
