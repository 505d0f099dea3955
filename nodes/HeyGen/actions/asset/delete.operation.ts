import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { assetIdField } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...assetIdField, description: 'The asset to delete' }];

const displayOptions = { show: { resource: ['asset'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(this, items, (itemIndex) => idParameter(this, 'asset_id', 'Asset ID', itemIndex), async (itemIndex, assetId) => {
		const result = await apiData<{ id?: string }>(this, 'deleteAsset', { pathParams: { asset_id: assetId }, itemIndex });
		return { asset_id: result.id ?? assetId, deleted: true };
	});
}
