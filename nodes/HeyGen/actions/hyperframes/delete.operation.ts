import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { renderIdField } from './fields';

const properties: INodeProperties[] = [{ ...renderIdField, description: 'The render to delete; a render still in progress stops and is not charged' }];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(this, items, (itemIndex) => idParameter(this, 'render_id', 'Render ID', itemIndex), async (itemIndex, renderId) => {
		const result = await apiData<{ render_id?: string }>(this, 'deleteHyperframesRender', { pathParams: { render_id: renderId }, itemIndex });
		return { render_id: result.render_id ?? renderId, deleted: true };
	});
}
