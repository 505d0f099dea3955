import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createProofread from './createProofread.operation';
import * as download from './download.operation';
import * as downloadProofreadSrt from './downloadProofreadSrt.operation';
import * as generateFromProofread from './generateFromProofread.operation';
import * as get from './get.operation';
import * as getLanguages from './getLanguages.operation';
import * as getMany from './getMany.operation';
import * as getProofread from './getProofread.operation';
import * as uploadProofreadSrt from './uploadProofreadSrt.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export { create, download, get, getLanguages, getMany, waitForCompletion };
export { createProofread, downloadProofreadSrt, generateFromProofread, getProofread, uploadProofreadSrt };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['translation'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Translate a video',
				description:
					'Dub a video into one or more languages with lip-sync; returns one item per language with its translation ID, and its URLs once finished',
			},
			{
				name: 'Create Proofread',
				value: 'createProofread',
				action: 'Create a translation proofread',
				description:
					'Have HeyGen translate the subtitles of a video into one or more languages for review before any video is made; one item per language',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a translated video',
				description: 'Download a finished translation (video or audio) as binary data, with a fresh link',
			},
			{
				name: 'Download Proofread SRT',
				value: 'downloadProofreadSrt',
				action: 'Download the SRT of a proofread',
				description: 'Download the subtitles of a proofread (as edited, or the SRT given at creation) as a binary SRT file, with a fresh link',
			},
			{
				name: 'Generate Video From Proofread',
				value: 'generateFromProofread',
				action: 'Generate a translated video from a proofread',
				description: 'Make the translated video from a proofread’s subtitles as edited; then it is a translation like any other (wait, download)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video translation',
				description: 'Get a translation’s status and, once finished, its video, audio and caption URLs',
			},
			{
				name: 'Get Languages',
				value: 'getLanguages',
				action: 'Get the translation languages',
				description: 'List the languages HeyGen translates into, one item per language',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many video translations',
				description: 'List the translations of the account, newest first',
			},
			{
				name: 'Get Proofread',
				value: 'getProofread',
				action: 'Get a translation proofread',
				description: 'Get a proofread’s status, optionally waiting until its subtitles are ready',
			},
			{
				name: 'Upload Proofread SRT',
				value: 'uploadProofreadSrt',
				action: 'Upload an edited SRT to a proofread',
				description: 'Replace a proofread’s subtitles with an edited SRT from an input binary field (a reviewer’s or a model’s edit), an asset or a URL',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a video translation to finish',
				description: 'Wait until a translation made elsewhere has finished; can take minutes, returns its URLs',
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getLanguages.description,
	...waitForCompletion.description,
	...download.description,
	...createProofread.description,
	...getProofread.description,
	...downloadProofreadSrt.description,
	...uploadProofreadSrt.description,
	...generateFromProofread.description,
];
