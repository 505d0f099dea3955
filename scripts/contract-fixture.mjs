// Derives the facts the contract test (test/contract/) checks the node's wire contract against,
// from HeyGen's own publications, into committed JSON so the test needs nothing outside the repository:
//   test/contract/heygen-openapi-facts.json  from HeyGen's published OpenAPI document (April 2026)
//   test/contract/heygen-cli-facts.json      from HeyGen's CLI (`gen/*.go`, generated from HeyGen's
//                                            newer OpenAPI file): what the April document lacks
// Usage: npm run contract:fixture [-- --openapi FILE] [--cli DIR] [--check]
//   --openapi FILE (or HEYGEN_OPENAPI): default ../shared/reference/heygen-openapi-2026-04.json
//   --cli DIR (or HEYGEN_CLI): a heygen-com/heygen-cli checkout or bare git directory
//   --check: regenerate in memory and fail if a committed fixture differs
// A source that is not on this machine is skipped and its committed fixture stays as it is.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'test', 'contract');
const OPENAPI_OUT = join(OUT_DIR, 'heygen-openapi-facts.json');
const CLI_OUT = join(OUT_DIR, 'heygen-cli-facts.json');
const DEFAULT_OPENAPI = resolve(ROOT, '..', 'shared', 'reference', 'heygen-openapi-2026-04.json');
/** Bumped when the fact format changes, so the test can refuse a fixture it cannot read. */
const FORMAT = 1;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function argument(name) {
	const at = process.argv.indexOf(name);
	return at > 0 ? process.argv[at + 1] : undefined;
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

// ---------------------------------------------------------------- schemas to shapes

/**
 * A JSON schema (OpenAPI 3.0 or 3.1 flavour) as a compact shape: type, required, nullable, const,
 * enum, bounds, default, object fields (closed when no other field is allowed, `values` for a map),
 * array items, and unions (keyed by the discriminator's value when there is one).
 * Descriptions, titles and examples are dropped.
 */
function shapeOf(schema, resolveRef, stack = []) {
	if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(stripNotes(schema)).length === 0)) {
		return { type: 'any' };
	}
	if (schema.$ref) {
		const name = schema.$ref.split('/').pop();
		if (stack.includes(name)) return { type: 'ref', ref: name };
		const target = shapeOf(resolveRef(schema.$ref), resolveRef, [...stack, name]);
		return schema.nullable ? { ...target, nullable: true } : target;
	}
	let nullable = schema.nullable === true;
	const alternatives = schema.anyOf ?? schema.oneOf;
	if (alternatives) {
		const nonNull = alternatives.filter((alt) => alt.type !== 'null');
		if (nonNull.length < alternatives.length) nullable = true;
		const shape =
			nonNull.length === 1 ? shapeOf(nonNull[0], resolveRef, stack) : unionOf(schema, nonNull, resolveRef, stack);
		return withExtras(shape, schema, nullable);
	}
	if (schema.allOf) {
		const parts = schema.allOf.map((part) => shapeOf(part, resolveRef, stack));
		const merged = parts.length === 1 ? parts[0] : mergeObjects(parts);
		const own = schema.properties ? objectOf(schema, resolveRef, stack) : undefined;
		return withExtras(own ? mergeObjects([merged, own]) : merged, schema, nullable);
	}
	let type = schema.type;
	if (Array.isArray(type)) {
		if (type.includes('null')) nullable = true;
		type = type.filter((t) => t !== 'null');
		if (type.length > 1) {
			return withExtras({ type: 'union', variants: type.map((t) => shapeOf({ ...schema, type: t }, resolveRef, stack)) }, {}, nullable);
		}
		type = type[0];
	}
	if (schema.const !== undefined) type ??= kindOfValue(schema.const);
	if (schema.enum) type ??= kindOfValue(schema.enum.find((v) => v !== null));
	if (!type && (schema.properties || schema.additionalProperties !== undefined)) type = 'object';
	if (!type && schema.items) type = 'array';
	let shape;
	if (type === 'object') shape = objectOf(schema, resolveRef, stack);
	else if (type === 'array') shape = { type: 'array', items: shapeOf(schema.items, resolveRef, stack) };
	else shape = { type: type ?? 'any' };
	return withExtras(shape, schema, nullable);
}

