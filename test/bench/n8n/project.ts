import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root: the first folder up from here holding the real-n8n harness (run from source or from .build). */
function findRoot(start: string): string {
	for (let dir = start; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'scripts', 'lib', 'n8n.cjs')) && existsSync(join(dir, 'package.json'))) return dir;
		if (dirname(dir) === dir) throw new Error(`no checkout root above ${start}`);
	}
}

export const PROJECT_ROOT = findRoot(__dirname);

export interface N8nInstall {
	n8nBin: string;
	n8nDir: string;
	node: { nodeBin: string; nodeDir: string };
}

export interface N8nInstance {
	url: string;
	readonly child: ChildProcess;
	readonly output: string[];
	stop(): Promise<void>;
	restart(): Promise<void>;
}

export type RestClient = (path: string, init?: RequestInit) => Promise<{ status: number; body: any }>;

export interface EmulatorProcess {
	url: string;
	storageUrl: string;
	apiKey: string;
	child: ChildProcess;
	control(path: string, init?: { method?: string; body?: unknown }): Promise<any>;
	stop(): Promise<void>;
}

/** The real-n8n harness the end-to-end suite uses (scripts/lib), typed for what the benchmark calls. */
export interface Harness {
	provision: { N8N_VERSION: string; NODE_VERSION: string; ensureN8n(): N8nInstall };
	n8n: {
		freePort(): Promise<number>;
		buildAndPack(options?: { build?: boolean; dir?: string }): string;
		installPackage(userFolder: string, tarball: string): void;
		n8nEnvironment(
			n8n: N8nInstall,
			options: { userFolder: string; port: number; brokerPort: number; owner: { email: string; password: string }; extra?: Record<string, string> },
		): Record<string, string>;
		importCredentials(n8n: N8nInstall, env: Record<string, string>, credentials: unknown[]): void;
		startN8n(n8n: N8nInstall, env: Record<string, string>, options?: { timeoutMs?: number; log?: (text: string) => void }): Promise<N8nInstance>;
		login(url: string, owner: { email: string; password: string }): Promise<RestClient>;
	};
	emulator: { startEmulatorProcess(args: string[]): Promise<EmulatorProcess> };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export function loadHarness(): Harness {
	const lib = (name: string) => require(join(PROJECT_ROOT, 'scripts', 'lib', name));
	return { provision: lib('provision.cjs'), n8n: lib('n8n.cjs'), emulator: lib('emulator.cjs') };
}
