import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError } from '../../helpers/items';
import { VIDEO_ENGINES, type AvatarLook } from '../../schemas';
import { apiData } from '../../transport/request';
import { avatarLookLocator } from '../common.descriptions';
import { prepareBodies, readRenderSettings, renderVideos } from './render';
import { callbackId, createVideoTail, settingsBody, speechBody, speechFields } from './shared';

const ENGINE_NAMES: Record<(typeof VIDEO_ENGINES)[number], string> = {
	avatar_iv: 'Avatar IV',
	avatar_v: 'Avatar V',
	avatar_iii: 'Avatar III',
};

const engineField: INodeProperties = {
	displayName: 'Engine',
	name: 'engine',
	type: 'options',
	default: 'avatar_iv',
	description: "HeyGen's rendering engine; the look must support it (see supported_api_engines of Avatar → Get)",
	options: VIDEO_ENGINES.map((engine) => ({ name: ENGINE_NAMES[engine], value: engine })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
};

const properties: INodeProperties[] = [avatarLookLocator, ...speechFields(false), ...createVideoTail([engineField])];

const displayOptions = { show: { resource: ['video'], operation: ['createAvatarVideo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function buildBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		type: 'avatar',
		avatar_id: String(ctx.getNodeParameter('avatar_id', itemIndex, '', { extractValue: true })).trim(),
		...speechBody(ctx, itemIndex),
		...settingsBody(ctx, itemIndex),
	};
	if (typeof fields.engine === 'string' && fields.engine) body.engine = { type: fields.engine };
	const callback = callbackId(ctx, itemIndex);
	if (callback) body.callback_id = callback;
	return body;
}

/**
 * A script without a voice is read by the look's default voice. The node resolves it itself
 * (one request per distinct look), so the body it sends is explicit and a look without a
 * default voice is reported before anything is created.
 */
async function fillDefaultVoices(ctx: IExecuteFunctions, prepared: Array<{ itemIndex: number; body?: IDataObject; error?: unknown }>) {
	const looks = new Map<string, Promise<AvatarLook>>();
	for (const item of prepared) {
		const body = item.body;
		if (!body || !body.script || body.voice_id) continue;
		const lookId = String(body.avatar_id);
		if (!looks.has(lookId)) {
			looks.set(lookId, apiData<AvatarLook>(ctx, 'getAvatarLook', { pathParams: { look_id: lookId }, itemIndex: item.itemIndex }));
		}
		try {
			const look = await (looks.get(lookId) as Promise<AvatarLook>);
			if (!look.default_voice_id) {
				throw asItemError(
					ctx,
					new Error(`The avatar look "${look.name}" has no default voice [item ${item.itemIndex}]`),
					item.itemIndex,
				);
			}
			body.voice_id = look.default_voice_id;
		} catch (error) {
			const itemError = asItemError(ctx, error, item.itemIndex);
			if (!itemError.description) itemError.description = 'Choose a Voice for this item; nothing was sent to HeyGen.';
			if (!ctx.continueOnFail()) throw itemError;
			item.body = undefined;
			item.error = itemError;
		}
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const prepared = await prepareBodies(this, items, (itemIndex) => buildBody(this, itemIndex));
	await fillDefaultVoices(this, prepared);
	return await renderVideos(this, items, prepared, readRenderSettings(this));
}
