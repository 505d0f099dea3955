import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { inspect } from 'node:util';

import {
	DEFAULT_NODE_ID,
	HARNESS_BINARY_DIR,
	binaryFilePath,
	harnessTeardown,
	readBinary,
	runListSearch,
	runLoadOptions,
	runNode,
	type RunNodeOptions,
} from './engine';
import { HarnessFixtureApi } from './fixtures/HarnessFixtureApi.credentials';
import {
	FIXTURE_CREDENTIAL,
	FIXTURE_NODE_TYPE,
	HarnessFixture,
	fixtureProbe,
} from './fixtures/HarnessFixture.node';
import { sendJson, startLocalServer, type LocalServer } from './local-server';

const API_KEY = 'sk-harness-0123456789';
const VIDEO_BYTES = randomBytes(300 * 1024 + 17); // > one stream chunk

let server: LocalServer;
let flakyCalls = 0;

beforeAll(async () => {
	server = await startLocalServer();
	server.route('GET', '/auth', (req, res) =>
		sendJson(res, 200, { ok: true, sawKey: req.headers['x-api-key'] === API_KEY }),
	);
	// Fails twice with a 500, then succeeds.
	server.route('GET', '/flaky', (_req, res) => {
		flakyCalls += 1;
		if (flakyCalls <= 2) sendJson(res, 500, { message: `flaky failure #${flakyCalls}` });
		else sendJson(res, 200, { ok: true, call: flakyCalls });
	});
	server.route('GET', '/always-500', (_req, res) => sendJson(res, 500, { message: 'always broken' }));
	server.route('GET', '/video.mp4', (_req, res) => {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO_BYTES.length });
		// send in two chunks to exercise streaming
		res.write(VIDEO_BYTES.subarray(0, 1000));
		setTimeout(() => res.end(VIDEO_BYTES.subarray(1000)), 20);
	});
	server.route('GET', '/things', (req, res) => {
		const all = [
			{ id: 't1', name: 'Alpha' },
			{ id: 't2', name: 'Beta' },
			{ id: 't3', name: 'Alphabet' },
		];
		const filter = req.query.get('filter');
		const things = filter ? all.filter((t) => t.name.toLowerCase().includes(filter.toLowerCase())) : all;
		sendJson(res, 200, { things, next: req.query.get('page') ? undefined : 'page-2' });
	});
});

afterAll(async () => {
	await server.close();
	await harnessTeardown();
});

beforeEach(() => {
	server.reset();
	flakyCalls = 0;
});

function options(
	parameters: RunNodeOptions['node']['parameters'],
	extra: Partial<RunNodeOptions> & { nodeExtra?: Partial<RunNodeOptions['node']> } = {},
): RunNodeOptions {
	const { nodeExtra, ...rest } = extra;
	return {
		nodeTypes: { [FIXTURE_NODE_TYPE]: new HarnessFixture() },
		credentialTypes: { [FIXTURE_CREDENTIAL]: new HarnessFixtureApi() },
		credentials: { [FIXTURE_CREDENTIAL]: { apiKey: API_KEY, baseUrl: server.url } },
		node: { type: FIXTURE_NODE_TYPE, parameters, ...nodeExtra },
		...rest,
	};
}

