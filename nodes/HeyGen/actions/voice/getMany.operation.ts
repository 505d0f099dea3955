import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { collectionTexts, limitParameter } from '../../helpers/parameters';
import type { Voice } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';

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
	const read = (itemIndex: number) => ({
		limit: limitParameter(this, itemIndex, 'listVoices'),
		qs: collectionTexts(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, FILTER_LABELS, itemIndex),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { limit, qs }) => {
		const voices = await apiCollect<Voice>(this, 'listVoices', { qs, max: limit, itemIndex });
		return voices.map((voice) => ({ ...voice }) as IDataObject);
	});
}
