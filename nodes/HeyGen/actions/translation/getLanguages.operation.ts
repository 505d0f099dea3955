import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { apiData } from '../../transport/request';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['translation'], operation: ['getLanguages'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const { languages } = await apiData<{ languages: string[] }>(this, 'listTranslationLanguages', { itemIndex });
		return languages.map((language) => ({ language }));
	});
}
