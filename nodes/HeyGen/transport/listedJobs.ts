import type { IDataObject } from 'n8n-workflow';

import type { EndpointKey } from '../schemas/endpoints';
import type { JobSnapshot } from './jobs';
import { apiPage, type RunContext } from './request';

const LIST_PAGE_SIZE = 100;

/**
 * Many jobs read with a job list's pages (newest first, 100 a page): stops once every wanted job
 * is found, or after one page more than they fill. A job the pages do not hold is left for the
 * caller to read on its own.
 */
export async function findListedJobs(
	ctx: RunContext,
	endpoint: EndpointKey,
	ids: string[],
	snapshotOf: (detail: IDataObject) => JobSnapshot,
): Promise<Map<string, JobSnapshot>> {
	const wanted = new Set(ids);
	const found = new Map<string, JobSnapshot>();
	let token: string | undefined;
	for (let page = 0; page < Math.ceil(ids.length / LIST_PAGE_SIZE) + 1; page++) {
		const result = await apiPage<IDataObject>(ctx, endpoint, { limit: LIST_PAGE_SIZE, token });
		for (const detail of result.items) {
			const snapshot = snapshotOf(detail);
			if (wanted.has(snapshot.id)) found.set(snapshot.id, snapshot);
		}
		token = result.nextToken;
		if (!token || found.size === wanted.size) break;
	}
	return found;
}
