import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { labelFor, type FieldLabels } from '../helpers/labels';
import { apiErrorSchema } from '../schemas';

/**
 * What went wrong with one HeyGen request. `status` 0 means no HTTP answer arrived; `unknownOutcome`
 * marks a request that may have taken effect although no usable answer came back (a lost or
 * malformed answer, a 5xx after the body was sent).
 */
export interface HeyGenFailure {
	status: number;
	code: string;
	message: string;
	param?: string;
	docUrl?: string;
	retryAfterMs?: number;
	requestId?: string;
	/** A redirect's target origin: never followed, so the API key stays with the Base URL. */
	redirectTo?: string;
}

/** The typed facts of a failed HeyGen request, read by the retry policy and the job runner. */
export interface HeyGenErrorInfo {
	/** HTTP status, or 0 when no answer arrived. */
	status: number;
	/** HeyGen's error code (`rate_limit_exceeded`), a socket code, or one of the node's own (`outcome_unknown`). */
	code: string;
	param?: string;
	retryAfterMs?: number;
	requestId?: string;
}

/** The one error type of a failed HeyGen request. */
export class HeyGenApiError extends NodeApiError {
	readonly heygen: HeyGenErrorInfo;

	constructor(node: INode, info: HeyGenErrorInfo, errorBody: JsonObject, options: ConstructorParameters<typeof NodeApiError>[2]) {
		super(node, errorBody, options);
		this.heygen = info;
	}
}

/** HeyGen's facts about an error thrown by the transport, if it is one. */
export function heyGenErrorOf(error: unknown): HeyGenErrorInfo | undefined {
	return error instanceof HeyGenApiError ? error.heygen : undefined;
}

/** What a failed request was about, so messages can name the id, the field and the item. */
export interface FailureContext {
	/** Words for the thing the endpoint manages ("video", "avatar look"). */
	resource: string;
	pathParams?: Record<string, string>;
	/** API field path -> the parameter's display name in the node ("script" -> "Script"). */
	fieldLabels?: FieldLabels;
	/** The request body, so a message can quote the value HeyGen refused. */
	body?: IDataObject;
	itemIndex?: number;
	/** How many times the request was retried before giving up. */
	retries?: number;
	baseUrl?: string;
}

/** Where HeyGen's web app keeps the API key and the API balance. */
const API_SETTINGS = 'HeyGen → Settings → Subscriptions & API → HeyGen API';

/** Reads `Retry-After` (delta seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

export function headerValue(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

const GENERIC_CODES: Record<number, string> = {
	400: 'invalid_parameter',
	401: 'unauthorized',
	402: 'insufficient_credit',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'payload_too_large',
	429: 'rate_limit_exceeded',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

/** Normalises any failed HeyGen response (v3 error body, or a proxy's HTML page) into a `HeyGenFailure`. */
export function parseFailure(statusCode: number, headers: IDataObject | undefined, body: unknown): HeyGenFailure {
	const envelope = typeof body === 'object' && body !== null ? (body as IDataObject).error : undefined;
	const parsed = apiErrorSchema.safeParse(envelope);
	const requestId = headerValue(headers, 'x-request-id');
	const failure: HeyGenFailure = parsed.success
		? {
				status: statusCode,
				code: parsed.data.code,
				message: parsed.data.message,
				param: parsed.data.param ?? undefined,
				docUrl: parsed.data.doc_url ?? undefined,
			}
		: {
				status: statusCode,
				code: GENERIC_CODES[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'http_error'),
				message: `HeyGen answered with HTTP ${statusCode}`,
			};
	const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
	if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
	if (typeof requestId === 'string') failure.requestId = requestId;
	return failure;
}

/** A 2xx whose body is not what HeyGen's contract says (cut short, not JSON, missing fields). */
export function malformedAnswerFailure(status: number, reason: string, headers?: IDataObject): HeyGenFailure {
	const requestId = headerValue(headers, 'x-request-id');
	return {
		status,
		code: 'malformed_response',
		message: `HeyGen answered with HTTP ${status} but the body was not the expected answer (${reason})`,
		...(typeof requestId === 'string' ? { requestId } : {}),
	};
}

/** A 3xx answer: not followed, since the key must go nowhere but the Base URL. */
export function redirectFailure(status: number, location: unknown, baseUrl: string): HeyGenFailure {
	let target = 'another address';
	try {
		target = new URL(String(location), baseUrl).origin;
	} catch {
		// An unreadable Location stays "another address".
	}
	return {
		status,
		code: 'redirect_refused',
		message: `The Base URL answered with a redirect (HTTP ${status}) to ${target}`,
		redirectTo: target,
	};
}

