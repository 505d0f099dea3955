import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { runWebhookDelivery } from '../harness/engine';
import { sendRaw, type WireRequest } from '../harness/triggerForgery';
import { credentialsFor, credentialTypes } from './heygen';

export const TRIGGER_TYPE = 'n8n-nodes-heygen-video.heyGenTrigger';

/** What n8n's webhook receives: Node's parsed headers (names lower-cased, repeats joined) and the raw body. */
export interface ParsedRequest {
	headers: Record<string, string | string[]>;
	rawBody: Buffer;
}

/** A loopback HTTP server that hands each request back as Node parsed it, as n8n's webhook server gets it. */
export async function startWire(): Promise<{ parse(request: WireRequest): Promise<ParsedRequest>; close(): Promise<void> }> {
	const waiting = new Map<string, (parsed: ParsedRequest) => void>();
	const server = createServer({ maxHeaderSize: 64 * 1024 }, (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const { 'x-wire-sequence': sequence, host: _host, connection: _connection, 'content-length': _length, ...headers } = req.headers;
			waiting.get(String(sequence))?.({ headers: headers as Record<string, string | string[]>, rawBody: Buffer.concat(chunks) });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/heygen/webhook`;
	let nextSequence = 1;

	return {
		async parse(request) {
			const sequence = String(nextSequence++);
			const parsed = new Promise<ParsedRequest>((resolve) => waiting.set(sequence, resolve));
			const answer = await sendRaw(url, request, [['X-Wire-Sequence', sequence]]);
			if (answer.status !== 204) throw new Error(`Node's HTTP parser refused request ${sequence}: ${answer.status}`);
			waiting.delete(sequence);
			return await parsed;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// n8n around the node: the workflow row, and processes with their own module memory
// ---------------------------------------------------------------------------------------------

/**
 * The workflow's static data as n8n keeps it in its database: every webhook request reads it
 * fresh (LiveWebhooks.executeWebhook loads the workflow), and it is written back only when the
 * call marked it changed (WorkflowStaticDataService.saveStaticData checks `__dataChanged`).
 */
export class StoredWorkflow {
	private json: string;

	constructor(staticData: IDataObject) {
		this.json = JSON.stringify(staticData);
	}

	load(): IDataObject {
		return JSON.parse(this.json) as IDataObject;
	}

	save(outcome: { staticData: IDataObject; staticDataChanged: boolean }): void {
		if (outcome.staticDataChanged) this.json = JSON.stringify(outcome.staticData);
	}

	get size(): number {
		return this.json.length;
	}
}

/** A fresh n8n process: the trigger's modules loaded anew, so nothing in memory is shared. */
export function startProcess(): INodeType {
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HeyGenTrigger } = require('../../nodes/HeyGen/HeyGenTrigger.node') as typeof import('../../nodes/HeyGen/HeyGenTrigger.node');
		nodeType = new HeyGenTrigger();
	});
	return nodeType!;
}

export interface DeliveryOutcome {
	status?: number;
	body?: unknown;
	items: INodeExecutionData[] | undefined;
}

/** Hands a parsed request to a process's trigger with static data read from the store; saves it as n8n would. */
export async function deliverTo(
	process: INodeType,
	store: StoredWorkflow,
	emulator: Emulator,
	parameters: IDataObject,
	request: ParsedRequest,
	staticData: IDataObject = store.load(),
): Promise<DeliveryOutcome & { staticData: IDataObject; staticDataChanged: boolean }> {
	const outcome = await runWebhookDelivery({
		nodeType: process,
		nodeTypeName: TRIGGER_TYPE,
		credentialTypes,
		credentials: credentialsFor(emulator),
		parameters: parameters as never,
		staticData,
		request,
	});
	return { ...outcome.response, items: outcome.items, staticData: outcome.staticData, staticDataChanged: outcome.staticDataChanged };
}

