import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionText, idParameter } from '../../helpers/parameters';
import { createVideoBodySchema, VIDEO_ENGINES } from '../../schemas';
import { apiData } from '../../transport/request';
import { ENGINE_NAMES, resolveLooks, type LookUse } from '../avatar/looks';
import { avatarLookLocator, callbackIdOf } from '../common.descriptions';
import { prepareBodies, readCreateSettings, runCreates } from '../createFlow';
import { createVideoTail, settingsBody, speechBody, speechFields, VIDEO_FIELD_LABELS } from './shared';
import { videoCreatePlan } from './videoJobs';

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
		avatar_id: idParameter(ctx, 'avatar_id', 'Avatar', itemIndex),
		...speechBody(ctx, itemIndex),
		...settingsBody(ctx, itemIndex),
	};
	const engine = collectionText(ctx, fields, 'engine', 'Engine', itemIndex);
	if (engine) body.engine = { type: engine };
	const callback = callbackIdOf(ctx, itemIndex);
	if (callback) body.callback_id = callback;
	return body;
}

/** The look of an avatar video: its engine to check, and its default voice when the script has none. */
function lookUses(body: IDataObject): LookUse[] {
	const engine = (body.engine as IDataObject | undefined)?.type as string | undefined;
	const needsVoice = Boolean(body.script) && !body.voice_id;
	return [
		{
			lookId: String(body.avatar_id),
			engine,
			fillVoice: needsVoice ? (voiceId) => (body.voice_id = voiceId) : undefined,
		},
	];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const prepared = await prepareBodies(this, items, createVideoBodySchema, VIDEO_FIELD_LABELS, (itemIndex) => buildBody(this, itemIndex));
	await resolveLooks(this, prepared, lookUses);
	const plan = videoCreatePlan(this, 'video', async (item, idempotencyKey) =>
		await apiData(this, 'createVideo', { body: item.body, itemIndex: item.itemIndex, fieldLabels: VIDEO_FIELD_LABELS, idempotencyKey, rateLimit: 'throw' }),
		{ batches: true },
	);
	return await runCreates(this, items, prepared, settings, plan);
}
