/**
 * End-to-end suite: a real n8n (installed under .cache by scripts/lib/provision.cjs) with the
 * packed package, the emulator beside it. One n8n for all files, so the files run one at a time.
 *
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	moduleFileExtensions: ['ts', 'js', 'json', 'node', 'cjs'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/harness/tsconfig.jest.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	maxWorkers: 1,
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	testTimeout: 300_000,
};
