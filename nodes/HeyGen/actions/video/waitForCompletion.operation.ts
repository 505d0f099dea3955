import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadFields, includeInputFieldsOption, maxWaitOption, videoLocator } from '../common.descriptions';
import { readCreateSettings, runCreates } from '../createFlow';
import { videoCreatePlan } from './videoJobs';

const properties: INodeProperties[] = [
	{ ...videoLocator, description: 'The video to wait for, for example one created with Wait for Completion off' },
	...downloadFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeInputFieldsOption, maxWaitOption],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const prepared = items.map((_, itemIndex) => ({
		itemIndex,
		existingIds: [String(this.getNodeParameter('video_id', itemIndex, '', { extractValue: true })).trim()],
	}));
	// Videos made elsewhere are already running: all of them are watched at once.
	const settings = { ...readCreateSettings(this), waitForCompletion: true, maxConcurrentJobs: Math.max(1, items.length) };
	return await runCreates(this, items, prepared, settings, videoCreatePlan(this, 'video'));
}
