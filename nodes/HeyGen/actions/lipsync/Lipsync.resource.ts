import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { create, download, get, getMany, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lipsync'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Lipsync a video to new audio',
				description:
					'Replace the speech of an existing video with an audio track (a recording, or speech from Voice → Generate Speech), mouth movements matched; returns the lipsync ID, and its URLs once finished',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a lipsynced video',
				description: 'Download a finished lipsync (its video, or its captions) as binary data, with a fresh link',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a lipsync',
				description: 'Get a lipsync’s status and, once finished, its video and caption URLs',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many lipsyncs',
				description: 'List the lipsyncs of the account, newest first',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a lipsync to finish',
				description: 'Wait until a lipsync made elsewhere (or with waiting off) has finished; can take minutes, returns its URLs',
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...waitForCompletion.description,
	...download.description,
];
