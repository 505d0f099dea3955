import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getLanguages from './getLanguages.operation';
import * as getMany from './getMany.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { create, download, get, getLanguages, getMany, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['translation'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Translate a video',
				description:
					'Dub a video into one or more languages with lip-sync; returns one item per language with its translation ID, and its URLs once finished',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a translated video',
				description: 'Download a finished translation (video or audio) as binary data, with a fresh link',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video translation',
				description: 'Get a translation’s status and, once finished, its video, audio and caption URLs',
			},
			{
				name: 'Get Languages',
				value: 'getLanguages',
				action: 'Get the translation languages',
				description: 'List the languages HeyGen translates into, one item per language',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many video translations',
				description: 'List the translations of the account, newest first',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a video translation to finish',
				description: 'Wait until a translation made elsewhere has finished; can take minutes, returns its URLs',
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getLanguages.description,
	...waitForCompletion.description,
	...download.description,
];
