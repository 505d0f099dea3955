import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
	id: number;
	server: 'api' | 'storage';
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
	/** The fault applied, if any (`status:503`, `rate_limit`, `delay:200`, `drop:before`). */
	fault?: string;
	receivedAt: number;
	finishedAt?: number;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

/** Every API and storage request in arrival order (the control API is not recorded). */
export class RequestRecorder {
	/** Kept as one array for the emulator's lifetime, so a reference held by a test stays current. */
	readonly requests: RecordedRequest[] = [];
	private nextId = 1;

	start(entry: Omit<RecordedRequest, 'id' | 'receivedAt'>): RecordedRequest {
		const record: RecordedRequest = { id: this.nextId++, ...entry, receivedAt: Date.now() };
		this.requests.push(record);
		return record;
	}

	finish(record: RecordedRequest, status: number | undefined): void {
		if (status !== undefined) record.status = status;
		record.finishedAt = Date.now();
	}

	clear(): void {
		this.requests.length = 0;
		this.nextId = 1;
	}
}
