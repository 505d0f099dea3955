import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createWorkflow, emulator, emulatorRequests, env, publish, rest, unpublish, waitFor } from './n8n';

/**
 * The MCP example published in the real n8n, spoken to as an MCP client does: n8n's MCP Server
 * Trigger (typeVersion 2) serves Streamable HTTP on POST <n8n>/mcp/<path>; each request's answer
 * comes back as a server-sent event (or plain JSON), and the session rides on `mcp-session-id`.
 * A GET on the same URL opens the older SSE transport.
 */
const EXAMPLE_ID = 'hgExMcpServer001';
const EXAMPLE = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'mcp-server-heygen-tools.json'), 'utf8')) as Record<string, any>;
const PROTOCOL_VERSION = '2025-06-18';

interface RpcReply {
	status: number;
	headers: Headers;
	message?: { jsonrpc: string; id?: number; result?: any; error?: { code: number; message: string } };
}

/** One server-sent event: its name (`message` unless named) and its `data:` lines joined. */
function parseEvent(block: string): { event: string; data: string } {
	const lines = block.split(/\r?\n/);
	const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
	return { event: field('event')[0] ?? 'message', data: field('data').join('\n') };
}

const EVENT_END = /\r?\n\r?\n/;

/** The JSON-RPC messages in a whole server-sent event stream. */
function eventMessages(text: string): any[] {
	return text
		.split(EVENT_END)
		.map((block) => parseEvent(block).data)
		.filter((data) => data !== '')
		.map((data) => JSON.parse(data));
}

/** A minimal MCP client over Streamable HTTP, with plain fetch. */
class McpSession {
	private nextId = 1;
	sessionId?: string;

	constructor(
		readonly url: string,
		private readonly extraHeaders: Record<string, string> = {},
	) {}

	private async post(body: Record<string, unknown>): Promise<RpcReply> {
		const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...this.extraHeaders };
		if (this.sessionId) {
			headers['mcp-session-id'] = this.sessionId;
			headers['mcp-protocol-version'] = PROTOCOL_VERSION;
		}
		const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...body }) });
		const text = await response.text();
		if (!response.ok || !('id' in body)) return { status: response.status, headers: response.headers, message: undefined };
		const messages = (response.headers.get('content-type') ?? '').includes('text/event-stream') ? eventMessages(text) : [JSON.parse(text)];
		return { status: response.status, headers: response.headers, message: messages.find((message) => message.id === body.id) };
	}

	async request(method: string, params: Record<string, unknown> = {}): Promise<RpcReply> {
		return await this.post({ id: this.nextId++, method, params });
	}

	async notify(method: string): Promise<RpcReply> {
		return await this.post({ method });
	}

	/** initialize, then notifications/initialized: the handshake every MCP client makes first. */
	async open(): Promise<RpcReply> {
		const reply = await this.request('initialize', {
			protocolVersion: PROTOCOL_VERSION,
			capabilities: {},
			clientInfo: { name: 'heygen-e2e-client', version: '1.0.0' },
		});
		this.sessionId = reply.headers.get('mcp-session-id') ?? undefined;
		if (reply.status === 200 && this.sessionId) expect((await this.notify('notifications/initialized')).status).toBe(202);
		return reply;
	}

	async callTool(name: string, args: Record<string, unknown>): Promise<{ isError?: boolean; content: Array<{ type: string; text: string }> }> {
		const reply = await this.request('tools/call', { name, arguments: args });
		expect(reply.status).toBe(200);
		expect(reply.message?.error).toBeUndefined();
		return reply.message?.result;
	}

	async close(): Promise<number> {
		const response = await fetch(this.url, { method: 'DELETE', headers: { 'mcp-session-id': this.sessionId ?? '', ...this.extraHeaders } });
		await response.text();
		return response.status;
	}
}

/**
 * A minimal MCP client over the older SSE transport: a GET stream names the URL to post to
 * (`endpoint` event); each POST is only accepted (202) and its answer arrives on the stream.
 */
class SseSession {
	private readonly abort = new AbortController();
	private readonly decoder = new TextDecoder();
	private reader?: ReadableStreamDefaultReader<Uint8Array>;
	private buffer = '';
	private nextId = 1;
	postUrl = '';

	constructor(readonly url: string) {}

	private async nextEvent(): Promise<{ event: string; data: string }> {
		for (;;) {
			const end = EVENT_END.exec(this.buffer);
			if (end) {
				const event = parseEvent(this.buffer.slice(0, end.index));
				this.buffer = this.buffer.slice(end.index + end[0].length);
				if (event.data !== '') return event;
				continue;
			}
			const chunk = await this.reader!.read();
			if (chunk.done) throw new Error('the SSE stream ended');
			this.buffer += this.decoder.decode(chunk.value, { stream: true });
		}
	}

	async open(): Promise<void> {
		const response = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/event-stream');
		this.reader = response.body!.getReader();
		const endpoint = await this.nextEvent();
		expect(endpoint.event).toBe('endpoint');
		this.postUrl = new URL(endpoint.data, this.url).href;
	}

