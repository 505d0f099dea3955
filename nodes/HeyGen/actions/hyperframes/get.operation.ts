import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { renderIdField } from './fields';
import { renderOutput } from './renderJobs';

const properties: INodeProperties[] = [renderIdField];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'render_id', 'Render ID', itemIndex),
		async (itemIndex, renderId) =>
			renderOutput(await apiData<IDataObject>(this, 'getHyperframesRender', { pathParams: { render_id: renderId }, itemIndex })),
	);
}
