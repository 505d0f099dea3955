import { createHash } from 'crypto';

export interface IdempotencyScope {
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	/** Tells apart several creates made for one item (for example "video"). */
	purpose: string;
}

/**
 * The `Idempotency-Key` of a create: the same execution, node, run and item always give the same
 * key, so n8n's Retry On Fail and the transport's own retries replay the first job instead of
 * billing a second one. HeyGen allows `[A-Za-z0-9_\-:.]{1,255}`.
 */
export function idempotencyKey(scope: IdempotencyScope): string {
	const digest = createHash('sha256')
		.update([scope.executionId, scope.nodeId, scope.runIndex, scope.itemIndex, scope.purpose].join('\u0000'))
		.digest('hex');
	return `n8n-${scope.purpose}-${digest.slice(0, 48)}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,255}$/;
