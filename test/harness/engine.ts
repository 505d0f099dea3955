/**
 * Engine-level test harness: runs a node through n8n-core's real `WorkflowExecute`.
 *
 * The workflow built for every run is
 *
 *     [Harness Input] (type `harness.source`, emits RunNodeOptions.items)  ->  [node under test]
 *
 * and is started from the source node, so the node under test receives its items through the
 * engine (paired-item lineage, `continueOnFail`/`onError`, `retryOnFail`, error handling,
 * cancellation and binary-data handling are n8n-core's own code). Helpers such as
 * `httpRequestWithAuthentication` and `prepareBinaryData` are n8n-core's real implementations:
 * requests go out over the network through n8n's HTTP client, and binary data is stored by
 * `BinaryDataService` in filesystem mode in a temp folder.
 *
 * Credentials are served decrypted from memory by `HarnessCredentialsHelper`, which applies
 * credential-type authentication (generic authenticators resolved as n8n expressions).
 */
// `./env` must be the first import: it prepares N8N_* variables before n8n-core loads.
import { HARNESS_BINARY_DIR, HARNESS_TMP_ROOT } from './env';

import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionStatus,
	IBinaryData,
	IDataObject,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	ResourceMapperFields,
	INodeType,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError, Workflow, deepCopy } from 'n8n-workflow';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

import { HarnessCredentialsHelper, type CredentialUpdate } from './credentials-helper';
import { assertNoLeaks, loggedLines, recordingLogger, recordLogs } from './secrets';

export { HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialUpdate } from './credentials-helper';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface HarnessNode {
	/** Full node type name, e.g. 'n8n-nodes-heygen-video.heyGen' (must be a key of RunNodeOptions.nodeTypes). */
	type: string;
	parameters: INodeParameters;
	/** Default 'HeyGen'. */
	name?: string;
	/** Default DEFAULT_NODE_ID. */
	id?: string;
	/** Default 1. */
	typeVersion?: number;
	/**
	 * Sets `node.onError = 'continueRegularOutput'` (what n8n's editor writes for
	 * "On Error: Continue"). n8n-core reads `onError` first and falls back to the legacy
	 * `node.continueOnFail` flag only when `onError` is unset.
	 */
	continueOnFail?: boolean;
	/** Raw `node.onError`; overrides `continueOnFail` (use 'continueErrorOutput' for an error output). */
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	/** `node.retryOnFail`. n8n 2.41 clamps maxTries to 2..5 (default 3). */
	retryOnFail?: boolean;
	maxTries?: number;
	/** ms, clamped to 0..5000 by n8n; NOTE n8n treats 0 as "unset" and waits 1000 ms. */
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	/** Default: one entry per key of RunNodeOptions.credentials. */
	credentials?: Record<string, { id: string; name: string }>;
}

export interface RunNodeOptions {
	/** Type name -> node type (INodeType or versioned node type). */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential type name -> credential type instance, e.g. { heyGenApi: new HeyGenApi() }. */
	credentialTypes: Record<string, ICredentialType>;
	/** Credential type name -> decrypted credential data. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node: HarnessNode;
	/** Items fed to the node under test (default [{ json: {} }]). */
	items?: INodeExecutionData[];
	/** Default: a fresh unique numeric id per run. */
	executionId?: string;
	/** WorkflowExecuteMode, default 'manual'. */
	mode?: 'manual' | 'trigger' | 'integrated';
	/** Cancel the running execution after this delay, the way n8n stops an execution. */
	cancelAfterMs?: number;
	/** Extra workflow settings (executionOrder is always 'v1'). */
	workflowSettings?: Omit<IWorkflowSettings, 'executionOrder'>;
	/** Where `$execution.resumeUrl` points (a ParkingLot's URL), for nodes that park the execution. */
	webhookWaitingBaseUrl?: string;
}

export type HarnessError = Error & {
	description?: string | null;
	itemIndex?: number;
	context?: { itemIndex?: number; runIndex?: number; [key: string]: unknown };
	httpCode?: string | null;
	node?: INode;
	[key: string]: unknown;
};

