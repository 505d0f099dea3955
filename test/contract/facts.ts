import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Endpoint } from '../../nodes/HeyGen/schemas/endpoints';
import { checkRead, checkSent, type Mismatch } from './compare';
import { zodShape, type Shape } from './shape';

/** What one source says about one operation (`METHOD /path`). */
export interface OperationFacts {
	operationId?: string;
	/** For facts from HeyGen's CLI: the file and command spec they come from. */
	source?: string;
	pathParams: string[];
	query?: Record<string, Shape>;
	body?: { required?: boolean; contentType: string; schema: Shape };
	response?: { status?: string; envelope: 'data' | 'list' | 'other' | 'none'; data?: Shape };
}

export interface FactSource {
	/** How a report names it. */
	name: string;
	format: number;
	source: Record<string, unknown>;
	operations: Record<string, OperationFacts>;
}

/** The fact format scripts/contract-fixture.mjs writes. */
export const FACT_FORMAT = 1;

const load = (file: string) => JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as Omit<FactSource, 'name'> & { auth?: { apiKeyHeader?: string } };

export const APRIL_DOCUMENT: FactSource = { name: "HeyGen's OpenAPI document (April 2026)", ...load('heygen-openapi-facts.json') };
export const CLI_SPEC: FactSource = { name: "HeyGen's CLI spec (heygen-com/heygen-cli, July 2026)", ...load('heygen-cli-facts.json') };
export const AUTH = load('heygen-openapi-facts.json').auth ?? {};

/** `GET /v3/videos/{video_id}` and `GET /v3/videos/{id}` are one operation: parameter names are not on the wire. */
const pathKey = (method: string, path: string) => `${method} ${path.replace(/\{\w+\}/g, '{}')}`;

export function operationIn(source: FactSource, method: string, path: string): OperationFacts | undefined {
	const wanted = pathKey(method, path);
	const key = Object.keys(source.operations).find((candidate) => {
		const [m, p] = candidate.split(' ');
		return pathKey(m, p) === wanted;
	});
	return key ? source.operations[key] : undefined;
}

function checkBody(endpoint: Endpoint, facts: OperationFacts, out: Mismatch[]) {
	const documented = facts.body;
	if (endpoint.multipartFile) {
		if (documented?.contentType !== 'multipart/form-data') {
			out.push({ at: 'body', kind: 'envelope', detail: `the node uploads multipart/form-data; the document takes ${documented?.contentType ?? 'no body'}` });
			return;
		}
		const ours: Shape = { type: 'object', fields: { [endpoint.multipartFile]: { type: 'string', format: 'binary', required: true } }, closed: true };
		checkSent(ours, documented.schema, 'body', out);
		return;
	}
	if (!endpoint.body) {
		if (documented?.required) out.push({ at: 'body', kind: 'envelope', detail: 'the document requires a body; the node sends none' });
		return;
	}
	if (!documented) {
		out.push({ at: 'body', kind: 'envelope', detail: 'the node sends a body; the document takes none' });
		return;
	}
	if (documented.contentType !== 'application/json') {
		out.push({ at: 'body', kind: 'envelope', detail: `the node sends JSON; the document takes ${documented.contentType}` });
	}
	checkSent(zodShape(endpoint.body), documented.schema, 'body', out);
}

function checkQuery(endpoint: Endpoint, facts: OperationFacts, out: Mismatch[]) {
	// Query parameters are exactly those listed: nothing else is taken.
	const documented: Shape = { type: 'object', fields: facts.query ?? {}, closed: true };
	const ours: Shape = endpoint.query ? zodShape(endpoint.query) : { type: 'object', fields: {}, closed: true };
	checkSent(ours, documented, 'query', out);
	const limit = facts.query?.limit;
	if (endpoint.page && limit) {
		if (limit.maximum !== endpoint.page.maxLimit) {
			out.push({ at: 'query.limit', kind: 'envelope', detail: `page.maxLimit is ${endpoint.page.maxLimit}; the document's maximum is ${limit.maximum}` });
		}
		if (limit.default !== undefined && limit.default !== endpoint.page.defaultLimit) {
			out.push({ at: 'query.limit', kind: 'envelope', detail: `page.defaultLimit is ${endpoint.page.defaultLimit}; the document's default is ${String(limit.default)}` });
		}
	}
}

function checkResponse(endpoint: Endpoint, facts: OperationFacts, out: Mismatch[]) {
	const answer = facts.response;
	if (!answer?.data) {
		out.push({ at: 'response', kind: 'envelope', detail: 'the document gives no JSON `data` answer' });
		return;
	}
	let data = answer.data;
	if (endpoint.page) {
		if (answer.envelope !== 'list' || data.type !== 'array' || !data.items) {
			out.push({ at: 'response', kind: 'envelope', detail: 'the node reads pages of a list; the document answers no list page' });
			return;
		}
		data = data.items;
	} else if (answer.envelope === 'list') {
		out.push({ at: 'response', kind: 'envelope', detail: 'the document pages this answer (has_more, next_token); the node reads one answer' });
	}
	checkRead(zodShape(endpoint.response), data, 'response', out);
}

/** Every mismatch between one entry of the endpoint table and one source's facts on it. */
export function checkEndpoint(endpoint: Endpoint, facts: OperationFacts): Mismatch[] {
	const out: Mismatch[] = [];
	checkBody(endpoint, facts, out);
	checkQuery(endpoint, facts, out);
	checkResponse(endpoint, facts, out);
	return out;
}
