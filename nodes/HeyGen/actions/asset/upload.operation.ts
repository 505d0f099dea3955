import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { uploadBinaryAsset } from '../../transport/upload';
import { inputBinaryField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		...inputBinaryField,
		description: 'The binary field holding the file: PNG, JPEG, MP4, WebM, MP3, WAV, PDF or SRT, at most 32 MB',
	},
];

const displayOptions = { show: { resource: ['asset'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const field = this.getNodeParameter('inputBinaryField', itemIndex, 'data') as string;
		return { ...(await uploadBinaryAsset(this, itemIndex, field)) } as IDataObject;
	});
}
