'use strict';
// Runs a real n8n with this package installed the way n8n installs a community package:
// the `npm pack` tarball unpacked into <user folder>/.n8n/nodes/node_modules, so the nodes load
// under their published names (n8n-nodes-heygen-video.heyGen).
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { createRequire } = require('node:module');
const { join } = require('node:path');

const { CACHE_DIR, nodeEnv, PROJECT_ROOT, RELEASE } = require('./provision.cjs');

const PACKAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
const NODE_PREFIX = `${PACKAGE.name}.`;

/** A free TCP port on loopback. */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Builds the package and packs it as npm would publish it; returns the tarball's path. `dir` keeps
 * runs that share one cache (several checkouts) from packing over each other.
 */
function buildAndPack({ build = true, dir = join(CACHE_DIR, 'pack') } = {}) {
	if (build) execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PROJECT_ROOT, encoding: 'utf8' });
	return join(dir, JSON.parse(output)[0].filename);
}

/** Installs the tarball into the user folder's community-package directory, replacing any older copy. */
function installPackage(userFolder, tarball) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	writeFileSync(
		join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } }, null, 2)}\n`,
	);
}

/** A bcrypt hash made with the bcryptjs that n8n itself ships (n8n only accepts hashed owner passwords). */
function bcryptHash(n8n, password) {
	const requireFromN8n = createRequire(join(n8n.n8nDir, 'node_modules', 'n8n', 'package.json'));
	return requireFromN8n('bcryptjs').hashSync(password, 10);
}

/** The release line of an installation (older callers pass installations without one). */
const lineOf = (n8n) => (n8n.release ?? RELEASE).line;

/**
 * n8n 2.x creates the owner account from its environment at start; n8n 1.x has no such setting
 * (ensureOwner sets it up through the REST API once n8n runs).
 */
function ownerEnvironment(n8n, owner) {
	if (lineOf(n8n) < 2) return {};
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(n8n, owner.password),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName ?? 'Sandbox',
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName ?? 'Owner',
	};
}

/**
 * Everything n8n reads from its environment for a quiet, headless, loopback-only instance whose
 * owner account exists from the start (on n8n 1.x: once ensureOwner ran).
 */
function n8nEnvironment(n8n, { userFolder, port, brokerPort, owner, extra = {} }) {
	return nodeEnv(n8n.node, {
		// Whatever runs this (a test runner sets NODE_ENV=test) must not change how n8n behaves.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: 'heygen-video-local-sandbox-encryption-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_PYTHON_ENABLED: 'false',
		// n8n 2.x's MCP registry refresh calls api.n8n.io, which a loopback sandbox does not reach
		// (n8n 1.x has no such module, and refuses to start on a module name it does not know).
		...(lineOf(n8n) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		...ownerEnvironment(n8n, owner),
		DB_SQLITE_POOL_SIZE: '4',
		...extra,
	});
}

/** Runs an n8n CLI command to completion; returns its output. */
function n8nCli(n8n, env, args, { allowFailure = false } = {}) {
	const result = spawnSync(n8n.node.nodeBin, [n8n.n8nBin, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (result.status !== 0 && !allowFailure) {
		throw new Error(`n8n ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`.slice(0, 8000));
	}
	return result;
}

function importCredentials(n8n, env, credentials) {
	const file = join(env.N8N_USER_FOLDER, 'credentials-import.json');
	writeFileSync(file, JSON.stringify(credentials));
	try {
		n8nCli(n8n, env, ['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}

function importWorkflows(n8n, env, files) {
	for (const file of files) n8nCli(n8n, env, ['import:workflow', `--input=${file}`]);
}

/**
 * `n8n execute --id <id> --rawOutput`: runs a saved workflow from its Manual Trigger and returns
 * the run data n8n printed after its log lines.
 */
function executeWorkflow(n8n, env, id) {
	// The CLI prints the run data through its logger, so it needs the info level.
	const result = n8nCli(n8n, { ...env, N8N_LOG_LEVEL: 'info' }, ['execute', `--id=${id}`, '--rawOutput'], { allowFailure: true });
	return { exitCode: result.status, data: lastJsonBlock(result.stdout), stdout: result.stdout, stderr: result.stderr };
}

/** The last pretty-printed top-level JSON object in a log: from a line `{` to the next line `}`. */
function lastJsonBlock(text) {
	const lines = text.split('\n');
	const end = lines.lastIndexOf('}');
	if (end < 0) return undefined;
	const start = lines.lastIndexOf('{', end);
	if (start < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** Spawns `n8n start` and resolves once its health check answers; rejects if it exits or times out. */
async function spawnReady(n8n, env, { timeoutMs, log }) {
	const child = spawn(n8n.node.nodeBin, [n8n.n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output = [];
	const collect = (chunk) => {
		output.push(chunk.toString());
		if (output.length > 400) output.splice(0, 100);
		log?.(chunk.toString());
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited (${child.exitCode}) while starting:\n${output.join('')}`);
		try {
			// n8n 1.x reports ready before its REST API is mounted: wait for the API as well.
			const ready = (await fetch(`${url}/healthz/readiness`)).ok;
			if (ready && (await fetch(`${url}/rest/settings`)).headers.get('content-type')?.includes('json')) return { child, output };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	child.kill('SIGTERM');
	throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s:\n${output.join('')}`);
}

/**
 * Stops a spawned process and resolves once it has exited: `signal` (SIGTERM: n8n shuts down
 * gracefully), SIGKILL after `graceMs`.
 */
async function stopChild(child, { signal = 'SIGTERM', graceMs = 15_000 } = {}) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/**
 * Starts `n8n start` and resolves once its health check answers. `restart()` stops it and starts
 * it again with the same environment (same user folder, database and port), as an operator would.
 */
async function startN8n(n8n, env, { timeoutMs = 180_000, log } = {}) {
	let running = await spawnReady(n8n, env, { timeoutMs, log });
	return {
		url: `http://127.0.0.1:${env.N8N_PORT}`,
		get child() {
			return running.child;
		},
		get output() {
			return running.output;
		},
		async stop() {
			await stopChild(running.child);
		},
		/** Stops n8n and starts it again on the same folder, database and port; `downForMs` keeps it down meanwhile. */
		async restart({ downForMs = 0 } = {}) {
			await stopChild(running.child);
			if (downForMs > 0) await new Promise((resolve) => setTimeout(resolve, downForMs));
			running = await spawnReady(n8n, env, { timeoutMs, log });
		},
	};
}

