import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { executionOutput, n8nApi, waitFor } from '../harness/n8nApi';
import { queueEnvironment } from './environment';

/* eslint-disable @typescript-eslint/no-require-imports */
const queueLib = require('../../scripts/lib/queue.cjs');

export const env = queueEnvironment();
export const { rest, emulator, emulatorRequests, publicApi, executionsOf, publish, unpublish, webhookEndpoints, createWorkflow } = n8nApi(env);
export { executionOutput, waitFor };

/** Runs SQL in n8n's PostgreSQL database; answers the rows as arrays of text. */
export function sql(query: string): string[][] {
	return queueLib.queryPostgres(env.postgres, query);
}

/** The n8n processes (main, worker-N, webhook) whose log has a line matching `pattern`. */
export function processesThatLogged(pattern: RegExp): string[] {
	return env.processes.filter((proc) => pattern.test(readFileSync(proc.logFile, 'utf8'))).map((proc) => proc.name);
}

/** The worker that ran an execution logs it (n8n's job processor, at info level). */
export const ranExecution = (executionId: string) => new RegExp(`Worker started execution ${executionId} \\(job`);
/** The process that put an execution on the queue logs it (n8n's scaling service, at info level). */
export const enqueuedExecution = (executionId: string) => new RegExp(`Enqueued execution ${executionId} \\(job`);

/** One execution with its run data, from the public API. */
export async function execution(executionId: string): Promise<{ id: string; status: string; mode: string; finished: boolean; data: any }> {
	return await publicApi(`/executions/${executionId}?includeData=true`);
}

/** Stops one n8n process of the set-up and starts it again; resolves once it is ready. */
export async function restartProcess(name: string): Promise<void> {
	const response = await fetch(`${env.controlUrl}/restart/${name}`, { method: 'POST' });
	if (!response.ok) throw new Error(`restarting ${name} failed: ${response.status} ${await response.text()}`);
}

/** Every file in the processes' n8n folders, the installed package left out, with its size. */
export function filesInUserFolders(): Array<{ path: string; size: number }> {
	const files: Array<{ path: string; size: number }> = [];
	const walk = (dir: string, skip: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory() && path !== skip) walk(path, skip);
			else if (entry.isFile()) files.push({ path, size: statSync(path).size });
		}
	};
	for (const proc of env.processes) walk(join(proc.userFolder, '.n8n'), join(proc.userFolder, '.n8n', 'nodes'));
	return files;
}
