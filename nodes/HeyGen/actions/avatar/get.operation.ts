import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { avatarLookLocator } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...avatarLookLocator, description: 'The avatar look to get' }];

const displayOptions = { show: { resource: ['avatar'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'avatar_id', 'Avatar', itemIndex),
		async (itemIndex, lookId) => await apiData<IDataObject>(this, 'getAvatarLook', { pathParams: { look_id: lookId }, itemIndex }),
	);
}
