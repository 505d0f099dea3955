import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../common.descriptions';
import { listRecords } from '../listRecords';

const properties: INodeProperties[] = [
	...returnAllAndLimit('listVoices'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Engine',
				name: 'engine',
				type: 'string',
				default: '',
				placeholder: 'e.g. starfish',
				description: 'Only voices that work with this voice engine (Generate Speech needs starfish)',
			},
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				default: 'female',
				options: [
					{ name: 'Female', value: 'female' },
					{ name: 'Male', value: 'male' },
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. English',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'public',
				options: [
					{ name: 'Private (My Cloned Voices)', value: 'private' },
					{ name: 'Public (HeyGen Library)', value: 'public' },
				],
			},
		],
	},
];

const FILTER_LABELS = { type: 'Type', engine: 'Engine', language: 'Language', gender: 'Gender' };

const displayOptions = { show: { resource: ['voice'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await listRecords(this, items, { endpoint: 'listVoices', filterLabels: FILTER_LABELS });
}
