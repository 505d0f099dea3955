import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../common.descriptions';
import { lipsyncOutput } from './lipsyncJobs';
import { listRecords } from '../listRecords';

const properties: INodeProperties[] = [...returnAllAndLimit('listLipsyncs')];

const displayOptions = { show: { resource: ['lipsync'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await listRecords(this, items, { endpoint: 'listLipsyncs', toJson: lipsyncOutput });
}
