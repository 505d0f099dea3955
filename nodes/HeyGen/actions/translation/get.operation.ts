import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { translationIdField } from './fields';
import { translationOutput } from './translationJobs';

const properties: INodeProperties[] = [translationIdField];

const displayOptions = { show: { resource: ['translation'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'video_translation_id', 'Video Translation ID', itemIndex),
		async (itemIndex, id) =>
			translationOutput(await apiData<IDataObject>(this, 'getTranslation', { pathParams: { video_translation_id: id }, itemIndex })),
	);
}
