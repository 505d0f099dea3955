import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { apiData } from '../../transport/request';
import { avatarLookLocator } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...avatarLookLocator, description: 'The avatar look to get' }];

const displayOptions = { show: { resource: ['avatar'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const lookId = String(this.getNodeParameter('avatar_id', itemIndex, '', { extractValue: true })).trim();
		return await apiData<IDataObject>(this, 'getAvatarLook', { pathParams: { look_id: lookId }, itemIndex });
	});
}