/**
 * Makes `owner` the instance owner of a running n8n 1.x, as its first-start set-up form does
 * (`POST /rest/owner/setup`, answered only while no owner exists). n8n 2.x made it from its
 * environment already.
 */
async function ensureOwner(n8n, url, owner) {
	if (lineOf(n8n) >= 2) return;
	const settings = await (await fetch(`${url}/rest/settings`)).json();
	if (!settings.data?.userManagement?.showSetupOnFirstLoad) return;
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: owner.email, password: owner.password, firstName: owner.firstName ?? 'Sandbox', lastName: owner.lastName ?? 'Owner' }),
	});
	if (!response.ok) throw new Error(`setting up the owner failed: ${response.status} ${await response.text()}`);
}

/** Logs in to n8n's REST API as `owner`; returns the session cookie. */
async function sessionCookie(url, owner) {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** A fetch for n8n's REST API with a session cookie; answers `{ status, body }` (JSON parsed when it is JSON). */
function restClient(url, cookie) {
	return async (path, init = {}) => {
		const res = await fetch(`${url}${path}`, {
			...init,
			headers: { 'content-type': 'application/json', ...(init.headers ?? {}), cookie },
		});
		const text = await res.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		return { status: res.status, body };
	};
}

/** A public-API key for the logged-in owner that may read executions (`rest` from restClient). */
async function createApiKey(rest, label) {
	const key = await rest('/rest/api-keys', {
		method: 'POST',
		body: JSON.stringify({ label, scopes: ['execution:read', 'execution:list'], expiresAt: null }),
	});
	const apiKey = key.body?.data?.rawApiKey ?? key.body?.data?.apiKey;
	if (!apiKey) throw new Error(`could not create an n8n API key: ${JSON.stringify(key.body)}`);
	return apiKey;
}

async function login(url, owner) {
	return restClient(url, await sessionCookie(url, owner));
}

module.exports = { PACKAGE, NODE_PREFIX, freePort, buildAndPack, installPackage, bcryptHash, n8nEnvironment, n8nCli, importCredentials, importWorkflows, executeWorkflow, startN8n, stopChild, ensureOwner, sessionCookie, restClient, createApiKey, login };