export interface RunNodeResult {
	/** Main output 0 of the node under test ([] if none). */
	output: INodeExecutionData[];
	/** All main outputs of the node under test (output 1 is the error output with onError 'continueErrorOutput'). */
	outputs: INodeExecutionData[][];
	/** The execution's error if the run did not succeed (the node's error when the node failed). */
	error?: HarnessError;
	/**
	 * The error recorded on the node's task, even when the execution went on
	 * (continueOnFail/onError with a node that threw: n8n then passes the input items through).
	 */
	nodeError?: HarnessError;
	runData: IRunData;
	executionId: string;
	/** Status reported by the engine through the `workflowExecuteAfter` hook: 'success' | 'error' | 'canceled' | 'waiting'. */
	status: ExecutionStatus | string;
	/** True when the harness canceled the execution (cancelAfterMs elapsed while it was running). */
	canceled: boolean;
	durationMs: number;
	/** The full IRun returned by WorkflowExecute. */
	run: IRun;
	/** Credential writes made during the run (e.g. preAuthentication refresh): key names only. */
	credentialUpdates: CredentialUpdate[];
	/** What a parked execution needs to be resumed by a webhook (see test/harness/parking.ts). */
	parked?: ParkedExecution;
}

/** A run the node put to wait: the workflow, its node and the execution data n8n would keep in its database. */
export interface ParkedExecution {
	workflow: Workflow;
	nodeName: string;
	nodeType: INodeType;
	waitTill: Date;
	runExecutionData: IRun['data'];
	newAdditionalData(executionId: string): IWorkflowExecuteAdditionalData;
}

export interface MethodOptions {
	nodeType: INodeType | IVersionedNodeType;
	credentialTypes: Record<string, ICredentialType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	method: string;
	/** Current node parameters (what the editor sends as `currentNodeParameters`). */
	parameters?: INodeParameters;
	/** Full node type name; default nodeType.description.name. */
	nodeTypeName?: string;
	typeVersion?: number;
	/** Parameter path passed to LoadOptionsContext (used by getCurrentNodeParameter('&…')). Default 'parameters.<method>'. */
	path?: string;
	/** Node credentials; default one entry per key of `credentials`. */
	nodeCredentials?: Record<string, { id: string; name: string }>;
}

export interface ListSearchOptions extends MethodOptions {
	filter?: string;
	paginationToken?: string;
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

export const DEFAULT_NODE_NAME = 'HeyGen';
export const DEFAULT_NODE_ID = '5f0c2a2e-8d1b-4a57-9b8e-3c6f2d1a7e40';
export const SOURCE_NODE_TYPE = 'harness.source';
export const SOURCE_NODE_NAME = 'Harness Input';
export const SOURCE_NODE_ID = '0b7d9a52-1f3e-4c8a-a6d4-9e2b5c7f1a03';
export const HARNESS_WORKFLOW_ID = 'harnessWorkflow01';
const BASE_URL = 'http://localhost:5678';

// ---------------------------------------------------------------------------------------------
// Engine bootstrap (once per module instance)
// ---------------------------------------------------------------------------------------------

let enginePromise: Promise<void> | undefined;

/** The Logger class n8n-core asks the container for (its own copy of @n8n/backend-common). */
function coreLoggerToken(): new (...args: never[]) => unknown {
	const path = require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(path) as { Logger: new (...args: never[]) => unknown }).Logger;
}

/** Initialises n8n-core's DI singletons used by node executions (binary data in filesystem mode). */
export async function ensureEngine(): Promise<void> {
	enginePromise ??= (async () => {
		// Every log line is kept (not printed), so the secret scan can read them.
		const logger = recordingLogger();
		Container.set(coreLoggerToken(), logger);
		recordLogs(logger);
		const binaryConfig = Container.get(BinaryDataConfig);
		binaryConfig.mode = 'filesystem';
		binaryConfig.localStoragePath = HARNESS_BINARY_DIR;
		await Container.get(BinaryDataService).init();
	})();
	try {
		await enginePromise;
	} catch (error) {
		enginePromise = undefined;
		throw error;
	}
}

