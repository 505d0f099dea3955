import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { collectionTexts, limitParameter } from '../../helpers/parameters';
import type { VideoDetail } from '../../schemas';
import { apiCollect } from '../../transport/request';
import { returnAllAndLimit } from '../common.descriptions';
import { videoOutput } from './shared';

const properties: INodeProperties[] = [
	...returnAllAndLimit('listVideos'),
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

const FILTER_LABELS = { folder_id: 'Folder ID', title: 'Title Contains' };

const displayOptions = { show: { resource: ['video'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		limit: limitParameter(this, itemIndex, 'listVideos'),
		qs: collectionTexts(this, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, FILTER_LABELS, itemIndex),
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { qs, limit }) => {
		const videos = await apiCollect<VideoDetail>(this, 'listVideos', { qs, max: limit, itemIndex });
		return videos.map((video) => videoOutput(video));
	});
}
