'use strict';
// Provisions, once, what the real-n8n harness needs into the project's .cache folder:
// Node.js 24 from the npm registry (n8n 2.36+ refuses older Node) and a pinned n8n.
// Later runs reuse both; a stamp file marks a finished install, so a broken one is redone.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.HEYGEN_N8N_CACHE ?? join(PROJECT_ROOT, '.cache');
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

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

/**
 * A Node.js 24 binary: the running one when it is new enough, otherwise the npm registry's
 * `node-<platform>-<arch>` package installed under .cache. Returns the binary and its folder
 * (whose include/node holds the headers native addons build against).
 */
function ensureNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) {
		return { nodeBin: process.execPath, nodeDir: resolve(process.execPath, '..', '..') };
	}
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
	return { nodeBin, nodeDir };
}

/** The environment in which npm and n8n run on Node 24 and native addons build against its headers. */
function node24Env(node, extra = {}) {
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
 * The pinned n8n, installed once under .cache. Install scripts stay off (the Kafka node's would
 * download sources); the two native modules n8n needs are rebuilt for Node 24 afterwards.
 */
function ensureN8n(node = ensureNode24()) {
	const dir = join(CACHE_DIR, `n8n-${N8N_VERSION}`);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = `${N8N_VERSION} on node ${NODE_VERSION}`;
	if (stamped(dir, marker) && existsSync(sqliteBinary(dir))) return { n8nBin, n8nDir: dir, node };
	const env = node24Env(node);
	const installed = `${marker}, native modules not built yet`;
	if (!stamped(dir, marker) && !stamped(dir, installed)) {
		log(`installing n8n ${N8N_VERSION} into ${dir} (a few minutes, once)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `n8n@${N8N_VERSION}`], { cwd: dir, env });
		if (!existsSync(n8nBin)) throw new Error(`${n8nBin} is missing after the install`);
		stamp(dir, installed);
	}
	log('building the native modules n8n needs (sqlite3, isolated-vm) for Node 24');
	run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: dir, env });
	if (!existsSync(sqliteBinary(dir))) {
		throw new Error(`sqlite3 did not build (${sqliteBinary(dir)} is missing); building it needs python3, make and a C++ compiler`);
	}
	stamp(dir, marker);
	return { n8nBin, n8nDir: dir, node };
}

if (require.main === module) {
	const started = Date.now();
	const { n8nBin, node } = ensureN8n();
	log(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s: node ${node.nodeBin}, n8n ${n8nBin}`);
}

module.exports = { PROJECT_ROOT, CACHE_DIR, NODE_VERSION, N8N_VERSION, ensureNode24, node24Env, ensureN8n };