function stripNotes(schema) {
	const { description, title, examples, example, deprecated, ...rest } = schema;
	return rest;
}

function kindOfValue(value) {
	if (typeof value === 'string') return 'string';
	if (typeof value === 'boolean') return 'boolean';
	if (Number.isInteger(value)) return 'integer';
	if (typeof value === 'number') return 'number';
	return undefined;
}

function objectOf(schema, resolveRef, stack) {
	const required = new Set(schema.required ?? []);
	const fields = {};
	for (const name of Object.keys(schema.properties ?? {}).sort()) {
		const field = shapeOf(schema.properties[name], resolveRef, stack);
		fields[name] = required.has(name) ? { required: true, ...field } : field;
	}
	const shape = { type: 'object', fields };
	if (schema.additionalProperties === false) shape.closed = true;
	else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
		shape.values = shapeOf(schema.additionalProperties, resolveRef, stack);
	}
	return shape;
}

function mergeObjects(parts) {
	const fields = {};
	let closed = false;
	for (const part of parts) {
		if (part.type !== 'object') return { type: 'union', variants: parts };
		Object.assign(fields, part.fields);
		closed ||= part.closed === true;
	}
	const sorted = Object.fromEntries(Object.keys(fields).sort().map((name) => [name, fields[name]]));
	return closed ? { type: 'object', fields: sorted, closed: true } : { type: 'object', fields: sorted };
}

/**
 * The value a union variant takes on its discriminator: a const, a one-value enum, or (where a
 * converted schema lost its consts, as the CLI's did) the value its description says it must be.
 */
