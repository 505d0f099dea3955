import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FieldLabels } from '../../helpers/validation';
import { sendAgentMessageBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, avatarLookLocator, createOptions, describeField, voiceLocator, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { agentPlan } from './agentJobs';
import { filesBody, filesField, sessionIdField } from './fields';

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

const LABELS: FieldLabels = { message: 'Message', avatar_id: 'Avatar', voice_id: 'Voice', files: 'Files', brand_kit_id: 'Brand Kit ID' };

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const sessionIds = items.map((_, i) => String(this.getNodeParameter('session_id', i)).trim());
	const prepared = await prepareBodies(this, items, sendAgentMessageBodySchema, LABELS, (itemIndex) => {
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { message: String(this.getNodeParameter('message', itemIndex, '')) };
		for (const key of ['avatar_id', 'voice_id'] as const) {
			const raw = fields[key] && typeof fields[key] === 'object' ? (fields[key] as IDataObject).value : fields[key];
			if (typeof raw === 'string' && raw.trim()) body[key] = raw.trim();
		}
		if (typeof fields.brand_kit_id === 'string' && fields.brand_kit_id.trim()) body.brand_kit_id = fields.brand_kit_id.trim();
		const files = filesBody(fields.files);
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
	return await runCreates(this, items, prepared, readCreateSettings(this), {
		...plan,
		purpose: 'video-agent-message',
		target: (item) => sessionIds[item.itemIndex],
	});
}
