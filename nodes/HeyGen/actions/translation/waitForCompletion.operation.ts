import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadFields, waitModeField, waitOnlyOptions } from '../common.descriptions';
import { waitForExisting } from '../createFlow';
import { translationIdField } from './fields';
import { translationCreatePlan } from './translationJobs';

const properties: INodeProperties[] = [
	{ ...translationIdField, description: 'The translation to wait for, for example one created with Wait for Completion off' },
	waitModeField,
	...downloadFields.map((field) =>
		field.name === 'downloadVideo' ? { ...field, description: 'Whether to download the translated video into the output as binary data' } : field,
	),
	waitOnlyOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await waitForExisting(this, items, 'video_translation_id', 'Video Translation ID', translationCreatePlan(this));
}
