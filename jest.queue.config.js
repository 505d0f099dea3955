/**
 * Queue-mode suite: n8n 2.41.1 in queue mode (PostgreSQL and Redis from Debian's packages, main,
 * two workers and a webhook process, started by scripts/lib/queue.cjs) with the packed package,
 * the emulator beside it. One set-up for all files, so the files run one at a time.
 *
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.e2e.ts'],
	moduleFileExtensions: ['ts', 'js', 'json', 'node', 'cjs'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/harness/tsconfig.jest.json' }],
	},
	globalSetup: '<rootDir>/test/queue/global-setup.ts',
	globalTeardown: '<rootDir>/test/queue/global-teardown.ts',
	maxWorkers: 1,
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	testTimeout: 300_000,
};
