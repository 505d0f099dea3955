import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../common.descriptions';
import { templateOutput } from './output';
import { listRecords } from '../listRecords';

const properties: INodeProperties[] = [...returnAllAndLimit('listTemplates')];

const displayOptions = { show: { resource: ['template'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await listRecords(this, items, { endpoint: 'listTemplates', toJson: templateOutput });
}
