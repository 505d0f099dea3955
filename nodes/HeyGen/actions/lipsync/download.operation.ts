import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter, textParameter } from '../../helpers/parameters';
import { downloadToBinary } from '../../transport/download';
import { binaryPropertyField } from '../common.descriptions';
import { lipsyncIdField } from './fields';
import { freshLipsyncDownload, lipsyncOutput, type LipsyncFile } from './lipsyncJobs';

const properties: INodeProperties[] = [
	lipsyncIdField,
	{
		displayName: 'File',
		name: 'file',
		type: 'options',
		default: 'video',
		options: [
			{ name: 'Captions', value: 'captions', description: 'The SRT caption file (only when the lipsync was made with Captions on)' },
			{ name: 'Lipsynced Video', value: 'video', description: 'The video with its new speech (MP4)' },
		],
	},
	binaryPropertyField,
];

const displayOptions = { show: { resource: ['lipsync'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		id: idParameter(this, 'lipsync_id', 'Lipsync ID', itemIndex),
		file: (textParameter(this, 'file', 'File', itemIndex) || 'video') as LipsyncFile,
		binaryPropertyName: textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { id, file, binaryPropertyName }) => {
		const { detail, target } = await freshLipsyncDownload(this, id, itemIndex, file);
		const refresh = async () => (await freshLipsyncDownload(this, id, itemIndex, file)).target;
		const binary = await downloadToBinary(this, target, refresh, itemIndex, { noun: 'lipsync', id });
		return { json: lipsyncOutput(detail as IDataObject), binary: { [binaryPropertyName]: binary } };
	});
}
