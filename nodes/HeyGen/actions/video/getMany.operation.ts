import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { VideoDetail } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { videoOutput } from './shared';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Folder ID',
				name: 'folder_id',
				type: 'string',
				default: '',
				description: 'Only videos in this HeyGen folder',
			},
			{
				displayName: 'Title Contains',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Only videos whose title contains this text',
			},
		],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (filters.folder_id) qs.folder_id = String(filters.folder_id).trim();
		if (filters.title) qs.title = String(filters.title);
		const videos = await apiCollect<VideoDetail>(this, 'listVideos', { qs, max: limit, itemIndex });
		return videos.map((video) => videoOutput(video));
	});
}
