import type { IBinaryData, IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CancelledError, isCancelled, sleepUnlessCancelled } from '../helpers/sleep';
import { headerValue, networkWords, parseRetryAfter } from './errors';
import { cancelSignal } from './request';
import { decideRetry, errorCode, isNetworkError } from './retry';

export interface DownloadTarget {
	/** Presigned file URL, fetched without the API key. */
	url: string;
	fileName: string;
	mimeType: string;
}

/** What is downloaded, for messages ("video", its ID). */
export interface DownloadSubject {
	noun: string;
	id: string;
}

/** The Readable that `prepareBinaryData` accepts (no `stream` import: the node may import n8n-workflow only). */
type FileStream = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0] & { destroy(): void };

interface StreamResponse {
	statusCode: number;
	headers: IDataObject;
	body: FileStream;
}

/** Expired or withdrawn links: asked for a fresh one this many times at most. */
const MAX_REFRESHES = 2;

/**
 * Streams a presigned HeyGen file into n8n's binary store, so memory does not grow with the file.
 * The request carries no credential: storage hosts must never see the API key (so following a
 * storage redirect is harmless). Storage 5xx, 429/503 with Retry-After, resets and cut-off bodies
 * are retried by the one retry decision; an expired link (403/404) is replaced by `refresh`.
 * A final failure names the item and the file's job, which stays safe in HeyGen.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions | IWebhookFunctions,
	target: DownloadTarget,
	refresh: () => Promise<DownloadTarget>,
	itemIndex: number,
	subject?: DownloadSubject,
): Promise<IBinaryData> {
	const signal = cancelSignal(ctx);
	let current = target;
	let refreshes = 0;
	let lastProblem = '';
	for (let retries = 0; ; retries++) {
		let response: StreamResponse | undefined;
		let thrown: unknown;
		try {
			response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: current.url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 60_000,
				abortSignal: signal,
			})) as StreamResponse;
			if (response.statusCode >= 200 && response.statusCode < 300) {
				const contentType = String(headerValue(response.headers, 'content-type') ?? '').split(';')[0].trim();
				const mimeType = contentType.startsWith('video/') || contentType.startsWith('audio/') ? contentType : current.mimeType;
				return await ctx.helpers.prepareBinaryData(response.body, current.fileName, mimeType);
			}
			response.body.destroy();
		} catch (error) {
			thrown = error;
		}

		let decision;
		if (thrown !== undefined) {
			if (isCancelled(thrown, signal)) throw new CancelledError();
			if (!isNetworkError(thrown)) throw downloadError(ctx, current, itemIndex, subject, (thrown as Error)?.message ?? String(thrown), retries);
			lastProblem = networkWords(errorCode(thrown) ?? '');
			decision = decideRetry({ kind: 'network', code: errorCode(thrown) }, { method: 'GET', idempotent: false, retriesDone: retries, rateLimit: 'wait' });
		} else {
			const status = (response as StreamResponse).statusCode;
			lastProblem = `HTTP ${status}`;
			if ((status === 403 || status === 404) && refreshes < MAX_REFRESHES) {
				// The link expired (or was withdrawn): HeyGen signs a fresh one on every read.
				refreshes++;
				current = await refresh();
				continue;
			}
			const retryAfterMs = parseRetryAfter(headerValue((response as StreamResponse).headers, 'retry-after'));
			// Storage throttling answers 503 SlowDown: the same rule as HeyGen's 429.
			decision = decideRetry(
				{ kind: 'http', status, code: status === 429 || status === 503 ? 'rate_limit_exceeded' : 'storage_error', retryAfterMs },
				{ method: 'GET', idempotent: false, retriesDone: retries, rateLimit: 'wait' },
			);
		}
		if (!decision.retry) throw downloadError(ctx, current, itemIndex, subject, lastProblem, retries);
		await sleepUnlessCancelled(decision.delayMs, signal);
	}
}

function downloadError(
	ctx: IExecuteFunctions | IWebhookFunctions,
	target: DownloadTarget,
	itemIndex: number,
	subject: DownloadSubject | undefined,
	problem: string,
	retries: number,
): NodeOperationError {
	const what = subject ? `the ${subject.noun} ${subject.id}` : target.fileName;
	return new NodeOperationError(ctx.getNode(), `Downloading ${what} failed: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `HeyGen's storage did not deliver the file after ${retries} ${retries === 1 ? 'retry' : 'retries'}. ${subject ? `The ${subject.noun} itself is safe in HeyGen: download it later with its Download operation using ID ${subject.id}.` : 'Run the node again in a moment.'}`,
	});
}
