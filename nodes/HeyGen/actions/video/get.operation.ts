import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import type { VideoDetail } from '../../schemas';
import { apiData } from '../../transport/request';
import { videoLocator } from '../common.descriptions';
import { videoOutput } from './videoJobs';

const properties: INodeProperties[] = [videoLocator];

const displayOptions = { show: { resource: ['video'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'video_id', 'Video', itemIndex),
		async (itemIndex, videoId) => videoOutput(await apiData<VideoDetail>(this, 'getVideo', { pathParams: { video_id: videoId }, itemIndex })),
	);
}
