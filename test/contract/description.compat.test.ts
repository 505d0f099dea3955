import type { ICredentialType, INodeProperties, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { compareSnapshots, snapshotOf } from './description';

/** A small node shaped like the real one: a resource, an operation per resource, fields per operation. */
function node(properties: INodeProperties[], extra: Partial<INodeTypeDescription> = {}): INodeType {
	const description = {
		displayName: 'Example',
		name: 'example',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Example' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'exampleApi', required: true }],
		usableAsTool: true,
		properties,
		...extra,
	} as INodeTypeDescription;
	return { description };
}

const credential = (properties: INodeProperties[]) => ({ name: 'exampleApi', displayName: 'Example API', properties }) as ICredentialType;
const CREDENTIAL = credential([{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '', typeOptions: { password: true } }]);

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'video',
	options: [
		{ name: 'Video', value: 'video' },
		{ name: 'Voice', value: 'voice' },
	],
};
const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'get',
	displayOptions: { show: { resource: ['video'] } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get a video' },
		{ name: 'Delete', value: 'delete', action: 'Delete a video' },
	],
};
const videoId: INodeProperties = {
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	displayOptions: { show: { resource: ['video'], operation: ['get', 'delete'] } },
};
const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	default: {},
	displayOptions: { show: { resource: ['video'], operation: ['get'] } },
	options: [{ displayName: 'Max Wait', name: 'maxWait', type: 'number', default: 600 }],
};
const BASE = [resource, operation, videoId, options];

function changes(after: INodeProperties[], extra: Partial<INodeTypeDescription> = {}, afterCredential = CREDENTIAL) {
	return compareSnapshots(snapshotOf([node(BASE)], [CREDENTIAL]), snapshotOf([node(after, extra)], [afterCredential]));
}
const replace = (target: INodeProperties, changed: Partial<INodeProperties>) => BASE.map((p) => (p === target ? ({ ...p, ...changed } as INodeProperties) : p));

