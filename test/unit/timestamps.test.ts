import { isoTime, withIsoTimes } from '../../nodes/HeyGen/helpers/timestamps';

describe('timestamps', () => {
	it('turns Unix seconds and milliseconds into ISO 8601', () => {
		expect(isoTime(1796044640)).toBe('2026-11-30T13:17:20.000Z');
		expect(isoTime(1796044640123)).toBe('2026-11-30T13:17:20.123Z');
	});

	it('leaves text, zero, null and non-numbers alone', () => {
		for (const value of ['2026-11-30T13:17:20Z', 0, null, undefined, Number.NaN, -5, true]) expect(isoTime(value)).toBe(value);
	});

	it('converts every numeric …_at field at any depth and nothing else', () => {
		const raw = {
			id: 'v1',
			duration: 1796044640,
			created_at: 1796044640,
			resets_at: '2026-12-01T00:00:00Z',
			video: { completed_at: 1796044700, size: 12 },
			items: [{ updated_at: 1796044760 }],
		};
		expect(withIsoTimes(raw)).toEqual({
			id: 'v1',
			duration: 1796044640,
			created_at: '2026-11-30T13:17:20.000Z',
			resets_at: '2026-12-01T00:00:00Z',
			video: { completed_at: '2026-11-30T13:18:20.000Z', size: 12 },
			items: [{ updated_at: '2026-11-30T13:19:20.000Z' }],
		});
		expect(raw.created_at).toBe(1796044640);
	});
});
