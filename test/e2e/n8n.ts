import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { executionOutput, n8nApi, waitFor } from '../harness/n8nApi';
import { e2eEnvironment, N8N_LOG_FILE } from './environment';

/* eslint-disable @typescript-eslint/no-require-imports */
const harness = require('../../scripts/lib/n8n.cjs');

export const env = e2eEnvironment();
export const NODE_TYPE = 'n8n-nodes-heygen-video.heyGen';

export interface Execution {
	exitCode: number;
	/** The run data n8n printed (its IRun). */
	run: {
		data: {
			resultData: {
				runData: Record<string, Array<{ data?: { main: INodeExecutionData[][] }; error?: IDataObject; executionStatus?: string }>>;
				error?: { message: string; description?: string; node?: { name: string } };
			};
		};
		status?: string;
	};
	stdout: string;
}

/** `n8n execute --id <id>`: runs a saved workflow in the real n8n CLI (`extraEnv` added to its environment). */
export function execute(workflowId: string, extraEnv: Record<string, string> = {}): Execution {
	const result = harness.executeWorkflow({ node: { nodeBin: env.nodeBin }, n8nBin: env.n8nBin }, { ...env.cliEnv, ...extraEnv }, workflowId);
	appendFileSync(N8N_LOG_FILE, `${result.stdout}\n${result.stderr}\n`);
	if (!result.data) throw new Error(`n8n execute printed no run data (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`.slice(-6000));
	return { exitCode: result.exitCode, run: result.data, stdout: result.stdout };
}

/** The items a node put on its first output in an execution. */
export function nodeOutput(execution: Execution, nodeName: string): INodeExecutionData[] {
	const runs = execution.run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(execution.run.data.resultData.runData).join(', ')}`);
	return runs[runs.length - 1].data?.main[0] ?? [];
}

export function n8nVersionInstalled(): string {
	const result = spawnSync(env.nodeBin, [env.n8nBin, '--version'], { encoding: 'utf8', env: env.cliEnv });
	return result.stdout.trim().split('\n').pop() ?? '';
}

/**
 * Stops n8n and starts it again on the same user folder, database and port, as an operator would;
 * resolves once it answers its health check (published workflows are then activated again).
 */
/** Stops n8n and starts it again (same folder, database and port), kept down `downForMs` in between. */
export async function restartN8n(downForMs = 0): Promise<void> {
	const response = await fetch(`${env.controlUrl}/restart${downForMs > 0 ? `?downFor=${downForMs}` : ''}`, { method: 'POST' });
	if (!response.ok) throw new Error(`restarting n8n failed: ${response.status} ${await response.text()}`);
}

export const { rest, emulator, emulatorRequests, publicApi, executionsOf, publish, unpublish, webhookEndpoints, createWorkflow } = n8nApi(env);
export { executionOutput, waitFor };

/** Plays a third party's inbound webhook (Clay's table webhook): records every JSON body posted to it. */
export function startReceiver(): Promise<{ url: string; received: unknown[]; server: Server }> {
	const received: unknown[] = [];
	const server = createServer((req: IncomingMessage, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push(JSON.parse(text || '{}'));
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/clay/table-webhook`, received, server }),
		),
	);
}
