import type { IBinaryData, IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cancelSignal } from './request';

export interface DownloadTarget {
	/** Presigned file URL, fetched without the API key. */
	url: string;
	fileName: string;
	mimeType: string;
}

/** The Readable that `prepareBinaryData` accepts (no `stream` import: the node may import n8n-workflow only). */
type FileStream = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0] & { destroy(): void };

interface StreamResponse {
	statusCode: number;
	headers: IDataObject;
	body: FileStream;
}

/**
 * Streams a presigned HeyGen file into n8n's binary store, so memory does not grow with the file.
 * The request carries no credential: storage hosts must never see the API key. When the link
 * has expired (HeyGen answers 403), `refresh` is asked once for a fresh one.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions | IWebhookFunctions,
	target: DownloadTarget,
	refresh: () => Promise<DownloadTarget>,
	itemIndex: number,
): Promise<IBinaryData> {
	let current = target;
	for (let attempt = 0; attempt < 2; attempt++) {
		const response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url: current.url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: cancelSignal(ctx),
		})) as StreamResponse;

		if (response.statusCode >= 200 && response.statusCode < 300) {
			const contentType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
			const mimeType = contentType.startsWith('video/') || contentType.startsWith('audio/') ? contentType : current.mimeType;
			return await ctx.helpers.prepareBinaryData(response.body, current.fileName, mimeType);
		}
		response.body.destroy();
		if ((response.statusCode === 403 || response.statusCode === 404) && attempt === 0) {
			current = await refresh();
			continue;
		}
		throw new NodeOperationError(ctx.getNode(), `Downloading ${current.fileName} failed (HTTP ${response.statusCode}) [item ${itemIndex}]`, {
			itemIndex,
			description:
				response.statusCode === 403
					? 'The download link had expired even after a fresh one was requested. Run the node again.'
					: 'HeyGen storage did not deliver the file. Run the node again in a moment.',
		});
	}
	throw new NodeOperationError(ctx.getNode(), `Downloading ${current.fileName} failed [item ${itemIndex}]`, { itemIndex });
}
