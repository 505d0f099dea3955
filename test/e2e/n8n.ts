import { spawnSync } from 'node:child_process';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { e2eEnvironment } from './environment';

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

/** `n8n execute --id <id>`: runs a saved workflow in the real n8n CLI. */
export function execute(workflowId: string): Execution {
	const result = harness.executeWorkflow({ node: { nodeBin: env.nodeBin }, n8nBin: env.n8nBin }, env.cliEnv, workflowId);
	if (!result.data) throw new Error(`n8n execute printed no run data (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`.slice(-6000));
	return { exitCode: result.exitCode, run: result.data, stdout: result.stdout };
}

/** The items a node put on its first output in an execution. */
export function nodeOutput(execution: Execution, nodeName: string): INodeExecutionData[] {
	const runs = execution.run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(execution.run.data.resultData.runData).join(', ')}`);
	return runs[runs.length - 1].data?.main[0] ?? [];
}

/** n8n's REST API, logged in as the owner. */
export async function rest(): Promise<(path: string, init?: RequestInit) => Promise<{ status: number; body: any }>> {
	return harness.restClient(env.n8nUrl, env.sessionCookie);
}

/** The emulator's control API. */
export async function emulator(path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
	const response = await fetch(`${env.emulatorUrl}/__emulator${path}`, {
		method: init.method ?? 'GET',
		headers: { 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	return (await response.json()) as unknown;
}

export async function emulatorRequests(): Promise<Array<{ method: string; path: string; status?: number; headers: Record<string, string>; body?: any; server: string }>> {
	return ((await emulator('/requests')) as { data: never[] }).data;
}

export function n8nVersionInstalled(): string {
	const result = spawnSync(env.nodeBin, [env.n8nBin, '--version'], { encoding: 'utf8', env: env.cliEnv });
	return result.stdout.trim().split('\n').pop() ?? '';
}
