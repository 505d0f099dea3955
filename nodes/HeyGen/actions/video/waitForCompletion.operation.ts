import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadFields, videoLocator, waitModeField, waitOnlyOptions } from '../common.descriptions';
import { waitForExisting } from '../createFlow';
import { videoCreatePlan } from './videoJobs';

const properties: INodeProperties[] = [
	{ ...videoLocator, description: 'The video to wait for, for example one created with Wait for Completion off' },
	waitModeField,
	...downloadFields,
	waitOnlyOptions,
];

const displayOptions = { show: { resource: ['video'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await waitForExisting(this, items, 'video_id', 'Video', videoCreatePlan(this, 'video'));
}
