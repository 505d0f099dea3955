import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Json } from './helpers';

/** One POST the receiver got, with the exact bytes (signatures are over them). */
export interface ReceivedDelivery {
	path: string;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	body: Json;
	receivedAt: number;
}

/** How to answer a delivery: a status, optionally after a pause (to outlast the sender's timeout). */
export type Answer = number | { status: number; delayMs: number };

export interface Receiver {
	/** Base URL, e.g. http://127.0.0.1:40123 (add a path per subscriber). */
	url: string;
	received: ReceivedDelivery[];
	/** Decides each answer; the default is 200. `index` counts deliveries to the same path. */
	answer: (delivery: ReceivedDelivery, index: number) => Answer;
	/** The deliveries to one path, in arrival order. */
	at(path: string): ReceivedDelivery[];
	/** Resolves once `count` deliveries (to `path`, when given) have arrived. */
	waitFor(count: number, path?: string, timeoutMs?: number): Promise<ReceivedDelivery[]>;
	clear(): void;
	close(): Promise<void>;
}

/** A webhook subscriber on 127.0.0.1 (loopback http, which the emulator accepts as a delivery URL). */
export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedDelivery[] = [];
	const listeners = new Set<() => void>();
	// Handles requests only once listening, by which time `receiver` below exists.
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const path = req.url ?? '/';
			let body: Json;
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = undefined;
			}
			const delivery: ReceivedDelivery = { path, headers: req.headers, rawBody, body, receivedAt: Date.now() };
			const index = receiver.at(path).length;
			received.push(delivery);
			for (const listener of [...listeners]) listener();
			const answer = receiver.answer(delivery, index);
			const { status, delayMs } = typeof answer === 'number' ? { status: answer, delayMs: 0 } : answer;
			const send = () => {
				if (res.destroyed) return;
				res.writeHead(status, { 'Content-Type': 'text/plain' });
				res.end('ok');
			};
			if (delayMs > 0) setTimeout(send, delayMs);
			else send();
		});
	});
	const receiver: Receiver = {
		url: '',
		received,
		answer: () => 200,
		at: (path) => received.filter((delivery) => delivery.path === path),
		waitFor: (count, path, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const matching = () => (path === undefined ? received : receiver.at(path));
				const check = () => {
					if (matching().length < count) return;
					clearTimeout(timer);
					listeners.delete(check);
					resolve(matching());
				};
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(new Error(`expected ${count} deliveries${path ? ` to ${path}` : ''}; got ${matching().length}`));
				}, timeoutMs);
				listeners.add(check);
				check();
			}),
		clear: () => {
			received.length = 0;
			receiver.answer = () => 200;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return receiver;
}

/** A receiver for a whole test file, emptied after each test. */
export function useReceiver(): () => Receiver {
	let receiver: Receiver | undefined;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterEach(() => receiver?.clear());
	afterAll(async () => {
		await receiver?.close();
	});
	return () => {
		if (!receiver) throw new Error('receiver not started');
		return receiver;
	};
}
