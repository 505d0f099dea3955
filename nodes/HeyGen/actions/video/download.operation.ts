import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryPropertyField, videoLocator } from '../common.descriptions';
import { downloadJobFiles } from '../jobResource';
import { VIDEO_JOBS, videoFile, videoOutput } from './videoJobs';

const properties: INodeProperties[] = [videoLocator, binaryPropertyField];

const displayOptions = { show: { resource: ['video'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await downloadJobFiles(this, items, VIDEO_JOBS, { idLabel: 'Video', fileOf: () => videoFile, output: videoOutput });
}