let executionCounter = 0;
function newExecutionId(): string {
	executionCounter += 1;
	// numeric like n8n's ids, unique within the process
	return `${Date.now() % 1_000_000_000}${String(executionCounter).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

function createSourceNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: SOURCE_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the items given to the engine harness',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [deepCopy(items)];
		},
	};
}

function createNodeTypes(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	const lookup = (name: string) => {
		const type = types[name];
		if (!type) {
			throw new UnexpectedError(`Unknown node type "${name}": pass it in RunNodeOptions.nodeTypes`);
		}
		return type;
	};
	return {
		getByName: (name) => lookup(name),
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(lookup(name), version),
		getKnownTypes: () =>
			Object.fromEntries(Object.keys(types).map((name) => [name, { className: name, sourcePath: '' }])),
	};
}

function defaultNodeCredentials(
	credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
): INodeCredentials | undefined {
	const keys = Object.keys(credentials ?? {});
	if (keys.length === 0) return undefined;
	return Object.fromEntries(keys.map((type) => [type, { id: `harness-${type}`, name: `${type} (harness)` }]));
}

// ---------------------------------------------------------------------------------------------
// additionalData
// ---------------------------------------------------------------------------------------------

function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	executionId: string | undefined,
	hooks: ExecutionLifecycleHooks | undefined,
	currentNodeParameters?: INodeParameters,
	webhookWaitingBaseUrl = `${BASE_URL}/webhook-waiting`,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new UnexpectedError(`${what} is not supported by the engine harness`);
	};
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		executionId,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runner)') as IWorkflowExecuteAdditionalData['startRunnerTask'],
		externalSecretsProxy: new ExternalSecretsProxy(),
		workflowId: HARNESS_WORKFLOW_ID,
		userId: 'harness-user',
		hooks,
		currentNodeParameters,
	};
	return additionalData;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** The engine stores errors as `{ ...error, message, stack }`; turn that back into an Error. */
function reviveError(raw: unknown): HarnessError | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (raw instanceof Error) return raw as HarnessError;
	const plain = raw as Record<string, unknown>;
	const error = new Error(String(plain.message ?? 'Unknown error')) as HarnessError;
	Object.assign(error, plain);
	if (typeof plain.name === 'string') error.name = plain.name;
	const context = plain.context as HarnessError['context'] | undefined;
	if (error.itemIndex === undefined && typeof context?.itemIndex === 'number') {
		error.itemIndex = context.itemIndex;
	}
	return error;
}

// ---------------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------------

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await ensureEngine();

	const mode: WorkflowExecuteMode = options.mode ?? 'manual';
	const executionId = options.executionId ?? newExecutionId();
	const items = options.items ?? [{ json: {} }];
	const harnessNode = options.node;
	const nodeName = harnessNode.name ?? DEFAULT_NODE_NAME;
	if (nodeName === SOURCE_NODE_NAME) {
		throw new UnexpectedError(`The node under test cannot be named "${SOURCE_NODE_NAME}"`);
	}

	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials ?? {});

	const sourceNode: INode = {
		id: SOURCE_NODE_ID,
		name: SOURCE_NODE_NAME,
		type: SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: harnessNode.id ?? DEFAULT_NODE_ID,
		name: nodeName,
		type: harnessNode.type,
		typeVersion: harnessNode.typeVersion ?? 1,
		position: [240, 0],
		parameters: deepCopy(harnessNode.parameters ?? {}),
	};
	const nodeCredentials = harnessNode.credentials ?? defaultNodeCredentials(options.credentials);
	if (nodeCredentials) nodeUnderTest.credentials = deepCopy(nodeCredentials);
	const onError = harnessNode.onError ?? (harnessNode.continueOnFail ? 'continueRegularOutput' : undefined);
	if (onError) nodeUnderTest.onError = onError;
	if (harnessNode.retryOnFail !== undefined) nodeUnderTest.retryOnFail = harnessNode.retryOnFail;
	if (harnessNode.maxTries !== undefined) nodeUnderTest.maxTries = harnessNode.maxTries;
	if (harnessNode.waitBetweenTries !== undefined) nodeUnderTest.waitBetweenTries = harnessNode.waitBetweenTries;
	if (harnessNode.alwaysOutputData !== undefined) nodeUnderTest.alwaysOutputData = harnessNode.alwaysOutputData;
	if (harnessNode.executeOnce !== undefined) nodeUnderTest.executeOnce = harnessNode.executeOnce;

	const connections: IConnections = {
		[SOURCE_NODE_NAME]: {
			[NodeConnectionTypes.Main]: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]],
		},
	};
	const settings: IWorkflowSettings = { ...(options.workflowSettings ?? {}), executionOrder: 'v1' };

	const nodeTypes = createNodeTypes({
		...options.nodeTypes,
		[SOURCE_NODE_TYPE]: createSourceNodeType(items),
	});
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		name: 'Engine harness workflow',
		nodes: [sourceNode, nodeUnderTest],
		connections,
		active: false,
		nodeTypes,
		settings,
	});

	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: HARNESS_WORKFLOW_ID,
		name: 'Engine harness workflow',
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes: Object.values(workflow.nodes),
		connections,
		settings,
		activeVersionId: null,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const reportedStatuses: ExecutionStatus[] = [];
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		reportedStatuses.push(fullRunData.status);
	});

	const additionalData = createAdditionalData(credentialsHelper, executionId, hooks, undefined, options.webhookWaitingBaseUrl);
	const workflowExecute = new WorkflowExecute(additionalData, mode);

	const startedAt = performance.now();
	let canceled = false;
	let timer: NodeJS.Timeout | undefined;
	let run: IRun;
	try {
		const startNode = workflow.getNode(SOURCE_NODE_NAME) ?? undefined;
		const execution = workflowExecute.run({ workflow, startNode });
		if (options.cancelAfterMs !== undefined) {
			timer = setTimeout(() => {
				canceled = true;
				execution.cancel();
			}, options.cancelAfterMs);
		}
		run = await execution;
	} catch (thrown) {
		// Raised before the execution starts, e.g. WorkflowHasIssuesError for missing required
		// parameters (n8n refuses to start such a workflow as well).
		const error = reviveError(thrown)!;
		return {
			output: [],
			outputs: [],
			error,
			runData: {},
			executionId,
			status: 'error',
			canceled,
			durationMs: performance.now() - startedAt,
			run: {
				data: workflowExecute['runExecutionData'] as IRun['data'],
				mode,
				startedAt: now,
				stoppedAt: new Date(),
				storedAt: 'db',
				status: 'error',
			},
			credentialUpdates: credentialsHelper.updates,
		};
	} finally {
		if (timer) clearTimeout(timer);
	}
	const durationMs = performance.now() - startedAt;

	const runData = run.data.resultData.runData;
	const tasks = runData[nodeName] ?? [];
	const lastTask = tasks[tasks.length - 1];
	const outputs = (lastTask?.data?.[NodeConnectionTypes.Main] ?? []).map((output) => output ?? []);

	let status: string = reportedStatuses[0] ?? run.status;
	if (status === 'running' || status === 'new') status = run.data.resultData.error ? 'error' : 'success';

	const nodeError = reviveError(lastTask?.error);
	const error =
		status === 'success' || status === 'waiting'
			? undefined
			: (nodeError ?? reviveError(run.data.resultData.error));

	const parked: ParkedExecution | undefined =
		status === 'waiting' && run.waitTill
			? {
					workflow,
					nodeName,
					nodeType: nodeTypes.getByNameAndVersion(harnessNode.type, harnessNode.typeVersion ?? 1) as INodeType,
					waitTill: run.waitTill,
					runExecutionData: run.data,
					newAdditionalData: (id) => createAdditionalData(credentialsHelper, id, undefined, undefined, options.webhookWaitingBaseUrl),
				}
			: undefined;

	return {
		output: outputs[0] ?? [],
		outputs,
		error,
		nodeError,
		runData,
		executionId,
		status,
		canceled,
		durationMs,
		run,
		credentialUpdates: credentialsHelper.updates,
		parked,
	};
}

// ---------------------------------------------------------------------------------------------
// Binary data
// ---------------------------------------------------------------------------------------------

/** Reads stored binary data back through n8n-core's BinaryDataService. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	await ensureEngine();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** Absolute path of a binary stored in filesystem mode (throws for inline/base64 binaries). */
export function binaryFilePath(binary: IBinaryData): string {
	if (!binary.id) {
		throw new UnexpectedError('Binary data is stored inline (no id), it has no file path');
	}
	return Container.get(BinaryDataService).getPath(binary.id);
}

// ---------------------------------------------------------------------------------------------
// listSearch / loadOptions
// ---------------------------------------------------------------------------------------------

/** Builds what n8n's DynamicNodeParametersService builds: a one-node workflow and a LoadOptionsContext. */
function createMethodContext(options: MethodOptions) {
	const typeName = options.nodeTypeName ?? options.nodeType.description.name;
	const typeVersion =
		options.typeVersion ??
		('defaultVersion' in options.nodeType.description &&
		typeof options.nodeType.description.defaultVersion === 'number'
			? options.nodeType.description.defaultVersion
			: undefined);
	const nodeTypes = createNodeTypes({ [typeName]: options.nodeType });
	const resolvedType = nodeTypes.getByNameAndVersion(typeName, typeVersion);
	const version =
		typeVersion ??
		(Array.isArray(resolvedType.description.version)
			? Math.max(...resolvedType.description.version)
			: resolvedType.description.version);
	const parameters = deepCopy(options.parameters ?? {});
	const node: INode = {
		id: DEFAULT_NODE_ID,
		name: 'Temp-Node',
		type: typeName,
		typeVersion: version,
		position: [0, 0],
		parameters,
	};
	const nodeCredentials = options.nodeCredentials ?? defaultNodeCredentials(options.credentials);
	if (nodeCredentials) node.credentials = deepCopy(nodeCredentials);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
	const additionalData = createAdditionalData(credentialsHelper, undefined, undefined, options.parameters ?? {});
	const context = new LoadOptionsContext(
		workflow,
		workflow.nodes['Temp-Node'],
		additionalData,
		options.path ?? `parameters.${options.method}`,
	);
	return { context, nodeType: resolvedType };
}

/** Calls `methods.listSearch[method]` with n8n-core's real LoadOptionsContext. */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	await ensureEngine();
	const { context, nodeType } = createMethodContext(options);
	const method = nodeType.methods?.listSearch?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no listSearch method "${options.method}"`);
	}
	return await method.call(context, options.filter, options.paginationToken);
}

