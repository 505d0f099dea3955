import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { heyGenWebhookApi } from './trigger/api';
import { checkDeliveryUrl } from './trigger/deliveryUrl';
import { eventsParameters, registeredEvents, unknownEvents } from './trigger/eventsParameter';
import { endpointExists, registerEndpoint, removeEndpoint, type EndpointState } from './trigger/lifecycle';
import { receiveDelivery } from './trigger/receive';

/** The selected events as HeyGen takes them: `null` subscribes to every event. */
function selectedEvents(ctx: IHookFunctions): string[] | null {
	const events = ctx.getNodeParameter('events', []) as string[];
	const unknown = unknownEvents(events);
	if (unknown.length) {
		throw new NodeOperationError(ctx.getNode(), `"Events" holds ${unknown.map((event) => `"${event}"`).join(', ')}, which HeyGen has no event for`, {
			description: 'Pick the events from the list, or use event types HeyGen lists (such as avatar_video.success)',
		});
	}
	return registeredEvents(events);
}

export class HeyGenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HeyGen Trigger',
		name: 'heyGenTrigger',
		icon: { light: 'file:heygen.svg', dark: 'file:heygen.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when HeyGen reports an event, such as a finished video or translation',
		documentationUrl: 'https://github.com/n8n-nodes-heygen-video/n8n-nodes-heygen-video#heygen-trigger',
		defaults: { name: 'HeyGen Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heyGenApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			...eventsParameters,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Accept Legacy Signature Without Timestamp',
						name: 'acceptLegacyWithoutTimestamp',
						type: 'boolean',
						default: false,
						description:
							"Whether to accept deliveries in HeyGen's older format: signed with the Signature header and carrying no Heygen-Timestamp. Off, any delivery without a timestamp is refused with 401. Turn on only if your endpoint still receives them.",
					},
					{
						displayName: 'Download Video',
						name: 'downloadVideo',
						type: 'boolean',
						default: false,
						description: 'Whether to download the finished video (or translated video) into the output as binary data',
					},
					{
						displayName: 'Fetch Fresh Resource',
						name: 'fetchResource',
						type: 'boolean',
						default: false,
						description:
							"Whether to read the video, translation or proofread again when the event arrives, so the item carries its full details and a download URL that has not expired (an event's own URL expires)",
					},
					{
						displayName: 'Put Output File in Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the output binary field to put the file in',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as EndpointState;
				return await endpointExists(heyGenWebhookApi(this), state, this.getNodeWebhookUrl('default') as string, selectedEvents(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				await checkDeliveryUrl(this, url);
				const state = this.getWorkflowStaticData('node') as EndpointState;
				await registerEndpoint(heyGenWebhookApi(this), state, url, selectedEvents(this));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as EndpointState;
				return await removeEndpoint(heyGenWebhookApi(this), state, this.getNodeWebhookUrl('default') as string);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}

