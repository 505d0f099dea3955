import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { apiData } from '../../transport/request';
import { templateLocator } from '../common.descriptions';
import { templateOutput } from './output';

const properties: INodeProperties[] = [templateLocator];

const displayOptions = { show: { resource: ['template'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const templateId = String(this.getNodeParameter('template_id', itemIndex, '', { extractValue: true })).trim();
		return templateOutput(await apiData<IDataObject>(this, 'getTemplate', { pathParams: { template_id: templateId }, itemIndex }));
	});
}
