import type { IncomingHttpHeaders } from 'node:http';

/** `elsewhere` is the third listener, the other origin that redirect faults point to. */
export type RecordedServer = 'api' | 'storage' | 'elsewhere';

export interface RecordedRequest {
	id: number;
	server: RecordedServer;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased names. */
	headers: Record<string, string>;
	/** Parsed JSON, or undefined (no body, or not JSON). */
	body: unknown;
	/** ENDPOINTS key it matched. */
	endpoint?: string;
	/** Status sent; undefined while in progress or when the connection was dropped. */
	status?: number;
	/**
	 * The fault applied, if any (`status:503`, `rate_limit`, `delay:200`, `drop:before`, `truncate`,
	 * `malformed:empty`, `redirect:302`).
	 */
	fault?: string;
	/** `Retry-After` of the answer sent, in seconds, when it carried one. */
	retryAfterSeconds?: number;
	/** When the request arrived (ms since epoch), before its body was read. */
	receivedAt: number;
	/** When the answer was sent or the connection cut (ms since epoch); undefined while in progress. */
	finishedAt?: number;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

/** Every API, storage and elsewhere request in arrival order (the control API is not recorded). */
export class RequestRecorder {
	/** Kept as one array for the emulator's lifetime, so a reference held by a test stays current. */
	readonly requests: RecordedRequest[] = [];
	private nextId = 1;

	start(entry: Omit<RecordedRequest, 'id'>): RecordedRequest {
		const record: RecordedRequest = { id: this.nextId++, ...entry };
		this.requests.push(record);
		return record;
	}

	/** `headers` are those of the answer sent, if any (its `Retry-After` is kept). */
	finish(record: RecordedRequest, status: number | undefined, headers: Record<string, string> = {}): void {
		if (status !== undefined) record.status = status;
		const retryAfter = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
		if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) record.retryAfterSeconds = Number(retryAfter);
		record.finishedAt = Date.now();
	}

	clear(): void {
		this.requests.length = 0;
		this.nextId = 1;
	}
}
