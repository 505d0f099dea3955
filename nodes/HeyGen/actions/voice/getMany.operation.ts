import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { Voice } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
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

const displayOptions = { show: { resource: ['voice'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		for (const key of ['type', 'engine', 'language', 'gender']) {
			if (filters[key]) qs[key] = String(filters[key]).trim();
		}
		const voices = await apiCollect<Voice>(this, 'listVoices', { qs, max: limit, itemIndex });
		return voices.map((voice) => ({ ...voice }) as IDataObject);
	});
}
