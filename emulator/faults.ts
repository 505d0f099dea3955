import { z } from 'zod';

export type FaultAction =
	/** Answer with this status and a HeyGen error body (code and message default by status). */
	| { type: 'status'; status: number; code?: string; message?: string; retryAfterSeconds?: number }
	/** Answer 429 `rate_limit_exceeded` with `Retry-After` (default 1). The storage host answers 503 `SlowDown`, as S3 does. */
	| { type: 'rate_limit'; retryAfterSeconds?: number }
	/** Wait, then handle the request normally. */
	| { type: 'delay'; ms: number }
	/**
	 * Destroy the connection without a (complete) response. `before`: the request never took effect.
	 * `after`: it took effect (a video was created, an idempotent reply stored); on the storage host the
	 * headers and the first part of the body are sent before the cut.
	 */
	| { type: 'drop'; when: 'before' | 'after' };

/**
 * `webhook` rules act on the emulator's own deliveries as if the receiver answered: `status` and
 * `rate_limit` stand for its answer (nothing is sent), `delay` holds the attempt, `drop` cuts it.
 * They apply only when `server: 'webhook'` is given, so an unscoped rule never takes a delivery.
 */
export type FaultServer = 'api' | 'storage' | 'webhook';

export interface FaultMatch {
	server?: FaultServer;
	/** HTTP method, case-insensitive. */
	method?: string;
	/** An ENDPOINTS key such as `createVideo`; for webhook deliveries, the event type. */
	endpoint?: string;
	/** Exact path, or a pattern where `*` matches any characters (`/videos/*.mp4`). */
	path?: string;
}

export interface FaultRule {
	/** Every given field must match; no `match` matches every request. */
	match?: FaultMatch;
	/** Let the first N matching requests through untouched. */
	skip?: number;
	/** How many requests to affect after the skipped ones; default 1, `Infinity` for always. */
	times?: number;
	action: FaultAction;
}

/** What the fault matcher sees of a request. */
export interface FaultTarget {
	server: FaultServer;
	method: string;
	path: string;
	endpoint?: string;
}

export interface FaultStatus {
	id: number;
	rule: FaultRule;
	/** Matching requests seen so far, the skipped ones included. */
	matched: number;
	applied: number;
}

export interface AppliedFault {
	action: FaultAction;
	/** Recorded on the request, e.g. `status:503`, `drop:after`. */
	label: string;
}

const timesSchema = z
	.union([z.number().int().min(1), z.literal(Infinity), z.literal('Infinity'), z.null()])
	.transform((value) => (typeof value === 'number' ? value : Infinity));

const actionSchema = z.discriminatedUnion('type', [
	z
		.object({
			type: z.literal('status'),
			status: z.number().int().min(100).max(599),
			code: z.string().min(1).optional(),
			message: z.string().min(1).optional(),
			retryAfterSeconds: z.number().int().min(0).optional(),
		})
		.strict(),
	z.object({ type: z.literal('rate_limit'), retryAfterSeconds: z.number().int().min(0).optional() }).strict(),
	z.object({ type: z.literal('delay'), ms: z.number().int().min(0) }).strict(),
	z.object({ type: z.literal('drop'), when: z.enum(['before', 'after']) }).strict(),
]);

/** Validates a rule (JSON over the control API can't carry Infinity: `times` also takes "Infinity" or null). */
export const faultRuleSchema = z
	.object({
		match: z
			.object({
				server: z.enum(['api', 'storage', 'webhook']).optional(),
				method: z.string().min(1).optional(),
				endpoint: z.string().min(1).optional(),
				path: z.string().min(1).optional(),
			})
			.strict()
			.optional(),
		skip: z.number().int().min(0).optional(),
		times: timesSchema.optional(),
		action: actionSchema,
	})
	.strict();

export function parseFaultRule(input: unknown): FaultRule {
	const result = faultRuleSchema.safeParse(input);
	if (result.success) return result.data as FaultRule;
	const issue = result.error.issues[0];
	throw new Error(`${issue.path.join('.') || 'rule'}: ${issue.message}`);
}

export function faultLabel(action: FaultAction): string {
	switch (action.type) {
		case 'status':
			return `status:${action.status}`;
		case 'rate_limit':
			return 'rate_limit';
		case 'delay':
			return `delay:${action.ms}`;
		case 'drop':
			return `drop:${action.when}`;
	}
}

function pathMatches(pattern: string, path: string): boolean {
	if (!pattern.includes('*')) return pattern === path;
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`).test(path);
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
	if (target.server === 'webhook' && match?.server !== 'webhook') return false;
	if (!match) return true;
	return (
		(match.server === undefined || match.server === target.server) &&
		(match.method === undefined || match.method.toUpperCase() === target.method.toUpperCase()) &&
		(match.endpoint === undefined || match.endpoint === target.endpoint) &&
		(match.path === undefined || pathMatches(match.path, target.path))
	);
}

/** Rules in the order added; the first rule that is due takes a request. */
export class FaultInjector {
	private readonly faults: FaultStatus[] = [];
	private nextId = 1;

	add(rule: FaultRule): FaultStatus {
		const parsed = parseFaultRule(rule);
		const status: FaultStatus = { id: this.nextId++, rule: parsed, matched: 0, applied: 0 };
		this.faults.push(status);
		return status;
	}

	clear(): void {
		this.faults.length = 0;
	}

	list(): FaultStatus[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	take(target: FaultTarget): AppliedFault | undefined {
		for (const fault of this.faults) {
			const times = fault.rule.times ?? 1;
			if (fault.applied >= times || !matches(fault.rule.match, target)) continue;
			fault.matched++;
			if (fault.matched <= (fault.rule.skip ?? 0)) continue;
			fault.applied++;
			return { action: fault.rule.action, label: faultLabel(fault.rule.action) };
		}
		return undefined;
	}
}
