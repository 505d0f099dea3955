import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError, errorJson, withInputFields } from '../../helpers/items';
import { renderFailedError, waitTimedOutError } from '../../transport/errors';
import { runJobs } from '../../transport/jobs';
import { downloadFields, includeInputFieldsOption, maxWaitOption, videoLocator } from '../common.descriptions';
import { attachVideoFile } from './render';
import { videoOutput } from './shared';
import { videoJobKind } from './videoJobs';

const properties: INodeProperties[] = [
	{ ...videoLocator, description: 'The video to wait for, for example one created with Wait for Completion off' },
	...downloadFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeInputFieldsOption, maxWaitOption],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['waitForCompletion'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const maxWaitMinutes = Number((this.getNodeParameter('options', 0, {}) as IDataObject).maxWaitMinutes ?? 60);
	const specs = items.map((_, itemIndex) => ({
		itemIndex,
		existingId: String(this.getNodeParameter('video_id', itemIndex, '', { extractValue: true })).trim(),
	}));

	const outcomes = await runJobs(specs, {
		kind: videoJobKind(this),
		concurrency: specs.length,
		waitForCompletion: true,
		maxWaitMs: maxWaitMinutes * 60_000,
		stopOnFirstError: !continueOnFail,
		signal: this.getExecutionCancelSignal(),
	});

	const output: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		const i = outcome.itemIndex;
		const include = Boolean((this.getNodeParameter('options', i, {}) as IDataObject).includeInputFields);
		try {
			if (outcome.state === 'error') throw outcome.error;
			if (outcome.state === 'notStarted' || outcome.state === 'abandoned' || outcome.state === 'submitted') {
				throw new Error(`The video was not waited for because another item failed [item ${i}]`);
			}
			const json = videoOutput(outcome.job.raw);
			if (outcome.state === 'failed') {
				throw renderFailedError(
					this.getNode(),
					{
						id: outcome.job.id,
						noun: 'video',
						failureCode: outcome.job.raw.failure_code as string | undefined,
						failureMessage: outcome.job.raw.failure_message as string | undefined,
					},
					i,
				);
			}
			if (outcome.state === 'timedOut') {
				throw waitTimedOutError(this.getNode(), { id: outcome.job.id, noun: 'video', status: outcome.job.status, waitedMinutes: maxWaitMinutes }, i);
			}
			const binary = this.getNodeParameter('downloadVideo', i, false)
				? await attachVideoFile(this, outcome.job.id, i, this.getNodeParameter('binaryPropertyName', i, 'data') as string, outcome.job.raw.video_url as string | undefined)
				: undefined;
			output.push({ json: withInputFields(items[i], json, include), ...(binary ? { binary } : {}), pairedItem: { item: i } });
		} catch (error) {
			if (!continueOnFail) throw asItemError(this, error, i);
			const job = 'job' in outcome && outcome.job ? { video_id: outcome.job.id, status: outcome.job.status } : { video_id: specs[i].existingId };
			output.push({ json: withInputFields(items[i], errorJson(error, job), include), pairedItem: { item: i } });
		}
	}
	return output;
}
