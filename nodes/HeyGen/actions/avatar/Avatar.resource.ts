import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['avatar'] } },
		default: 'getMany',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an avatar look',
				description: 'Get one avatar look: its default voice, preview, orientation and supported engines',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many avatar looks',
				description: 'List avatar looks; the ID of a look is the avatar ID of a video',
			},
		],
	},
	...getMany.description,
	...get.description,
];
