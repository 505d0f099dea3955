import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { voiceLocator } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...voiceLocator, required: true, description: 'The voice to get' }];

const displayOptions = { show: { resource: ['voice'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'voice_id', 'Voice', itemIndex),
		async (itemIndex, voiceId) => await apiData<IDataObject>(this, 'getVoice', { pathParams: { voice_id: voiceId }, itemIndex }),
	);
}
