import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { HeyGenApi } from '../../credentials/HeyGenApi.credentials';
import { HeyGen } from '../../nodes/HeyGen/HeyGen.node';
import { HeyGenTrigger } from '../../nodes/HeyGen/HeyGenTrigger.node';
import { compareSnapshots, snapshotOf, type DescriptionSnapshot } from './description';

const SNAPSHOT_FILE = join(__dirname, 'description.snapshot.json');
/** Set by `npm run snapshot:update` (scripts/snapshot-update.mjs): `compatible`, or `breaking` with `-- --breaking`. */
const UPDATE = process.env.HEYGEN_SNAPSHOT_UPDATE;

const current = snapshotOf([new HeyGen(), new HeyGenTrigger()], [new HeyGenApi()]);
const currentText = `${JSON.stringify(current, null, '\t')}\n`;
const published = existsSync(SNAPSHOT_FILE) ? (JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as DescriptionSnapshot) : undefined;
const changes = published ? compareSnapshots(published, current) : { breaking: [], compatible: ['the snapshot file is new'] };

const BREAKING_HELP = [
	"Saved workflows keep parameter names, option values (resources and operations too), types, the defaults they left untouched, credential names and webhook paths.",
	'Put it back; or keep the old behaviour for the published versions and make the change in a new node version (docs/backwards-compat.md).',
	'A deliberate break (a major release, said in the changelog) is recorded with: npm run snapshot:update -- --breaking',
].join('\n');

const breakingReport = changes.breaking.length
	? ['The node description changed in ways saved workflows depend on:', ...changes.breaking.map((c) => `  - ${c}`), BREAKING_HELP].join('\n')
	: '';

describe('the frozen node and credential description (test/contract/description.snapshot.json)', () => {
	if (UPDATE) {
		it(`is updated (${UPDATE} changes accepted)`, () => {
			if (UPDATE !== 'breaking') expect(breakingReport).toBe('');
			writeFileSync(SNAPSHOT_FILE, currentText);
			process.stdout.write(`description.snapshot.json updated:\n${[...changes.breaking.map((c) => `  ! ${c}`), ...changes.compatible.map((c) => `  + ${c}`)].join('\n') || '  (no change)'}\n`);
			expect(readFileSync(SNAPSHOT_FILE, 'utf8')).toBe(currentText);
		});
		return;
	}

	it("keeps everything users' saved workflows and credentials depend on", () => {
		expect(breakingReport).toBe('');
	});

	it('is up to date: any other change is recorded with npm run snapshot:update', () => {
		const header = changes.breaking.length
			? 'Besides the breaking changes, the description changed in these ways; once those are resolved, record it with: npm run snapshot:update'
			: 'The node description changed without breaking saved workflows; record it with: npm run snapshot:update';
		const report = changes.compatible.length ? [header, ...changes.compatible.map((c) => `  + ${c}`)].join('\n') : '';
		expect(report).toBe('');
		// What the comparison does not weigh (key order, a condition's form) must still be recorded.
		expect(published && `${JSON.stringify(published, null, '\t')}\n`).toBe(currentText);
	});
});
