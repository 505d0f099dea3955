import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryPropertyField } from '../common.descriptions';
import { downloadJobFiles } from '../jobResource';
import { renderIdField } from './fields';
import { RENDER_JOBS, renderFile, renderOutput } from './renderJobs';

const properties: INodeProperties[] = [renderIdField, binaryPropertyField];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await downloadJobFiles(this, items, RENDER_JOBS, { idLabel: 'Render ID', fileOf: () => renderFile, output: renderOutput });
}
