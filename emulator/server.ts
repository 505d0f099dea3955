import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { MAX_ASSET_BYTES } from '../nodes/HeyGen/schemas';
import { ENDPOINTS, type Endpoint } from '../nodes/HeyGen/schemas/endpoints';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import { ApiProblem, defaultError, invalidParameter } from './http/errors';
import {
	dropConnection,
	isAuthorized,
	newRequestId,
	pause,
	readBody,
	readQuery,
	RequestAborted,
	sendJson,
	sendJsonBytes,
	type ParsedBody,
} from './http/http';
import { IDEMPOTENCY_HEADER } from './http/idempotency';
import { readMultipart, type MultipartFile, type MultipartForm } from './http/multipart';
import { flattenHeaders, type RecordedServer, type RequestRecorder } from './http/recording';
import { errorReply, problemReply, type Reply } from './http/reply';
import type { Router, RouteMatch } from './http/router';
import { isPlainObject, validateInput } from './http/validation';
import { lookupStorageObject, needsSignature, s3ErrorXml, sendFile, sendPartialThenDrop } from './jobs/storage';
import { handlerFor } from './routes';
import type { Services } from './services';
import type { AppliedFault, FaultAction, FaultInjector, MalformedShape } from './settings/faults';

export interface ServerDeps extends ControlDeps {
	services: Services;
	router: Router;
	faults: FaultInjector;
	recorder: RequestRecorder;
	apiKey: string;
	/** Aborted on close, so delayed requests stop waiting. */
	closing: AbortSignal;
	/** Origin of the elsewhere listener (redirect faults point there), known once it is bound. */
	origins: { elsewhere: string };
}

const UNAUTHORIZED_MESSAGE = 'Invalid or expired API key. Verify your x-api-key header.';

const FILE_REQUIRED = 'File is required. Upload a file using multipart/form-data.';

/** A JSON body, or the parts of a multipart upload (endpoints with `multipartFile`). */
type RequestBody = ParsedBody | { kind: 'multipart'; form: MultipartForm };

/** What the request log keeps of an upload: a description of the file, never its bytes. */
function describeUpload(form: MultipartForm): unknown {
	if (form.kind === 'too_large') {
		return { file: { filename: form.filename, mimeType: form.declaredMimeType, size: form.bytesSeen, sha256: null } };
	}
	if (form.kind !== 'form') return undefined;
	const { file, fields } = form;
	return {
		...fields,
		file: file && {
			filename: file.filename,
			mimeType: file.declaredMimeType,
			size: file.bytes.length,
			sha256: file.sha256,
		},
	};
}

function recordedBody(body: RequestBody): unknown {
	if (body.kind === 'json') return body.value;
	return body.kind === 'multipart' ? describeUpload(body.form) : undefined;
}

function isTooLarge(body: RequestBody): boolean {
	return body.kind === 'too_large' || (body.kind === 'multipart' && body.form.kind === 'too_large');
}

/** The file part of an upload endpoint's body; 400 `invalid_parameter` (param = the part name) without one. */
function requiredUpload(field: string, body: RequestBody): MultipartFile {
	if (body.kind === 'multipart' && body.form.kind === 'malformed') {
		throw invalidParameter(field, `The multipart/form-data body could not be read: ${body.form.reason}.`);
	}
	if (body.kind !== 'multipart' || body.form.kind !== 'form' || !body.form.file)
		throw invalidParameter(field, FILE_REQUIRED);
	return body.form.file;
}

function faultReply(fault: AppliedFault): Reply | undefined {
	const { action } = fault;
	if (action.type === 'rate_limit') {
		const fallback = defaultError(429);
		return errorReply(429, fallback.code, fallback.message, null, {
			'Retry-After': String(action.retryAfterSeconds ?? 1),
		});
	}
	if (action.type !== 'status') return undefined;
	const fallback = defaultError(action.status);
	const headers =
		action.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(action.retryAfterSeconds) };
	return errorReply(action.status, action.code ?? fallback.code, action.message ?? fallback.message, null, headers);
}

