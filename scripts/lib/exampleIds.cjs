// The example workflows ship with their avatar and template pickers empty: those ids belong to
// one account. Before importing, `npm start` and the end-to-end suite fill each empty pick with
// one of the account they run against (the emulator's or a real HeyGen account's), and say which
// node and field got what, so a user knows where to pick their own.
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

/** Picker parameters the examples leave empty, by parameter name. */
const PICKS = {
	avatar_id: { field: 'Avatar', pick: (account) => account.look },
	template_id: { field: 'Template', pick: (account, parameters) => templateFor(account.templates, parameters) },
};

async function getJson(heygen, path) {
	const response = await fetch(new URL(path, heygen.baseUrl), { headers: { 'x-api-key': heygen.apiKey, accept: 'application/json' } });
	const body = await response.json().catch(() => undefined);
	if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${body?.error?.message ?? 'no JSON error'}`);
	return body;
}

/**
 * What the examples need from the account: a studio avatar look (a stock one is enough) and its
 * templates with the names of their variables. Missing ones are reported, never invented.
 */
async function readAccount(heygen) {
	const looks = (await getJson(heygen, '/v3/avatars/looks?avatar_type=studio_avatar&limit=50')).data ?? [];
	const look = looks.find((candidate) => !candidate.status || candidate.status === 'completed') ?? looks[0];
	const summaries = (await getJson(heygen, '/v3/templates?limit=20')).data ?? [];
	const templates = [];
	for (const summary of summaries) {
		const detail = (await getJson(heygen, `/v3/templates/${encodeURIComponent(summary.id)}`)).data ?? {};
		templates.push({ id: summary.id, name: summary.name, variables: Object.keys(detail.variables ?? {}) });
	}
	return { look: look && { id: look.id, name: look.name }, templates };
}

/** The template whose variables cover most of what the example maps (the first one on a tie). */
function templateFor(templates, parameters) {
	const mapped = Object.keys(parameters.variables?.value ?? {});
	let best;
	let bestCovered = -1;
	for (const template of templates) {
		const covered = mapped.filter((name) => template.variables.includes(name)).length;
		if (covered > bestCovered) [best, bestCovered] = [template, covered];
	}
	return best;
}

/** Fills every empty pick of one workflow in place; returns what was filled and what could not be. */
function fillWorkflow(workflow, account) {
	const filled = [];
	const missing = [];
	const visit = (value, nodeName, parameters) => {
		if (!value || typeof value !== 'object') return;
		for (const [key, child] of Object.entries(value)) {
			const pick = PICKS[key];
			if (pick && child && typeof child === 'object' && child.__rl === true && !child.value) {
				const chosen = pick.pick(account, parameters);
				if (chosen) {
					Object.assign(child, { mode: 'list', value: chosen.id, cachedResultName: chosen.name });
					filled.push({ node: nodeName, field: pick.field, id: chosen.id, name: chosen.name });
				} else {
					missing.push({ node: nodeName, field: pick.field });
				}
				continue;
			}
			visit(child, nodeName, parameters);
		}
	};
	for (const node of workflow.nodes ?? []) visit(node.parameters, node.name, node.parameters ?? {});
	return { filled, missing };
}

/**
 * Reads the example files, fills their empty picks from the account and returns the workflows
 * with a line per filled or missing pick for the person who runs them.
 */
async function examplesForAccount(heygen, files) {
	const account = await readAccount(heygen);
	const workflows = [];
	const notes = [];
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(file, 'utf8'));
		const { filled, missing } = fillWorkflow(workflow, account);
		workflows.push({ file: basename(file), workflow });
		for (const pick of filled) notes.push(`${workflow.name}: node "${pick.node}", field ${pick.field} set to ${pick.name} (${pick.id}); pick your own there`);
		for (const pick of missing) notes.push(`${workflow.name}: node "${pick.node}", field ${pick.field} is empty (the account has none to offer); pick one before running`);
	}
	return { account, workflows, notes };
}

/**
 * Copies the example files of `sourceDir` into `targetDir` with their empty picks filled from the
 * account, and returns the copies' paths and the notes; the committed examples stay account-free.
 */
async function writeExamplesForAccount(heygen, sourceDir, targetDir) {
	const files = readdirSync(sourceDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => join(sourceDir, file));
	const { workflows, notes } = await examplesForAccount(heygen, files);
	mkdirSync(targetDir, { recursive: true });
	for (const { file, workflow } of workflows) writeFileSync(join(targetDir, file), JSON.stringify(workflow, null, 2));
	return { files: workflows.map(({ file }) => join(targetDir, file)), notes };
}

module.exports = { examplesForAccount, fillWorkflow, readAccount, templateFor, writeExamplesForAccount };
