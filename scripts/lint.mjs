// The package's lint gate: n8n's own community-node rules, applied as n8n applies them.
//  1. `n8n-node lint` rules (eslint.config.mjs, which must stay n8n's template) over the sources.
//  2. The verification scanner's rule set over the sources and over the packed tarball's .js
//     files and package.json (what users install), with inline eslint-disable comments ignored.
// Zero errors and zero warnings pass.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { config as nodeCliConfig } from '@n8n/node-cli/eslint';

const root = process.cwd();
const SOURCES = ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.json'];

function templateIsUnchanged() {
	const normalise = (text) => text.replace(/\s+/g, ' ').trim();
	const expected = "import { config } from '@n8n/node-cli/eslint'; export default config;";
	return normalise(readFileSync(join(root, 'eslint.config.mjs'), 'utf8')) === expected;
}

const tsParser = nodeCliConfig.find((entry) => entry.languageOptions?.parser)?.languageOptions.parser;

/** The rule set n8n's community package scanner lints with. */
const scannerConfig = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);

async function lint(label, cwd, patterns, options) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, errorOnUnmatchedPattern: false, ...options });
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const files = results.length;
	const formatter = await eslint.loadFormatter('stylish');
	const text = await formatter.format(results);
	if (text.trim()) console.log(text);
	console.log(`${label}: ${files} files, ${errors} errors, ${warnings} warnings`);
	return errors + warnings;
}

let problems = 0;
if (!templateIsUnchanged()) {
	console.log('eslint.config.mjs must stay n8n-node\'s template (strict mode), it was changed');
	problems++;
}

problems += await lint('n8n-node lint rules, sources', root, SOURCES, {});
problems += await lint('scanner rules, sources', root, SOURCES, { overrideConfigFile: true, overrideConfig: scannerConfig });

const packDir = mkdtempSync(join(tmpdir(), 'heygen-pack-'));
try {
	const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	execFileSync('tar', ['-xzf', join(packDir, packed[0].filename), '-C', packDir]);
	problems += await lint('scanner rules, packed tarball', join(packDir, 'package'), ['**/*.js', 'package.json'], {
		overrideConfigFile: true,
		overrideConfig: scannerConfig,
	});
} finally {
	rmSync(packDir, { recursive: true, force: true });
}

if (problems > 0) {
	console.log(`lint failed: ${problems} problem(s)`);
	process.exit(1);
}
console.log('lint passed');
