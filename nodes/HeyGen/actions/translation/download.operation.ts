import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
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
	return await runPerItem(this, items, async (itemIndex) => {
		const id = String(this.getNodeParameter('video_translation_id', itemIndex)).trim();
		const file = this.getNodeParameter('file', itemIndex, 'video') as 'video' | 'audio';
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const { detail, target } = await freshTranslationDownload(this, id, itemIndex, file);
		const refresh = async () => (await freshTranslationDownload(this, id, itemIndex, file)).target;
		const binary = await downloadToBinary(this, target, refresh, itemIndex, { noun: 'video translation', id });
		return { json: translationOutput(detail as IDataObject), binary: { [binaryPropertyName]: binary } };
	});
}
