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
	credentialId: string;
	wrongKeyCredentialId: string;
	/** The setup's control endpoint (`POST /restart` restarts n8n on the same user folder and database). */
	controlUrl: string;
}

export const STATE_FILE = join(__dirname, '..', '..', '.cache', 'e2e-state.json');
/** Everything n8n printed during the suite (the server at debug level, and each CLI run), for the secret scan. */
export const N8N_LOG_FILE = join(__dirname, '..', '..', '.cache', 'e2e-n8n.log');

export function e2eEnvironment(): E2eEnvironment {
	return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eEnvironment;
}
