import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { apiData, apiPage } from '../../transport/request';
import { TERMINAL_VIDEO_STATUSES, type VideoDetail } from '../../schemas';

const LIST_PAGE_SIZE = 100;

export function videoSnapshot(detail: VideoDetail | IDataObject): JobSnapshot {
	const raw = detail as IDataObject;
	const created = typeof raw.created_at === 'number' ? raw.created_at : undefined;
	const completed = typeof raw.completed_at === 'number' ? raw.completed_at : undefined;
	return {
		id: String(raw.id ?? raw.video_id),
		status: String(raw.status),
		raw,
		durationMs: created !== undefined && completed !== undefined ? (completed - created) * 1000 : undefined,
	};
}

/**
 * Video status for the job runner. Many running videos are read with one list call (newest
 * first); a video the first pages do not hold is read on its own.
 */
export function videoJobKind(ctx: IExecuteFunctions): JobKind {
	return {
		noun: 'video',
		terminalStatuses: TERMINAL_VIDEO_STATUSES,
		failedStatuses: ['failed'],
		async getOne(id, itemIndex) {
			return videoSnapshot(await apiData<IDataObject>(ctx, 'getVideo', { pathParams: { video_id: id }, itemIndex }));
		},
		async getMany(ids) {
			const wanted = new Set(ids);
			const found = new Map<string, JobSnapshot>();
			const maxPages = Math.ceil(ids.length / LIST_PAGE_SIZE) + 1;
			let token: string | undefined;
			for (let page = 0; page < maxPages; page++) {
				const result = await apiPage<IDataObject>(ctx, 'listVideos', { limit: LIST_PAGE_SIZE, token });
				for (const detail of result.items) {
					const snapshot = videoSnapshot(detail);
					if (wanted.has(snapshot.id)) found.set(snapshot.id, snapshot);
				}
				token = result.nextToken;
				if (!token || found.size === wanted.size) break;
			}
			return found;
		},
	};
}
