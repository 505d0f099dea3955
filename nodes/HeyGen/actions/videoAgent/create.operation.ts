import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionTexts, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { AGENT_ORIENTATIONS, createAgentSessionBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, agentStyleLocator, avatarLookLocator, callbackIdField, callbackIdOf, createOptions, describeField, voiceLocator, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { agentPlan } from './agentJobs';
import { fileLabels, filesBody, filesField, lookChoices } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 6 },
		placeholder: 'e.g. A 45-second explainer of our new pricing for small businesses, upbeat, with captions',
		description: 'What the video should be about, up to 10,000 characters; the agent writes the script and picks the visuals',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'generate',
		options: [
			{ name: 'Chat', value: 'chat', description: 'The agent may stop to ask questions; answer with Send Message' },
			{ name: 'Generate', value: 'generate', description: 'One shot: the agent goes straight to the finished video' },
		],
	},
	callbackIdField,
	...describeField(
		waitFields,
		'waitForCompletion',
		'Whether to wait for the finished video (in Chat mode, until the agent asks something or finishes). When off, the node returns the session ID at once.',
	),
	additionalFields([
		{ ...avatarLookLocator, required: false, description: 'The avatar to present the video; the agent picks one when empty' },
		{ displayName: 'Brand Kit ID', name: 'brand_kit_id', type: 'string', default: '', description: 'Brand colours, fonts and logos to use' },
		filesField,
		{
			displayName: 'Incognito',
			name: 'incognito_mode',
			type: 'boolean',
			default: false,
			description: 'Whether the agent forgets this session (no memory of earlier sessions is used or kept)',
		},
		{
			displayName: 'Orientation',
			name: 'orientation',
			type: 'options',
			default: 'landscape',
			options: AGENT_ORIENTATIONS.map((orientation) => ({ name: orientation === 'landscape' ? 'Landscape' : 'Portrait', value: orientation })),
		},
		agentStyleLocator,
		{ ...voiceLocator, description: 'The voice of the narration; the agent picks one when empty' },
	] as INodeProperties[]),
	createOptions,
];

const displayOptions = { show: { resource: ['videoAgent'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = {
	prompt: 'Prompt',
	mode: 'Mode',
	avatar_id: 'Avatar',
	voice_id: 'Voice',
	style_id: 'Style',
	brand_kit_id: 'Brand Kit ID',
	orientation: 'Orientation',
	callback_id: 'Callback ID',
	...fileLabels(),
};

function buildBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		prompt: textParameter(ctx, 'prompt', 'Prompt', itemIndex, { required: true, keepSpaces: true }),
		mode: textParameter(ctx, 'mode', 'Mode', itemIndex) || 'generate',
		...lookChoices(ctx, fields, ['avatar_id', 'voice_id', 'style_id'], itemIndex),
		...collectionTexts(ctx, fields, { brand_kit_id: 'Brand Kit ID', orientation: 'Orientation' }, itemIndex),
	};
	if (typeof fields.incognito_mode === 'boolean') body.incognito_mode = fields.incognito_mode;
	const files = filesBody(ctx, fields, itemIndex);
	if (files) body.files = files;
	const callbackId = callbackIdOf(ctx, itemIndex);
	if (callbackId) body.callback_id = callbackId;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createAgentSessionBodySchema, LABELS, (itemIndex) => buildBody(this, itemIndex));
	// Read once from the checked bodies: the wait asks on every poll.
	const chatItems = new Set(prepared.filter((item) => item.body?.mode === 'chat').map((item) => item.itemIndex));
	const isChat = (itemIndex: number) => chatItems.has(itemIndex);
	const plan = agentPlan(this, isChat, async (item, idempotencyKey) =>
		await apiData<IDataObject>(this, 'createAgentSession', {
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		}),
	);
	// HeyGen calls back when a session ends, not when a chat session stops to ask: chat items poll.
	return await runCreates(this, items, prepared, settings, { ...plan, callsBack: chatItems.size === 0 });
}