/** Calls `methods.loadOptions[method]` with n8n-core's real LoadOptionsContext. */
export async function runLoadOptions(options: MethodOptions): Promise<INodePropertyOptions[]> {
	await ensureEngine();
	const { context, nodeType } = createMethodContext(options);
	const method = nodeType.methods?.loadOptions?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no loadOptions method "${options.method}"`);
	}
	return await method.call(context);
}

/** Calls `methods.resourceMapping[method]` with n8n-core's real LoadOptionsContext. */
export async function runResourceMapping(options: MethodOptions): Promise<ResourceMapperFields> {
	await ensureEngine();
	const { context, nodeType } = createMethodContext(options);
	const method = nodeType.methods?.resourceMapping?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no resourceMapping method "${options.method}"`);
	}
	return await method.call(context);
}

// ---------------------------------------------------------------------------------------------
// Webhook lifecycle (a trigger's checkExists / create / delete)
// ---------------------------------------------------------------------------------------------

export interface TriggerOptions extends Omit<MethodOptions, 'method' | 'path'> {
	/** The workflow's static data before the call (n8n persists it between activations and deliveries). */
	staticData?: IDataObject;
	/** The node's webhook id: its production URL is `<base>/webhook/<webhookId>/<path>`. */
	webhookId?: string;
}

