import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { templateLocator } from '../common.descriptions';
import { templateOutput } from './output';

const properties: INodeProperties[] = [templateLocator];

const displayOptions = { show: { resource: ['template'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'template_id', 'Template', itemIndex),
		async (itemIndex, templateId) =>
			templateOutput(await apiData<IDataObject>(this, 'getTemplate', { pathParams: { template_id: templateId }, itemIndex })),
	);
}
