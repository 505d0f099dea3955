import type { INodeProperties } from 'n8n-workflow';

import * as createAvatarVideo from './createAvatarVideo.operation';
import * as createCinematicVideo from './createCinematicVideo.operation';
import * as createImageVideo from './createImageVideo.operation';
import * as createStudioVideo from './createStudioVideo.operation';
import * as deleteVideo from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { createAvatarVideo, createCinematicVideo, createImageVideo, createStudioVideo, deleteVideo as delete, download, get, getMany, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		default: 'createAvatarVideo',
		options: [
			{
				name: 'Create Avatar Video',
				value: 'createAvatarVideo',
				action: 'Create an avatar video',
				description:
					'Render a video of a HeyGen avatar reading a script or lip-syncing audio; returns the video ID, and its URLs once finished',
			},
			{
				name: 'Create Cinematic Video',
				value: 'createCinematicVideo',
				action: 'Create a cinematic video from a prompt',
				description:
					'Render a 4 to 15 second shot from a prompt with one to three avatar looks, optionally guided by reference images, clips or audio; returns the video ID and URLs',
			},
			{
				name: 'Create Image Video',
				value: 'createImageVideo',
				action: 'Create a video from an image',
				description: 'Animate a photo into a talking video that reads a script or lip-syncs audio; returns the video ID and URLs',
			},
			{
				name: 'Create Studio Video',
				value: 'createStudioVideo',
				action: 'Create a studio video',
				description:
					'Render one video from up to 50 scenes (avatars, talking photos, images, clips), built in the UI or as JSON; returns the video ID and URLs',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a video',
				description: 'Delete a video from the HeyGen library',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a video',
				description: 'Download a finished video as binary data (an MP4 file), with a freshly signed link',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video',
				description: 'Get a video’s status, fresh download URL, thumbnail and page URL',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many videos',
				description: 'List the videos of the account, newest first',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a video to finish',
				description:
					'Wait until a video made elsewhere (or with waiting off) has finished rendering; can take minutes, returns its URLs',
			},
		],
	},
	...createAvatarVideo.description,
	...createCinematicVideo.description,
	...createImageVideo.description,
	...createStudioVideo.description,
	...get.description,
	...getMany.description,
	...waitForCompletion.description,
	...download.description,
	...deleteVideo.description,
];