export interface WebhookMethodOptions extends TriggerOptions {
	method: 'checkExists' | 'create' | 'delete';
	activation?: 'activate' | 'update' | 'init' | 'manual' | 'leadershipChange';
}

export interface WebhookDeliveryOptions extends TriggerOptions {
	/** The request as it reached n8n's webhook server (headers as Node parsed them, the body's bytes). */
	request: { headers: Record<string, string | string[]>; rawBody: string | Buffer };
}

const TRIGGER_NODE_NAME = 'Trigger';

/** A published one-node workflow holding the trigger, as n8n builds it for its hooks and webhooks. */
function triggerWorkflow(options: TriggerOptions) {
	const typeName = options.nodeTypeName ?? options.nodeType.description.name;
	const nodeTypes = createNodeTypes({ [typeName]: options.nodeType });
	const nodeType = nodeTypes.getByNameAndVersion(typeName, options.typeVersion);
	const node: INode = {
		id: DEFAULT_NODE_ID,
		name: TRIGGER_NODE_NAME,
		type: typeName,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: deepCopy(options.parameters ?? {}),
		webhookId: options.webhookId ?? 'f2b6c3de-4a51-4d7e-9a0b-6c1e2d3f4a5b',
	};
	const nodeCredentials = options.nodeCredentials ?? defaultNodeCredentials(options.credentials);
	if (nodeCredentials) node.credentials = deepCopy(nodeCredentials);
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: deepCopy(options.staticData ?? {}),
	});
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
	return { workflow, node: workflow.nodes[TRIGGER_NODE_NAME], nodeType, credentialsHelper };
}

