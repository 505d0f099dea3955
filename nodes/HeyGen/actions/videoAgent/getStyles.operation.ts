import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		default: '',
		placeholder: 'e.g. cinematic',
		description: 'Only styles with this tag (such as cinematic, retro-tech, handmade, print)',
	},
];

const displayOptions = { show: { resource: ['videoAgent'], operation: ['getStyles'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const tag = String(this.getNodeParameter('tag', itemIndex, '')).trim();
		return await apiCollect<IDataObject>(this, 'listAgentStyles', { qs: tag ? { tag } : {}, max: limit, itemIndex });
	});
}
