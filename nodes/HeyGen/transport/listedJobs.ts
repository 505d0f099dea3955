import type { IDataObject } from 'n8n-workflow';

import type { EndpointKey } from '../schemas/endpoints';
import type { JobSnapshot } from './jobs';
import { apiPage, type RunContext } from './request';

const LIST_PAGE_SIZE = 100;

/**
 * Many running jobs read with a list call (newest first): only the pages that can hold them. A
 * job those pages miss (an older one, a busy account) is left to the runner to read on its own.
 */
export async function findListedJobs(
	ctx: RunContext,
	endpoint: EndpointKey,
	ids: string[],
	snapshot: (detail: IDataObject) => JobSnapshot,
): Promise<Map<string, JobSnapshot>> {
	const wanted = new Set(ids);
	const found = new Map<string, JobSnapshot>();
	const maxPages = Math.ceil(ids.length / LIST_PAGE_SIZE) + 1;
	let token: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const result = await apiPage<IDataObject>(ctx, endpoint, { limit: LIST_PAGE_SIZE, token });
		for (const detail of result.items) {
			const job = snapshot(detail);
			if (wanted.has(job.id)) found.set(job.id, job);
		}
		token = result.nextToken;
		if (!token || found.size === wanted.size) break;
	}
	return found;
}
