import type { IDataObject } from 'n8n-workflow';

import { TERMINAL_JOB_STATUSES } from '../../schemas';
import type { JobSnapshot } from '../../transport/jobs';
import type { RunContext } from '../../transport/request';
import { batchPlan, callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { attachJobFile, fileAt, jobKindOf, jobOutput, type JobFile, type JobResource } from '../jobResource';

/** Translations: read one by one, many through the list, or with HeyGen's bulk status read when parked. */
export const TRANSLATION_JOBS: JobResource = {
	noun: 'video translation',
	idField: 'video_translation_id',
	get: { endpoint: 'getTranslation', pathParam: 'video_translation_id' },
	list: 'listTranslations',
	statuses: { endpoint: 'getTranslationStatuses', idsField: 'video_translation_ids' },
	terminalStatuses: TERMINAL_JOB_STATUSES,
	waitOperation: 'Translation → Wait for Completion',
};

/** A translation as the node outputs it: HeyGen's fields, with `id` as `video_translation_id`. */
export const translationOutput = (detail: IDataObject, extra: IDataObject = {}): IDataObject => jobOutput(TRANSLATION_JOBS, detail, extra);

/** A translation's file: the translated video, or its audio only. */
export const translationFile =
	(file: 'video' | 'audio') =>
	(detail: IDataObject): JobFile =>
		file === 'audio' ? fileAt(detail, 'audio_url', 'mp3', 'audio/mpeg') : fileAt(detail, 'video_url', 'mp4', 'video/mp4');

/** Jobs one create starts: one per output language of its body. */
export const languageCount = (item: PreparedItem): number => ((item.body?.output_languages as string[] | undefined) ?? []).length || 1;

/** The jobs a create answered with, one per language in the body's order, as first seen. */
export function languageJobs(ids: string[], item: PreparedItem, status: string, extra: IDataObject = {}): JobSnapshot[] {
	const languages = (item.body?.output_languages as string[]) ?? [];
	return ids.map((id, index) => ({ id, status, raw: { id, status, ...extra, output_language: languages[index] ?? null } }));
}

/** The create flow of translations: one job, and one output item, per output language. */
export function translationCreatePlan(
	ctx: RunContext,
	send?: (item: PreparedItem, idempotencyKey: string) => Promise<string[]>,
): CreatePlan {
	return {
		noun: 'video translation',
		purpose: 'translation',
		idField: 'video_translation_id',
		callsBack: true,
		events: ['video_translate.success', 'video_translate.fail'],
		batch: batchPlan(ctx, 'translation'),
		kind: jobKindOf(ctx, TRANSLATION_JOBS),
		weight: languageCount,
		submit: send && (async (item, key) => languageJobs(await send(item, key), item, 'pending')),
		toJson: (job, item) => translationOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, item, binaryPropertyName) =>
			(await attachJobFile(ctx, TRANSLATION_JOBS, job.id, item.itemIndex, binaryPropertyName, translationFile('video'), { callbackId: callbackIdOfItem(item) })).binary,
	};
}
