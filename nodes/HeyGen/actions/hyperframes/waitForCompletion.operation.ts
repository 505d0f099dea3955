import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { describeField, downloadFields, waitModeField, waitOnlyOptions } from '../common.descriptions';
import { waitForExisting } from '../createFlow';
import { renderIdField } from './fields';
import { renderPlan } from './renderJobs';

const properties: INodeProperties[] = [
	{ ...renderIdField, description: 'The render to wait for, for example one started with Wait for Completion off' },
	waitModeField,
	...describeField(downloadFields, 'downloadVideo', 'Whether to download the rendered video into the output as binary data'),
	waitOnlyOptions,
];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await waitForExisting(this, items, 'render_id', 'Render ID', renderPlan(this));
}
