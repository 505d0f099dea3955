import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, idempotencyKey } from '../../nodes/HeyGen/transport/idempotency';

const scope = {
	workflowId: 'wf1',
	nodeId: 'a1b2c3d4-0000-4000-8000-000000000001',
	purpose: 'video',
	content: { body: { type: 'avatar', avatar_id: 'lk_1', script: 'Hi Ann', callback_id: 'contact-7' } },
	occurrence: 0,
};

describe('idempotencyKey', () => {
	it('is stable for the same workflow, node and content, whatever the execution', () => {
		expect(idempotencyKey(scope)).toBe(idempotencyKey({ ...scope, content: JSON.parse(JSON.stringify(scope.content)) }));
	});
	it('does not depend on the order of the body fields', () => {
		const reordered = { body: { callback_id: 'contact-7', script: 'Hi Ann', avatar_id: 'lk_1', type: 'avatar' } };
		expect(idempotencyKey({ ...scope, content: reordered })).toBe(idempotencyKey(scope));
	});
	it('changes with the workflow, the node, the purpose, the content, the occurrence, a fresh run or a new generation', () => {
		const base = idempotencyKey(scope);
		const changes = [
			{ workflowId: 'wf2' },
			{ nodeId: 'other' },
			{ purpose: 'template-video' },
			{ content: { body: { ...scope.content.body, callback_id: 'contact-8' } } },
			{ content: { body: scope.content.body, file: 'sha256:abc' } },
			{ occurrence: 1 },
			{ freshRun: '1042:0' },
			{ generation: 1 },
		];
		const keys = changes.map((change) => idempotencyKey({ ...scope, ...change }));
		for (const key of keys) expect(key).not.toBe(base);
		expect(new Set(keys).size).toBe(keys.length);
	});
	it('fits what HeyGen accepts', () => {
		const key = idempotencyKey({ ...scope, workflowId: 'x'.repeat(5000) });
		expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
		expect(key.length).toBeLessThanOrEqual(255);
	});
	it('does not join fields ambiguously', () => {
		expect(idempotencyKey({ ...scope, workflowId: '1', nodeId: '23' })).not.toBe(idempotencyKey({ ...scope, workflowId: '12', nodeId: '3' }));
	});
});

describe('canonicalJson', () => {
	it('sorts keys at every depth and drops undefined fields', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
	});
});
