import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the global setup started, shared with the test files through a JSON file. */
export interface E2eEnvironment {
	n8nUrl: string;
	owner: { email: string; password: string };
	/** The owner's session (n8n limits logins per minute, so the suite logs in once). */
	sessionCookie: string;
	/** A key for n8n's public API (executions with their data). */
	apiKey: string;
	emulatorUrl: string;
	emulatorApiKey: string;
	/** Environment of the n8n CLI for `n8n execute` (same user folder as the running n8n). */
	cliEnv: Record<string, string>;
	n8nBin: string;
	nodeBin: string;
	n8nVersion: string;
	/** n8n's release line (1 or 2): where the two differ, the suite asks n8n as that line expects. */
	n8nLine: number;
	credentialId: string;
	wrongKeyCredentialId: string;
	/** The setup's control endpoint (`POST /restart` restarts n8n on the same user folder and database). */
	controlUrl: string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** The n8n release line this run tests (N8N_LINE=1|2, 2 by default). */
export const RELEASE: { line: number; version: string } = require('../../scripts/lib/provision.cjs').RELEASE;
/** Each line's run keeps its own files, so the two suites may run side by side. */
const SUFFIX = RELEASE.line === 2 ? '' : `-v${RELEASE.line}`;

/** This checkout's own files (the n8n installs may live in a cache shared by several checkouts). */
const CHECKOUT_CACHE = join(__dirname, '..', '..', '.cache');
export const STATE_FILE = join(CHECKOUT_CACHE, `e2e-state${SUFFIX}.json`);
/** Everything n8n printed during the suite (the server at debug level, and each CLI run), for the secret scan. */
export const N8N_LOG_FILE = join(CHECKOUT_CACHE, `e2e-n8n${SUFFIX}.log`);
/** Where the suite packs this checkout's package. */
export const PACK_DIR = join(CHECKOUT_CACHE, `e2e-pack${SUFFIX}`);

export function e2eEnvironment(): E2eEnvironment {
	return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eEnvironment;
}
