'use strict';
// Provisions, once, what the real-n8n harness needs into the project's .cache folder: a pinned
// n8n of each supported release line, each in its own folder, and the Node.js it runs on (the
// machine's when the release accepts it, otherwise Node.js 24 from the npm registry).
// N8N_LINE=1|2 picks the line (2 by default). Later runs reuse both; a stamp file marks a
// finished install, so a broken one is redone.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.HEYGEN_N8N_CACHE ?? join(PROJECT_ROOT, '.cache');
const NODE_VERSION = '24.21.0';

/**
 * The pinned n8n of each release line. `nativeModules` are the native addons that n8n needs
 * built (install scripts stay off: the Kafka node's would download sources from elsewhere).
 * `overrides` replace dependencies that only install from outside the npm registry.
 */
const RELEASES = {
	2: { line: 2, version: '2.41.1', nodeRange: [24, 24], nativeModules: ['sqlite3', 'isolated-vm'], overrides: {} },
	1: {
		line: 1,
		version: '1.123.81',
		// n8n 1.123 says Node.js 20.19 to 24, but its default expression engine needs isolated-vm 6,
		// which builds on Node.js 22 and later only: on Node.js 20 n8n exits at start.
		nodeRange: [22, 24],
		nativeModules: ['sqlite3', 'isolated-vm'],
		// n8n-nodes-base 1.x takes xlsx from SheetJS's own server; the registry's newest xlsx stands in.
		overrides: { xlsx: '0.18.5' },
	},
};

/** The release line asked for by N8N_LINE (1 or 2; 2 when unset). */
function releaseLine(value = process.env.N8N_LINE) {
	const line = value === undefined || value === '' ? 2 : Number(value);
	if (!RELEASES[line]) throw new Error(`N8N_LINE must be 1 or 2, not "${value}"`);
	return RELEASES[line];
}

const RELEASE = releaseLine();
const N8N_VERSION = RELEASE.version;

const log = (message) => console.log(`[setup] ${message}`);

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
	}
}

function stamped(dir, value) {
	const stamp = join(dir, '.installed');
	return existsSync(stamp) && readFileSync(stamp, 'utf8') === value;
}

function stamp(dir, value) {
	writeFileSync(join(dir, '.installed'), value);
}

/** The folder of the npm package that ships Node's binary and headers for this platform. */
function nodePackageName() {
	const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
	if (!platform) throw new Error(`No Node.js ${NODE_VERSION} package for ${process.platform}`);
	return `node-${platform}-${process.arch}`;
}

/** The Node.js running this script: its binary and folder (whose include/node holds its headers). */
function runningNode() {
	return { nodeBin: process.execPath, nodeDir: resolve(process.execPath, '..', '..'), version: process.versions.node };
}

/**
 * A Node.js 24 binary: the running one when it is new enough, otherwise the npm registry's
 * `node-<platform>-<arch>` package installed under .cache. Returns the binary and its folder
 * (whose include/node holds the headers native addons build against).
 */
function ensureNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) return runningNode();
	const dir = join(CACHE_DIR, `node-${NODE_VERSION}`);
	const pkg = nodePackageName();
	const nodeDir = join(dir, 'node_modules', pkg);
	const nodeBin = join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!stamped(dir, NODE_VERSION)) {
		log(`installing Node.js ${NODE_VERSION} from the npm registry into ${dir}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `${pkg}@${NODE_VERSION}`], { cwd: dir });
		if (!existsSync(nodeBin)) throw new Error(`${nodeBin} is missing after the install`);
		stamp(dir, NODE_VERSION);
	}
	return { nodeBin, nodeDir, version: NODE_VERSION };
}

/** The Node.js a release runs on: the machine's when the release accepts it, otherwise Node.js 24. */
function nodeFor(release) {
	const major = Number(process.versions.node.split('.')[0]);
	const [lowest, highest] = release.nodeRange;
	return major >= lowest && major <= highest ? runningNode() : ensureNode24();
}

/** The environment in which npm and n8n run on `node` and native addons build against its headers. */
function nodeEnv(node, extra = {}) {
	const bin = resolve(node.nodeBin, '..');
	// Under `npm start` or `npm test`, npm hands this project's settings down as npm_config_*
	// variables; ignore-scripts=true among them would silently skip the native builds below.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
	return {
		...inherited,
		PATH: `${bin}:${process.env.PATH}`,
		npm_config_nodedir: node.nodeDir,
		npm_config_update_notifier: 'false',
		...extra,
	};
}

/** n8n's SQLite driver is a native addon; without its compiled binary n8n cannot open its database. */
function sqliteBinary(dir) {
	return join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

/**
 * The pinned n8n of a release line (N8N_LINE's by default), installed once under
 * .cache/n8n-<version> with install scripts off, its native modules then built for its Node.
 */
function ensureN8n(release = RELEASE) {
	const node = nodeFor(release);
	const dir = join(CACHE_DIR, `n8n-${release.version}`);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const installation = { n8nBin, n8nDir: dir, node, release };
	const marker = `${release.version} on node ${node.version}`;
	if (stamped(dir, marker) && existsSync(sqliteBinary(dir))) return installation;
	const env = nodeEnv(node);
	const installed = `${release.version}, native modules not built yet`;
	const nodeMajor = Number(node.version.split('.')[0]);
	// A folder installed for another Node keeps its packages: only its native modules are rebuilt.
	const packagesThere = existsSync(n8nBin) && existsSync(join(dir, '.installed')) && readFileSync(join(dir, '.installed'), 'utf8').startsWith(`${release.version} `);
	if (!packagesThere && !stamped(dir, installed)) {
		log(`installing n8n ${release.version} into ${dir} (a few minutes, once)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true, overrides: release.overrides })}\n`);
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `n8n@${release.version}`], { cwd: dir, env });
		if (!existsSync(n8nBin)) throw new Error(`${n8nBin} is missing after the install`);
		stamp(dir, installed);
	}
	log(`building the native modules n8n ${release.version} needs (${release.nativeModules.join(', ')}) for Node ${nodeMajor}`);
	run('npm', ['rebuild', '--ignore-scripts=false', ...release.nativeModules], { cwd: dir, env });
	if (!existsSync(sqliteBinary(dir))) {
		throw new Error(`sqlite3 did not build (${sqliteBinary(dir)} is missing); building it needs python3, make and a C++ compiler`);
	}
	stamp(dir, marker);
	return installation;
}

if (require.main === module) {
	const started = Date.now();
	const { n8nBin, node, release } = ensureN8n();
	log(`n8n ${release.version} ready in ${((Date.now() - started) / 1000).toFixed(0)} s: node ${node.nodeBin} (${node.version}), n8n ${n8nBin}`);
}

module.exports = { PROJECT_ROOT, CACHE_DIR, NODE_VERSION, N8N_VERSION, RELEASE, RELEASES, releaseLine, ensureNode24, nodeFor, nodeEnv, ensureN8n };
