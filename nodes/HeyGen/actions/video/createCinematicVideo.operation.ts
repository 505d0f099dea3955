import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionText, describeValue, locatorText, textParameter } from '../../helpers/parameters';
import { fieldError, type FieldLabels } from '../../helpers/validation';
import {
	CINEMATIC_ASPECT_RATIOS,
	CINEMATIC_DURATION,
	CINEMATIC_MEDIA_LIMITS,
	CINEMATIC_RESOLUTIONS,
	createVideoBodySchema,
	MAX_CINEMATIC_LOOKS,
} from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, avatarLookLocator, callbackIdField, callbackIdOf, createOptions, videoTitleField, waitFields } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { pendingFilesFingerprint, pendingUpload, uploadPendingFiles, type MediaKind } from '../fileSource';
import { videoCreatePlan } from './videoJobs';

const MEDIA_NAMES: Record<MediaKind, string> = { audio: 'Audio', image: 'Image', video: 'Video' };
const showSource = (source: string) => ({ show: { source: [source] } });

/** The fields of one reference, in the order they are filled: what it is, where it comes from, then that. */
const referenceFields: INodeProperties[] = [
	{
		displayName: 'Media',
		name: 'media',
		type: 'options',
		default: 'image',
		description: 'What the file is: counted against HeyGen’s limits before anything is sent',
		options: (['audio', 'image', 'video'] as MediaKind[]).map((media) => ({ name: MEDIA_NAMES[media], value: media })),
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'url',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'A file uploaded to HeyGen' },
			{ name: 'Binary File', value: 'binary', description: 'A file in an input binary field, uploaded first (up to 32 MB)' },
			{ name: 'URL', value: 'url', description: 'A public link to the file' },
		],
	},
	{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://example.com/mood-board.png', displayOptions: showSource('url') },
	{ displayName: 'Asset ID', name: 'asset_id', type: 'string', default: '', displayOptions: showSource('assetId') },
	{
		displayName: 'Input Binary Field',
		name: 'binaryField',
		type: 'string',
		default: 'data',
		hint: 'The name of the input binary field containing the file',
		displayOptions: showSource('binary'),
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 5 },
		placeholder: 'e.g. {{ $json.firstName }} walks through a sunlit office toward the camera, handheld, documentary style',
		description:
			'The shot in plain words: setting, action, camera and mood, up to 10,000 characters. It replaces a script and a voice: the looks move and speak as the prompt says.',
	},
	{
		displayName: 'Avatar Looks',
		name: 'looks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Avatar Look' },
		placeholder: 'Add Avatar Look',
		default: {},
		description: 'One to three looks to appear in the video together. Each counts as one of the 9 images HeyGen takes.',
		options: [
			{
				displayName: 'Look',
				name: 'look',
				values: [{ ...avatarLookLocator, displayName: 'Avatar Look', description: 'A look to appear in the video' }],
			},
		],
	},
	{
		displayName: 'References',
		name: 'references',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Reference' },
		placeholder: 'Add Reference',
		default: {},
		description: `Images, clips or audio that steer style, motion or composition. With the looks, at most ${CINEMATIC_MEDIA_LIMITS.images} images and ${CINEMATIC_MEDIA_LIMITS.videos} videos in all.`,
		options: [
			{
				displayName: 'Reference',
				name: 'reference',
				values: referenceFields,
			},
		],
	},
	{
		...callbackIdField,
		description:
			'Your own reference for this video, such as a HubSpot contact ID or a Clay row key, kept in the output. HeyGen takes no callback ID for cinematic videos, so its webhook events will not carry it.',
	},
	...waitFields,
	additionalFields([
		{
			displayName: 'Aspect Ratio',
			name: 'aspect_ratio',
			type: 'options',
			default: '16:9',
			options: CINEMATIC_ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
		},
		{
			displayName: 'Automatic Duration',
			name: 'auto_duration',
			type: 'boolean',
			default: false,
			description: `Whether HeyGen picks the length (${CINEMATIC_DURATION.min} to ${CINEMATIC_DURATION.max} seconds) from the prompt; do not add Duration with it`,
		},
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			default: 10,
			typeOptions: { minValue: CINEMATIC_DURATION.min, maxValue: CINEMATIC_DURATION.max, numberPrecision: 0 },
			description: `Length of the video, from ${CINEMATIC_DURATION.min} to ${CINEMATIC_DURATION.max} seconds (HeyGen charges the same for any length)`,
		},
		{
			displayName: 'Enhance Prompt',
			name: 'enhance_prompt',
			type: 'boolean',
			default: false,
			description: 'Whether HeyGen rewrites the prompt into a fuller brief before rendering',
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			default: '720p',
			options: CINEMATIC_RESOLUTIONS.map((resolution) => ({ name: resolution, value: resolution })),
		},
		videoTitleField,
	]),
	createOptions,
];

