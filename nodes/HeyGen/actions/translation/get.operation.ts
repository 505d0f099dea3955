import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { apiData } from '../../transport/request';
import { translationIdField } from './fields';
import { translationOutput } from './translationJobs';

const properties: INodeProperties[] = [translationIdField];

const displayOptions = { show: { resource: ['translation'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const id = String(this.getNodeParameter('video_translation_id', itemIndex)).trim();
		return translationOutput(await apiData<IDataObject>(this, 'getTranslation', { pathParams: { video_translation_id: id }, itemIndex }));
	});
}
