import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textParameter } from '../../helpers/parameters';
import { returnAllAndLimit } from '../common.descriptions';
import { listRecords } from '../listRecords';

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
	return await listRecords(this, items, { endpoint: 'listAgentStyles', query: (itemIndex) => { const tag = textParameter(this, 'tag', 'Tag', itemIndex); return tag ? { tag } : {}; } });
}
