import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { z } from 'zod';

import { CancelledError, isCancelled, sleepUnlessCancelled } from '../helpers/sleep';
import { buildPath, ENDPOINTS, type Endpoint, type EndpointKey } from '../schemas/endpoints';
import {
	malformedAnswerFailure,
	networkFailure,
	outcomeUnknownError,
	parseFailure,
	redirectFailure,
	toNetworkNodeApiError,
	toNodeApiError,
	unexpectedRequestError,
	headerValue,
	type FailureContext,
	type HeyGenFailure,
} from './errors';
import { decideRetry, DEFAULT_RETRY_POLICY, errorCode, isNetworkError, isUnknownOutcome, type RequestOutcome, type RetryPolicy } from './retry';

export type HeyGenContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;
/** Where jobs are created or waited for: a running node, or its webhook resuming a parked run. */
export type RunContext = IExecuteFunctions | IWebhookFunctions;

export const CREDENTIAL_NAME = 'heyGenApi';
export const DEFAULT_BASE_URL = 'https://api.heygen.com';
/** HeyGen's own client waits 30 s for reads and 120 s for writes (a create's p99 is about 31 s). */
const READ_TIMEOUT_MS = 30_000;
const WRITE_TIMEOUT_MS = 120_000;

export interface ApiRequestOptions {
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	/** Sent as `Idempotency-Key`; only endpoints marked idempotent accept one. */
	idempotencyKey?: string;
	itemIndex?: number;
	/** API field -> display name, so a 400 names the node's field. */
	fieldLabels?: Record<string, string>;
	/** `throw`: hand a 429 back at once instead of waiting it out (the job scheduler queues the item). */
	rateLimit?: 'wait' | 'throw';
	retryPolicy?: RetryPolicy;
	/**
	 * A body that can be sent only once (a stream): called for every attempt, it returns the body
	 * and the headers that describe it (multipart boundary, length).
	 */
	streamBody?: () => Promise<{ body: unknown; headers: IDataObject }>;
}

/** The v3 response body: `{ data }`, plus `has_more`/`next_token` on lists. */
export interface ApiEnvelope {
	data: unknown;
	has_more?: boolean;
	next_token?: string | null;
}

interface CredentialSettings {
	baseUrl: string;
	apiKey: string;
}

const settingsCache = new WeakMap<object, Promise<CredentialSettings>>();

/** The credential's base URL (without a trailing slash) and key, read once per node run. */
export async function credentialSettings(ctx: HeyGenContext): Promise<CredentialSettings> {
	let cached = settingsCache.get(ctx);
	if (!cached) {
		cached = ctx.getCredentials(CREDENTIAL_NAME).then((credentials) => ({
			baseUrl: String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, ''),
			apiKey: String(credentials.apiKey ?? ''),
		}));
		settingsCache.set(ctx, cached);
	}
	return await cached;
}

export function cancelSignal(ctx: HeyGenContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

function describeIssue(result: z.SafeParseError<unknown>): string {
	const issue = result.error.issues[0];
	return `${issue.path.join('.') || 'data'}: ${issue.message}`;
}

/**
 * Checks a 2xx body against the endpoint's contract before anything trusts it: the `{ data }`
 * envelope, `data` (each element, on lists) against the response schema, and the cursor fields.
 */
export function checkAnswer(endpoint: Endpoint, statusCode: number, body: unknown): { ok: true; envelope: ApiEnvelope } | { ok: false; reason: string } {
	if (statusCode === 204 && (body === undefined || body === '' || body === null)) return { ok: true, envelope: { data: null } };
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, reason: typeof body === 'string' ? 'not JSON' : 'not a JSON object' };
	}
	const envelope = body as ApiEnvelope & IDataObject;
	if (!('data' in envelope)) return { ok: false, reason: 'no "data" field' };
	if (endpoint.page) {
		if (!Array.isArray(envelope.data)) return { ok: false, reason: '"data" is not a list' };
		if (envelope.has_more !== undefined && typeof envelope.has_more !== 'boolean') return { ok: false, reason: '"has_more" is not a boolean' };
		if (envelope.has_more === true && (typeof envelope.next_token !== 'string' || envelope.next_token === '')) {
			return { ok: false, reason: '"has_more" without a "next_token"' };
		}
		for (const element of envelope.data) {
			const parsed = endpoint.response.safeParse(element);
			if (!parsed.success) return { ok: false, reason: describeIssue(parsed) };
		}
		return { ok: true, envelope };
	}
	const parsed = endpoint.response.safeParse(envelope.data);
	return parsed.success ? { ok: true, envelope } : { ok: false, reason: describeIssue(parsed) };
}

function outcomeOf(failure: HeyGenFailure): RequestOutcome {
	if (failure.code === 'malformed_response') return { kind: 'malformed' };
	if (failure.code === 'redirect_refused') return { kind: 'redirect' };
	if (failure.status === 0) return { kind: 'network', code: failure.code };
	return { kind: 'http', status: failure.status, code: failure.code, retryAfterMs: failure.retryAfterMs };
}

/**
 * Calls one HeyGen endpoint from the table, with the credential's authentication, and returns
 * the checked response body. Retries follow `decideRetry`; failures become `HeyGenApiError`s from
 * the one error mapper. The API key only ever goes to the credential's base URL: redirects are
 * never followed. An idempotent create whose outcome stays unknown ends in `outcome_unknown`.
 */
