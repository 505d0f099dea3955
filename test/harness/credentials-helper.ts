/**
 * In-memory credentials helper for the engine harness.
 *
 * Implements n8n-workflow's abstract `ICredentialsHelper` the way n8n's CLI `CredentialsHelper`
 * behaves, minus the database: credential data is held decrypted in memory, keyed by
 * credential type name.
 *
 * - `authenticate`: function authenticators are called; `type: 'generic'` authenticators have
 *   every key and value resolved as an n8n expression with `$credentials` bound to the decrypted
 *   data (through the workflow's real expression engine), then merged into the request options
 *   (`headers`, `qs`, `body`, `auth`).
 * - `getDecrypted`: applies the credential type's property defaults (`NodeHelpers.getNodeParameters`)
 *   and resolves expressions inside the credential data, like `applyDefaultsAndOverwrites`.
 * - `preAuthentication`: honours `expirable` hidden properties and stores refreshed data in memory.
 *
 * Nothing in this file logs or serialises credential data.
 */
import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';

const MOCK_NODE: INode = {
	id: '00000000-0000-4000-8000-000000000000',
	name: 'Credential Resolver',
	type: 'harness.credentialResolver',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Credential Resolver',
		name: 'harness.credentialResolver',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Credential Resolver' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: () => MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

export interface CredentialUpdate {
	type: string;
	kind: 'credentials' | 'oauthTokenData';
	/** Names of the keys that were written (never the values). */
	keys: string[];
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** Log of credential writes (key names only), e.g. from preAuthentication refreshes. */
	readonly updates: CredentialUpdate[] = [];

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		for (const [type, data] of Object.entries(credentials)) {
			this.store.set(type, deepCopy(data));
		}
	}

	/** Current (possibly refreshed) raw data of a credential type. Returns a copy. */
	getStoredData(type: string): ICredentialDataDecryptedObject | undefined {
		const data = this.store.get(type);
		return data === undefined ? undefined : deepCopy(data);
	}

	private getType(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) {
			throw new UnexpectedError(`Unknown credential type "${name}" (not passed to the harness)`);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes[name];
		if (!type?.extends) return [];
		const parents: string[] = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.credentialTypes[credentialType];
		if (!type?.restrictToSupportedNodes) return true;
		const supported = type.supportedNodes ?? [];
		// n8n stores short names in `supportedNodes`; the node type here is fully qualified.
		return supported.some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const credentialType = this.getType(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
						const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
						const valueResolved = this.resolveValue(
							value as string,
							{ $credentials: credentials },
							workflow,
							node,
						);
						target[outerKey] ??= {};
						target[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	/** Resolves a value as n8n does for generic authenticators: expression -> string ('' if empty). */
	private resolveValue(
		value: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!resolved) return '';
		return resolved.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output?.[expirable.name] === undefined) return undefined;

		if (node.credentials) {
			const stored = this.store.get(typeName) ?? {};
			const toPersist: ICredentialDataDecryptedObject = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(node.credentials[typeName], typeName, toPersist);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const data = this.store.get(type);
		if (data === undefined) {
			throw new UserError(`No credentials of type "${type}" were given to the harness`);
		}
		const credentials = new Credentials(
			{ id: nodeCredentials?.id ?? null, name: nodeCredentials?.name ?? type },
			type,
		);
		await credentials.setData(deepCopy(data));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (stored === undefined) {
			throw new UserError(`No credentials of type "${type}" were given to the harness`, {
				description: `Pass them in RunNodeOptions.credentials["${type}"]`,
			});
		}
		const original = deepCopy(stored);
		if (raw === true) return original;
		return await this.applyDefaults(additionalData, original, type, mode, executeData, expressionResolveValues);
	}

	/** Adds credential property defaults and resolves expressions, as n8n's `applyDefaultsAndOverwrites`. */
	private async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(
			properties,
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (data[key] === undefined && original[key] !== undefined) data[key] = original[key];
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [MOCK_NODE],
				connections: {},
				active: false,
				nodeTypes: MOCK_NODE_TYPES,
			});
			const acquired = await workflow.expression.acquireIsolate();
			try {
				data = workflow.expression.getComplexParameterValue(
					MOCK_NODE,
					data as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					data,
				) as ICredentialDataDecryptedObject;
			} finally {
				if (acquired) await workflow.expression.releaseIsolate();
			}
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, deepCopy(data));
		this.updates.push({ type, kind: 'credentials', keys: Object.keys(data) });
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.get(type) ?? {};
		this.store.set(type, { ...stored, oauthTokenData: deepCopy(data.oauthTokenData) as IDataObject });
		this.updates.push({ type, kind: 'oauthTokenData', keys: ['oauthTokenData'] });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
