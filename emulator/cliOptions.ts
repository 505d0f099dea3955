// Command-line flags of the emulator, apart from its start so they can be tested in-process.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { EmulatorOptions } from './index';
import { parseFaultRule, type FaultRule } from './settings/faults';

export const USAGE = `Usage: node .build/emulator/cli.js [options]

  --host <host>            listen address (default 127.0.0.1)
  --port <n>               API port (default 0: a free port)
  --storage-port <n>       storage port (default 0: a free port)
  --elsewhere-port <n>     port of the other origin redirect faults point to (default 0: a free port)
  --api-key <key>          accepted API key (default hg_emulator_test_key)
  --render-seconds <s>     seconds from create to completed (default 10; a tenth of it pending)
  --translate-seconds <s>  seconds from create to a completed translation or lipsync (default: as --render-seconds)
  --agent-thinking-seconds <s>
                           seconds a Video Agent run thinks (default: a tenth of --render-seconds, else 1)
  --concurrency <n>        jobs in flight per account (default 10)
  --video-size <bytes>     size of each video file (default 1048576)
  --balance <credits>      wallet credits (default 1000)
  --url-ttl <seconds>      presigned URL lifetime (default 604800)
  --webhook-attempts <n>   tries per webhook delivery, the first included (default 5)
  --webhook-retry-ms <ms>  wait before the first retry, doubling after (default 1000)
  --webhook-timeout-ms <ms>
                           a receiver slower than this fails the attempt (default 10000)
  --webhook-legacy-signature
                           also send the legacy Signature header
  --faults <file.json>     fault rules in force from the start: a JSON array of rules, as
                           POST /__emulator/faults takes them
  --fault-seed <n>         seed of rules with a probability and no seed of their own (default 1)
  --help                   show this help`;

function numberFlag(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0)
		throw new Error(`--${name} must be a non-negative number (got "${value}")`);
	return parsed;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Reads and checks every rule up front, so a bad file names the rule and stops the start. */
function faultsFrom(file: string | undefined): FaultRule[] | undefined {
	if (file === undefined) return undefined;
	let rules: unknown;
	try {
		rules = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`--faults ${file}: ${messageOf(error)}`);
	}
	if (!Array.isArray(rules)) throw new Error(`--faults ${file}: expected a JSON array of fault rules`);
	return rules.map((rule, index) => {
		try {
			return parseFaultRule(rule);
		} catch (error) {
			throw new Error(`--faults ${file}: rule ${index}: ${messageOf(error)}`);
		}
	});
}

/** The emulator's options from command-line arguments; undefined for `--help`. Throws on a bad flag. */
export function optionsFrom(argv: string[]): EmulatorOptions | undefined {
	const { values } = parseArgs({
		args: argv,
		options: {
			host: { type: 'string' },
			port: { type: 'string' },
			'storage-port': { type: 'string' },
			'elsewhere-port': { type: 'string' },
			'api-key': { type: 'string' },
			'render-seconds': { type: 'string' },
			'translate-seconds': { type: 'string' },
			'agent-thinking-seconds': { type: 'string' },
			concurrency: { type: 'string' },
			'video-size': { type: 'string' },
			balance: { type: 'string' },
			'url-ttl': { type: 'string' },
			'webhook-attempts': { type: 'string' },
			'webhook-retry-ms': { type: 'string' },
			'webhook-timeout-ms': { type: 'string' },
			'webhook-legacy-signature': { type: 'boolean' },
			faults: { type: 'string' },
			'fault-seed': { type: 'string' },
			help: { type: 'boolean' },
		},
		strict: true,
	});
	if (values.help) return undefined;
	const renderSeconds = numberFlag('render-seconds', values['render-seconds']);
	const renderMs = renderSeconds === undefined ? undefined : Math.round(renderSeconds * 1000);
	const pendingMs = renderMs === undefined ? undefined : Math.round(renderMs / 10);
	const translateSeconds = numberFlag('translate-seconds', values['translate-seconds']);
	const translateMs = translateSeconds === undefined ? undefined : Math.round(translateSeconds * 1000);
	const thinkingSeconds = numberFlag('agent-thinking-seconds', values['agent-thinking-seconds']);
	return {
		host: values.host,
		port: numberFlag('port', values.port),
		storagePort: numberFlag('storage-port', values['storage-port']),
		elsewherePort: numberFlag('elsewhere-port', values['elsewhere-port']),
		apiKey: values['api-key'],
		timings:
			renderMs === undefined || pendingMs === undefined ? undefined : { pendingMs, processingMs: renderMs - pendingMs },
		translationTimings:
			translateMs === undefined
				? undefined
				: { pendingMs: Math.round(translateMs / 10), runningMs: translateMs - Math.round(translateMs / 10) },
		agentTimings: thinkingSeconds === undefined ? undefined : { thinkingMs: Math.round(thinkingSeconds * 1000) },
		concurrencyLimit: numberFlag('concurrency', values.concurrency),
		videoSizeBytes: numberFlag('video-size', values['video-size']),
		balance: numberFlag('balance', values.balance),
		downloadUrlTtlSeconds: numberFlag('url-ttl', values['url-ttl']),
		webhooks: {
			attempts: numberFlag('webhook-attempts', values['webhook-attempts']),
			retryDelayMs: numberFlag('webhook-retry-ms', values['webhook-retry-ms']),
			timeoutMs: numberFlag('webhook-timeout-ms', values['webhook-timeout-ms']),
			legacySignatureHeader: values['webhook-legacy-signature'],
		},
		faults: faultsFrom(values.faults),
		faultSeed: numberFlag('fault-seed', values['fault-seed']),
	};
}
