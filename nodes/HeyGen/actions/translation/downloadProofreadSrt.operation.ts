import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter, textParameter } from '../../helpers/parameters';
import { binaryPropertyField } from '../common.descriptions';
import { proofreadIdField } from './fields';
import { attachSrtFile, type SrtFile } from './proofreadJobs';

const properties: INodeProperties[] = [
	proofreadIdField,
	{
		displayName: 'File',
		name: 'file',
		type: 'options',
		default: 'edited',
		options: [
			{ name: 'Edited SRT', value: 'edited', description: "The subtitles as they stand: HeyGen's translation, or the last edit uploaded" },
			{ name: 'Original SRT', value: 'original', description: 'The SRT given when the proofread was created (HeyGen keeps one only then)' },
		],
	},
	binaryPropertyField,
];

const displayOptions = { show: { resource: ['translation'], operation: ['downloadProofreadSrt'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		id: idParameter(this, 'proofread_id', 'Proofread ID', itemIndex),
		file: (textParameter(this, 'file', 'File', itemIndex) || 'edited') as SrtFile,
		binaryPropertyName: textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { id, file, binaryPropertyName }) => {
		const { links, binary } = await attachSrtFile(this, id, itemIndex, binaryPropertyName, file);
		return { json: { proofread_id: id, file, srt_url: links.srt_url, original_srt_url: links.original_srt_url ?? null }, binary };
	});
}
