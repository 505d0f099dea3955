import type { INodeProperties } from 'n8n-workflow';

import * as generate from './generate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { generate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		default: 'generate',
		options: [
			{
				name: 'Generate Video',
				value: 'generate',
				action: 'Generate a video from a template',
				description:
					"Render a video from a HeyGen template, filling its variables (text, media, avatar, voice) from each item; returns the video ID, and its URLs once finished",
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get a template: its scenes and its variables with their types and defaults',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'List the templates of the account that have variables',
			},
		],
	},
	...generate.description,
	...get.description,
	...getMany.description,
];
