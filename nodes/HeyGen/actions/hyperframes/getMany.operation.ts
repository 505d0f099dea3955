import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../common.descriptions';
import { renderOutput } from './renderJobs';
import { listRecords } from '../listRecords';

const properties: INodeProperties[] = [...returnAllAndLimit('listHyperframesRenders')];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await listRecords(this, items, { endpoint: 'listHyperframesRenders', toJson: renderOutput });
}
