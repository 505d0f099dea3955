import type { INodeProperties } from 'n8n-workflow';

import * as deleteRender from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as create from './create.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { create, deleteRender as delete, download, get, getMany, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hyperframesRender'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Render HTML to a video',
				description:
					'Render a HyperFrames project (a .zip of HTML, scripts and media) into a video in HeyGen’s cloud, with variables from each item',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a render',
				description: 'Delete a render; one still in progress stops and is not charged',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a rendered video',
				description: 'Download a finished render (MP4, WebM or MOV) as binary data, with a fresh link',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a render',
				description: 'Get a render’s status and, once finished, its video and thumbnail URLs',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many renders',
				description: 'List the HyperFrames renders of the account, newest first',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a render to finish',
				description: 'Wait until a render started elsewhere has finished; returns its video URL',
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...waitForCompletion.description,
	...download.description,
	...deleteRender.description,
];
