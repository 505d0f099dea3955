import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { textParameter } from '../../helpers/parameters';
import { checkBinaryUpload, uploadBinaryAsset } from '../../transport/upload';
import { inputBinaryField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		...inputBinaryField,
		description: 'The binary field holding the file: PNG, JPEG, MP4, WebM, MP3, WAV, PDF, SRT or ZIP (a HyperFrames project), at most 32 MB',
	},
];

const displayOptions = { show: { resource: ['asset'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		async (itemIndex) => {
			const field = textParameter(this, 'inputBinaryField', 'Input Binary Field', itemIndex, { required: true });
			await checkBinaryUpload(this, itemIndex, field);
			return field;
		},
		async (itemIndex, field) => ({ ...(await uploadBinaryAsset(this, itemIndex, field)) }) as IDataObject,
	);
}
