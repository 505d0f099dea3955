import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idParameter } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';
import { generateFromProofreadBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { additionalFields, callbackIdField, callbackIdOf, createOptions, describeField, waitFields } from '../common.descriptions';
import { failPrepared, prepareBodies, readCreateSettings, runCreates, type PreparedItem } from '../createFlow';
import { proofreadIdField } from './fields';
import { generatedTranslationPlan, PROOFREAD_ID_LABELS } from './proofreadJobs';

const properties: INodeProperties[] = [
	{ ...proofreadIdField, description: 'The proofread whose subtitles (as edited) the translated video speaks; they must be ready' },
	callbackIdField,
	...describeField(waitFields, 'downloadVideo', 'Whether to download the translated video into the output as binary data'),
	additionalFields([
		{ displayName: 'Captions', name: 'captions', type: 'boolean', default: false, description: 'Whether to make SRT and VTT caption files from the subtitles' },
		{ displayName: 'Translate Audio Only', name: 'translate_audio_only', type: 'boolean', default: false, description: 'Whether to dub only the audio and keep the original picture (no lip-sync)' },
	]),
	createOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['generateFromProofread'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = { ...PROOFREAD_ID_LABELS, callback_id: 'Callback ID', captions: 'Captions', translate_audio_only: 'Translate Audio Only' };

/**
 * Reads each item's proofread once, after every item's own input was checked: one whose subtitles
 * are not made is refused before its create is sent (HeyGen would replay a refused create's answer
 * to its idempotency key, even once the proofread is ready).
 */
async function checkReady(ctx: IExecuteFunctions, prepared: PreparedItem[], proofreadIds: string[]): Promise<void> {
	const read = new Map<string, IDataObject | Error>();
	for (const item of prepared.filter((candidate) => candidate.body)) {
		const id = proofreadIds[item.itemIndex];
		if (!read.has(id)) {
			const options = { pathParams: { proofread_id: id }, itemIndex: item.itemIndex, fieldLabels: PROOFREAD_ID_LABELS };
			read.set(id, await apiData<IDataObject>(ctx, 'getProofread', options).catch((error: Error) => error));
		}
		const proofread = read.get(id) as IDataObject | Error;
		if (proofread instanceof Error) {
			failPrepared(ctx, item, proofread);
		} else if (proofread.status !== 'completed') {
			const failed = proofread.status === 'failed';
			const message = `The proofread ${id} has no subtitles to generate from (status: ${String(proofread.status)}) [item ${item.itemIndex}]`;
			const description = failed
				? `HeyGen could not make them: ${String(proofread.failure_message ?? 'no reason given')}. Create the proofread again. Nothing was generated.`
				: 'Wait for it first (Get Proofread with Wait Until Ready on, or Create Proofread with Wait for Completion on). Nothing was generated.';
			failPrepared(ctx, item, new NodeOperationError(ctx.getNode(), message, { itemIndex: item.itemIndex, description }));
		}
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readCreateSettings(this);
	const proofreadIds: string[] = [];
	const prepared = await prepareBodies(this, items, generateFromProofreadBodySchema, LABELS, (itemIndex) => {
		proofreadIds[itemIndex] = idParameter(this, 'proofread_id', 'Proofread ID', itemIndex);
		// HeyGen's defaults written out: the body is required, and n8n sends no empty one.
		const body: IDataObject = { captions: false, translate_audio_only: false, ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
		const callbackId = callbackIdOf(this, itemIndex);
		if (callbackId) body.callback_id = callbackId;
		return body;
	});
	await checkReady(this, prepared, proofreadIds);
	const plan = generatedTranslationPlan(this, async (item, idempotencyKey) => {
		return await apiData<{ video_translation_id: string; status: string }>(this, 'generateFromProofread', {
			pathParams: { proofread_id: proofreadIds[item.itemIndex] },
			body: item.body,
			itemIndex: item.itemIndex,
			fieldLabels: LABELS,
			idempotencyKey,
			rateLimit: 'throw',
		});
	});
	// The proofread is in the path, not the body: it counts in the idempotency key as the create's target.
	return await runCreates(this, items, prepared, settings, { ...plan, target: (item) => proofreadIds[item.itemIndex] });
}
