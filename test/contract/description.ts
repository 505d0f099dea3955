import type { ICredentialType, INodeProperties, INodePropertyCollection, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

/**
 * What users' saved workflows and credentials depend on in a node's description, flattened so
 * two versions can be compared: test/contract/description.snapshot.json holds the published one.
 */
export interface DescriptionSnapshot {
	format: number;
	nodes: Record<string, NodeSnapshot>;
	credentials: Record<string, { parameters: Record<string, ParameterSnapshot> }>;
}

export interface NodeSnapshot {
	versions: number[];
	defaultVersion?: number;
	inputs: number;
	outputs: number;
	usableAsTool?: boolean;
	credentials: Array<{ name: string; required: boolean; displayOptions?: unknown }>;
	webhooks: Array<{ name: string; httpMethod: string; path: string; restartWebhook?: boolean; isFullPath?: boolean }>;
	/** Keyed `<resource>:<operation> <path>` (`*` for any), plus ` @<versions>` when shown for some versions only. */
	parameters: Record<string, ParameterSnapshot>;
}

export interface ParameterSnapshot {
	type: string;
	default: unknown;
	required?: boolean;
	/** The values of an options or multiOptions parameter. */
	options?: Array<string | number | boolean>;
	/** The modes of a resource locator. */
	modes?: string[];
	multipleValues?: boolean;
	/** An option of a collection: saved whenever the user adds it, so its default only pre-fills. */
	inCollection?: boolean;
	/** Display conditions other than resource, operation and @version. */
	show?: Record<string, unknown[]>;
	hide?: Record<string, unknown[]>;
	/** The node versions it is shown for, when not all. */
	versions?: number[];
}

export const SNAPSHOT_FORMAT = 1;

/** The conditions a parameter's key already says. */
const KEYED = ['resource', 'operation', '@version'];

function conditions(record: Record<string, unknown> | undefined): Record<string, unknown[]> | undefined {
	const kept = Object.entries(record ?? {}).filter(([key]) => !KEYED.includes(key));
	return kept.length ? Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)).map(([key, values]) => [key, values as unknown[]])) : undefined;
}

const versionsOf = (version: number | number[]) => (Array.isArray(version) ? [...version] : [version]);

interface Scope {
	resources: string[];
	operations: string[];
	versions?: number[];
}

type VersionCondition = number | { _cnd: Record<string, unknown> };

/** Whether a node version meets one `@version` entry: a number, or n8n's `{ _cnd: { gte: 1.1 } }` form. */
function versionMeets(version: number, condition: VersionCondition): boolean {
	if (typeof condition === 'number') return version === condition;
	const [[operator, operand]] = Object.entries(condition._cnd);
	const value = operand as number & { from: number; to: number };
	switch (operator) {
		case 'eq':
			return version === value;
		case 'not':
			return version !== value;
		case 'gte':
			return version >= value;
		case 'gt':
			return version > value;
		case 'lte':
			return version <= value;
		case 'lt':
			return version < value;
		case 'between':
			return version >= value.from && version <= value.to;
		default:
			throw new Error(`description snapshot: @version condition "${operator}" is not understood; teach test/contract/description.ts`);
	}
}

/** The node versions a parameter shows for, when `@version` narrows them. */
function versionsShown(displayOptions: INodeProperties['displayOptions'], nodeVersions: number[]): number[] | undefined {
	const shown = displayOptions?.show?.['@version'] as VersionCondition[] | undefined;
	const hidden = displayOptions?.hide?.['@version'] as VersionCondition[] | undefined;
	if (!shown && !hidden) return undefined;
	return nodeVersions.filter((v) => (!shown || shown.some((c) => versionMeets(v, c))) && !(hidden ?? []).some((c) => versionMeets(v, c)));
}

/** Where a top-level parameter shows: one key per resource and operation it names. */
function scopeOf(property: INodeProperties, nodeVersions: number[]): Scope {
	const show = (property.displayOptions?.show ?? {}) as Record<string, unknown[]>;
	return {
		resources: (show.resource as string[] | undefined) ?? ['*'],
		operations: (show.operation as string[] | undefined) ?? ['*'],
		versions: versionsShown(property.displayOptions, nodeVersions),
	};
}

