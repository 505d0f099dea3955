import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { lipsyncIdField } from './fields';
import { lipsyncOutput } from './lipsyncJobs';

const properties: INodeProperties[] = [lipsyncIdField];

const displayOptions = { show: { resource: ['lipsync'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'lipsync_id', 'Lipsync ID', itemIndex),
		async (itemIndex, id) => lipsyncOutput(await apiData<IDataObject>(this, 'getLipsync', { pathParams: { lipsync_id: id }, itemIndex })),
	);
}