/** Every `id` and `*_id` field of `data` (or of each item of a list) left out. */
function withoutIds(data: unknown): unknown {
	if (Array.isArray(data)) return data.map(withoutIds);
	if (!isPlainObject(data)) return data;
	return Object.fromEntries(Object.entries(data).filter(([name]) => name !== 'id' && !name.endsWith('_id')));
}

function malformedBody(body: unknown, shape: MalformedShape): unknown {
	if (shape === 'empty') return {};
	if (shape === 'null_data') return { data: null };
	return isPlainObject(body) && 'data' in body ? { ...body, data: withoutIds(body.data) } : body;
}

/** The bytes sent for a reply: its JSON, or what a truncate or malformed fault makes of it. */
function wireBody(body: unknown, action: FaultAction | undefined): Buffer {
	if (action?.type === 'malformed') return Buffer.from(JSON.stringify(malformedBody(body, action.shape ?? 'empty')));
	const bytes = Buffer.from(JSON.stringify(body));
	if (action?.type !== 'truncate') return bytes;
	// Always short of the whole, so the body is never valid JSON.
	const kept = Math.min(action.bytes ?? Math.floor(bytes.length / 2), bytes.length - 1);
	return bytes.subarray(0, kept);
}

/** An empty answer pointing at the same path and query on the elsewhere origin. */
function sendRedirect(
	res: ServerResponse,
	status: number,
	url: URL,
	deps: ServerDeps,
	headers: Record<string, string>,
): void {
	const location = `${deps.origins.elsewhere}${url.pathname}${url.search}`;
	res.writeHead(status, { ...headers, Location: location, 'Content-Length': '0' });
	res.end();
}

/** Validates query and body against the endpoint's shared schemas, then runs its handler. */
function runEndpoint(match: RouteMatch, url: URL, body: RequestBody, services: Services): Reply {
	const endpoint: Endpoint = ENDPOINTS[match.key];
	const { values, repeated } = readQuery(url.searchParams);
	if (repeated) throw invalidParameter(repeated, `'${repeated}' must be given only once.`);
	const query = endpoint.query ? validateInput(endpoint.query, values) : {};
	const upload = endpoint.multipartFile ? requiredUpload(endpoint.multipartFile, body) : undefined;
	let input: unknown;
	if (endpoint.body) {
		if (body.kind === 'invalid') throw invalidParameter(null, `The request body is not valid JSON: ${body.reason}.`);
		if (body.kind !== 'json' || !isPlainObject(body.value))
			throw invalidParameter(null, 'The request body must be a JSON object.');
		input = validateInput(endpoint.body, body.value);
	}
	const now = Date.now();
	services.state.settle(now);
	return handlerFor(match.key)({ params: match.params, query, body: input as never, upload, now, services });
}

function safely(run: () => Reply): Reply {
	try {
		return run();
	} catch (error) {
		if (error instanceof ApiProblem) return problemReply(error);
		console.error('[heygen-emulator] handler failed:', error);
		const fallback = defaultError(500);
		return errorReply(500, fallback.code, fallback.message);
	}
}