function tagOf(variant, property, raw) {
	const field = variant.type === 'object' ? variant.fields?.[property] : undefined;
	if (field?.const !== undefined) return String(field.const);
	if (field?.enum?.length === 1) return String(field.enum[0]);
	const said = raw?.properties?.[property]?.description?.match(/\bMust be ['"`]([^'"`]+)['"`]/);
	return said?.[1];
}

function unionOf(schema, alternatives, resolveRef, stack) {
	const variants = alternatives.map((alt) => shapeOf(alt, resolveRef, stack));
	const raws = alternatives.map((alt) => (alt.$ref ? resolveRef(alt.$ref) : alt));
	const tagsBy = (property) => variants.map((variant, index) => tagOf(variant, property, raws[index]));
	let property = schema.discriminator?.propertyName;
	if (!property && variants.every((v) => v.type === 'object')) {
		// No declared discriminator: a property every variant pins to its own single value serves.
		property = Object.keys(variants[0].fields ?? {}).find((name) => {
			const tags = tagsBy(name);
			return tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length;
		});
	}
	if (property) {
		const byRef = Object.fromEntries(Object.entries(schema.discriminator?.mapping ?? {}).map(([tag, ref]) => [ref, tag]));
		const tags = tagsBy(property).map((tag, index) => tag ?? byRef[alternatives[index].$ref]);
		if (tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length) {
			const keyed = {};
			tags.forEach((tag, index) => {
				const variant = variants[index];
				const field = variant.fields?.[property];
				// Pin the discriminator in the variant, so every source reads the same.
				keyed[tag] = field && field.const === undefined ? { ...variant, fields: { ...variant.fields, [property]: { ...field, const: tag } } } : variant;
			});
			const sorted = Object.fromEntries(Object.keys(keyed).sort().map((tag) => [tag, keyed[tag]]));
			return { type: 'union', discriminator: property, variants: sorted };
		}
		// The values are known (the mapping) but not which variant takes which: keep both, unpaired.
		const mapped = Object.keys(schema.discriminator?.mapping ?? {}).sort();
		if (mapped.length) return { type: 'union', discriminator: property, tags: mapped, variants };
	}
	return { type: 'union', variants };
}

const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'];

/** Adds nullable, const, enum, format, bounds and a plain default, in a fixed key order. */
function withExtras(shape, schema, nullable) {
	const { type, ...rest } = shape;
	const out = { type };
	if (rest.required) out.required = true;
	if (nullable || rest.nullable) out.nullable = true;
	if (schema.const !== undefined) out.const = schema.const;
	if (schema.enum) {
		const values = schema.enum.filter((v) => v !== null);
		if (values.length < schema.enum.length) out.nullable = true;
		out.enum = values;
	}
	if (schema.format && type !== 'object' && type !== 'array') out.format = schema.format;
	for (const bound of BOUNDS) if (typeof schema[bound] === 'number') out[bound] = schema[bound];
	if (schema.default !== undefined && schema.default !== null && typeof schema.default !== 'object') out.default = schema.default;
	const { required, nullable: _n, ...structure } = rest;
	return { ...out, ...structure };
}

// ---------------------------------------------------------------- the OpenAPI document

function parameterField(parameter, resolveRef) {
	const shape = shapeOf(parameter.schema ?? {}, resolveRef);
	return parameter.required ? { required: true, ...shape } : shape;
}

/** `data` of the first 2xx JSON answer, and whether it is a list page (`has_more`, `next_token`). */
function responseOf(responses, toShape) {
	const status = Object.keys(responses ?? {}).find((code) => /^2\d\d$/.test(code));
	if (!status) return undefined;
	const json = responses[status].content?.['application/json']?.schema;
	if (!json) return { status, envelope: 'none' };
	const whole = toShape(json);
	if (whole.type === 'object' && whole.fields?.data) {
		const { required, ...data } = whole.fields.data;
		return { status, envelope: whole.fields.has_more ? 'list' : 'data', data };
	}
	return { status, envelope: 'other', data: whole };
}

function bodyOf(requestBody, toShape) {
	if (!requestBody?.content) return undefined;
	const [contentType, media] = Object.entries(requestBody.content)[0];
	const body = { contentType, schema: toShape(media.schema ?? {}) };
	return requestBody.required ? { required: true, ...body } : body;
}

const pathParamsOf = (path) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

function openApiFacts(file) {
	const raw = readFileSync(file);
	const document = JSON.parse(raw.toString('utf8'));
	const resolveRef = (ref) => ref.replace(/^#\//, '').split('/').reduce((node, key) => node?.[key], document);
	const toShape = (schema) => shapeOf(schema, resolveRef);
	const apiKey = Object.values(document.components?.securitySchemes ?? {}).find((s) => s.type === 'apiKey');
	const operations = {};
	for (const path of Object.keys(document.paths).sort()) {
		for (const method of METHODS) {
			const operation = document.paths[path][method];
			if (!operation) continue;
			const parameters = [...(document.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((p) => (p.$ref ? resolveRef(p.$ref) : p));
			const query = Object.fromEntries(
				parameters.filter((p) => p.in === 'query').sort((a, b) => a.name.localeCompare(b.name)).map((p) => [p.name, parameterField(p, resolveRef)]),
			);
			const headers = parameters.filter((p) => p.in === 'header').map((p) => p.name).sort();
			const facts = { operationId: operation.operationId, pathParams: pathParamsOf(path) };
			if (Object.keys(query).length) facts.query = query;
			if (headers.length) facts.headers = headers;
			const body = bodyOf(operation.requestBody, toShape);
			if (body) facts.body = body;
			const response = responseOf(operation.responses, toShape);
			if (response) facts.response = response;
			operations[`${method.toUpperCase()} ${path}`] = facts;
		}
	}
	return {
		format: FORMAT,
		note: 'Generated by scripts/contract-fixture.mjs (npm run contract:fixture); do not edit by hand.',
		source: {
			kind: 'openapi',
			title: document.info?.title,
			version: document.info?.version,
			openapi: document.openapi,
			file: basename(file),
			sha256: sha256(raw),
			license: 'Apache-2.0',
		},
		auth: apiKey ? { apiKeyHeader: apiKey.name } : {},
		operations,
	};
}

// ---------------------------------------------------------------- HeyGen's CLI

/** The CLI's generated Go files, read from a checkout or from a bare git directory. */
function cliFiles(dir) {
	if (existsSync(join(dir, 'gen')) && statSync(join(dir, 'gen')).isDirectory()) {
		const files = readdirSync(join(dir, 'gen')).filter((name) => name.endsWith('.go')).sort();
		let commit;
		try {
			commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		} catch {
			commit = undefined;
		}
		return { commit, files: files.map((name) => ({ path: `gen/${name}`, text: readFileSync(join(dir, 'gen', name), 'utf8') })) };
	}
	const git = (...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	const commit = git('rev-parse', 'HEAD').trim();
	const names = git('ls-tree', '--name-only', 'HEAD', 'gen/').split('\n').filter((name) => name.endsWith('.go')).sort();
	return { commit, files: names.map((path) => ({ path, text: git('show', `HEAD:${path}`) })) };
}

/** A Go interpreted string literal's value (its escapes are JSON's, plus a few JSON lacks). */
function goString(literal) {
	const body = literal.slice(1, -1).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\([abfv'])/g, (_, c) => (c === "'" ? "'" : `\\u000${'abfv'.indexOf(c) + 7}`));
	return JSON.parse(`"${body}"`);
}

const stringField = (block, name) => {
	const match = block.match(new RegExp(`\\b${name}:\\s*("(?:[^"\\\\]|\\\\.)*")`));
	return match ? goString(match[1]) : undefined;
};

const FLAG_TYPES = { string: 'string', int: 'integer', float64: 'number', bool: 'boolean' };

/** A query flag of a command spec as a field shape. */
function flagField(flag) {
	const type = stringField(flag, 'Type');
	const shape = type === 'string-slice' ? { type: 'array', items: { type: 'string' } } : { type: FLAG_TYPES[type] ?? 'any' };
	const enumMatch = flag.match(/Enum:\s*\[\]string\{([^}]*)\}/);
	if (enumMatch) shape.enum = [...enumMatch[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => goString(`"${m[1]}"`));
	for (const [key, bound] of [['Min', 'minimum'], ['Max', 'maximum']]) {
		const match = flag.match(new RegExp(`${key}:\\s*\\w+Ptr\\(([-\\d.]+)\\)`));
		if (match) shape[bound] = Number(match[1]);
	}
	const fallback = stringField(flag, 'Default');
	if (fallback !== undefined && fallback !== '') {
		shape.default = shape.type === 'integer' || shape.type === 'number' ? Number(fallback) : shape.type === 'boolean' ? fallback === 'true' : fallback;
	}
	return /Required:\s*true/.test(flag) ? { required: true, ...shape } : shape;
}

function cliFacts(dir) {
	const { commit, files } = cliFiles(dir);
	const toShape = (schema) => shapeOf(schema, () => ({}));
	const operations = {};
	for (const file of files) {
		// One `var Name = &command.Spec{ ... }` per command; each ends at a line holding only `}`.
		for (const match of file.text.matchAll(/^var (\w+) = &command\.Spec\{\n([\s\S]*?)\n\}$/gm)) {
			const [, name, block] = match;
			const method = stringField(block, 'Method');
			const path = stringField(block, 'Endpoint');
			if (!method || !path) continue;
			// gofmt puts each flag of `Flags: []command.FlagSpec{` between a `\t\t{` line and a `\t\t},` line.
			const flags = [...block.matchAll(/^\t\t\{\n([\s\S]*?)\n\t\t\},?$/gm)].map((m) => m[1]).filter((f) => /JSONName:/.test(f));
			const query = Object.fromEntries(
				flags
					.filter((f) => stringField(f, 'Source') === 'query')
					.map((f) => [stringField(f, 'JSONName'), flagField(f)])
					.sort(([a], [b]) => a.localeCompare(b)),
			);
			const facts = { source: `${file.path} ${name}`, pathParams: pathParamsOf(path) };
			if (Object.keys(query).length) facts.query = query;
			const encoding = stringField(block, 'BodyEncoding');
			const requestSchema = stringField(block, 'RequestSchema');
			if (encoding === 'multipart') {
				const fileFlag = flags.find((f) => stringField(f, 'Source') === 'file');
				const field = fileFlag ? stringField(fileFlag, 'JSONName') : 'file';
				facts.body = {
					required: true,
					contentType: 'multipart/form-data',
					schema: { type: 'object', fields: { [field]: { required: true, type: 'string', format: 'binary' } } },
				};
			} else if (requestSchema) {
				facts.body = { contentType: 'application/json', schema: toShape(JSON.parse(requestSchema)) };
			}
			const responseSchema = stringField(block, 'ResponseSchema');
			if (responseSchema) {
				const whole = toShape(JSON.parse(responseSchema));
				if (whole.type === 'object' && whole.fields?.data) {
					const { required, ...data } = whole.fields.data;
					facts.response = { envelope: whole.fields.has_more ? 'list' : 'data', data };
				} else facts.response = { envelope: 'other', data: whole };
			}
			operations[`${method} ${path}`] = facts;
		}
	}
	const sorted = Object.fromEntries(Object.keys(operations).sort(byPathThenMethod).map((key) => [key, operations[key]]));
	return {
		format: FORMAT,
		note: 'Generated by scripts/contract-fixture.mjs (npm run contract:fixture -- --cli DIR); do not edit by hand.',
		source: {
			kind: 'cli',
			repository: 'heygen-com/heygen-cli',
			commit,
			files: 'gen/*.go (command specs generated from HeyGen\'s OpenAPI file, "HeyGen External API")',
			sha256: sha256(files.map((f) => f.text).join('\n')),
			license: 'Apache-2.0',
		},
		operations: sorted,
	};
}

function byPathThenMethod(a, b) {
	const [ma, pa] = a.split(' ');
	const [mb, pb] = b.split(' ');
	return pa === pb ? ma.localeCompare(mb) : pa.localeCompare(pb);
}

// ---------------------------------------------------------------- output

/** JSON with one line per small node, so a fixture diff shows what changed and where. */
function format(value, indent = '') {
	const flat = JSON.stringify(value);
	if (flat === undefined) return 'null';
	if (typeof value !== 'object' || value === null || flat.length + indent.length <= 110) return flat;
	const inner = `${indent}\t`;
	if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value).map(([key, v]) => `${inner}${JSON.stringify(key)}: ${format(v, inner)}`);
	return `{\n${entries.join(',\n')}\n${indent}}`;
}

