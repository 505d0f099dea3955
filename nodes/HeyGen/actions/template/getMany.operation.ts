import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { TemplateSummary } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { templateOutput } from './output';

const properties: INodeProperties[] = [...returnAllAndLimit()];

const displayOptions = { show: { resource: ['template'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const templates = await apiCollect<TemplateSummary>(this, 'listTemplates', { max: limit, itemIndex });
		return templates.map((template) => templateOutput(template as IDataObject));
	});
}
