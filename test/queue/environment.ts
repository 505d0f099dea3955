import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nTarget } from '../harness/n8nApi';

/** What the queue-mode global setup started, shared with the test files through a JSON file. */
export interface QueueEnvironment extends N8nTarget {
	/** The webhook process: production webhooks and resume URLs. */
	webhookUrl: string;
	owner: { email: string; password: string };
	credentialId: string;
	/** The n8n database, for reading what n8n stored (binary data, static data). */
	postgres: { binDir: string; host: string; port: number; database: string; user: string; password: string };
	/** Each n8n process: its name (main, worker-1, worker-2, webhook), command, log file and user folder. */
	processes: Array<{ name: string; command: string; logFile: string; readyUrl: string; userFolder: string }>;
	/** The setup's control endpoint: `POST /restart/<process name>` restarts that n8n process. */
	controlUrl: string;
	n8nVersion: string;
}

export const QUEUE_CACHE_DIR = join(__dirname, '..', '..', '.cache');
export const STATE_FILE = join(QUEUE_CACHE_DIR, 'queue-state.json');
/** Every process's output, one file each (main, worker-N, webhook, postgres, redis). */
export const LOG_DIR = join(QUEUE_CACHE_DIR, 'queue-logs');

export function queueEnvironment(): QueueEnvironment {
	return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as QueueEnvironment;
}
