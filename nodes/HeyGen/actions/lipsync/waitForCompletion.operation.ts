import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadFields, waitOnlyOptions } from '../common.descriptions';
import { waitForExisting } from '../createFlow';
import { lipsyncIdField } from './fields';
import { lipsyncCreatePlan } from './lipsyncJobs';

// No Wait Mode: HeyGen has no lipsync webhook event to park on, so this wait always polls.
const properties: INodeProperties[] = [
	{ ...lipsyncIdField, description: 'The lipsync to wait for, for example one created with Wait for Completion off' },
	...downloadFields.map((field) =>
		field.name === 'downloadVideo' ? { ...field, description: 'Whether to download the lipsynced video into the output as binary data' } : field,
	),
	waitOnlyOptions,
];

const displayOptions = { show: { resource: ['lipsync'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await waitForExisting(this, items, 'lipsync_id', 'Lipsync ID', lipsyncCreatePlan(this));
}