const check = process.argv.includes('--check');
let failed = false;

function emit(label, outFile, facts) {
	const text = `${format(facts)}\n`;
	const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : undefined;
	const relative = outFile.slice(ROOT.length + 1);
	if (check) {
		if (current !== text) {
			console.log(`${relative} differs from what ${label} gives: run npm run contract:fixture and commit it`);
			failed = true;
		} else console.log(`${relative}: up to date (${Object.keys(facts.operations).length} operations)`);
		return;
	}
	writeFileSync(outFile, text);
	console.log(`${relative}: ${Object.keys(facts.operations).length} operations from ${label}${current === text ? ' (unchanged)' : ''}`);
}

const openapiFile = resolve(argument('--openapi') ?? process.env.HEYGEN_OPENAPI ?? DEFAULT_OPENAPI);
if (existsSync(openapiFile)) emit(basename(openapiFile), OPENAPI_OUT, openApiFacts(openapiFile));
else console.log(`${openapiFile} is not here: heygen-openapi-facts.json stays as committed`);

const cliDir = argument('--cli') ?? process.env.HEYGEN_CLI;
if (cliDir && existsSync(cliDir)) emit(`heygen-cli at ${cliDir}`, CLI_OUT, cliFacts(resolve(cliDir)));
else console.log(`no HeyGen CLI source given (--cli DIR or HEYGEN_CLI): heygen-cli-facts.json stays as committed`);

if (failed) process.exit(1);
