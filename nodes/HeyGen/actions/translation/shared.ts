import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { z } from 'zod';

import { describeValue, locatorValue, textList } from '../../helpers/parameters';
import { fieldError, invalidInputError, type FieldLabels } from '../../helpers/validation';
import { apiData } from '../../transport/request';
import { failPrepared, prepareBodies, readCreateSettings, runCreates, type CreatePlan, type PreparedItem } from '../createFlow';
import { fileSourceInput, pendingFileFingerprint, uploadPendingFile } from '../fileSource';
import { LANGUAGE_PICKS_VERSION } from './fields';

/** The item's video as HeyGen takes it (a binary file is checked now and uploaded when the item is sent). */
export async function videoSourceInput(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await fileSourceInput(ctx, itemIndex, {
		source: ['videoSource', 'Video Source'],
		url: ['video_url', 'Video URL'],
		assetId: ['video_asset_id', 'Video Asset ID'],
	});
}

/**
 * The item's output languages. Version 1 holds them as a list (or an expression giving a list or
 * comma-separated names); later versions as picks, each of which an expression may also turn
 * into a list or comma-separated names.
 */
export function outputLanguagesOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const given = ctx.getNodeParameter('output_languages', itemIndex, []) as unknown;
	if (ctx.getNode().typeVersion < LANGUAGE_PICKS_VERSION) return textList(ctx, given, 'Output Languages', itemIndex);
	const picks = (given as IDataObject | undefined)?.language ?? [];
	if (!Array.isArray(picks)) throw fieldError(ctx, 'Output Languages', `must be a list of languages, not ${describeValue(picks)}`, itemIndex);
	return picks.flatMap((pick: IDataObject | null, index) => textList(ctx, locatorValue(pick?.language), `Output Language ${index + 1}`, itemIndex));
}

/**
 * Checks every item's output languages against HeyGen's list, read once and only when some item
 * is left to send: after every item's own input was checked.
 */
export async function checkOutputLanguages(ctx: IExecuteFunctions, prepared: PreparedItem[], labels: FieldLabels): Promise<void> {
	const toSend = prepared.filter((item) => item.body);
	if (toSend.length === 0) return;
	const listed = await apiData<{ languages: string[] }>(ctx, 'listTranslationLanguages', { itemIndex: toSend[0].itemIndex }).then(
		({ languages }) => new Set(languages),
		(error: unknown) => error as Error,
	);
	for (const item of toSend) {
		if (listed instanceof Error) {
			failPrepared(ctx, item, listed);
			continue;
		}
		const unknown = ((item.body as IDataObject).output_languages as string[]).find((language) => !listed.has(language));
		if (unknown) {
			const problem = { param: 'output_languages', message: `includes "${unknown}", which HeyGen does not translate into; pick languages from the list` };
			failPrepared(ctx, item, invalidInputError(ctx, problem, labels, item.itemIndex));
		}
	}
}

/** A plan whose item's video, when given as a binary file, is uploaded as the item is sent and counts in its idempotency key by its content. */
function withVideoUpload(ctx: IExecuteFunctions, plan: CreatePlan): CreatePlan {
	const videoOf = (item: PreparedItem) => (item.body as IDataObject).video as IDataObject;
	return {
		...plan,
		beforeSend: async (item) => await uploadPendingFile(ctx, item.itemIndex, videoOf(item)),
		fingerprint: async (item) => await pendingFileFingerprint(ctx, item.itemIndex, videoOf(item)),
	};
}

/** A create that starts one job per output language of a video (translations, proofreads). */
export interface LanguageCreate {
	schema: z.ZodTypeAny;
	labels: FieldLabels;
	build(itemIndex: number): Promise<IDataObject>;
	endpoint: 'createTranslation' | 'createProofread';
	/** The job ids HeyGen answered, one per language. */
	ids(data: IDataObject): string[];
	plan(send: (item: PreparedItem, idempotencyKey: string) => Promise<string[]>): CreatePlan;
}

/** Checks every item, then its languages against HeyGen's list, then sends them all and waits for their jobs together. */
export async function runLanguageCreates(ctx: IExecuteFunctions, items: INodeExecutionData[], create: LanguageCreate): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(ctx);
	const prepared = await prepareBodies(ctx, items, create.schema, create.labels, async (itemIndex) => await create.build(itemIndex));
	await checkOutputLanguages(ctx, prepared, create.labels);
	const plan = create.plan(async (item, idempotencyKey) => {
		const options = { body: item.body, itemIndex: item.itemIndex, fieldLabels: create.labels, idempotencyKey, rateLimit: 'throw' as const };
		return create.ids(await apiData<IDataObject>(ctx, create.endpoint, options));
	});
	return await runCreates(ctx, items, prepared, settings, withVideoUpload(ctx, plan));
}
