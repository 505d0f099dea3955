import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getStyles from './getStyles.operation';
import * as sendMessage from './sendMessage.operation';

export { create, get, getStyles, sendMessage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['videoAgent'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a video from a prompt',
				description:
					"Start a Video Agent session that scripts and renders a video from a prompt; returns the session ID, and the finished video's URLs once it is done (can take minutes)",
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video agent session',
				description: "Get a session's status, progress, messages and video ID",
			},
			{
				name: 'Get Styles',
				value: 'getStyles',
				action: 'Get video agent styles',
				description: 'List the visual styles the agent can use, optionally by tag',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				action: 'Send a message to a video agent session',
				description: 'Answer the agent or ask for a revision in a chat-mode session; returns the session once the agent replies',
			},
		],
	},
	...create.description,
	...get.description,
	...sendMessage.description,
	...getStyles.description,
];
