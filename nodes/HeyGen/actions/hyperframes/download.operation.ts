import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter, textParameter } from '../../helpers/parameters';
import { downloadToBinary } from '../../transport/download';
import { binaryPropertyField } from '../common.descriptions';
import { renderIdField } from './fields';
import { freshRenderDownload, RENDER_NOUN, renderOutput } from './renderJobs';

const properties: INodeProperties[] = [renderIdField, binaryPropertyField];

const displayOptions = { show: { resource: ['hyperframesRender'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		renderId: idParameter(this, 'render_id', 'Render ID', itemIndex),
		binaryPropertyName: textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { renderId, binaryPropertyName }) => {
		// Always a fresh link: stored ones expire.
		const { detail, target } = await freshRenderDownload(this, renderId, itemIndex);
		const refresh = async () => (await freshRenderDownload(this, renderId, itemIndex)).target;
		const binary = await downloadToBinary(this, target, refresh, itemIndex, { noun: RENDER_NOUN, id: renderId });
		return { json: renderOutput(detail as IDataObject), binary: { [binaryPropertyName]: binary } };
	});
}
