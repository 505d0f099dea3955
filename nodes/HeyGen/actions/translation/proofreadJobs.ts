import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PROOFREAD_EVENTS, TERMINAL_JOB_STATUSES, type ProofreadSrt } from '../../schemas';
import { downloadToBinary, type DownloadTarget } from '../../transport/download';
import { apiData, type RunContext } from '../../transport/request';
import { callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { jobKindOf, jobOutput, type JobResource } from '../jobResource';
import { languageCount, languageJobs, translationCreatePlan, translationOutput } from './translationJobs';

/** A 400 about the proofread in the path names the node's field. */
export const PROOFREAD_ID_LABELS = { proofread_id: 'Proofread ID' };

/** Proofreads: HeyGen reads them one at a time (no list or bulk status read). */
export const PROOFREAD_JOBS: JobResource = {
	noun: 'proofread',
	idField: 'proofread_id',
	get: { endpoint: 'getProofread', pathParam: 'proofread_id', fieldLabels: PROOFREAD_ID_LABELS },
	terminalStatuses: TERMINAL_JOB_STATUSES,
	waitOperation: 'Translation → Get Proofread (Wait Until Ready on)',
};

/** A proofread as the node outputs it: HeyGen's fields, with `id` as `proofread_id`. */
export const proofreadOutput = (detail: IDataObject): IDataObject => jobOutput(PROOFREAD_JOBS, detail);

/**
 * The create flow of proofreads: one job, and one output item, per output language. HeyGen takes
 * no callback URL here, so a parked wait listens for the `proofread_creation` events instead.
 */
export function proofreadPlan(ctx: RunContext, send?: (item: PreparedItem, idempotencyKey: string) => Promise<string[]>): CreatePlan {
	return {
		noun: 'proofread',
		purpose: 'proofread',
		idField: 'proofread_id',
		events: [...PROOFREAD_EVENTS],
		parksOnEvents: true,
		kind: jobKindOf(ctx, PROOFREAD_JOBS),
		weight: languageCount,
		submit: send && (async (item, key) => languageJobs(await send(item, key), item, 'processing', { title: item.body?.title as string })),
		toJson: (job) => proofreadOutput(job.raw),
		failureOf: (job) => ({ message: job.raw.failure_message as string | undefined }),
	};
}

/**
 * The flow of videos generated from proofreads: translations like any other (waited for, parked
 * on their `callback_url` and downloaded as Translation → Create does), one per proofread, sent alone.
 */
export function generatedTranslationPlan(
	ctx: RunContext,
	send?: (item: PreparedItem, idempotencyKey: string) => Promise<{ video_translation_id: string; status: string }>,
): CreatePlan {
	return {
		...translationCreatePlan(ctx),
		purpose: 'proofread-generate',
		batch: undefined,
		weight: () => 1,
		submit:
			send &&
			(async (item, key) => {
				const { video_translation_id: id, status } = await send(item, key);
				return [{ id, status, raw: { id, status } }];
			}),
		toJson: (job, item) => translationOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
	};
}

export type SrtFile = 'edited' | 'original';

/** A completed proofread's SRT with a freshly signed link: the edited subtitles, or the SRT given at creation. */
export async function freshSrtDownload(ctx: RunContext, id: string, itemIndex: number, file: SrtFile): Promise<{ links: ProofreadSrt; target: DownloadTarget }> {
	const links = await apiData<ProofreadSrt>(ctx, 'getProofreadSrt', { pathParams: { proofread_id: id }, itemIndex, fieldLabels: PROOFREAD_ID_LABELS });
	const url = file === 'original' ? links.original_srt_url : links.srt_url;
	if (!url) {
		throw new NodeOperationError(ctx.getNode(), `The proofread ${id} has no original SRT [item ${itemIndex}]`, {
			itemIndex,
			description: 'HeyGen keeps an original SRT only when one was given at creation. Download the edited SRT instead.',
		});
	}
	return { links, target: { url, fileName: file === 'original' ? `${id}.original.srt` : `${id}.srt`, mimeType: 'application/x-subrip' } };
}

export async function attachSrtFile(ctx: RunContext, id: string, itemIndex: number, binaryPropertyName: string, file: SrtFile): Promise<{ links: ProofreadSrt; binary: NonNullable<INodeExecutionData['binary']> }> {
	const first = await freshSrtDownload(ctx, id, itemIndex, file);
	const refresh = async () => (await freshSrtDownload(ctx, id, itemIndex, file)).target;
	const binary = await downloadToBinary(ctx, first.target, refresh, itemIndex, { noun: 'proofread', id });
	return { links: first.links, binary: { [binaryPropertyName]: binary } };
}

