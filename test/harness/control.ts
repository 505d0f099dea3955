import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback endpoint through which a test file (which runs apart from the global setup) restarts
 * a process the setup owns: `POST /restart` or `POST /restart/<name>` answers once it is ready again;
 * `?downFor=<ms>` keeps it stopped that long first.
 */
export async function startControl(restart: (name: string, downForMs: number) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://control.local');
		const match = req.method === 'POST' ? /^\/restart(?:\/([\w-]+))?$/.exec(url.pathname) : null;
		if (!match) return void res.writeHead(404).end();
		restart(match[1] ?? '', Number(url.searchParams.get('downFor') ?? 0)).then(
			() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"restarted":true}'),
			(error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message.slice(-4000)),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