describe('comparing a description with the published snapshot', () => {
	it('finds nothing when nothing changed, and takes wording changes silently', () => {
		expect(changes(BASE)).toEqual({ breaking: [], compatible: [] });
		expect(changes(replace(videoId, { displayName: 'The Video', description: 'Which video' }))).toEqual({ breaking: [], compatible: [] });
	});

	it('counts a new operation, a new field and a new option of a collection as compatible', () => {
		const more = [
			resource,
			{ ...operation, options: [...(operation.options ?? []), { name: 'Download', value: 'download', action: 'Download a video' }] },
			{ ...videoId, displayOptions: { show: { resource: ['video'], operation: ['get', 'delete', 'download'] } } },
			{ ...options, options: [...(options.options ?? []), { displayName: 'Title', name: 'title', type: 'string', default: '' }] },
		] as INodeProperties[];
		const found = changes(more);
		expect(found.breaking).toEqual([]);
		expect(found.compatible).toEqual([
			'node example "video:* operation": option value "download" added',
			'node example "video:download videoId": added',
			'node example "video:get options.title": added',
		]);
	});

	it('breaks on a removed or renamed operation value, and says which', () => {
		const renamed = replace(operation, { options: [{ name: 'Get', value: 'get' }, { name: 'Delete', value: 'remove' }] });
		expect(changes(renamed).breaking).toEqual(['node example "video:* operation": option value "delete" removed or renamed (saved workflows using it break)']);
	});

	it('breaks on a renamed parameter, a field no longer offered on an operation and a removed resource', () => {
		expect(changes(replace(videoId, { name: 'video_id' })).breaking).toEqual([
			'node example "video:delete videoId": removed or renamed (saved workflows that set it lose it)',
			'node example "video:get videoId": removed or renamed (saved workflows that set it lose it)',
		]);
		expect(changes(replace(videoId, { displayOptions: { show: { resource: ['video'], operation: ['get'] } } })).breaking).toEqual([
			'node example "video:delete videoId": removed or renamed (saved workflows that set it lose it)',
		]);
		expect(changes(replace(resource, { options: [{ name: 'Video', value: 'video' }] })).breaking).toEqual([
			'node example "*:* resource": option value "voice" removed or renamed (saved workflows using it break)',
		]);
	});

	it('breaks on a changed type, a changed default, a field made required and a new display condition', () => {
		expect(changes(replace(videoId, { type: 'number', default: 0 })).breaking).toEqual([
			'node example "video:delete videoId": type changed from string to number (saved values may not fit)',
			'node example "video:get videoId": type changed from string to number (saved values may not fit)',
		]);
		expect(changes(replace(operation, { default: 'delete' })).breaking).toEqual([
			'node example "video:* operation": default changed from "get" to "delete" (saved workflows that kept the default now get the new one)',
		]);
		const required = changes(replace(options, { options: [{ displayName: 'Max Wait', name: 'maxWait', type: 'number', default: 600, required: true }] }));
		expect(required.breaking).toEqual(['node example "video:get options.maxWait": now required (saved workflows without it fail)']);
		const conditioned = changes(replace(videoId, { displayOptions: { show: { resource: ['video'], operation: ['get', 'delete'], mode: ['id'] } } }));
		expect(conditioned.breaking).toHaveLength(2);
		expect(conditioned.breaking[0]).toMatch(/now shown only when "mode" is \["id"\]/);
	});

	it('takes a changed default of a collection option as compatible: the saved value is kept as it was', () => {
		const found = changes(replace(options, { options: [{ displayName: 'Max Wait', name: 'maxWait', type: 'number', default: 900 }] }));
		expect(found).toEqual({ breaking: [], compatible: ['node example "video:get options.maxWait": default 600 → 900 (pre-fills newly added options only)'] });
	});

	it('breaks on a renamed node, credential or credential field, a removed version and a lost tool', () => {
		expect(compareSnapshots(snapshotOf([node(BASE)], [CREDENTIAL]), snapshotOf([node(BASE, { name: 'exampleNode' })], [CREDENTIAL])).breaking).toEqual([
			'node example: removed or renamed (saved workflows can no longer find it)',
		]);
		expect(changes(BASE, { credentials: [{ name: 'exampleOAuth2Api', required: true }] }).breaking).toEqual([
			'node example: credential exampleApi removed or renamed',
		]);
		expect(changes(BASE, {}, credential([{ displayName: 'Key', name: 'key', type: 'string', default: '' }])).breaking).toEqual([
			'credential exampleApi "*:* apiKey": removed or renamed (saved workflows that set it lose it)',
		]);
		expect(changes(BASE, { version: 2 }).breaking).toEqual(['node example: version 1 removed (workflows saved at it stop loading)']);
		expect(changes(BASE, { usableAsTool: undefined }).breaking).toEqual(['node example: no longer usable as a tool (agents that use it break)']);
	});

	it('accepts a change made in a new node version that keeps the old behaviour for version 1', () => {
		const versioned: INodeProperties[] = [
			resource,
			{ ...operation, displayOptions: { show: { resource: ['video'], '@version': [1] } } },
			{ ...operation, default: 'delete', displayOptions: { show: { resource: ['video'], '@version': [1.1] } } },
			videoId,
			options,
		];
		const found = changes(versioned, { version: [1, 1.1], defaultVersion: 1.1 });
		expect(found.breaking).toEqual([]);
		expect(found.compatible).toEqual([
			'node example: version 1.1 added',
			'node example: default version none → 1.1 (new nodes only)',
			'node example "video:* operation @1.1": added',
		]);
		// n8n's condition form says the same.
		const byCondition = changes(
			[
				resource,
				{ ...operation, displayOptions: { show: { resource: ['video'], '@version': [{ _cnd: { lt: 1.1 } }] } } },
				{ ...operation, default: 'delete', displayOptions: { show: { resource: ['video'], '@version': [{ _cnd: { gte: 1.1 } }] } } },
				videoId,
				options,
			],
			{ version: [1, 1.1] },
		);
		expect(byCondition.breaking).toEqual([]);
		// The same default change without the version split breaks version 1.
		const unversioned = changes([resource, { ...operation, default: 'delete' }, videoId, options], { version: [1, 1.1] });
		expect(unversioned.breaking).toEqual([
			'node example "video:* operation": default changed from "get" to "delete" (saved workflows that kept the default now get the new one)',
		]);
	});

	it('follows a node split into one class per version (n8n\'s VersionedNodeType)', () => {
		const split = (second: INodeProperties[]): IVersionedNodeType => ({
			description: { displayName: 'Example', name: 'example', group: ['transform'], description: '', defaultVersion: 2 },
			currentVersion: 2,
			nodeVersions: { 1: node(BASE), 2: node(second, { version: 2 }) },
			getNodeType: () => node(BASE),
		});
		const before = snapshotOf([node(BASE)], [CREDENTIAL]);
		const kept = compareSnapshots(before, snapshotOf([split(replace(operation, { default: 'delete' }))], [CREDENTIAL]));
		expect(kept.breaking).toEqual([]);
		expect(kept.compatible).toContain('node example: version 2 added');
		expect(kept.compatible).toContain('node example "video:* operation @2": added');
		const lost = compareSnapshots(before, snapshotOf([{ ...split(BASE), nodeVersions: { 1: node([resource, operation, videoId]), 2: node(BASE, { version: 2 }) } }], [CREDENTIAL]));
		expect(lost.breaking).toEqual([
			'node example "video:get options": removed or renamed (saved workflows that set it lose it)',
			'node example "video:get options.maxWait": removed or renamed (saved workflows that set it lose it)',
		]);
	});
});