/** Network failures (no HTTP answer at all). */
export function networkFailure(code: string | undefined): HeyGenFailure {
	return {
		status: 0,
		code: code ?? 'network_error',
		message: `The connection to HeyGen failed (${code ?? 'no response'})`,
	};
}

function firstPathId(context: FailureContext): string | undefined {
	const values = Object.values(context.pathParams ?? {});
	return values.length > 0 ? values[0] : undefined;
}

/** The value at an API field path of the request body ("image.asset_id"), when it is text. */
function valueAt(body: IDataObject | undefined, path: string): string | undefined {
	let current: unknown = body;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return typeof current === 'string' ? current : undefined;
}

function seconds(ms: number): string {
	const s = Math.max(1, Math.ceil(ms / 1000));
	return `${s} second${s === 1 ? '' : 's'}`;
}

interface Explanation {
	message: string;
	description: string;
}

type Explainer = (failure: HeyGenFailure, context: FailureContext) => Explanation;

/** Explanations keyed by HeyGen error code; codes not listed fall back to the HTTP status. */
const BY_CODE: Record<string, Explainer> = {
	insufficient_credit: (f) => ({
		message: 'Not enough HeyGen credit for this request',
		description: `${f.message} Add credit to the API balance (${API_SETTINGS}) or shorten the script, then run again. Nothing was charged for this request.`,
	}),
	trial_limit_exceeded: (f) => ({
		message: 'The HeyGen trial limit is used up',
		description: `${f.message} Upgrade the HeyGen plan or wait for the limit to reset.`,
	}),
	quota_exceeded: (f) => ({
		message: 'The HeyGen plan quota is used up',
		description: `${f.message} Waiting a few seconds will not help: the quota resets with the plan period, or upgrade the plan.`,
	}),
	request_in_progress: (f, c) => ({
		message: 'HeyGen is still processing the same request',
		description: `${f.message} The node waited ${c.retries ?? 0} time(s) for it. Run the node again in a minute: it sends the same idempotency key, so nothing is created twice.`,
	}),
	avatar_not_found: (f) => ({
		message: 'The avatar look was not found',
		description: `${f.message} Pick the avatar from the list, or check the look ID (Avatar → Get Many lists the ones this account can use). A look that is still training is also reported as not found.`,
	}),
	voice_not_found: (f) => ({
		message: 'The voice was not found',
		description: `${f.message} Pick the voice from the list, or check the voice ID (Voice → Get Many lists them).`,
	}),
	asset_not_found: (f, c) => {
		const field = f.param ? labelFor(f.param, c.fieldLabels) : undefined;
		const id = (f.param && valueAt(c.body, f.param)) || firstPathId(c);
		return {
			message: `The asset${id ? ` "${id}"` : ''}${field ? ` given in "${field}"` : ''} was not found`,
			description: `${f.message} Check the asset ID: it must come from Asset → Upload on the HeyGen account of this credential, and not be deleted.`,
		};
	},
	download_failed: (f) => ({
		message: 'HeyGen could not download a file from the URL given',
		description: `${f.message} The URL must be public (no login, no expiring link) and its extension must match the file's type.`,
	}),
	hyperframes_project_invalid: (f, c) => {
		const field = f.param ? labelFor(f.param, c.fieldLabels) : undefined;
		return {
			message: `HeyGen could not render the HyperFrames project${field ? ` given in "${field}"` : ''}`,
			description: `${f.message} The project must be a .zip holding index.html at its top (or the file named in Entry Composition) and every file the page loads; n8n's Compression node (Compress, Zip) after Convert to File makes one.`,
		};
	},
	hyperframes_project_too_large: (f) => ({
		message: 'The HyperFrames project is too large for HeyGen',
		description: `${f.message} HeyGen takes project zips of at most 32 MB: host large media elsewhere and load it from its URL in the HTML.`,
	}),
	content_policy_violation: (f) => ({
		message: "The input breaks HeyGen's content policy",
		description: `${f.message} Change the script or media and run again.`,
	}),
	malformed_response: (f, c) => ({
		message: 'HeyGen sent an answer the node could not read',
		description: `${f.message}. The node asked again ${c.retries ?? 0} time(s). Try again in a few minutes${
			f.requestId ? `; quote request ID ${f.requestId} to HeyGen support if it persists` : ''
		}.`,
	}),
	redirect_refused: (f, c) => ({
		message: `The Base URL redirected the request to ${f.redirectTo ?? 'another address'}`,
		description: `The redirect was not followed, so the API key was not sent there. Check the Base URL of the HeyGen API credential (${
			c.baseUrl ?? 'it'
		}): it should be https://api.heygen.com, or a proxy that answers itself.`,
	}),
};

