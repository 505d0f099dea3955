import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

/** Bodies above this are refused with 413 (inline base64 images stay well below it). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type ParsedBody =
	| { kind: 'none' }
	| { kind: 'json'; value: unknown }
	| { kind: 'invalid'; reason: string }
	| { kind: 'too_large' };

export function newRequestId(): string {
	return randomUUID();
}

/** The client went away before its request body arrived; nothing is left to answer. */
export class RequestAborted extends Error {
	constructor() {
		super('The client closed the connection before sending the whole request.');
		this.name = 'RequestAborted';
	}
}

/** Reads the whole body; past the limit the rest is drained and discarded. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<ParsedBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('error', () => reject(new RequestAborted()));
		req.on('close', () => {
			if (!req.complete) reject(new RequestAborted());
		});
		req.on('end', () => {
			if (size > limit) return resolve({ kind: 'too_large' });
			const text = Buffer.concat(chunks).toString('utf8');
			if (text.trim() === '') return resolve({ kind: 'none' });
			try {
				resolve({ kind: 'json', value: JSON.parse(text) });
			} catch (error) {
				resolve({ kind: 'invalid', reason: error instanceof Error ? error.message : String(error) });
			}
		});
	});
}

/** Query values by name, plus the first name given more than once (HeyGen takes each parameter once). */
export function readQuery(params: URLSearchParams): { values: Record<string, string>; repeated?: string } {
	const values: Record<string, string> = {};
	let repeated: string | undefined;
	for (const [name, value] of params) {
		if (name in values && repeated === undefined) repeated = name;
		values[name] = value;
	}
	return { values, repeated };
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
export function isAuthorized(headers: IncomingHttpHeaders, apiKey: string): boolean {
	const headerKey = headers['x-api-key'];
	if (typeof headerKey === 'string' && sameSecret(headerKey.trim(), apiKey)) return true;
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return bearer !== null && sameSecret(bearer[1], apiKey);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	sendJsonBytes(res, status, Buffer.from(JSON.stringify(body)), headers);
}

/** Sends bytes labelled as JSON as they are (a fault may have cut them), `Content-Length` matching. */
export function sendJsonBytes(
	res: ServerResponse,
	status: number,
	bytes: Buffer,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		...headers,
		'Content-Type': 'application/json',
		'Content-Length': String(bytes.length),
	});
	res.end(bytes);
}

/** Waits unless the emulator is closing; resolves false when aborted. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	try {
		await wait(ms, undefined, { signal });
		return true;
	} catch {
		return false;
	}
}

/** Cuts the connection without an HTTP response. */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
	res.destroy();
	req.socket.destroy();
}