export async function apiRequest(
	ctx: HeyGenContext,
	key: EndpointKey,
	options: ApiRequestOptions = {},
): Promise<ApiEnvelope> {
	const endpoint: Endpoint = ENDPOINTS[key];
	const { baseUrl, apiKey } = await credentialSettings(ctx);
	const signal = cancelSignal(ctx);
	const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
	const idempotent = Boolean(endpoint.idempotent && options.idempotencyKey);
	const failureContext = (retries: number): FailureContext => ({
		resource: endpoint.resource,
		pathParams: options.pathParams,
		fieldLabels: options.fieldLabels,
		body: options.body,
		itemIndex: options.itemIndex,
		retries,
		baseUrl,
	});

	const request: IHttpRequestOptions = {
		method: endpoint.method as IHttpRequestMethods,
		url: `${baseUrl}${buildPath(endpoint.path, options.pathParams)}`,
		qs: options.qs,
		body: options.body,
		json: true,
		headers: idempotent ? { 'Idempotency-Key': options.idempotencyKey } : {},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: endpoint.method === 'GET' ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS,
	};

	for (let retries = 0; ; retries++) {
		let failure: HeyGenFailure = networkFailure(undefined);
		let thrown: unknown;
		try {
			const streamed = options.streamBody ? await options.streamBody() : undefined;
			const attempt: IHttpRequestOptions = streamed
				? { ...request, body: streamed.body as IHttpRequestOptions['body'], headers: { ...request.headers, ...streamed.headers } }
				: { ...request };
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, attempt)) as {
				statusCode: number;
				headers: IDataObject;
				body: unknown;
			};
			if (response.statusCode >= 300 && response.statusCode < 400) {
				failure = redirectFailure(response.statusCode, headerValue(response.headers, 'location'), baseUrl);
			} else if (response.statusCode < 300) {
				const checked = checkAnswer(endpoint, response.statusCode, response.body);
				if (checked.ok) return checked.envelope;
				failure = malformedAnswerFailure(response.statusCode, checked.reason, response.headers);
			} else {
				failure = parseFailure(response.statusCode, response.headers, response.body);
			}
		} catch (error) {
			thrown = error;
		}
		if (thrown !== undefined) {
			if (isCancelled(thrown, signal)) throw new CancelledError();
			if (!isNetworkError(thrown)) throw unexpectedRequestError(ctx.getNode(), thrown, failureContext(retries), [apiKey]);
			failure = networkFailure(errorCode(thrown));
		}

		const outcome = outcomeOf(failure);
		const decision = decideRetry(outcome, { method: endpoint.method, idempotent, retriesDone: retries, rateLimit: options.rateLimit ?? 'wait' }, policy);
		if (!decision.retry) {
			const stillRunning = outcome.kind === 'http' && outcome.code === 'request_in_progress';
			if (idempotent && (stillRunning || isUnknownOutcome(outcome, endpoint.method))) {
				throw outcomeUnknownError(ctx.getNode(), failure, failureContext(retries));
			}
			throw failure.status === 0
				? toNetworkNodeApiError(ctx.getNode(), failure, failureContext(retries))
				: toNodeApiError(ctx.getNode(), failure, failureContext(retries), [apiKey]);
		}
		await sleepUnlessCancelled(decision.delayMs, signal);
	}
}

/** Calls an endpoint and returns its `data`. */
export async function apiData<T = IDataObject>(
	ctx: HeyGenContext,
	key: EndpointKey,
	options: ApiRequestOptions = {},
): Promise<T> {
	const envelope = await apiRequest(ctx, key, options);
	return envelope.data as T;
}

export interface PageResult<T> {
	items: T[];
	nextToken?: string;
}

/** One page of a cursor-paginated list. */
export async function apiPage<T = IDataObject>(
	ctx: HeyGenContext,
	key: EndpointKey,
	options: ApiRequestOptions & { limit?: number; token?: string } = {},
): Promise<PageResult<T>> {
	const page = (ENDPOINTS[key] as Endpoint).page;
	const limit = Math.min(options.limit ?? page?.maxLimit ?? 100, page?.maxLimit ?? 100);
	const qs: IDataObject = { ...options.qs, limit };
	if (options.token) qs.token = options.token;
	const envelope = await apiRequest(ctx, key, { ...options, qs });
	const items = Array.isArray(envelope.data) ? (envelope.data as T[]) : [];
	const nextToken = envelope.has_more && envelope.next_token ? envelope.next_token : undefined;
	return { items, nextToken };
}

/** Follows `next_token` until `max` items are collected or the list ends. */
export async function apiCollect<T = IDataObject>(
	ctx: HeyGenContext,
	key: EndpointKey,
	options: ApiRequestOptions & { max?: number } = {},
): Promise<T[]> {
	const max = options.max ?? Infinity;
	const collected: T[] = [];
	let token: string | undefined;
	do {
		const remaining = max - collected.length;
		const { items, nextToken } = await apiPage<T>(ctx, key, {
			...options,
			token,
			limit: Number.isFinite(remaining) ? remaining : undefined,
		});
		collected.push(...items.slice(0, remaining));
		token = nextToken;
	} while (token && collected.length < max);
	return collected;
}
