import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VideoDetail } from '../../schemas';
import { downloadToBinary, type DownloadTarget } from '../../transport/download';
import { apiData, type RunContext } from '../../transport/request';

function videoTarget(videoId: string, url: string): DownloadTarget {
	const extension = /\.webm(\?|$)/.test(url) ? 'webm' : 'mp4';
	return { url, fileName: `${videoId}.${extension}`, mimeType: `video/${extension}` };
}

/** A finished video with a freshly signed download link (stored links expire). */
export async function freshVideoDownload(ctx: RunContext, videoId: string, itemIndex: number) {
	const detail = await apiData<VideoDetail>(ctx, 'getVideo', { pathParams: { video_id: videoId }, itemIndex });
	if (detail.status !== 'completed' || !detail.video_url) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The video ${videoId} is not ready to download (status: ${detail.status}) [item ${itemIndex}]`,
			{ itemIndex, description: 'Only completed videos can be downloaded. Wait for it with Video → Wait for Completion first.' },
		);
	}
	return { detail, target: videoTarget(videoId, detail.video_url) };
}

/**
 * Downloads a finished video into the item's binary field. A link the wait has just read is
 * seconds old and used as is; otherwise (or once it turns out expired) a fresh one is asked for.
 */
export async function attachVideoFile(
	ctx: RunContext,
	videoId: string,
	itemIndex: number,
	binaryPropertyName: string,
	knownUrl?: string | null,
): Promise<NonNullable<INodeExecutionData['binary']>> {
	const refresh = async () => (await freshVideoDownload(ctx, videoId, itemIndex)).target;
	const target = knownUrl ? videoTarget(videoId, knownUrl) : await refresh();
	return { [binaryPropertyName]: await downloadToBinary(ctx, target, refresh, itemIndex, { noun: 'video', id: videoId }) };
}