const BY_STATUS: Record<number, Explainer> = {
	400: (f, c) => {
		const field = f.param ? labelFor(f.param, c.fieldLabels) : undefined;
		return {
			message: field ? `HeyGen rejected the value of "${field}"` : 'HeyGen rejected the request',
			description: `${f.message}${field ? ` Fix "${field}" and run the node again.` : ''}`,
		};
	},
	401: (_f, c) => ({
		message: 'HeyGen rejected the API key',
		description: `Check the API key in the HeyGen API credential (the key is under ${API_SETTINGS}).${
			c.baseUrl && !c.baseUrl.startsWith('https://api.heygen.com') ? ` The credential points at ${c.baseUrl}: make sure that is where the key belongs.` : ''
		}`,
	}),
	402: (f) => ({
		message: 'HeyGen needs more credit or a higher plan for this request',
		description: `${f.message} Add credit to the API balance (${API_SETTINGS}).`,
	}),
	403: (f) => ({
		message: 'The HeyGen API key is not allowed to do this',
		description: `${f.message} Check the key's scopes and the plan's features in HeyGen.`,
	}),
	404: (f, c) => {
		const id = firstPathId(c);
		return {
			message: id ? `The ${c.resource} "${id}" was not found` : `The ${c.resource} was not found`,
			description: `${f.message} Check the ID: it must belong to the HeyGen account of this credential${
				c.resource === 'video' ? ', and a deleted video cannot be fetched again' : ''
			}.`,
		};
	},
	409: (f) => ({
		message: 'HeyGen reported a conflict',
		description: `${f.message} Wait a moment and run the node again.`,
	}),
	413: (f) => ({
		message: 'The file or request is too large for HeyGen',
		description: `${f.message} Files sent to HeyGen must be at most 32 MB; host larger files and pass their URL instead.`,
	}),
	429: (f, c) => ({
		message: 'HeyGen is limiting requests from this account',
		description: `${f.message} ${
			f.retryAfterMs !== undefined ? `HeyGen asked to wait ${seconds(f.retryAfterMs)}. ` : ''
		}The node already retried ${c.retries ?? 0} time(s). Lower "Max Concurrent Jobs", or run fewer items at once.`,
	}),
};

function explainServerError(f: HeyGenFailure, c: FailureContext): Explanation {
	return {
		message: `HeyGen is having trouble (HTTP ${f.status})`,
		description: `${f.message}. The node retried ${c.retries ?? 0} time(s). Try again in a few minutes${
			f.requestId ? `; quote request ID ${f.requestId} to HeyGen support if it persists` : ''
		}.`,
	};
}

/** Turns a failure into the short message and the actionable description the user sees. */
export function explainFailure(failure: HeyGenFailure, context: FailureContext): Explanation {
	const byCode = BY_CODE[failure.code];
	if (byCode) return byCode(failure, context);
	const byStatus = BY_STATUS[failure.status];
	if (byStatus) return byStatus(failure, context);
	if (failure.status >= 500) return explainServerError(failure, context);
	return { message: `HeyGen answered with HTTP ${failure.status}`, description: failure.message };
}

/** Removes the secret from a text, in case an upstream message ever echoes it. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	}
	return out;
}

const itemSuffix = (itemIndex: number | undefined) => (itemIndex === undefined ? '' : ` [item ${itemIndex}]`);

function infoOf(failure: HeyGenFailure): HeyGenErrorInfo {
	return {
		status: failure.status,
		code: failure.code,
		...(failure.param ? { param: failure.param } : {}),
		...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
		...(failure.requestId ? { requestId: failure.requestId } : {}),
	};
}

/** The error of a failed HeyGen request; it carries HeyGen's own code, never request options. */
export function toNodeApiError(
	node: INode,
	failure: HeyGenFailure,
	context: FailureContext,
	secrets: Array<string | undefined> = [],
): HeyGenApiError {
	const { message, description } = explainFailure(failure, context);
	const errorBody: JsonObject = {
		status: failure.status,
		code: failure.code,
		message: redact(failure.message, secrets),
		...(failure.param ? { param: failure.param } : {}),
		...(failure.docUrl ? { doc_url: failure.docUrl } : {}),
		...(failure.requestId ? { request_id: failure.requestId } : {}),
	};
	return new HeyGenApiError(node, infoOf(failure), errorBody, {
		message: redact(message + itemSuffix(context.itemIndex), secrets),
		description: redact(description, secrets),
		httpCode: String(failure.status),
		itemIndex: context.itemIndex,
	});
}

/** Plain words for socket error codes (n8n would otherwise swap a message holding the code for its own). */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer arrived',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ENOTFOUND: 'the host name could not be found',
	EAI_AGAIN: 'the host name could not be resolved',
	EPIPE: 'the connection broke while sending',
};

export function networkWords(code: string): string {
	return NETWORK_WORDS[code] ?? 'no answer arrived';
}

