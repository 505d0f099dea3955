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
	| { type: 'drop'; when: 'before' | 'after' }
	/**
	 * API only. The request takes effect, then its answer (status kept) is sent complete but with the
	 * JSON body cut to its first `bytes` bytes (default half; always short of the whole, so never valid
	 * JSON), `Content-Length` matching what is sent.
	 */
	| { type: 'truncate'; bytes?: number }
	/**
	 * API only. The request takes effect, then its answer (status kept) carries valid JSON of the wrong
	 * shape: `empty` `{}` (default), `null_data` `{"data":null}`, `missing_id` the real body with every
	 * `id` / `*_id` field of `data` (or of each item of a list) removed.
	 */
	| { type: 'malformed'; shape?: MalformedShape }
	/**
	 * API and storage. Answer `status` (default 302) with a `Location` on the elsewhere origin, same path
	 * and query. The API request does not take effect (elsewhere serves no API); a storage download
	 * followed there gets the same file, as from a CDN hop.
	 */
	| { type: 'redirect'; status?: RedirectStatus };

export type MalformedShape = 'empty' | 'null_data' | 'missing_id';
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/**
 * `webhook` rules act on the emulator's own deliveries as if the receiver answered: `status` and
 * `rate_limit` stand for its answer (nothing is sent), `delay` holds the attempt, `drop` cuts it.
 * They apply only when `server: 'webhook'` is given, so an unscoped rule never takes a delivery.
 * `callback` rules do the same to per-request `callback_url` deliveries alone.
 */
export type FaultServer = 'api' | 'storage' | 'webhook' | 'callback';

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
	/**
	 * How many requests to affect after the skipped ones; `Infinity` for always. Default 1, or
	 * `Infinity` when `probability` is given.
	 */
	times?: number;
	/** Each matching request (after the skipped ones) is affected with this chance, drawn independently. */
	probability?: number;
	/** Seeds this rule's draws; default: derived from the injector's seed and the rule's position. */
	seed?: number;
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
	z.object({ type: z.literal('truncate'), bytes: z.number().int().min(0).optional() }).strict(),
	z.object({ type: z.literal('malformed'), shape: z.enum(['empty', 'null_data', 'missing_id']).optional() }).strict(),
	z
		.object({
			type: z.literal('redirect'),
			status: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).optional(),
		})
		.strict(),
]);

/** Where each action can happen; a rule never takes a request of another server. */
const ACTION_SERVERS: Record<FaultAction['type'], readonly FaultServer[]> = {
	status: ['api', 'storage', 'webhook', 'callback'],
	rate_limit: ['api', 'storage', 'webhook', 'callback'],
	delay: ['api', 'storage', 'webhook', 'callback'],
	drop: ['api', 'storage', 'webhook', 'callback'],
	truncate: ['api'],
	malformed: ['api'],
	redirect: ['api', 'storage'],
};

/** Validates a rule (JSON over the control API can't carry Infinity: `times` also takes "Infinity" or null). */
export const faultRuleSchema = z
	.object({
		match: z
			.object({
				server: z.enum(['api', 'storage', 'webhook', 'callback']).optional(),
				method: z.string().min(1).optional(),
				endpoint: z.string().min(1).optional(),
				path: z.string().min(1).optional(),
			})
			.strict()
			.optional(),
		skip: z.number().int().min(0).optional(),
		times: timesSchema.optional(),
		probability: z.number().min(0).max(1).optional(),
		seed: z.number().int().min(0).max(0xffffffff).optional(),
		action: actionSchema,
	})
	.strict()
	.superRefine((rule, context) => {
		const server = rule.match?.server;
		const servers = ACTION_SERVERS[rule.action.type];
		if (server !== undefined && !servers.includes(server)) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['action', 'type'],
				message: `'${rule.action.type}' does not apply to the ${server} server (only ${servers.join(', ')})`,
			});
		}
	});

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
		case 'truncate':
			return 'truncate';
		case 'malformed':
			return `malformed:${action.shape ?? 'empty'}`;
		case 'redirect':
			return `redirect:${action.status ?? 302}`;
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

/** Deliveries are taken only by rules scoped to them; a `webhook` rule covers callback deliveries too. */
function serverMatches(ruleServer: FaultServer | undefined, target: FaultServer): boolean {
	if (target === 'webhook' || target === 'callback') {
		return ruleServer === target || (ruleServer === 'webhook' && target === 'callback');
	}
	return ruleServer === undefined || ruleServer === target;
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
	const { match } = rule;
	if (!serverMatches(match?.server, target.server)) return false;
	if (!ACTION_SERVERS[rule.action.type].includes(target.server)) return false;
	if (!match) return true;
	return (
		(match.method === undefined || match.method.toUpperCase() === target.method.toUpperCase()) &&
		(match.endpoint === undefined || match.endpoint === target.endpoint) &&
		(match.path === undefined || pathMatches(match.path, target.path))
	);
}

/** Seed of rules that give none, for the whole injector. */
export const DEFAULT_FAULT_SEED = 1;

/** Murmur3's finaliser: spreads every bit of a 32-bit value over the result. */
function mix32(value: number): number {
	let mixed = value >>> 0;
	mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
	mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
	return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** A small seeded generator (a Weyl sequence through `mix32`): uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = mix32(seed);
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		return mix32(state) / 0x1_0000_0000;
	};
}

function ruleTimes(rule: FaultRule): number {
	return rule.times ?? (rule.probability === undefined ? 1 : Infinity);
}

interface ActiveFault {
	status: FaultStatus;
	draw: () => number;
}

/** Rules in the order added; the first rule that is due (and, with a probability, drawn) takes a request. */
export class FaultInjector {
	private readonly faults: ActiveFault[] = [];
	private nextId = 1;

	/** `seed` seeds the rules without their own, each from its position, so a run can be repeated. */
	constructor(private readonly seed = DEFAULT_FAULT_SEED) {}

	add(rule: FaultRule): FaultStatus {
		const parsed = parseFaultRule(rule);
		const status: FaultStatus = { id: this.nextId++, rule: parsed, matched: 0, applied: 0 };
		const seed = parsed.seed ?? mix32(this.seed ^ mix32(this.faults.length + 1));
		this.faults.push({ status, draw: seededRandom(seed) });
		return status;
	}

	clear(): void {
		this.faults.length = 0;
	}

	list(): FaultStatus[] {
		return this.faults.map(({ status }) => ({ ...status }));
	}

	take(target: FaultTarget): AppliedFault | undefined {
		for (const { status, draw } of this.faults) {
			const { rule } = status;
			if (status.applied >= ruleTimes(rule) || !matches(rule, target)) continue;
			status.matched++;
			if (status.matched <= (rule.skip ?? 0)) continue;
			if (rule.probability !== undefined && !(draw() < rule.probability)) continue;
			status.applied++;
			return { action: rule.action, label: faultLabel(rule.action) };
		}
		return undefined;
	}
}
