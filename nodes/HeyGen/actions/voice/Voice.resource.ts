import type { INodeProperties } from 'n8n-workflow';

import * as generateSpeech from './generateSpeech.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { generateSpeech, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voice'] } },
		default: 'getMany',
		options: [
			{
				name: 'Generate Speech',
				value: 'generateSpeech',
				action: 'Generate speech from text',
				description: 'Turn text into spoken audio with a HeyGen voice; returns the MP3 URL, its duration and word timings, and the file on request',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a voice',
				description: 'Get one voice: its language, gender and preview audio',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many voices',
				description: 'List the voices that can read a script, filtered by language, gender or engine',
			},
		],
	},
	...getMany.description,
	...get.description,
	...generateSpeech.description,
];