async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
	const receivedAt = Date.now();
	const requestId = newRequestId();
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', 'http://emulator.local');
	if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
		return handleControl(method, url, await readBody(req), res, deps);
	}

	const match = deps.router.match(method, url.pathname);
	const uploadField = match ? (ENDPOINTS[match.key] as Endpoint).multipartFile : undefined;
	// Uploads are parsed as they stream in, so a large one is never held whole.
	const body: RequestBody = uploadField
		? { kind: 'multipart', form: await readMultipart(req, uploadField, MAX_ASSET_BYTES) }
		: await readBody(req);
	const record = deps.recorder.start({
		server: 'api',
		method,
		path: url.pathname,
		query: readQuery(url.searchParams).values,
		headers: flattenHeaders(req.headers),
		body: recordedBody(body),
		...(match ? { endpoint: match.key } : {}),
		receivedAt,
	});
	const fault = deps.faults.take({ server: 'api', method, path: url.pathname, endpoint: match?.key });
	if (fault) record.fault = fault.label;
	const respond = (reply: Reply) => {
		const headers = { ...reply.headers, 'X-Request-Id': requestId };
		sendJsonBytes(res, reply.status, wireBody(reply.body, fault?.action), headers);
		deps.recorder.finish(record, reply.status, headers);
	};
	const drop = () => {
		dropConnection(req, res);
		deps.recorder.finish(record, undefined);
	};

	if (fault?.action.type === 'drop' && fault.action.when === 'before') return drop();
	if (fault?.action.type === 'redirect') {
		const status = fault.action.status ?? 302;
		sendRedirect(res, status, url, deps, { 'X-Request-Id': requestId });
		return deps.recorder.finish(record, status);
	}
	const injected = fault && faultReply(fault);
	if (injected) return respond(injected);

	if (!match) {
		return respond(
			errorReply(501, 'not_implemented', `${method} ${url.pathname} is not implemented by the HeyGen emulator.`),
		);
	}
	if (!isAuthorized(req.headers, deps.apiKey)) return respond(errorReply(401, 'unauthorized', UNAUTHORIZED_MESSAGE));
	if (isTooLarge(body)) {
		const message = uploadField
			? `The file is too large: uploads are limited to ${MAX_ASSET_BYTES / (1024 * 1024)} MB.`
			: 'The request body is too large.';
		return respond(errorReply(413, 'payload_too_large', message));
	}

	const idempotencyKey = req.headers[IDEMPOTENCY_HEADER];
	let finishIdempotent: ((reply: Reply) => void) | undefined;
	const endpoint: Endpoint = ENDPOINTS[match.key];
	if (endpoint.idempotent && typeof idempotencyKey === 'string') {
		const decision = deps.services.state.idempotency.begin(`${method} ${url.pathname}`, idempotencyKey, Date.now());
		if (decision.kind === 'answer') {
			// A lost answer is lost for a replay too: the network does not care that it was stored.
			if (fault?.action.type === 'drop') return drop();
			return respond(decision.reply);
		}
		finishIdempotent = decision.finish;
	}

	// A delay holds the request after the idempotency claim, so a concurrent repeat sees 409.
	if (fault?.action.type === 'delay' && !(await pause(fault.action.ms, deps.closing))) {
		finishIdempotent?.(errorReply(503, 'service_unavailable', 'The emulator is shutting down.'));
		return drop();
	}

	const reply = safely(() => runEndpoint(match, url, body, deps.services));
	finishIdempotent?.(reply); // the whole reply is stored, whatever a fault makes of the one sent now
	if (fault?.action.type === 'drop') return drop(); // `after`: the request took effect
	respond(reply);
}

/** S3's code for an injected status without its own. */
function storageErrorCode(status: number): string {
	if (status === 503) return 'ServiceUnavailable';
	return status >= 500 ? 'InternalError' : 'AccessDenied';
}

/**
 * Storage objects, presigned or public. The elsewhere listener serves them too (same signatures, as a
 * CDN would), takes no faults and answers 404 `NoSuchKey` (405 for other methods) to anything else.
 */
