import type { INodeProperties } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as avatar from './avatar/Avatar.resource';
import * as video from './video/Video.resource';
import * as voice from './voice/Voice.resource';

/** The resource selector, then each resource's operation selector and fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'video',
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Avatar', value: 'avatar' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice', value: 'voice' },
		],
	},
	...video.description,
	...avatar.description,
	...voice.description,
	...account.description,
];
