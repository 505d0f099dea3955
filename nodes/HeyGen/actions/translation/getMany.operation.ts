import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { limitParameter } from '../../helpers/parameters';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { translationOutput } from './translationJobs';

const properties: INodeProperties[] = [...returnAllAndLimit('listTranslations')];

const displayOptions = { show: { resource: ['translation'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => limitParameter(this, itemIndex, 'listTranslations');
	return await runPerItemChecked(this, items, read, async (itemIndex, limit) => {
		const translations = await apiCollect<IDataObject>(this, 'listTranslations', { max: limit, itemIndex });
		return translations.map((translation) => translationOutput(translation));
	});
}
