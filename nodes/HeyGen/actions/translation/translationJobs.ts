import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TERMINAL_TRANSLATION_STATUSES, type TranslationDetail } from '../../schemas';
import { downloadToBinary, type DownloadTarget } from '../../transport/download';
import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { readStatuses } from '../../transport/batches';
import { findListedJobs } from '../../transport/listedJobs';
import { apiData, type RunContext } from '../../transport/request';
import { batchPlan, type CreatePlan, type PreparedItem } from '../createFlow';

/** A translation as the node outputs it: HeyGen's fields, with `id` as `video_translation_id`. */
export function translationOutput(detail: IDataObject, extra: IDataObject = {}): IDataObject {
	const { id, ...rest } = detail;
	const output: IDataObject = { video_translation_id: id };
	for (const [key, value] of Object.entries({ ...rest, ...extra })) {
		if (value !== undefined) output[key] = value;
	}
	return output;
}

function snapshot(detail: IDataObject): JobSnapshot {
	return { id: String(detail.id), status: String(detail.status), raw: detail };
}

/** Translation status for the job runner: many at once through the list, the rest one by one. */
export function translationJobKind(ctx: RunContext): JobKind {
	return {
		noun: 'video translation',
		terminalStatuses: TERMINAL_TRANSLATION_STATUSES,
		failedStatuses: ['failed'],
		async getOne(id, itemIndex) {
			return snapshot(await apiData<IDataObject>(ctx, 'getTranslation', { pathParams: { video_translation_id: id }, itemIndex }));
		},
		getMany: async (ids) => await findListedJobs(ctx, 'listTranslations', ids, snapshot),
		statuses: async (ids) => await readStatuses(ctx, 'getTranslationStatuses', 'video_translation_ids', ids),
	};
}


/** A finished translation's file with a freshly signed link: the translated video, or its audio only. */
export async function freshTranslationDownload(ctx: RunContext, id: string, itemIndex: number, file: 'video' | 'audio' = 'video') {
	const detail = await apiData<TranslationDetail>(ctx, 'getTranslation', { pathParams: { video_translation_id: id }, itemIndex });
	const url = file === 'audio' ? detail.audio_url : detail.video_url;
	if (detail.status !== 'completed' || !url) {
		throw new NodeOperationError(ctx.getNode(), `The video translation ${id} is not ready to download (status: ${detail.status}) [item ${itemIndex}]`, {
			itemIndex,
			description: 'Only completed translations can be downloaded. Wait for it with Translation → Wait for Completion first.',
		});
	}
	const target: DownloadTarget =
		file === 'audio'
			? { url, fileName: `${id}.mp3`, mimeType: 'audio/mpeg' }
			: { url, fileName: `${id}.mp4`, mimeType: 'video/mp4' };
	return { detail, target };
}

export async function attachTranslationFile(
	ctx: RunContext,
	id: string,
	itemIndex: number,
	binaryPropertyName: string,
	file: 'video' | 'audio' = 'video',
): Promise<NonNullable<INodeExecutionData['binary']>> {
	const refresh = async () => (await freshTranslationDownload(ctx, id, itemIndex, file)).target;
	return { [binaryPropertyName]: await downloadToBinary(ctx, await refresh(), refresh, itemIndex, { noun: 'video translation', id }) };
}

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
		kind: translationJobKind(ctx),
		weight: languageCount,
		submit: send && (async (item, key) => languageJobs(await send(item, key), item, 'pending')),
		toJson: (job, item) => translationOutput(job.raw, { callback_id: item.body?.callback_id as string | undefined }),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
		download: async (job, itemIndex, binaryPropertyName) => await attachTranslationFile(ctx, job.id, itemIndex, binaryPropertyName),
	};
}
