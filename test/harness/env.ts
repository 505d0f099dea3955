/**
 * Process environment for the engine harness.
 *
 * This module MUST be imported before anything that loads `n8n-core`: n8n's config classes
 * (`@n8n/config`) read their `N8N_*` variables the first time they are resolved from the DI
 * container, and `InstanceSettings` creates `<N8N_USER_FOLDER>/.n8n/config` on first use.
 * Pointing the user folder at a fresh temp directory keeps the harness from touching `~/.n8n`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Root temp folder of this module instance (one per jest test file / module registry). */
export const HARNESS_TMP_ROOT = mkdtempSync(join(tmpdir(), 'n8n-engine-harness-'));

/** Where n8n-core's BinaryDataService (filesystem mode) stores binary data. */
export const HARNESS_BINARY_DIR = join(HARNESS_TMP_ROOT, 'binaryData');

function setDefault(name: string, value: string) {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

// Always isolate the n8n user folder (encryption key file, instance id) in our temp dir.
process.env.N8N_USER_FOLDER = HARNESS_TMP_ROOT;
// Keep n8n's logger quiet (it would otherwise print every node error it reports, including
// whatever a node put in its error's extra data). Set HARNESS_LOG_LEVEL=debug to see it.
process.env.N8N_LOG_LEVEL = process.env.HARNESS_LOG_LEVEL ?? 'silent';
setDefault('N8N_ENCRYPTION_KEY', 'engine-harness-encryption-key');
// Binary data: filesystem mode in our temp folder (also forced on BinaryDataConfig in engine.ts).
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = HARNESS_BINARY_DIR;
// Do not let n8n try to phone home / enforce file permissions in CI sandboxes.
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS', 'false');
