/**
 * Tiny `node:http` server on 127.0.0.1 (random port) that records every request.
 * Handlers are registered per "METHOD /path" (query string ignored for matching).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path with query string. */
	url: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export type RouteHandler = (
	req: RecordedRequest,
	res: ServerResponse,
	raw: IncomingMessage,
) => void | Promise<void>;

export interface LocalServer {
	/** e.g. http://127.0.0.1:43123 */
	url: string;
	requests: RecordedRequest[];
	route(method: string, path: string, handler: RouteHandler): void;
	/** Requests received for a path (any method). */
	requestsTo(path: string): RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const payload = Buffer.from(JSON.stringify(body));
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length });
	res.end(payload);
}

export async function startLocalServer(): Promise<LocalServer> {
	const routes = new Map<string, RouteHandler>();
	const requests: RecordedRequest[] = [];

	const server = createServer((raw, res) => {
		const chunks: Buffer[] = [];
		raw.on('data', (chunk: Buffer) => chunks.push(chunk));
		raw.on('end', () => {
			const parsed = new URL(raw.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: raw.method ?? 'GET',
				url: raw.url ?? '/',
				path: parsed.pathname,
				query: parsed.searchParams,
				headers: raw.headers,
				body: Buffer.concat(chunks),
			};
			requests.push(recorded);
			const handler = routes.get(`${recorded.method} ${recorded.path}`);
			if (!handler) {
				sendJson(res, 404, { message: `No route for ${recorded.method} ${recorded.path}` });
				return;
			}
			Promise.resolve(handler(recorded, res, raw)).catch((error: Error) => {
				if (!res.headersSent) sendJson(res, 500, { message: error.message });
				else res.destroy(error);
			});
		});
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		route(method, path, handler) {
			routes.set(`${method.toUpperCase()} ${path}`, handler);
		},
		requestsTo(path) {
			return requests.filter((r) => r.path === path);
		},
		reset() {
			requests.length = 0;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
		},
	};
}
