'use strict';
// Runs n8n in queue mode for the queue-mode suite, from Debian's packages: a private PostgreSQL
// and a private Redis on free loopback ports with their own data folders, then n8n main, workers
// and a webhook process, each with the packed package installed as a community package.
// stop() ends exactly what was started here, also after a start that failed half-way.
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { connect } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { aptInstall, canUseApt } = require('./apt.cjs');
const harness = require('./n8n.cjs');

const REDIS_SERVER = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';
// Debian installs each PostgreSQL major version's programs here, off PATH.
const POSTGRES_VERSIONS_DIR = '/usr/lib/postgresql';
const START_TIMEOUT_MS = 180_000;

/** Processes started here and still running: killed if the runner exits without stopping them. */
const running = new Set();
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/** The newest Debian PostgreSQL's bin folder (or POSTGRES_BIN_DIR), or undefined when none is installed. */
function postgresBinDir() {
	if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
	if (!existsSync(POSTGRES_VERSIONS_DIR)) return undefined;
	const versions = readdirSync(POSTGRES_VERSIONS_DIR)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_VERSIONS_DIR, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(POSTGRES_VERSIONS_DIR, versions[0], 'bin') : undefined;
}

/** PostgreSQL and Redis from Debian's packages, installed with apt-get when missing (as root). */
function ensureQueueServices() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!existsSync(REDIS_SERVER)) missing.push('redis-server');
	if (missing.length > 0) {
		if (!canUseApt()) {
			throw new Error(`n8n's queue mode needs Debian's ${missing.join(' and ')}: install them, or run as root so the harness installs them`);
		}
		aptInstall(missing);
	}
	const pgBin = postgresBinDir();
	if (!pgBin || !existsSync(REDIS_SERVER)) throw new Error(`after apt-get, PostgreSQL (${pgBin}) or Redis (${REDIS_SERVER}) is still missing`);
	return { pgBin, redisServer: REDIS_SERVER };
}

/** PostgreSQL refuses to run as root: then its programs run as Debian's `postgres` account. */
function postgresAccount() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const uid = id('-u');
	const gid = id('-g');
	if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no "postgres" account to run PostgreSQL as');
	return { uid, gid };
}

const secret = () => randomBytes(18).toString('base64url');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Undo steps, run last-in first-out; every step runs even when an earlier one fails. */
function createCleanup() {
	const steps = [];
	return {
		add(label, step) {
			steps.push({ label, step });
		},
		async run() {
			const failures = [];
			while (steps.length > 0) {
				const { label, step } = steps.pop();
				try {
					await step();
				} catch (error) {
					failures.push(`${label}: ${error.message}`);
				}
			}
			if (failures.length > 0) throw new Error(`stopping the queue-mode set-up failed:\n${failures.join('\n')}`);
		},
	};
}

/** Spawns a process whose output goes to `logFile`, tracked until it exits. */
function spawnLogged(name, command, args, { logFile, ...options }) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	running.add(child);
	const tail = [];
	const proc = { name, child, logFile, error: undefined, tail: () => tail.join('') };
	child.once('exit', () => running.delete(child));
	child.once('error', (error) => {
		proc.error = error;
		running.delete(child);
	});
	const collect = (chunk) => {
		const text = chunk.toString();
		tail.push(text);
		if (tail.length > 300) tail.splice(0, 100);
		if (logFile) appendFileSync(logFile, text);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	return proc;
}

/** Resolves once `probe` answers true; rejects when the process exits first or time runs out. */
async function waitUntilReady(proc, what, probe, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.error) throw new Error(`${what} did not start: ${proc.error.message}`);
		if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
			throw new Error(`${what} exited (${proc.child.exitCode ?? proc.child.signalCode}) while starting:\n${proc.tail().slice(-6000)}`);
		}
		if (await probe()) return;
		await pause(250);
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${proc.tail().slice(-6000)}`);
}

function runOrThrow(command, args, options) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error?.message}):\n${result.stderr}\n${result.stdout}`.slice(0, 6000));
	}
	return result.stdout;
}

/** Runs SQL in the n8n database through psql; answers the rows, columns split on tabs. */
function queryPostgres(postgres, sql) {
	const output = runOrThrow(
		join(postgres.binDir, 'psql'),
		['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', postgres.host, '-p', String(postgres.port), '-U', postgres.user, '-d', postgres.database, '-c', sql],
		{ env: { ...process.env, PGPASSWORD: postgres.password } },
	);
	return output
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => line.split('\t'));
}

