/**
 * Jest + ts-jest (transpile only).
 *
 * Types are checked separately with `tsc -p tsconfig.dev.json --noEmit`. Transpile-only mode is
 * enabled the way ts-jest 29.4 wants it (its own `isolatedModules` option is deprecated): via
 * `isolatedModules: true` in the tsconfig it is given. test/harness/tsconfig.jest.json is
 * tsconfig.dev.json plus that one flag.
 *
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	moduleFileExtensions: ['ts', 'js', 'json', 'node'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/harness/tsconfig.jest.json' }],
	},
	testTimeout: 60000,
};
