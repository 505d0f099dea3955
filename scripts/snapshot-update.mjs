// Records the node and credential description in test/contract/description.snapshot.json
// (npm run snapshot:update). Refuses a change that breaks saved workflows unless given
// `-- --breaking` (a deliberate break: see docs/backwards-compat.md).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const mode = process.argv.includes('--breaking') ? 'breaking' : 'compatible';
const jest = resolve(root, 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, 'test/contract/description.test.ts', '--verbose=false'], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, HEYGEN_SNAPSHOT_UPDATE: mode },
});
process.exit(run.status ?? 1);