/**
 * A private PostgreSQL: initdb into a fresh folder, the server on a free loopback port without a
 * Unix socket, durability off (a throwaway database), and a database owned by an `n8n` role.
 */
async function startPostgres(cleanup, { pgBin, logFile }) {
	const dir = mkdtempSync(join(tmpdir(), 'heygen-queue-pg-'));
	cleanup.add('remove the PostgreSQL folder', () => rmSync(dir, { recursive: true, force: true }));
	const account = postgresAccount();
	if (account.uid !== undefined) chownSync(dir, account.uid, account.gid);
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
	const superuser = { user: 'postgres', password: secret() };
	const passwordFile = join(dir, 'superuser-password');
	writeFileSync(passwordFile, `${superuser.password}\n`, { mode: 0o600 });
	if (account.uid !== undefined) chownSync(passwordFile, account.uid, account.gid);
	const dataDir = join(dir, 'data');
	runOrThrow(
		join(pgBin, 'initdb'),
		['-D', dataDir, '-U', superuser.user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
		{ env, cwd: dir, ...account },
	);
	rmSync(passwordFile);

	const port = await harness.freePort();
	const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
	const server = spawnLogged('postgres', join(pgBin, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
		env,
		cwd: dir,
		logFile,
		...account,
	});
	// SIGINT is PostgreSQL's fast shutdown: sessions are ended, then the server stops.
	cleanup.add('stop PostgreSQL', () => harness.stopChild(server.child, { signal: 'SIGINT', graceMs: 20_000 }));
	const isReady = join(pgBin, 'pg_isready');
	await waitUntilReady(server, `PostgreSQL on port ${port}`, async () => spawnSync(isReady, ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0, 60_000);

	const postgres = { binDir: pgBin, host: '127.0.0.1', port, database: 'n8n', user: 'n8n', password: secret() };
	const admin = { ...postgres, user: superuser.user, password: superuser.password, database: 'postgres' };
	queryPostgres(admin, `CREATE ROLE ${postgres.user} LOGIN PASSWORD '${postgres.password}'`);
	queryPostgres(admin, `CREATE DATABASE ${postgres.database} OWNER ${postgres.user}`);
	return postgres;
}

/** Whether a Redis answers PING on this port. */
function redisAnswers(port) {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (answer) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

/** A private Redis on a free loopback port that never writes to disk. */
async function startRedis(cleanup, { redisServer, logFile }) {
	const dir = mkdtempSync(join(tmpdir(), 'heygen-queue-redis-'));
	cleanup.add('remove the Redis folder', () => rmSync(dir, { recursive: true, force: true }));
	const port = await harness.freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
	const server = spawnLogged('redis', redisServer, args, { cwd: dir, logFile });
	cleanup.add('stop Redis', () => harness.stopChild(server.child, { signal: 'SIGTERM', graceMs: 10_000 }));
	await waitUntilReady(server, `Redis on port ${port}`, () => redisAnswers(port), 30_000);
	return { host: '127.0.0.1', port };
}

async function httpReady(url) {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

/**
 * What every n8n process of the set-up shares: queue mode on this Redis, this PostgreSQL, binary
 * data in the database, one encryption key, and the public URLs of main and the webhook process.
 */
function queueEnvironment(n8n, { userFolder, port, brokerPort, owner, postgres, redis, mainUrl, webhookUrl, extra = {} }) {
	return harness.n8nEnvironment(n8n, {
		userFolder,
		port,
		brokerPort,
		owner,
		extra: {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			// Queue mode's default, set so the suite never depends on it: files shared by all processes.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			N8N_EDITOR_BASE_URL: `${mainUrl}/`,
			// Production webhook URLs (and resume URLs) point at the webhook process.
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
			// Runs from the editor or REST API go through the queue to a worker too (n8n 3's default).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// The suite reads the logs: which process queued and ran each execution, and that no secret shows.
			N8N_LOG_LEVEL: 'debug',
			...extra,
		},
	});
}

/**
 * Starts PostgreSQL, Redis and n8n in queue mode: main (`n8n start`, production webhooks off),
 * `workers` workers (`n8n worker`) and one webhook process (`n8n webhook`). Each n8n process has
 * its own user folder with the package installed (n8n keeps a crash journal per user folder, so
 * processes sharing one would each report the others as a crash and wait 10 s). Credentials and
 * workflows are imported into PostgreSQL before any process starts.
 */
async function startQueueStack({ n8n, tarball, owner, credentials = [], workflowFiles = [], workers = 2, logDir }) {
	const cleanup = createCleanup();
	const timings = {};
	let mark = Date.now();
	const lap = (label) => {
		timings[label] = Date.now() - mark;
		mark = Date.now();
	};
	try {
		rmSync(logDir, { recursive: true, force: true });
		mkdirSync(logDir, { recursive: true });
		const logFile = (name) => join(logDir, `${name}.log`);
		const services = ensureQueueServices();
		lap('install');
		const postgres = await startPostgres(cleanup, { pgBin: services.pgBin, logFile: logFile('postgres') });
		const redis = await startRedis(cleanup, { redisServer: services.redisServer, logFile: logFile('redis') });
		lap('databases');

		const mainPort = await harness.freePort();
		const webhookPort = await harness.freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const foldersRoot = mkdtempSync(join(tmpdir(), 'heygen-queue-n8n-'));
		cleanup.add('remove the n8n user folders', () => rmSync(foldersRoot, { recursive: true, force: true }));
		const processEnv = async (name, port, extra) => {
			const userFolder = join(foldersRoot, name);
			mkdirSync(userFolder);
			harness.installPackage(userFolder, tarball);
			const brokerPort = await harness.freePort();
			return queueEnvironment(n8n, { userFolder, port, brokerPort, owner, postgres, redis, mainUrl, webhookUrl, extra });
		};
		const specs = [
			{
				name: 'main',
				command: 'start',
				env: await processEnv('main', mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
				readyUrl: `${mainUrl}/healthz/readiness`,
			},
		];
		for (let i = 1; i <= workers; i++) {
			const healthPort = await harness.freePort();
			specs.push({
				name: `worker-${i}`,
				command: 'worker',
				env: await processEnv(`worker-${i}`, healthPort, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
			});
		}
		specs.push({ name: 'webhook', command: 'webhook', env: await processEnv('webhook', webhookPort), readyUrl: `${webhookUrl}/healthz/readiness` });

		// The first CLI run on the new database creates n8n's tables.
		const mainEnv = specs[0].env;
		if (credentials.length > 0) harness.importCredentials(n8n, mainEnv, credentials);
		if (workflowFiles.length > 0) harness.importWorkflows(n8n, mainEnv, workflowFiles);
		lap('import');

		const processes = new Map();
		cleanup.add('stop the n8n processes', () => Promise.all([...processes.values()].map((proc) => harness.stopChild(proc.child))));
		const start = async (spec) => {
			const proc = spawnLogged(spec.name, n8n.node.nodeBin, [n8n.n8nBin, spec.command], { env: spec.env, logFile: logFile(spec.name) });
			processes.set(spec.name, proc);
			await waitUntilReady(proc, `n8n ${spec.name}`, () => httpReady(spec.readyUrl), START_TIMEOUT_MS);
		};
		await Promise.all(specs.map(start));
		lap('n8n');

		return {
			mainUrl,
			webhookUrl,
			postgres,
			redis,
			timings,
			processes: specs.map((spec) => ({
				name: spec.name,
				command: spec.command,
				logFile: logFile(spec.name),
				readyUrl: spec.readyUrl,
				userFolder: spec.env.N8N_USER_FOLDER,
			})),
			mainEnv,
			/** The running n8n processes' ids (for memory readings). */
			pids: () => [...processes.values()].map((proc) => proc.child.pid).filter((pid) => pid !== undefined),
			/** Stops one n8n process and starts it again with the same environment, as an operator would. */
			async restart(name) {
				const spec = specs.find((candidate) => candidate.name === name);
				if (!spec) throw new Error(`no n8n process named ${name}`);
				await harness.stopChild(processes.get(name).child);
				await start(spec);
			},
			stop: () => cleanup.run(),
		};
	} catch (error) {
		await cleanup.run().catch((stopError) => console.error(`[queue] ${stopError.message}`));
		throw error;
	}
}

if (require.main === module) {
	const { pgBin, redisServer } = ensureQueueServices();
	console.log(`[setup] PostgreSQL: ${pgBin}, Redis: ${redisServer}`);
}

module.exports = { ensureQueueServices, postgresBinDir, queryPostgres, startQueueStack };
