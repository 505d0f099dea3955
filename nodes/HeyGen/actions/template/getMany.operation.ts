import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { limitParameter } from '../../helpers/parameters';
import type { TemplateSummary } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { templateOutput } from './output';

const properties: INodeProperties[] = [...returnAllAndLimit('listTemplates')];

const displayOptions = { show: { resource: ['template'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => limitParameter(this, itemIndex, 'listTemplates');
	return await runPerItemChecked(this, items, read, async (itemIndex, limit) => {
		const templates = await apiCollect<TemplateSummary>(this, 'listTemplates', { max: limit, itemIndex });
		return templates.map((template) => templateOutput(template as IDataObject));
	});
}