describe('engine harness (n8n-core WorkflowExecute)', () => {
	test('1. generic credential authenticate is applied for real (expressions resolved)', async () => {
		const result = await runNode(options({ operation: 'request', path: '/auth' }));

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const received = server.requestsTo('/auth');
		expect(received).toHaveLength(1);
		expect(received[0].headers['x-api-key']).toBe(API_KEY);
		// '={{$credentials.clientTag.toUpperCase()}}' with the credential property default
		expect(received[0].headers['x-client-tag']).toBe('HARNESS-DEFAULT-TAG');
		expect(result.output[0].json).toEqual({ response: { ok: true, sawKey: true } });
	});

	test('2. input items reach the node through the engine and come back with pairedItem', async () => {
		const items = [{ json: { name: 'a' } }, { json: { name: 'b' } }, { json: { name: 'c' } }];
		const result = await runNode(
			options({ operation: 'echo' }, { items, executionId: '4242', nodeExtra: { name: 'Echo Node', id: 'node-id-7' } }),
		);

		expect(result.status).toBe('success');
		expect(result.executionId).toBe('4242');
		expect(result.output).toHaveLength(3);
		result.output.forEach((item, i) => {
			expect(item.json.name).toBe(items[i].json.name);
			expect(item.json.executionId).toBe('4242');
			expect(item.json.nodeId).toBe('node-id-7');
			expect(item.json.nodeName).toBe('Echo Node');
			expect(item.json.runIndex).toBe(0);
			expect(item.json.mode).toBe('manual');
			expect(item.json.continueOnFail).toBe(false);
			// lineage added by WorkflowExecute to the node's input items
			expect(item.json.inputPairedItem).toEqual({ item: i });
			// assigned by WorkflowExecute.assignPairedItems (the node set none)
			expect(item.pairedItem).toEqual({ item: i });
		});
		// the source node ran first and fed the node under test
		expect(Object.keys(result.runData).sort()).toEqual(['Echo Node', 'Harness Input']);
		expect(result.runData['Echo Node'][0].source).toEqual([
			{ previousNode: 'Harness Input', previousNodeOutput: 0, previousNodeRun: 0 },
		]);
		// defaults
		const defaults = await runNode(options({ operation: 'echo' }));
		expect(defaults.output).toHaveLength(1);
		expect(defaults.output[0].json.nodeId).toBe(DEFAULT_NODE_ID);
		expect(defaults.output[0].json.nodeName).toBe('HeyGen');
		expect(defaults.executionId).toMatch(/^\d+$/);
		expect(defaults.executionId).not.toBe(result.executionId);
	});

	test('3a. continueOnFail: the node gets this.continueOnFail() === true and returns an error item', async () => {
		const items = [{ json: { shouldFail: false } }, { json: { shouldFail: true } }];
		const result = await runNode(
			options({ operation: 'fail', failMessage: 'Boom' }, { items, nodeExtra: { continueOnFail: true } }),
		);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{ json: { ok: true, index: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'Boom (item 1)' }, pairedItem: { item: 1 } },
		]);

		const echo = await runNode(options({ operation: 'echo' }, { nodeExtra: { continueOnFail: true } }));
		expect(echo.output[0].json.continueOnFail).toBe(true);
	});

	test('3b. without continueOnFail the run fails with the node error', async () => {
		const items = [{ json: { shouldFail: false } }, { json: { shouldFail: true } }];
		const result = await runNode(options({ operation: 'fail', failMessage: 'Boom' }, { items }));

		expect(result.status).toBe('error');
		expect(result.output).toEqual([]);
		expect(result.error).toBeInstanceOf(Error);
		expect(result.error?.message).toBe('Boom (item 1)');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.description).toBe('The fixture was told to fail for this item');
		expect(result.error?.itemIndex).toBe(1);
		expect(result.runData.HeyGen[0].executionStatus).toBe('error');
	});

	test('4. retryOnFail makes the engine re-run the node', async () => {
		const result = await runNode(
			options(
				{ operation: 'request', path: '/flaky' },
				{ nodeExtra: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 } },
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(server.requestsTo('/flaky')).toHaveLength(3);
		expect(result.output[0].json).toEqual({ response: { ok: true, call: 3 } });
		// retries happen inside a single task (one runData entry)
		expect(result.runData.HeyGen).toHaveLength(1);

		// exhausting the tries: maxTries calls, then the error
		const failing = await runNode(
			options(
				{ operation: 'request', path: '/always-500' },
				{ nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 } },
			),
		);
		expect(failing.status).toBe('error');
		expect(server.requestsTo('/always-500')).toHaveLength(2);
		expect(failing.error?.name).toBe('NodeApiError');
		expect(failing.error?.httpCode).toBe('500');
		// n8n redacts the authenticated request: the key is nowhere in the result
		expect(inspect(failing, { depth: 30 })).not.toContain(API_KEY);
		expect(JSON.stringify(failing.run)).not.toContain(API_KEY);

		// without retryOnFail: a single call
		server.reset();
		flakyCalls = 0;
		const once = await runNode(options({ operation: 'request', path: '/flaky' }));
		expect(once.status).toBe('error');
		expect(server.requestsTo('/flaky')).toHaveLength(1);
	});

	test('5. binary data is streamed and stored by BinaryDataService (filesystem mode)', async () => {
		const result = await runNode(options({ operation: 'download', path: '/video.mp4' }));

		expect(result.error).toBeUndefined();
		const binary = result.output[0].binary?.data;
		expect(binary).toBeDefined();
		expect(binary!.mimeType).toBe('video/mp4');
		expect(binary!.fileName).toBe('x.mp4');
		expect(binary!.fileExtension).toBe('mp4');
		expect(binary!.fileType).toBe('video');
		expect(binary!.bytes).toBe(VIDEO_BYTES.length);
		expect(binary!.fileSize).toBe('307 kB');
		// stored, not inlined
		expect(binary!.data).toBe('filesystem-v2');
		expect(binary!.id).toMatch(
			new RegExp(`^filesystem-v2:workflows/[^/]+/executions/${result.executionId}/binary_data/`),
		);
		const filePath = binaryFilePath(binary!);
		expect(filePath.startsWith(HARNESS_BINARY_DIR)).toBe(true);
		expect(statSync(filePath).size).toBe(VIDEO_BYTES.length);

		const bytes = await readBinary(binary!);
		expect(Buffer.compare(bytes, VIDEO_BYTES)).toBe(0);
		// the download request was authenticated as well
		expect(server.requestsTo('/video.mp4')[0].headers['x-api-key']).toBe(API_KEY);
	});

	test('6. cancelAfterMs cancels the execution and aborts getExecutionCancelSignal()', async () => {
		fixtureProbe.cancelOutcome = undefined;
		const result = await runNode(
			options({ operation: 'waitForCancel', maxWaitMs: 10000 }, { cancelAfterMs: 150 }),
		);

		expect(fixtureProbe.signalSeen).toBe(true);
		expect(fixtureProbe.cancelOutcome).toBe('aborted');
		expect(result.canceled).toBe(true);
		expect(result.status).toBe('canceled');
		expect(result.durationMs).toBeGreaterThanOrEqual(140);
		expect(result.durationMs).toBeLessThan(5000);
		expect(result.error?.message).toBe('Fixture wait aborted by the cancel signal');

		// not canceled: the wait times out normally
		const notCanceled = await runNode(options({ operation: 'waitForCancel', maxWaitMs: 50 }));
		expect(notCanceled.canceled).toBe(false);
		expect(notCanceled.status).toBe('success');
		expect(fixtureProbe.cancelOutcome).toBe('timeout');
	});

	test('7. runListSearch / runLoadOptions use the real LoadOptionsContext and authenticate', async () => {
		const common = {
			nodeType: new HarnessFixture(),
			credentialTypes: { [FIXTURE_CREDENTIAL]: new HarnessFixtureApi() },
			credentials: { [FIXTURE_CREDENTIAL]: { apiKey: API_KEY, baseUrl: server.url } },
		};
		const search = await runListSearch({ ...common, method: 'searchThings', filter: 'alpha' });
		expect(search).toEqual({
			results: [
				{ name: 'Alpha', value: 't1' },
				{ name: 'Alphabet', value: 't3' },
			],
			paginationToken: 'page-2',
		});
		const [searchRequest] = server.requestsTo('/things');
		expect(searchRequest.headers['x-api-key']).toBe(API_KEY);
		expect(searchRequest.query.get('filter')).toBe('alpha');

		const page2 = await runListSearch({ ...common, method: 'searchThings', paginationToken: 'page-2' });
		expect(page2.paginationToken).toBeUndefined();
		expect(server.requestsTo('/things')[1].query.get('page')).toBe('page-2');

		const loaded = await runLoadOptions({ ...common, method: 'getThings' });
		expect(loaded.map((o) => o.value)).toEqual(['t1', 't2', 't3']);
		expect(server.requestsTo('/things')[2].headers['x-api-key']).toBe(API_KEY);

		await expect(runListSearch({ ...common, method: 'nope' })).rejects.toThrow(/no listSearch method/);
	});

	test('missing credentials surface as the node error (and nothing leaks the key)', async () => {
		const result = await runNode({ ...options({ operation: 'request' }), credentials: {} });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/credentials/i);
		expect(JSON.stringify(result.runData)).not.toContain(API_KEY);
	});

	test('a trivial run is fast after the first one', async () => {
		await runNode(options({ operation: 'echo' }));
		const started = Date.now();
		const result = await runNode(options({ operation: 'echo' }));
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeLessThan(500);
	});
});
