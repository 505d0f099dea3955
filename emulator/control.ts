import type { ServerResponse } from 'node:http';

import { parseConfigPatch, type ConfigPatch, type EmulatorConfig } from './config';
import { errorBody } from './errors';
import { parseFaultRule, type FaultRule, type FaultStatus } from './faults';
import { newRequestId, sendJson, type ParsedBody } from './http';
import type { RecordedRequest } from './recording';
import type { StateSummary } from './state';

/** Test-only API (no auth, not HeyGen's) so a test can drive an emulator in another process. */
export const CONTROL_PREFIX = '/__emulator';

export interface EmulatorControls {
	requests(): RecordedRequest[];
	reset(): void;
	addFault(rule: FaultRule): FaultStatus;
	clearFaults(): void;
	listFaults(): FaultStatus[];
	patchConfig(patch: ConfigPatch): void;
	currentConfig(): EmulatorConfig & { balance: number };
	summary(): StateSummary;
}

export interface ControlDeps {
	controls: EmulatorControls;
}

type ControlReply = { status: number; body: unknown };

const ok = (data: unknown, status = 200): ControlReply => ({ status, body: { data } });
const invalid = (message: string): ControlReply => ({ status: 400, body: errorBody('invalid_parameter', message) });

function jsonInput(body: ParsedBody): unknown {
	if (body.kind === 'invalid') throw new Error(`body is not valid JSON: ${body.reason}`);
	return body.kind === 'json' ? body.value : undefined;
}

/** `?server=api&endpoint=createVideo&since=12` narrow the recorded requests. */
function filteredRequests(controls: EmulatorControls, params: URLSearchParams): RecordedRequest[] {
	const server = params.get('server');
	const endpoint = params.get('endpoint');
	const since = Number(params.get('since') ?? 0);
	return controls
		.requests()
		.filter(
			(request) =>
				(!server || request.server === server) && (!endpoint || request.endpoint === endpoint) && request.id > since,
		);
}

function route(method: string, url: URL, body: ParsedBody, controls: EmulatorControls): ControlReply {
	const action = `${method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
	switch (action) {
		case 'GET /requests':
			return ok(filteredRequests(controls, url.searchParams));
		case 'POST /reset':
			controls.reset();
			return ok({ reset: true });
		case 'GET /faults':
			return ok(controls.listFaults());
		case 'POST /faults':
			return ok(controls.addFault(parseFaultRule(jsonInput(body))), 201);
		case 'DELETE /faults':
			controls.clearFaults();
			return ok({ cleared: true });
		case 'GET /config':
			return ok(controls.currentConfig());
		case 'PATCH /config':
			controls.patchConfig(parseConfigPatch(jsonInput(body) ?? {}));
			return ok(controls.currentConfig());
		case 'GET /state':
			return ok(controls.summary());
		default:
			return { status: 404, body: errorBody('not_found', `${method} ${url.pathname} is not a control endpoint.`) };
	}
}

export function handleControl(
	method: string,
	url: URL,
	body: ParsedBody,
	res: ServerResponse,
	deps: ControlDeps,
): void {
	let reply: ControlReply;
	try {
		reply = route(method, url, body, deps.controls);
	} catch (error) {
		reply = invalid(error instanceof Error ? error.message : String(error));
	}
	sendJson(res, reply.status, reply.body, { 'X-Request-Id': newRequestId() });
}
