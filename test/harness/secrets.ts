/**
 * The secret scan every engine run goes through: the API key and webhook secrets must appear
 * nowhere a user or a log could see them, and a presigned download signature only in the URL
 * fields meant to carry it (`video_url`, `url`, ...).
 */
import { inspect } from 'node:util';

import { LoggerProxy, type Logger as WorkflowLogger } from 'n8n-workflow';

/** Every line n8n and the node logged in this process, at any level, as text. */
export const loggedLines: string[] = [];

function record(level: string) {
	return (message: string, meta?: unknown) => {
		loggedLines.push(`${level} ${message}${meta === undefined ? '' : ` ${inspect(meta, { depth: 6, breakLength: Infinity })}`}`);
	};
}

/** A logger that keeps every line instead of printing it. */
export function recordingLogger(): WorkflowLogger & { scoped(): WorkflowLogger } {
	const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') } as WorkflowLogger & {
		scoped(): WorkflowLogger;
	};
	logger.scoped = () => logger;
	return logger;
}

export function recordLogs(logger: WorkflowLogger): void {
	LoggerProxy.init(logger);
}

const PRESIGNED_SIGNATURE = /[?&](?:X-Amz-)?Signature=([0-9A-Fa-f]{32,}|[A-Za-z0-9%+/=_-]{40,})/;
const URL_FIELD = /(^|_)url$/i;

/** Where in `value` a secret shows (a path such as `output[0].json.error`), empty when nowhere. */
export function leaksIn(value: unknown, secrets: Array<string | undefined>, path = '$', key = ''): string[] {
	const wanted = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 6);
	if (typeof value === 'string') {
		const found = wanted.filter((secret) => value.includes(secret)).map(() => `${path} (a secret)`);
		if (!URL_FIELD.test(key) && PRESIGNED_SIGNATURE.test(value)) found.push(`${path} (a presigned signature outside a URL field)`);
		return found;
	}
	if (Array.isArray(value)) return value.flatMap((entry, index) => leaksIn(entry, wanted, `${path}[${index}]`, key));
	if (value && typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>).flatMap(([name, entry]) => leaksIn(entry, wanted, `${path}.${name}`, name));
	}
	return [];
}

/** Fails loudly when anything visible holds a secret. */
export function assertNoLeaks(what: Record<string, unknown>, secrets: Array<string | undefined>): void {
	const leaks = leaksIn(what, secrets);
	if (leaks.length > 0) throw new Error(`A secret is visible in: ${leaks.slice(0, 10).join(', ')}`);
}
