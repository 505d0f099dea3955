/**
 * Stands in for n8n's handling of parked executions, as n8n 2.41.1 does it
 * (WaitingWebhooks.executeWebhook and WorkflowExecute.handleWaitingState):
 *   - `POST <base>/<executionId>?signature=<resumeToken>` reaches the parked node's restart
 *     webhook; a wrong token gets 401, an execution already resumed 409;
 *   - each request works on a fresh copy of the stored execution data (n8n reads it from its
 *     database), with the node disabled and `waitTill` cleared, through n8n-core's WebhookContext;
 *   - a `webhook()` answer with `workflowData` resumes the execution with that output (once:
 *     n8n moves it from `waiting` to `running`); one without leaves it parked;
 *   - when the wait's deadline passes, n8n resumes the node disabled: its input items pass through.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import type { ParkedExecution, RunNodeResult } from './engine';

export interface Resumption {
	via: 'webhook' | 'deadline';
	output: INodeExecutionData[];
	/** An error the node's webhook threw while resuming. */
	error?: Error;
}

export interface ResumeRequest {
	executionId: string;
	query: Record<string, string>;
	status: number;
	at: number;
}

interface Slot {
	parked: ParkedExecution;
	state: 'waiting' | 'resuming' | 'resumed';
	resumption?: Resumption;
	waiters: Array<(resumption: Resumption) => void>;
	deadline?: NodeJS.Timeout;
}

export class ParkingLot {
	readonly requests: ResumeRequest[] = [];
	private readonly slots = new Map<string, Slot>();
	private server?: Server;
	url = '';

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook-waiting`;
		return this;
	}

	async close(): Promise<void> {
		for (const slot of this.slots.values()) if (slot.deadline) clearTimeout(slot.deadline);
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Takes a run the node parked; its deadline fires as n8n's wait tracker would. */
	park(result: RunNodeResult): ParkedExecution {
		if (!result.parked) throw new Error(`the run did not park (status ${result.status}${result.error ? `: ${result.error.message}` : ''})`);
		const slot: Slot = { parked: result.parked, state: 'waiting', waiters: [] };
		this.slots.set(result.executionId, slot);
		const delay = Math.max(0, result.parked.waitTill.getTime() - Date.now());
		if (delay < 2 ** 31 - 1) slot.deadline = setTimeout(() => this.passDeadline(slot), delay);
		return result.parked;
	}

	/** Resolves when the execution resumes, by webhook or by its deadline. */
	async resumed(executionId: string, timeoutMs = 60_000): Promise<Resumption> {
		const slot = this.slots.get(executionId);
		if (!slot) throw new Error(`execution ${executionId} is not parked here`);
		if (slot.resumption) return slot.resumption;
		return await new Promise<Resumption>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`execution ${executionId} did not resume within ${timeoutMs} ms`)), timeoutMs);
			slot.waiters.push((resumption) => {
				clearTimeout(timer);
				resolve(resumption);
			});
		});
	}

	isWaiting(executionId: string): boolean {
		return this.slots.get(executionId)?.state === 'waiting';
	}

	private finish(slot: Slot, resumption: Resumption): void {
		slot.state = 'resumed';
		slot.resumption = resumption;
		if (slot.deadline) clearTimeout(slot.deadline);
		for (const waiter of slot.waiters.splice(0)) waiter(resumption);
	}

	/** n8n resumes the parked node disabled: the stack entry's input items pass through untouched. */
	private passDeadline(slot: Slot): void {
		if (slot.state !== 'waiting') return;
		const entry = slot.parked.runExecutionData.executionData?.nodeExecutionStack[0];
		this.finish(slot, { via: 'deadline', output: deepCopy(entry?.data.main[0] ?? []) });
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://parking.local');
		const executionId = url.pathname.replace(/^\/webhook-waiting\//, '').split('/')[0];
		const query = Object.fromEntries(url.searchParams.entries());
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const record: ResumeRequest = { executionId, query, status: 0, at: Date.now() };
		this.requests.push(record);
		const reply = (status: number, body: unknown) => {
			record.status = status;
			if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		};

		const slot = this.slots.get(executionId);
		if (!slot) return reply(404, { message: `The execution "${executionId}" does not exist.` });
		const token = slot.parked.runExecutionData.resumeToken;
		if (!token || query.signature !== token) return reply(401, { error: 'Invalid token' });
		if (slot.state !== 'waiting') return reply(409, { message: `The execution "${executionId}" has finished already.` });

		// A fresh copy, as n8n reads the execution from its database for every request.
		const runExecutionData = deepCopy(slot.parked.runExecutionData);
		runExecutionData.waitTill = undefined;
		const stack = runExecutionData.executionData?.nodeExecutionStack ?? [];
		if (stack[0]) stack[0].node.disabled = true;
		const { workflow, nodeName, nodeType } = slot.parked;
		const node = workflow.getNode(nodeName)!;
		const additionalData: IWorkflowExecuteAdditionalData = slot.parked.newAdditionalData(executionId);
		const response = expressResponse(reply);
		additionalData.httpRequest = {
			headers: req.headers,
			rawBody,
			body: jsonOrEmpty(rawBody),
			query,
			params: {},
			method: req.method,
			url: req.url,
		} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const description = (nodeType.description.webhooks ?? []).find((webhook) => webhook.restartWebhook === true);
		if (!description || typeof nodeType.webhook !== 'function') return reply(404, { message: 'no waiting webhook' });
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: nodeName,
			path: '',
			webhookDescription: description,
			workflowId: String(workflow.id),
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(workflow, node, additionalData, 'manual', webhookData, [], runExecutionData);
		let result;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			reply(500, { message: (error as Error).message });
			if (slot.state === 'waiting') this.finish(slot, { via: 'webhook', output: [], error: error as Error });
			return;
		}
		if (!result.noWebhookResponse) reply(200, { message: 'Webhook call received' });
		else if (!res.headersSent) reply(200, {});
		if (result.workflowData && slot.state === 'waiting') this.finish(slot, { via: 'webhook', output: result.workflowData[0] ?? [] });
	}
}

function expressResponse(reply: (status: number, body: unknown) => void) {
	let status = 200;
	const response = {
		status(code: number) {
			status = code;
			return response;
		},
		json(body: unknown) {
			reply(status, body);
			return response;
		},
		send(body: unknown) {
			reply(status, body);
			return response;
		},
		end() {
			reply(status, {});
			return response;
		},
	};
	return response;
}

function jsonOrEmpty(raw: Buffer): IDataObject {
	try {
		return JSON.parse(raw.toString('utf8')) as IDataObject;
	} catch {
		return {};
	}
}
