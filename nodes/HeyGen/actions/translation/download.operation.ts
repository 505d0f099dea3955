import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter, textParameter } from '../../helpers/parameters';
import { downloadToBinary } from '../../transport/download';
import { binaryPropertyField } from '../common.descriptions';
import { translationIdField } from './fields';
import { freshTranslationDownload, translationOutput } from './translationJobs';

const properties: INodeProperties[] = [
	translationIdField,
	{
		displayName: 'File',
		name: 'file',
		type: 'options',
		default: 'video',
		options: [
			{ name: 'Translated Video', value: 'video', description: 'The dubbed MP4' },
			{ name: 'Translated Audio', value: 'audio', description: 'The dubbed audio track only (MP3)' },
		],
	},
	binaryPropertyField,
];

const displayOptions = { show: { resource: ['translation'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		id: idParameter(this, 'video_translation_id', 'Video Translation ID', itemIndex),
		file: (textParameter(this, 'file', 'File', itemIndex) || 'video') as 'video' | 'audio',
		binaryPropertyName: textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { id, file, binaryPropertyName }) => {
		const { detail, target } = await freshTranslationDownload(this, id, itemIndex, file);
		const refresh = async () => (await freshTranslationDownload(this, id, itemIndex, file)).target;
		const binary = await downloadToBinary(this, target, refresh, itemIndex, { noun: 'video translation', id });
		return { json: translationOutput(detail as IDataObject), binary: { [binaryPropertyName]: binary } };
	});
}