/**
 * Calls `webhookMethods.default[method]` with n8n-core's real HookContext, as n8n does when a
 * workflow is published or unpublished. Returns the method's answer and the static data after it.
 */
export async function runWebhookMethod(options: WebhookMethodOptions): Promise<{ result: boolean; staticData: IDataObject; webhookUrl: string }> {
	await ensureEngine();
	const { workflow, node, nodeType, credentialsHelper } = triggerWorkflow(options);
	const additionalData = createAdditionalData(credentialsHelper, undefined, undefined);
	const context = new HookContext(workflow, node, additionalData, 'trigger', options.activation ?? 'activate');
	const method = nodeType.webhookMethods?.default?.[options.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no webhook method "${options.method}"`);
	}
	const result = await method.call(context);
	return { result, staticData: deepCopy(workflow.staticData), webhookUrl: context.getNodeWebhookUrl('default') ?? '' };
}

/**
 * Hands one HTTP delivery to the trigger's `webhook` method through n8n-core's real WebhookContext
 * (its request helpers and binary storage are n8n's own). Returns what the node answered, the
 * items it would start a run with, and the static data after it.
 */
export async function runWebhookDelivery(options: WebhookDeliveryOptions): Promise<{
	response: { status?: number; body?: unknown };
	items: INodeExecutionData[] | undefined;
	staticData: IDataObject;
	/** Whether n8n would save the static data after this call (its `__dataChanged` mark). */
	staticDataChanged: boolean;
}> {
	await ensureEngine();
	const { workflow, node, nodeType, credentialsHelper } = triggerWorkflow(options);
	if (typeof nodeType.webhook !== 'function') throw new UnexpectedError('Node type has no webhook method');
	const additionalData = createAdditionalData(credentialsHelper, undefined, undefined);
	const response: { status?: number; body?: unknown } = {};
	const rawBody = Buffer.from(options.request.rawBody);
	const request = { headers: options.request.headers, rawBody, body: jsonOrEmpty(rawBody.toString('utf8')), query: {}, params: {} };
	const reply = {
		status(code: number) {
			response.status = code;
			return reply;
		},
		json(body: unknown) {
			response.body = body;
			return reply;
		},
		end() {
			return reply;
		},
	};
	additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = reply as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookDescription = (nodeType.description.webhooks ?? [])[0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(webhookDescription?.path ?? 'webhook'),
		webhookDescription,
		workflowId: HARNESS_WORKFLOW_ID,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const logsBefore = loggedLines.length;
	const result = await nodeType.webhook.call(context);
	// The endpoint's signing secret and the API key must reach no answer, item or log line.
	const secrets = [String((options.staticData as IDataObject | undefined)?.secret ?? ''), ...Object.values(options.credentials).map((data) => String(data.apiKey ?? ''))];
	assertNoLeaks({ response, items: result.workflowData, logs: loggedLines.slice(logsBefore) }, secrets);
	const staticDataChanged = (workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged === true;
	return { response, items: result.workflowData?.[0], staticData: deepCopy(workflow.staticData), staticDataChanged };
}

function jsonOrEmpty(text: string): IDataObject {
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------
// Teardown
// ---------------------------------------------------------------------------------------------

/** Removes this module instance's temp folder (binary data, n8n user folder). Idempotent. */
export async function harnessTeardown(): Promise<void> {
	await rm(HARNESS_TMP_ROOT, { recursive: true, force: true });
	enginePromise = undefined;
}

export { HARNESS_BINARY_DIR, HARNESS_TMP_ROOT };
