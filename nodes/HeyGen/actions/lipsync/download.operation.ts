import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textParameter } from '../../helpers/parameters';
import { binaryPropertyField } from '../common.descriptions';
import { downloadJobFiles } from '../jobResource';
import { lipsyncIdField } from './fields';
import { LIPSYNC_JOBS, lipsyncFile, lipsyncOutput, type LipsyncFile } from './lipsyncJobs';

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
	return await downloadJobFiles(this, items, LIPSYNC_JOBS, {
		idLabel: 'Lipsync ID',
		fileOf: (itemIndex) => lipsyncFile((textParameter(this, 'file', 'File', itemIndex) || 'video') as LipsyncFile),
		output: lipsyncOutput,
	});
}