const displayOptions = { show: { resource: ['video'], operation: ['createCinematicVideo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** References labelled by place: room for every image and video HeyGen takes, and some audio (later ones read "References › 30.url"). */
const LABELLED_REFERENCES = 2 * (CINEMATIC_MEDIA_LIMITS.images + CINEMATIC_MEDIA_LIMITS.videos);

/** API fields → the node's field names: each look and reference named by its place in its list. */
const LABELS: FieldLabels = {
	prompt: 'Prompt',
	avatar_id: 'Avatar Looks',
	references: 'References',
	duration: 'Duration (Seconds)',
	auto_duration: 'Automatic Duration',
	enhance_prompt: 'Enhance Prompt',
	aspect_ratio: 'Aspect Ratio',
	resolution: 'Resolution',
	title: 'Title',
};
for (let index = 0; index < MAX_CINEMATIC_LOOKS; index++) LABELS[`avatar_id.${index}`] = `Avatar Look ${index + 1}`;
for (let index = 0; index < LABELLED_REFERENCES; index++) {
	LABELS[`references.${index}`] = `Reference ${index + 1}`;
	LABELS[`references.${index}.url`] = `Reference ${index + 1} › URL`;
	LABELS[`references.${index}.asset_id`] = `Reference ${index + 1} › Asset ID`;
}

/** The entries of a list field (looks, references), or the error naming it. */
function entries(ctx: IExecuteFunctions, name: string, entry: string, label: string, itemIndex: number): IDataObject[] {
	const list = (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject)[entry] ?? [];
	if (!Array.isArray(list)) throw fieldError(ctx, label, `must be a list, not ${describeValue(list)}`, itemIndex);
	return list as IDataObject[];
}

function looksOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const looks = entries(ctx, 'looks', 'look', 'Avatar Looks', itemIndex).map((look, index) =>
		locatorText(ctx, look.avatar_id, `Avatar Look ${index + 1}`, itemIndex, { required: true }),
	);
	if (looks.length === 0 || looks.length > MAX_CINEMATIC_LOOKS) {
		throw fieldError(ctx, 'Avatar Looks', `must hold 1 to ${MAX_CINEMATIC_LOOKS} looks, not ${looks.length}`, itemIndex, 'Add the looks to appear in the video.');
	}
	return looks;
}

/** One reference in HeyGen's shape, and what it is (for HeyGen's limits). */
async function referenceOf(ctx: IExecuteFunctions, reference: IDataObject, index: number, itemIndex: number): Promise<{ media: MediaKind; input: IDataObject }> {
	const label = (name: string) => `Reference ${index + 1} › ${name}`;
	const text = (key: string, name: string) => collectionText(ctx, reference, key, label(name), itemIndex, { required: true });
	const media = (collectionText(ctx, reference, 'media', label('Media'), itemIndex) || 'image') as MediaKind;
	const source = collectionText(ctx, reference, 'source', label('Source'), itemIndex) || 'url';
	if (source === 'binary') return { media, input: await pendingUpload(ctx, itemIndex, text('binaryField', 'Input Binary Field'), label('Input Binary Field'), media) };
	if (source === 'assetId') return { media, input: { type: 'asset_id', asset_id: text('asset_id', 'Asset ID') } };
	return { media, input: { type: 'url', url: text('url', 'URL') } };
}

/** The references, checked against HeyGen's budget: the looks count as images. */
async function referencesOf(ctx: IExecuteFunctions, itemIndex: number, looks: number): Promise<IDataObject[]> {
	const listed = entries(ctx, 'references', 'reference', 'References', itemIndex);
	const references: Array<{ media: MediaKind; input: IDataObject }> = [];
	for (const [index, reference] of listed.entries()) references.push(await referenceOf(ctx, reference, index, itemIndex));
	const count = (media: MediaKind) => references.filter((reference) => reference.media === media).length;
	const images = count('image');
	if (looks + images > CINEMATIC_MEDIA_LIMITS.images) {
		throw fieldError(
			ctx,
			'References',
			`hold ${images} images; with ${looks} avatar look${looks === 1 ? '' : 's'} at most ${CINEMATIC_MEDIA_LIMITS.images - looks} fit`,
			itemIndex,
			`HeyGen takes ${CINEMATIC_MEDIA_LIMITS.images} images in all, the looks included.`,
		);
	}
	if (count('video') > CINEMATIC_MEDIA_LIMITS.videos) {
		throw fieldError(ctx, 'References', `hold ${count('video')} videos; HeyGen takes at most ${CINEMATIC_MEDIA_LIMITS.videos}`, itemIndex);
	}
	return references.map((reference) => reference.input);
}

async function buildBody(ctx: IExecuteFunctions, itemIndex: number, item: PreparedItem): Promise<IDataObject> {
	const looks = looksOf(ctx, itemIndex);
	const body: IDataObject = {
		type: 'cinematic_avatar',
		prompt: textParameter(ctx, 'prompt', 'Prompt', itemIndex, { required: true, keepSpaces: true }),
		avatar_id: looks,
	};
	const references = await referencesOf(ctx, itemIndex, looks.length);
	if (references.length > 0) body.references = references;
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const [key, label] of [['aspect_ratio', 'Aspect Ratio'], ['resolution', 'Resolution'], ['title', 'Title']] as const) {
		const value = collectionText(ctx, fields, key, label, itemIndex);
		if (value) body[key] = value;
	}
	for (const key of ['duration', 'auto_duration', 'enhance_prompt']) {
		if (fields[key] !== undefined) body[key] = fields[key];
	}
	// HeyGen's cinematic body takes no callback ID: the node keeps it for the output.
	item.callbackId = callbackIdOf(ctx, itemIndex);
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createVideoBodySchema, LABELS, async (itemIndex, item) => await buildBody(this, itemIndex, item));
	const plan = videoCreatePlan(
		this,
		'video',
		async (item, idempotencyKey) =>
			await apiData(this, 'createVideo', { body: item.body, itemIndex: item.itemIndex, fieldLabels: LABELS, idempotencyKey, rateLimit: 'throw' }),
		{ batches: true },
	);
	const referenceInputs = (item: PreparedItem) => ((item.body as IDataObject).references as IDataObject[] | undefined) ?? [];
	return await runCreates(this, items, prepared, settings, {
		...plan,
		// No callback_url on this type: a parked run goes through HeyGen's video batches, which call back once.
		callsBack: false,
		beforeSend: async (item) => await uploadPendingFiles(this, item.itemIndex, referenceInputs(item)),
		fingerprint: async (item) => await pendingFilesFingerprint(this, item.itemIndex, referenceInputs(item)),
	});
}
