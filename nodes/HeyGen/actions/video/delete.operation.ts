import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { videoLocator } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...videoLocator, description: 'The video to delete from the HeyGen library' }];

const displayOptions = { show: { resource: ['video'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItemChecked(this, items, (itemIndex) => idParameter(this, 'video_id', 'Video', itemIndex), async (itemIndex, videoId) => {
		const result = await apiData<{ id?: string; deleted?: boolean }>(this, 'deleteVideo', {
			pathParams: { video_id: videoId },
			itemIndex,
		});
		return { video_id: result.id ?? videoId, deleted: result.deleted ?? true };
	});
}
