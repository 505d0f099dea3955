import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionTexts, idParameter, textParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { sendAgentMessageBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, avatarLookLocator, createOptions, describeField, voiceLocator, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { agentPlan } from './agentJobs';
import { fileLabels, filesBody, filesField, lookChoices, sessionIdField } from './fields';

const properties: INodeProperties[] = [
	{ ...sessionIdField, description: 'The chat-mode session to answer' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Yes, go ahead, and make the ending shorter',
		description: "Your answer to the agent's question, or the revision you want, up to 10,000 characters",
	},
	...describeField(waitFields, 'waitForCompletion', 'Whether to wait until the agent asks something again or the video is finished'),
	additionalFields([
		{ ...avatarLookLocator, required: false, description: 'Switch the avatar from now on' },
		{ displayName: 'Brand Kit ID', name: 'brand_kit_id', type: 'string', default: '', description: 'Brand colours, fonts and logos to use' },
		filesField,
		{ ...voiceLocator, description: 'Switch the voice from now on' },
	]),
	createOptions,
];

const displayOptions = { show: { resource: ['videoAgent'], operation: ['sendMessage'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = { message: 'Message', avatar_id: 'Avatar', voice_id: 'Voice', brand_kit_id: 'Brand Kit ID', ...fileLabels() };

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const sessionIds: string[] = [];
	const prepared = await prepareBodies(this, items, sendAgentMessageBodySchema, LABELS, (itemIndex) => {
		sessionIds[itemIndex] = idParameter(this, 'session_id', 'Session ID', itemIndex);
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			message: textParameter(this, 'message', 'Message', itemIndex, { required: true, keepSpaces: true }),
			...lookChoices(this, fields, ['avatar_id', 'voice_id'], itemIndex),
			...collectionTexts(this, fields, { brand_kit_id: 'Brand Kit ID' }, itemIndex),
		};
		const files = filesBody(this, fields, itemIndex);
		if (files) body.files = files;
		return body;
	});
	const plan = agentPlan(this, () => true, async (item, idempotencyKey) => {
		const sessionId = sessionIds[item.itemIndex];
		const sent = await apiData<IDataObject>(this, 'sendAgentMessage', {
			pathParams: { session_id: sessionId },
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
		// The answer to a message is a run, not a session: the session is read back for its status.
		return { session_id: sessionId, run_id: sent.run_id, title: sent.title, status: 'thinking' };
	});
	return await runCreates(this, items, prepared, settings, {
		...plan,
		purpose: 'video-agent-message',
		target: (item) => sessionIds[item.itemIndex],
	});
}
