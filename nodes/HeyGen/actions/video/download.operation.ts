import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { downloadToBinary } from '../../transport/download';
import { binaryPropertyField, videoLocator } from '../common.descriptions';
import { freshVideoDownload } from './videoFiles';
import { videoOutput } from './shared';

const properties: INodeProperties[] = [videoLocator, binaryPropertyField];

const displayOptions = { show: { resource: ['video'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const videoId = String(this.getNodeParameter('video_id', itemIndex, '', { extractValue: true })).trim();
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
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
