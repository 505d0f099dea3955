import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter, textParameter } from '../../helpers/parameters';
import { downloadToBinary } from '../../transport/download';
import { binaryPropertyField, videoLocator } from '../common.descriptions';
import { freshVideoDownload } from './videoFiles';
import { videoOutput } from './shared';

const properties: INodeProperties[] = [videoLocator, binaryPropertyField];

const displayOptions = { show: { resource: ['video'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		videoId: idParameter(this, 'video_id', 'Video', itemIndex),
		binaryPropertyName: textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true }),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { videoId, binaryPropertyName }) => {
		// Always a fresh link: stored ones expire.
		const { detail, target } = await freshVideoDownload(this, videoId, itemIndex);
		const binary = await downloadToBinary(
			this,
			target,
			async () => (await freshVideoDownload(this, videoId, itemIndex)).target,
			itemIndex,
			{ noun: 'video', id: videoId },
		);
		return { json: videoOutput(detail), binary: { [binaryPropertyName]: binary } };
	});
}
