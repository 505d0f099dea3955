import type { INodeProperties } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as asset from './asset/Asset.resource';
import * as avatar from './avatar/Avatar.resource';
import * as hyperframesRender from './hyperframes/HyperframesRender.resource';
import * as lipsync from './lipsync/Lipsync.resource';
import * as template from './template/Template.resource';
import * as translation from './translation/Translation.resource';
import * as video from './video/Video.resource';
import * as videoAgent from './videoAgent/VideoAgent.resource';
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
			{ name: 'Asset', value: 'asset' },
			{ name: 'Avatar', value: 'avatar' },
			{ name: 'HyperFrames Render', value: 'hyperframesRender' },
			{ name: 'Lipsync', value: 'lipsync' },
			{ name: 'Template', value: 'template' },
			{ name: 'Translation', value: 'translation' },
			{ name: 'Video', value: 'video' },
			{ name: 'Video Agent', value: 'videoAgent' },
			{ name: 'Voice', value: 'voice' },
		],
	},
	...video.description,
	...template.description,
	...translation.description,
	...lipsync.description,
	...videoAgent.description,
	...hyperframesRender.description,
	...avatar.description,
	...voice.description,
	...asset.description,
	...account.description,
];
