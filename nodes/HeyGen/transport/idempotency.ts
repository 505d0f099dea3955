import { createHash } from 'crypto';

export interface IdempotencyScope {
	workflowId: string;
	nodeId: string;
	/** Tells apart the kinds of create one node makes ("video", "translation"). */
	purpose: string;
	/** What is created: the request body as sent (Callback ID included), plus anything standing for a file. */
	content: unknown;
	/** Which of several items with identical content this one is (0 for the first), so each gets its own job. */
	occurrence: number;
	/** Set only when the user asks for new renders of identical input: ties the key to this run. */
	freshRun?: string;
	/** Raised when an earlier, failed job of the same input is rendered again (0 for the first try). */
	generation?: number;
}

/** JSON with object keys in a fixed order, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The `Idempotency-Key` of a create. It depends on the workflow, the node and what is created,
 * not on the execution: n8n's Retry On Fail, the transport's own retries and a re-run of a
 * failed, stopped or killed execution within HeyGen's 24-hour window all replay the first job
 * instead of billing another. HeyGen allows `[A-Za-z0-9_\-:.]{1,255}`.
 */
export function idempotencyKey(scope: IdempotencyScope): string {
	const digest = createHash('sha256')
		.update(
			[scope.workflowId, scope.nodeId, scope.purpose, canonicalJson(scope.content), scope.occurrence, scope.freshRun ?? '', scope.generation ?? 0].join(
				'\u0000',
			),
		)
		.digest('hex');
	return `n8n-${scope.purpose}-${digest.slice(0, 48)}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,255}$/;

/** The key of a request that creates several jobs at once (a batch): it follows from its members' keys. */
export function combinedKey(purpose: string, memberKeys: string[]): string {
	const digest = createHash('sha256').update(memberKeys.join('\u0000')).digest('hex');
	return `n8n-${purpose}-batch-${digest.slice(0, 48)}`;
}