async function handleStorageRequest(
	req: IncomingMessage,
	res: ServerResponse,
	deps: ServerDeps,
	server: Exclude<RecordedServer, 'api'>,
): Promise<void> {
	const receivedAt = Date.now();
	const requestId = newRequestId();
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', 'http://emulator.local');
	await readBody(req);
	const record = deps.recorder.start({
		server,
		method,
		path: url.pathname,
		query: readQuery(url.searchParams).values,
		headers: flattenHeaders(req.headers),
		body: undefined,
		receivedAt,
	});
	const baseHeaders = { 'x-amz-request-id': requestId, 'X-Request-Id': requestId };
	const sendError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
		const xml = s3ErrorXml(code, message, { RequestId: requestId });
		const sent = {
			...baseHeaders,
			...headers,
			'Content-Type': 'application/xml',
			'Content-Length': String(Buffer.byteLength(xml)),
		};
		res.writeHead(status, sent);
		res.end(method === 'HEAD' ? undefined : xml);
		deps.recorder.finish(record, status, sent);
	};

	const fault = server === 'storage' ? deps.faults.take({ server, method, path: url.pathname }) : undefined;
	if (fault) record.fault = fault.label;
	const action = fault?.action;
	if (action?.type === 'drop' && action.when === 'before') {
		dropConnection(req, res);
		return deps.recorder.finish(record, undefined);
	}
	if (action?.type === 'redirect') {
		const status = action.status ?? 302;
		sendRedirect(res, status, url, deps, baseHeaders);
		return deps.recorder.finish(record, status);
	}
	if (action?.type === 'rate_limit') {
		return sendError(503, 'SlowDown', 'Please reduce your request rate.', {
			'Retry-After': String(action.retryAfterSeconds ?? 1),
		});
	}
	if (action?.type === 'status') {
		const retry: Record<string, string> =
			action.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(action.retryAfterSeconds) };
		return sendError(
			action.status,
			action.code ?? storageErrorCode(action.status),
			action.message ?? 'Injected fault.',
			retry,
		);
	}
	if (action?.type === 'delay' && !(await pause(action.ms, deps.closing))) {
		dropConnection(req, res);
		return deps.recorder.finish(record, undefined);
	}

	if (method !== 'GET' && method !== 'HEAD') {
		return sendError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', {
			Allow: 'GET, HEAD',
		});
	}
	const now = Date.now();
	if (needsSignature(url.pathname)) {
		const verdict = deps.services.signer.check(url.pathname, url.searchParams, now);
		if (!verdict.ok) return sendError(403, verdict.code, verdict.message);
	}
	deps.services.state.settle(now);
	const found = lookupStorageObject(url.pathname, deps.services.state, deps.services.catalog, now);
	if (found.kind === 'missing') return sendError(404, 'NoSuchKey', 'The specified key does not exist.');

	// S3-style ETag: stable per object and size, so a resumed download can tell it is the same file.
	const etag = createHash('md5').update(`${url.pathname}:${found.file.size}`).digest('hex');
	const headers = { ...baseHeaders, ETag: `"${etag}"` };
	if (action?.type === 'drop') {
		sendPartialThenDrop(res, found.file, headers);
		return deps.recorder.finish(record, undefined);
	}
	const sent = sendFile(req, res, found.file, headers);
	record.status = sent.status;
	await sent.done;
	deps.recorder.finish(record, sent.status);
}

function serve(
	handler: (req: IncomingMessage, res: ServerResponse, deps: ServerDeps) => Promise<void>,
	deps: ServerDeps,
): Server {
	const server = createServer((req, res) => {
		handler(req, res, deps).catch((error) => {
			if (error instanceof RequestAborted) return void res.destroy();
			console.error('[heygen-emulator] request failed:', error);
			if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal_error', message: String(error) } });
			else res.destroy();
		});
	});
	// Clients keep connections for a while between calls (a poll every few seconds); closing an idle
	// one just as a client reuses it would fail that call, so idle connections live as long as HeyGen's.
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	return server;
}

export function createApiServer(deps: ServerDeps): Server {
	return serve(handleApiRequest, deps);
}

/** A separate listener, so downloads come from another origin than the API (like a CDN or S3). */
export function createStorageServer(deps: ServerDeps): Server {
	return serve((req, res) => handleStorageRequest(req, res, deps, 'storage'), deps);
}

/** A third origin, where redirect faults send clients: it records every request with its headers. */
export function createElsewhereServer(deps: ServerDeps): Server {
	return serve((req, res) => handleStorageRequest(req, res, deps, 'elsewhere'), deps);
}
