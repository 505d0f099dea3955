import { IDEMPOTENCY_KEY_PATTERN, idempotencyKey } from '../../nodes/HeyGen/transport/idempotency';

const scope = { executionId: '1042', nodeId: 'a1b2c3d4-0000-4000-8000-000000000001', runIndex: 0, itemIndex: 3, purpose: 'video' };

describe('idempotencyKey', () => {
	it('is stable for the same execution, node, run and item', () => {
		expect(idempotencyKey(scope)).toBe(idempotencyKey({ ...scope }));
	});
	it('changes with any of them', () => {
		const base = idempotencyKey(scope);
		for (const change of [{ executionId: '1043' }, { nodeId: 'other' }, { runIndex: 1 }, { itemIndex: 4 }, { purpose: 'asset' }]) {
			expect(idempotencyKey({ ...scope, ...change })).not.toBe(base);
		}
	});
	it('fits what HeyGen accepts', () => {
		const key = idempotencyKey({ ...scope, executionId: 'x'.repeat(5000) });
		expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
		expect(key.length).toBeLessThanOrEqual(255);
	});
	it('does not join fields ambiguously', () => {
		expect(idempotencyKey({ ...scope, executionId: '1', nodeId: '23' })).not.toBe(idempotencyKey({ ...scope, executionId: '12', nodeId: '3' }));
	});
});
