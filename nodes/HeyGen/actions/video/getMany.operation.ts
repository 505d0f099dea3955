import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../common.descriptions';
import { videoOutput } from './videoJobs';
import { listRecords } from '../listRecords';

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
	return await listRecords(this, items, { endpoint: 'listVideos', toJson: videoOutput, filterLabels: FILTER_LABELS });
}