function parameterOf(property: INodeProperties, inCollection: boolean, versions: number[] | undefined): ParameterSnapshot {
	const entry: ParameterSnapshot = { type: property.type, default: property.default ?? null };
	if (property.required) entry.required = true;
	if ((property.type === 'options' || property.type === 'multiOptions') && Array.isArray(property.options)) {
		entry.options = (property.options as Array<{ value: string | number | boolean }>).map((option) => option.value);
	}
	if (property.type === 'resourceLocator') entry.modes = (property.modes ?? []).map((mode) => mode.name);
	if (property.typeOptions?.multipleValues) entry.multipleValues = true;
	if (inCollection) entry.inCollection = true;
	const show = conditions(property.displayOptions?.show);
	const hide = conditions(property.displayOptions?.hide);
	if (show) entry.show = show;
	if (hide) entry.hide = hide;
	if (versions) entry.versions = versions;
	return entry;
}

/** A parameter and everything inside it, by path: `options.maxWait`, `scenes.scene[].sceneType`. */
function flatten(property: INodeProperties, path: string, inCollection: boolean, versions: number[] | undefined, out: Record<string, ParameterSnapshot>, key: (path: string) => string) {
	const entry = parameterOf(property, inCollection, versions);
	// n8n allows one name twice under different conditions (a field typed by another's value): keep both.
	let at = key(path);
	for (let n = 2; out[at]; n++) at = `${key(path)} #${n}`;
	out[at] = entry;
	if (property.type === 'collection' && Array.isArray(property.options)) {
		const list = property.typeOptions?.multipleValues ? '[]' : '';
		for (const child of property.options as INodeProperties[]) flatten(child, `${path}${list}.${child.name}`, true, versions, out, key);
	}
	if (property.type === 'fixedCollection' && Array.isArray(property.options)) {
		const list = property.typeOptions?.multipleValues ? '[]' : '';
		for (const group of property.options as INodePropertyCollection[]) {
			for (const child of group.values) flatten(child, `${path}.${group.name}${list}.${child.name}`, false, versions, out, key);
		}
	}
}

/** Every parameter by key; `alwaysVersioned` (a node with one class per version) suffixes every key with its versions. */
function parametersOf(properties: INodeProperties[], nodeVersions: number[], alwaysVersioned = false): Record<string, ParameterSnapshot> {
	const out: Record<string, ParameterSnapshot> = {};
	for (const property of properties) {
		const scope = scopeOf(property, nodeVersions);
		const versions = scope.versions ?? (alwaysVersioned ? nodeVersions : undefined);
		for (const resource of scope.resources) {
			for (const operation of scope.operations) {
				const suffix = versions ? ` @${versions.join(',')}` : '';
				flatten(property, property.name, false, versions, out, (path) => `${resource}:${operation} ${path}${suffix}`);
			}
		}
	}
	return Object.fromEntries(Object.keys(out).sort().map((key) => [key, out[key]]));
}

function count(ports: INodeTypeDescription['inputs']): number {
	return Array.isArray(ports) ? ports.length : -1;
}

export function nodeSnapshot(description: INodeTypeDescription): NodeSnapshot {
	const snapshot: NodeSnapshot = {
		versions: versionsOf(description.version),
		inputs: count(description.inputs),
		outputs: count(description.outputs),
		credentials: (description.credentials ?? []).map((c) => ({ name: c.name, required: c.required === true, ...(c.displayOptions ? { displayOptions: c.displayOptions } : {}) })),
		webhooks: (description.webhooks ?? []).map((w) => ({
			name: w.name,
			httpMethod: String(w.httpMethod),
			path: String(w.path),
			...(w.restartWebhook ? { restartWebhook: true } : {}),
			...(w.isFullPath ? { isFullPath: true } : {}),
		})),
		parameters: parametersOf(description.properties, versionsOf(description.version)),
	};
	if (description.defaultVersion !== undefined) snapshot.defaultVersion = description.defaultVersion;
	if (description.usableAsTool) snapshot.usableAsTool = true;
	return snapshot;
}

/** A node with one class per version (n8n's VersionedNodeType): each version's parameters, keyed by version. */
function versionedSnapshot(node: IVersionedNodeType): NodeSnapshot {
	const versions = Object.keys(node.nodeVersions).map(Number).sort((a, b) => a - b);
	const current = node.nodeVersions[node.description.defaultVersion ?? versions[versions.length - 1]];
	const parameters: Record<string, ParameterSnapshot> = {};
	for (const version of new Set(Object.values(node.nodeVersions))) {
		Object.assign(parameters, parametersOf(version.description.properties, versionsOf(version.description.version), true));
	}
	return {
		...nodeSnapshot(current.description),
		versions,
		...(node.description.defaultVersion !== undefined ? { defaultVersion: node.description.defaultVersion } : {}),
		parameters: Object.fromEntries(Object.keys(parameters).sort().map((key) => [key, parameters[key]])),
	};
}

