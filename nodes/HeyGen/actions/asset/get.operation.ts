import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { assetIdField } from '../common.descriptions';

const properties: INodeProperties[] = [assetIdField];

const displayOptions = { show: { resource: ['asset'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(this, items, (itemIndex) => idParameter(this, 'asset_id', 'Asset ID', itemIndex), async (itemIndex, assetId) => {
		const { id, ...rest } = await apiData<IDataObject>(this, 'getAsset', { pathParams: { asset_id: assetId }, itemIndex });
		return { asset_id: id, ...rest };
	});
}
