import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { limitParameter, textParameter } from '../../helpers/parameters';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit('listAgentStyles'),
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
	const read = (itemIndex: number) => ({
		limit: limitParameter(this, itemIndex, 'listAgentStyles'),
		tag: textParameter(this, 'tag', 'Tag', itemIndex),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { limit, tag }) =>
		await apiCollect<IDataObject>(this, 'listAgentStyles', { qs: tag ? { tag } : {}, max: limit, itemIndex }),
	);
}
