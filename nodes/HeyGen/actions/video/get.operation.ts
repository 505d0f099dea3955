import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { VideoDetail } from '../../schemas';
import { apiData } from '../../transport/request';
import { videoLocator } from '../common.descriptions';
import { videoOutput } from './shared';

const properties: INodeProperties[] = [videoLocator];

const displayOptions = { show: { resource: ['video'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const videoId = String(this.getNodeParameter('video_id', itemIndex, '', { extractValue: true })).trim();
		const detail = await apiData<VideoDetail>(this, 'getVideo', { pathParams: { video_id: videoId }, itemIndex });
		return videoOutput(detail);
	});
}
