import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textParameter } from '../../helpers/parameters';
import { binaryPropertyField } from '../common.descriptions';
import { downloadJobFiles } from '../jobResource';
import { translationIdField } from './fields';
import { TRANSLATION_JOBS, translationFile, translationOutput } from './translationJobs';

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
	return await downloadJobFiles(this, items, TRANSLATION_JOBS, {
		idLabel: 'Video Translation ID',
		fileOf: (itemIndex) => translationFile((textParameter(this, 'file', 'File', itemIndex) || 'video') as 'video' | 'audio'),
		output: translationOutput,
	});
}