export function toNetworkNodeApiError(node: INode, failure: HeyGenFailure, context: FailureContext): HeyGenApiError {
	const words = networkWords(failure.code);
	// The socket code stays out of `code`: NodeApiError would replace the message with a generic one.
	return new HeyGenApiError(
		node,
		{ status: 0, code: failure.code },
		{ network_error: failure.code, message: `The connection to HeyGen failed: ${words}` },
		{
			message: `Could not reach HeyGen: ${words}${itemSuffix(context.itemIndex)}`,
			description: `The request to ${context.baseUrl ?? 'HeyGen'} failed (${failure.code}) after ${
				context.retries ?? 0
			} retries. Check the network and the credential's Base URL, then run again.`,
			itemIndex: context.itemIndex,
		},
	);
}

/**
 * A create HeyGen may have carried out although no usable answer came back, even after asking
 * again with the same idempotency key. The create flow adds how to find the job.
 */
export function outcomeUnknownError(node: INode, last: HeyGenFailure, context: FailureContext): HeyGenApiError {
	const cause = last.status === 0 ? networkWords(last.code) : last.message;
	return new HeyGenApiError(
		node,
		{ status: last.status, code: 'outcome_unknown' },
		{ code: 'outcome_unknown', message: `No usable answer from HeyGen: ${cause}` },
		{
			message: `HeyGen did not confirm whether the ${context.resource} was created${itemSuffix(context.itemIndex)}`,
			description: `The node asked ${context.retries ?? 0} more time(s) with the same idempotency key and got no usable answer (last: ${cause}). A render may exist and be charged. Run the node again within 24 hours: it sends the same key, so HeyGen answers with the render it already started instead of making another.`,
			itemIndex: context.itemIndex,
		},
	);
}

/**
 * An exception that is neither an HTTP answer nor a network failure (a missing credential, a
 * blocked domain). Only its message survives: the original may hold the request and its headers.
 */
export function unexpectedRequestError(
	node: INode,
	error: unknown,
	context: FailureContext,
	secrets: Array<string | undefined>,
): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const message = redact(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(node, `The request to HeyGen could not be sent: ${message}`, {
		itemIndex: context.itemIndex,
		description: 'Check the HeyGen API credential and its Base URL.',
	});
}

/** Hints for render failures, keyed by HeyGen's `failure_code`. */
const RENDER_FAILURE_HINTS: Record<string, string> = {
	download_failed:
		'HeyGen could not fetch a file given by URL (audio, image or background). The link must be public and its extension must match the file type.',
	content_policy_violation: "The script or media breaks HeyGen's content policy. Change it and run again.",
	rendering_failed: 'A rendering problem on HeyGen\'s side. Run the node again; if it keeps failing, try another avatar look or engine.',
	insufficient_credit: 'The account ran out of credit while rendering. Add credit and run again.',
	avatar_not_usable: 'The avatar look cannot be used for this video (still training, or not allowed for this engine).',
	audio_too_long: 'The audio is longer than HeyGen allows for one video. Shorten it.',
};

/** A job HeyGen accepted but could not finish (`status: failed`). */
export function renderFailedError(
	node: INode,
	job: { id: string; noun: string; failureCode?: string | null; failureMessage?: string | null },
	itemIndex: number,
): NodeOperationError {
	const reason = job.failureMessage || 'HeyGen gave no reason';
	const hint = (job.failureCode && RENDER_FAILURE_HINTS[job.failureCode]) || 'Check the inputs and run the node again.';
	const error = new NodeOperationError(node, `The ${job.noun} ${job.id} failed: ${reason} [item ${itemIndex}]`, {
		itemIndex,
		description: `${hint}${job.failureCode ? ` (failure code: ${job.failureCode})` : ''} The ${job.noun} ID is ${job.id}.`,
	});
	error.context.heygen = { code: job.failureCode ?? 'failed', id: job.id };
	return error;
}

/** A job still running when the node stopped waiting. */
export function waitTimedOutError(
	node: INode,
	job: { id: string; noun: string; status: string; waitedMinutes: number },
	itemIndex: number,
): NodeOperationError {
	const error = new NodeOperationError(
		node,
		`The ${job.noun} ${job.id} was still ${job.status === 'unknown' ? 'running' : job.status} after ${job.waitedMinutes} minute${job.waitedMinutes === 1 ? '' : 's'} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `It keeps rendering in HeyGen and is charged once. Pick it up later with Wait for Completion or Get using ID ${job.id}, or from the HeyGen Trigger. Raise "Max Wait (Minutes)" if renders this long are normal.`,
		},
	);
	error.context.heygen = { code: 'wait_timed_out', id: job.id };
	return error;
}
