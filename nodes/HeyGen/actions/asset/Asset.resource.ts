import type { INodeProperties } from 'n8n-workflow';

import * as deleteAsset from './delete.operation';
import * as get from './get.operation';
import * as upload from './upload.operation';

export { deleteAsset as delete, get, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		default: 'upload',
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an asset',
				description: 'Delete an uploaded file from HeyGen',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an asset',
				description: 'Get an uploaded file: its name, type and URL',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload an asset',
				description:
					'Upload a file from a binary field (image, video, audio, PDF or SRT, up to 32 MB); returns the asset ID to use in videos and translations',
			},
		],
	},
	...upload.description,
	...get.description,
	...deleteAsset.description,
];