export function snapshotOf(nodes: Array<INodeType | IVersionedNodeType>, credentials: ICredentialType[]): DescriptionSnapshot {
	return {
		format: SNAPSHOT_FORMAT,
		nodes: Object.fromEntries(
			nodes.map((node) => [node.description.name, 'nodeVersions' in node ? versionedSnapshot(node) : nodeSnapshot(node.description)]),
		),
		credentials: Object.fromEntries(credentials.map((credential) => [credential.name, { parameters: parametersOf(credential.properties, [1]) }])),
	};
}

// ---------------------------------------------------------------- comparing two snapshots

export interface DescriptionChanges {
	/** What a saved workflow or credential may depend on that is gone or behaves otherwise. */
	breaking: string[];
	/** Everything else that differs: new parameters, options, versions; defaults that only pre-fill. */
	compatible: string[];
}

const show = (value: unknown) => JSON.stringify(value);
const baseKey = (key: string) => key.replace(/( @[\d.,]+)?( #\d+)?$/, '');

/**
 * The new parameter a saved value at `version` lands on: same place and path, shown for that
 * version; of twins (one name, other conditions), the same key, else the same conditions.
 */
function counterpart(parameters: Record<string, ParameterSnapshot>, key: string, was: ParameterSnapshot, version: number, allVersions: number[]): ParameterSnapshot | undefined {
	const base = baseKey(key);
	const candidates = Object.entries(parameters).filter(([candidate, entry]) => baseKey(candidate) === base && (entry.versions ?? allVersions).includes(version));
	const sameConditions = ([, entry]: [string, ParameterSnapshot]) => show([entry.show, entry.hide]) === show([was.show, was.hide]);
	return (candidates.find(([candidate]) => candidate === key) ?? candidates.find(sameConditions) ?? candidates[0])?.[1];
}

function compareConditions(label: string, before: ParameterSnapshot, after: ParameterSnapshot, changes: DescriptionChanges) {
	for (const [name, values] of Object.entries(before.show ?? {})) {
		const now = after.show?.[name];
		if (!now) changes.compatible.push(`${label}: no longer shown only when "${name}" is ${show(values)}`);
		else {
			const lost = values.filter((v) => !now.some((n) => show(n) === show(v)));
			if (lost.length) changes.breaking.push(`${label}: no longer shown when "${name}" is ${show(lost)} (a saved value there is dropped)`);
			if (now.length > values.length) changes.compatible.push(`${label}: also shown when "${name}" is ${show(now.filter((n) => !values.some((v) => show(v) === show(n))))}`);
		}
	}
	for (const [name, values] of Object.entries(after.show ?? {})) {
		if (!before.show?.[name]) changes.breaking.push(`${label}: now shown only when "${name}" is ${show(values)} (a saved value elsewhere is dropped)`);
	}
	for (const [name, values] of Object.entries(after.hide ?? {})) {
		const was = before.hide?.[name] ?? [];
		const added = values.filter((v) => !was.some((w) => show(w) === show(v)));
		if (added.length) changes.breaking.push(`${label}: now hidden when "${name}" is ${show(added)} (a saved value there is dropped)`);
	}
	for (const [name, values] of Object.entries(before.hide ?? {})) {
		const now = after.hide?.[name] ?? [];
		if (now.length < values.length) changes.compatible.push(`${label}: hidden in fewer cases of "${name}"`);
	}
}

function compareParameter(label: string, before: ParameterSnapshot, after: ParameterSnapshot, changes: DescriptionChanges) {
	if (before.type !== after.type) {
		changes.breaking.push(`${label}: type changed from ${before.type} to ${after.type} (saved values may not fit)`);
		return;
	}
	if (show(before.default) !== show(after.default)) {
		// n8n saves a parameter only when it differs from its default, except a collection's options.
		if (before.inCollection) changes.compatible.push(`${label}: default ${show(before.default)} → ${show(after.default)} (pre-fills newly added options only)`);
		else changes.breaking.push(`${label}: default changed from ${show(before.default)} to ${show(after.default)} (saved workflows that kept the default now get the new one)`);
	}
	if (!before.required && after.required) changes.breaking.push(`${label}: now required (saved workflows without it fail)`);
	if (before.required && !after.required) changes.compatible.push(`${label}: no longer required`);
	for (const [what, was, now] of [
		['option value', before.options, after.options],
		['mode', before.modes, after.modes],
	] as const) {
		const removed = (was ?? []).filter((v) => !(now ?? []).includes(v));
		const added = (now ?? []).filter((v) => !(was ?? []).includes(v));
		for (const value of removed) changes.breaking.push(`${label}: ${what} ${show(value)} removed or renamed (saved workflows using it break)`);
		for (const value of added) changes.compatible.push(`${label}: ${what} ${show(value)} added`);
	}
	if (Boolean(before.multipleValues) !== Boolean(after.multipleValues)) changes.breaking.push(`${label}: multipleValues changed (the saved value's shape changes)`);
	compareConditions(label, before, after, changes);
}

function compareParameters(
	owner: string,
	before: Record<string, ParameterSnapshot>,
	after: Record<string, ParameterSnapshot>,
	versionsBefore: number[],
	versionsAfter: number[],
	changes: DescriptionChanges,
) {
	const matched = new Set<ParameterSnapshot>();
	for (const [key, was] of Object.entries(before)) {
		for (const version of was.versions ?? versionsBefore) {
			if (!versionsAfter.includes(version)) continue; // the version's removal is reported once
			const label = `${owner} "${baseKey(key)}"${versionsBefore.length > 1 ? ` (version ${version})` : ''}`;
			const now = counterpart(after, key, was, version, versionsAfter);
			if (!now) {
				changes.breaking.push(`${label}: removed or renamed (saved workflows that set it lose it)`);
				continue;
			}
			matched.add(now);
			compareParameter(label, was, now, changes);
		}
	}
	for (const [key, now] of Object.entries(after)) {
		if (!matched.has(now)) changes.compatible.push(`${owner} "${key}": added`);
	}
}

function compareLists<T>(owner: string, what: string, before: T[], after: T[], id: (item: T) => string, changes: DescriptionChanges) {
	for (const item of before) {
		const now = after.find((candidate) => id(candidate) === id(item));
		if (!now) changes.breaking.push(`${owner}: ${what} ${id(item)} removed or renamed`);
		else if (show(now) !== show(item)) changes.breaking.push(`${owner}: ${what} ${id(item)} changed from ${show(item)} to ${show(now)}`);
	}
	for (const item of after) if (!before.some((was) => id(was) === id(item))) changes.compatible.push(`${owner}: ${what} ${id(item)} added`);
}

function compareNodes(name: string, before: NodeSnapshot, after: NodeSnapshot, changes: DescriptionChanges) {
	const owner = `node ${name}`;
	for (const version of before.versions) if (!after.versions.includes(version)) changes.breaking.push(`${owner}: version ${version} removed (workflows saved at it stop loading)`);
	for (const version of after.versions) if (!before.versions.includes(version)) changes.compatible.push(`${owner}: version ${version} added`);
	if (before.defaultVersion !== after.defaultVersion) changes.compatible.push(`${owner}: default version ${before.defaultVersion ?? 'none'} → ${after.defaultVersion ?? 'none'} (new nodes only)`);
	if (after.inputs < before.inputs || after.outputs < before.outputs) changes.breaking.push(`${owner}: fewer inputs or outputs (saved connections break)`);
	else if (after.inputs !== before.inputs || after.outputs !== before.outputs) changes.compatible.push(`${owner}: more inputs or outputs`);
	if (before.usableAsTool && !after.usableAsTool) changes.breaking.push(`${owner}: no longer usable as a tool (agents that use it break)`);
	compareLists(owner, 'credential', before.credentials, after.credentials, (c) => c.name, changes);
	compareLists(owner, 'webhook', before.webhooks, after.webhooks, (w) => w.name, changes);
	compareParameters(owner, before.parameters, after.parameters, before.versions, after.versions, changes);
}

/** How `after` differs from the published `before`, split by whether saved workflows notice. */
export function compareSnapshots(before: DescriptionSnapshot, after: DescriptionSnapshot): DescriptionChanges {
	const changes: DescriptionChanges = { breaking: [], compatible: [] };
	if (before.format !== after.format) changes.compatible.push(`snapshot format ${before.format} → ${after.format}`);
	for (const [name, node] of Object.entries(before.nodes)) {
		if (!after.nodes[name]) changes.breaking.push(`node ${name}: removed or renamed (saved workflows can no longer find it)`);
		else compareNodes(name, node, after.nodes[name], changes);
	}
	for (const name of Object.keys(after.nodes)) if (!before.nodes[name]) changes.compatible.push(`node ${name}: added`);
	for (const [name, credential] of Object.entries(before.credentials)) {
		if (!after.credentials[name]) changes.breaking.push(`credential ${name}: removed or renamed (saved credentials can no longer be found)`);
		else compareParameters(`credential ${name}`, credential.parameters, after.credentials[name].parameters, [1], [1], changes);
	}
	for (const name of Object.keys(after.credentials)) if (!before.credentials[name]) changes.compatible.push(`credential ${name}: added`);
	return changes;
}
