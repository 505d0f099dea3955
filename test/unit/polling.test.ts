import { DEFAULT_POLL_SCHEDULE, nextPollAt } from '../../nodes/HeyGen/transport/polling';

const noJitter = () => 0.5;

describe('nextPollAt', () => {
	it('polls a young job every second', () => {
		expect(nextPollAt({ startedAt: 0, polledAt: 0 }, undefined, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(1000);
		expect(nextPollAt({ startedAt: 0, polledAt: 5000 }, undefined, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(6000);
	});
	it('waits a tenth of the age of an older job, up to 30 s', () => {
		expect(nextPollAt({ startedAt: 0, polledAt: 60_000 }, undefined, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(66_000);
		expect(nextPollAt({ startedAt: 0, polledAt: 3_600_000 }, undefined, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(3_630_000);
	});
	it('skips polls a render is known not to finish by', () => {
		expect(nextPollAt({ startedAt: 0, polledAt: 0 }, 60_000, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(51_000);
		expect(nextPollAt({ startedAt: 0, polledAt: 55_000 }, 60_000, DEFAULT_POLL_SCHEDULE, noJitter)).toBe(60_500);
	});
	it('jitters by at most 10 %', () => {
		const low = nextPollAt({ startedAt: 0, polledAt: 100_000 }, undefined, DEFAULT_POLL_SCHEDULE, () => 0);
		const high = nextPollAt({ startedAt: 0, polledAt: 100_000 }, undefined, DEFAULT_POLL_SCHEDULE, () => 0.9999);
		expect(low).toBe(109_000);
		expect(high).toBeGreaterThan(110_990);
		expect(high).toBeLessThanOrEqual(111_000);
	});
});
