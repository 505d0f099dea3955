import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { limitParameter } from '../../helpers/parameters';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { lipsyncOutput } from './lipsyncJobs';

const properties: INodeProperties[] = [...returnAllAndLimit('listLipsyncs')];

const displayOptions = { show: { resource: ['lipsync'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => limitParameter(this, itemIndex, 'listLipsyncs');
	return await runPerItemChecked(this, items, read, async (itemIndex, limit) => {
		const lipsyncs = await apiCollect<IDataObject>(this, 'listLipsyncs', { max: limit, itemIndex });
		return lipsyncs.map((lipsync) => lipsyncOutput(lipsync));
	});
}
