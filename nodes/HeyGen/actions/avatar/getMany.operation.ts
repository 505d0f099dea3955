import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AVATAR_LOOK_TYPES } from '../../schemas';
import { returnAllAndLimit } from '../common.descriptions';
import { listRecords } from '../listRecords';

const TYPE_NAMES: Record<(typeof AVATAR_LOOK_TYPES)[number], string> = {
	digital_twin: 'Digital Twin',
	photo_avatar: 'Photo Avatar',
	studio_avatar: 'Studio Avatar',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit('listAvatarLooks'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Avatar Group ID',
				name: 'group_id',
				type: 'string',
				default: '',
				description: 'Only the looks of one avatar (its group ID)',
			},
			{
				displayName: 'Avatar Type',
				name: 'avatar_type',
				type: 'options',
				default: 'studio_avatar',
				options: AVATAR_LOOK_TYPES.map((type) => ({ name: TYPE_NAMES[type], value: type })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
			},
			{
				displayName: 'Ownership',
				name: 'ownership',
				type: 'options',
				default: 'public',
				options: [
					{ name: 'Private (My Avatars)', value: 'private' },
					{ name: 'Public (HeyGen Library)', value: 'public' },
				],
			},
		],
	},
];

const FILTER_LABELS = { group_id: 'Avatar Group ID', avatar_type: 'Avatar Type', ownership: 'Ownership' };

const displayOptions = { show: { resource: ['avatar'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await listRecords(this, items, { endpoint: 'listAvatarLooks', filterLabels: FILTER_LABELS });
}