	async request(method: string, params: Record<string, unknown> = {}): Promise<any> {
		const id = this.nextId++;
		const response = await fetch(this.postUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id, method, params }) });
		await response.text();
		expect(response.status).toBe(202);
		for (;;) {
			const { event, data } = await this.nextEvent();
			const message = event === 'message' ? JSON.parse(data) : undefined;
			if (message?.id === id) return message;
		}
	}

	close(): void {
		this.abort.abort();
	}
}

/** A tool result's text, read back as the items the HeyGen tool put out. */
function toolJson(result: { content: Array<{ type: string; text: string }> }): any {
	expect(result.content).toHaveLength(1);
	expect(result.content[0].type).toBe('text');
	return JSON.parse(result.content[0].text);
}

const endpoint = (path: string) => `${env.n8nUrl}/mcp/${path}`;

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('the MCP example, published, spoken to by an MCP client', () => {
	const session = new McpSession(endpoint(EXAMPLE.nodes.find((node: { type: string }) => node.type.endsWith('.mcpTrigger')).parameters.path));

	beforeAll(async () => {
		await publish(EXAMPLE_ID);
	});

	afterAll(async () => {
		await unpublish(EXAMPLE_ID);
	});

	it('initializes a session over Streamable HTTP', async () => {
		const reply = await session.open();
		expect(reply.status).toBe(200);
		expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(reply.message?.result).toMatchObject({
			protocolVersion: PROTOCOL_VERSION,
			capabilities: { tools: {} },
			serverInfo: { name: 'MCP_Server_Trigger' },
		});
	});

	it('lists the three HeyGen tools with their descriptions and the inputs their $fromAI parameters ask for', async () => {
		const reply = await session.request('tools/list');
		expect(reply.status).toBe(200);
		const tools: Array<{ name: string; description: string; inputSchema: any }> = reply.message?.result.tools;
		expect(tools.map((tool) => tool.name).sort()).toEqual(['Create_video', 'Get_video', 'List_avatars']);
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		const descriptionOf = (node: string) => EXAMPLE.nodes.find((n: { name: string }) => n.name === node).parameters.toolDescription;

		expect(byName.List_avatars.description).toBe(descriptionOf('List avatars'));
		// The limit has a default, so a client may leave it out.
		expect(byName.List_avatars.inputSchema).toMatchObject({ type: 'object', properties: { limit: { type: 'number', default: 10, description: expect.stringContaining('avatar looks') } } });
		expect(Object.keys(byName.List_avatars.inputSchema.properties)).toEqual(['limit']);
		expect(byName.List_avatars.inputSchema.required ?? []).toEqual([]);

		expect(byName.Create_video.description).toBe(descriptionOf('Create video'));
		expect(byName.Create_video.inputSchema).toMatchObject({
			type: 'object',
			properties: { avatar_id: { type: 'string' }, script: { type: 'string', description: expect.stringContaining('5000 characters') } },
		});
		expect(Object.keys(byName.Create_video.inputSchema.properties).sort()).toEqual(['avatar_id', 'script']);
		expect([...byName.Create_video.inputSchema.required].sort()).toEqual(['avatar_id', 'script']);

		expect(byName.Get_video.description).toBe(descriptionOf('Get video'));
		expect(byName.Get_video.inputSchema).toMatchObject({ type: 'object', properties: { video_id: { type: 'string' } }, required: ['video_id'] });
		expect(Object.keys(byName.Get_video.inputSchema.properties)).toEqual(['video_id']);
	});

	it('List_avatars returns avatar looks, as many as asked for', async () => {
		const looks = toolJson(await session.callTool('List_avatars', { limit: 2 }));
		expect(looks).toHaveLength(2);
		looks.forEach((look: any) => expect(look).toMatchObject({ id: expect.stringMatching(/^lk_/), name: expect.any(String) }));
		const [listed] = (await emulatorRequests()).filter((r) => r.method === 'GET' && r.path === '/v3/avatars/looks');
		expect(listed.query.limit).toBe('2');
	});

	it('Create_video starts a render and returns its video_id at once; Get_video reads it back', async () => {
		const [look] = toolJson(await session.callTool('List_avatars', { limit: 1 }));
		const script = `Hello from an MCP client (${randomUUID().slice(0, 8)}).`;
		const [created, ...others] = toolJson(await session.callTool('Create_video', { avatar_id: look.id, script }));
		expect(others).toHaveLength(0);
		// The emulator renders for 2 s: the tool answered before the render ended.
		expect(created).toMatchObject({ video_id: expect.any(String), status: expect.stringMatching(/^(waiting|pending|processing)$/) });
		const videoId = String(created.video_id);

		let requests = await emulatorRequests();
		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos');
		expect(creates).toHaveLength(1);
		expect(creates[0].status).toBe(200);
		expect(creates[0].body).toMatchObject({ type: 'avatar', avatar_id: look.id, script });
		// Wait for Completion is off: no status was polled.
		expect(requests.filter((r) => r.method === 'GET' && r.path === `/v3/videos/${videoId}`)).toHaveLength(0);

		const [video] = toolJson(await session.callTool('Get_video', { video_id: videoId }));
		expect(video).toMatchObject({ video_id: videoId, status: expect.stringMatching(/^(waiting|pending|processing|completed)$/), video_page_url: expect.stringContaining(videoId) });
		requests = await emulatorRequests();
		expect(requests.filter((r) => r.method === 'GET' && r.path === `/v3/videos/${videoId}`)).toHaveLength(1);
		expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos')).toHaveLength(1);

		// As a client would: ask again until the render is done, then the video's URL is there.
		const done = await waitFor('the video to complete', async () => {
			const [latest] = toolJson(await session.callTool('Get_video', { video_id: videoId }));
			return latest.status === 'completed' && latest;
		});
		expect(done).toMatchObject({ video_id: videoId, video_url: expect.stringMatching(/^https?:\/\//) });
	});

	it('a HeyGen error comes back as a tool error the client can read', async () => {
		const result = await session.callTool('Get_video', { video_id: 'v_does_not_exist' });
		expect(result.isError).toBe(true);
		expect(result.content[0].text).toContain('The video "v_does_not_exist" was not found');
	});

	it('serves the older SSE transport on the same URL: initialize, the tools list and a call', async () => {
		const sse = new SseSession(session.url);
		try {
			await sse.open();
			expect(new URL(sse.postUrl).pathname).toBe(new URL(session.url).pathname);
			expect(new URL(sse.postUrl).searchParams.get('sessionId')).toBeTruthy();
			const opened = await sse.request('initialize', { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'heygen-e2e-sse-client', version: '1.0.0' } });
			expect(opened.result).toMatchObject({ capabilities: { tools: {} }, serverInfo: { name: 'MCP_Server_Trigger' } });
			const listed = await sse.request('tools/list');
			expect(listed.result.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(['Create_video', 'Get_video', 'List_avatars']);
			const called = await sse.request('tools/call', { name: 'List_avatars', arguments: { limit: 1 } });
			expect(toolJson(called.result)).toEqual([expect.objectContaining({ id: expect.stringMatching(/^lk_/) })]);
		} finally {
			sse.close();
		}
	});

	it('the session ends with DELETE; the old session id is then refused', async () => {
		expect(await session.close()).toBe(200);
		// n8n 2.x answers an ended session's id with 404; 1.x's MCP Server Trigger with 400.
		expect((await session.request('tools/list')).status).toBe(env.n8nLine < 2 ? 400 : 404);
	});
});

describe('the same tools behind Header Auth', () => {
	const path = `heygen-video-${randomUUID().slice(0, 8)}`;
	const header = { name: 'X-MCP-Key', value: `e2e-${randomUUID()}` };
	let workflowId = '';
	let credentialId = '';

	beforeAll(async () => {
		const api = await rest();
		const credential = await api('/rest/credentials', {
			method: 'POST',
			body: JSON.stringify({ name: `MCP clients (${path})`, type: 'httpHeaderAuth', data: header }),
		});
		if (credential.status !== 200) throw new Error(`creating the header credential failed: ${credential.status} ${JSON.stringify(credential.body)}`);
		credentialId = credential.body.data.id;
		const workflow = JSON.parse(JSON.stringify(EXAMPLE));
		workflow.name = `e2e: ${workflow.name} (${path})`;
		const trigger = workflow.nodes.find((node: { type: string }) => node.type.endsWith('.mcpTrigger'));
		trigger.parameters = { authentication: 'headerAuth', path };
		trigger.webhookId = randomUUID();
		trigger.credentials = { httpHeaderAuth: { id: credentialId, name: `MCP clients (${path})` } };
		workflowId = await createWorkflow(workflow);
		await publish(workflowId);
	});

	afterAll(async () => {
		if (workflowId) await unpublish(workflowId);
	});

	it('refuses a client without the header and one with a wrong value', async () => {
		expect((await new McpSession(endpoint(path)).open()).status).toBe(403);
		expect((await new McpSession(endpoint(path), { [header.name]: 'wrong' }).open()).status).toBe(403);
	});

	it('serves a client that sends it: the tools list and a video created', async () => {
		const session = new McpSession(endpoint(path), { [header.name]: header.value });
		expect((await session.open()).status).toBe(200);
		const listed = await session.request('tools/list');
		expect(listed.message?.result.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(['Create_video', 'Get_video', 'List_avatars']);
		const [created] = toolJson(await session.callTool('Create_video', { avatar_id: 'lk_abigail_office', script: 'Behind a header.' }));
		expect(created).toMatchObject({ video_id: expect.any(String), status: 'waiting' });
		expect(await session.close()).toBe(200);
	});
});
