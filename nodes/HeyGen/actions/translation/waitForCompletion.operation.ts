import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadFields, includeInputFieldsOption, maxWaitOption } from '../common.descriptions';
import { readCreateSettings, runCreates } from '../createFlow';
import { translationIdField } from './fields';
import { translationCreatePlan } from './translationJobs';

const properties: INodeProperties[] = [
	{ ...translationIdField, description: 'The translation to wait for, for example one created with Wait for Completion off' },
	...downloadFields.map((field) =>
		field.name === 'downloadVideo' ? { ...field, description: 'Whether to download the translated video into the output as binary data' } : field,
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeInputFieldsOption, maxWaitOption],
	},
];

const displayOptions = { show: { resource: ['translation'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const prepared = items.map((_, itemIndex) => ({
		itemIndex,
		existingIds: [String(this.getNodeParameter('video_translation_id', itemIndex)).trim()],
	}));
	const settings = { ...readCreateSettings(this), waitForCompletion: true, maxConcurrentJobs: Math.max(1, items.length) };
	return await runCreates(this, items, prepared, settings, translationCreatePlan(this));
}
