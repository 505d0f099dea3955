import type { ServerResponse } from 'node:http';

import { z } from 'zod';

import { ApiProblem, errorBody } from './http/errors';
import { newRequestId, sendJson, type ParsedBody } from './http/http';
import type { RecordedRequest } from './http/recording';
import type { StateSummary } from './jobs/state';
import { parseConfigPatch, type ConfigPatch, type EmulatorConfig } from './settings/config';
import { parseFaultRule, type FaultRule, type FaultStatus } from './settings/faults';
import type { DeliveryAttempt } from './webhooks/store';

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
	/** Every webhook delivery attempt, oldest first. */
	deliveries(): DeliveryAttempt[];
	/** Sends a recorded event again now; to one endpoint, or to all its current targets. */
	redeliver(eventId: string, endpointId?: string): { event_id: string; targets: Array<{ target: string; endpoint_id: string | null }> };
	/** Test only: the signing secrets HeyGen shows once, so a test can forge or check signatures. */
	webhookSecrets(): Array<{ endpoint_id: string; url: string; secret: string }>;
	/** Test only: every signing secret ever handed out, deleted endpoints' and rotated ones included. */
	issuedSecrets(): string[];
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

/** `?event_id=&endpoint_id=&target=&outcome=&since=` narrow the delivery attempts. */
function filteredDeliveries(controls: EmulatorControls, params: URLSearchParams): DeliveryAttempt[] {
	const since = Number(params.get('since') ?? 0);
	const wanted = (field: 'event_id' | 'endpoint_id' | 'target' | 'outcome' | 'event_type', value: string | null) =>
		value === null ? () => true : (attempt: DeliveryAttempt) => attempt[field] === value;
	const checks = (['event_id', 'endpoint_id', 'target', 'outcome', 'event_type'] as const).map((field) =>
		wanted(field, params.get(field)),
	);
	return controls.deliveries().filter((attempt) => attempt.id > since && checks.every((check) => check(attempt)));
}

const deliverInputSchema = z
	.object({ event_id: z.string().min(1), endpoint_id: z.string().min(1).optional() })
	.strict();

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
		case 'GET /deliveries':
			return ok(filteredDeliveries(controls, url.searchParams));
		case 'POST /deliver': {
			const parsed = deliverInputSchema.safeParse(jsonInput(body));
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				throw new Error(`${issue.path.join('.') || 'body'}: ${issue.message}`);
			}
			return ok(controls.redeliver(parsed.data.event_id, parsed.data.endpoint_id), 202);
		}
		case 'GET /webhook-secrets':
			return ok(url.searchParams.get('issued') === 'all' ? controls.issuedSecrets() : controls.webhookSecrets());
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
		reply =
			error instanceof ApiProblem
				? { status: error.status, body: errorBody(error.code, error.message, error.param) }
				: invalid(error instanceof Error ? error.message : String(error));
	}
	sendJson(res, reply.status, reply.body, { 'X-Request-Id': newRequestId() });
}
