import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { limitParameter } from '../../helpers/parameters';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { renderOutput } from './renderJobs';

const properties: INodeProperties[] = [...returnAllAndLimit('listHyperframesRenders')];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => limitParameter(this, itemIndex, 'listHyperframesRenders');
	return await runPerItemChecked(this, items, read, async (itemIndex, limit) => {
		const renders = await apiCollect<IDataObject>(this, 'listHyperframesRenders', { max: limit, itemIndex });
		return renders.map((render) => renderOutput(render));
	});
}
