import { HeyGenApi } from '../../credentials/HeyGenApi.credentials';
import { ENDPOINTS, type Endpoint } from '../../nodes/HeyGen/schemas/endpoints';
import { ALLOWANCES, DOCUMENTED_ELSEWHERE, NEWER_SPEC, type Allowance } from './allowances';
import type { Mismatch } from './compare';
import { APRIL_DOCUMENT, AUTH, CLI_SPEC, checkEndpoint, FACT_FORMAT, operationIn, type FactSource, type OperationFacts } from './facts';

const ENTRIES = Object.entries(ENDPOINTS) as Array<[string, Endpoint]>;
const HOW_TO_FIX =
	'Fix the schema in nodes/HeyGen/schemas/ where the document is right; where a newer HeyGen source says otherwise, add an allowance naming it to test/contract/allowances.ts.';

const describeMismatch = (m: Mismatch) => `  ${m.at} (${m.kind}): ${m.detail}`;
const allows = (allowance: Allowance, key: string, m: Mismatch) => allowance.endpoint === key && allowance.kind === m.kind && allowance.at.includes(m.at);

interface Judgement {
	/** The source the endpoint was checked against: the April document where it has the operation. */
	source?: FactSource;
	facts?: OperationFacts;
	mismatches: Mismatch[];
}

function judge(endpoint: Endpoint): Judgement {
	for (const source of [APRIL_DOCUMENT, CLI_SPEC]) {
		const facts = operationIn(source, endpoint.method, endpoint.path);
		if (facts) return { source, facts, mismatches: checkEndpoint(endpoint, facts) };
	}
	return { mismatches: [] };
}

const JUDGEMENTS = new Map(ENTRIES.map(([key, endpoint]) => [key, judge(endpoint)]));

describe("HeyGen's facts (test/contract/*-facts.json)", () => {
	it.each([APRIL_DOCUMENT, CLI_SPEC])('$name: in the format this test reads, from a named, hashed source', (facts) => {
		expect(facts.format).toBe(FACT_FORMAT);
		expect(facts.source.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(Object.keys(facts.operations).length).toBeGreaterThan(40);
		for (const [key, operation] of Object.entries(facts.operations)) {
			expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/v\d\//);
			expect(operation.pathParams).toEqual([...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
		}
	});

	it('the April document is the published one, and the newer facts come from a fixed commit', () => {
		expect(APRIL_DOCUMENT.source).toMatchObject({ kind: 'openapi', title: 'HeyGen External API', file: 'heygen-openapi-2026-04.json' });
		expect(CLI_SPEC.source).toMatchObject({ kind: 'cli', repository: 'heygen-com/heygen-cli' });
		expect(CLI_SPEC.source.commit).toMatch(/^[0-9a-f]{40}$/);
	});

	it('the credential sends the API key in the header the document names', async () => {
		const signed = await new HeyGenApi().authenticate({ apiKey: 'k' }, { url: '/v3/users/me', headers: {} });
		const headers = (signed.headers ?? {}) as Record<string, string>;
		expect(Object.keys(headers).map((name) => name.toLowerCase())).toEqual([AUTH.apiKeyHeader?.toLowerCase()]);
	});
});

describe('every endpoint the node calls, against HeyGen\'s documents', () => {
	const cases = ENTRIES.map(([key, endpoint]) => {
		const { source, facts } = JUDGEMENTS.get(key) as Judgement;
		const against = source ? `${source.name}${facts?.source ? `, ${facts.source}` : ''}` : 'DOCUMENTED_ELSEWHERE only';
		return [`${key}: ${endpoint.method} ${endpoint.path}, against ${against}`, key, endpoint] as const;
	});

	it.each(cases)('%s', (_label, key, endpoint) => {
		const { source, facts, mismatches } = JUDGEMENTS.get(key) as Judgement;
		const where = `${key} (${endpoint.method} ${endpoint.path})`;
		if (!source || !facts) {
			// Neither document has it: it must be listed with where HeyGen documents it.
			const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => operationIn(APRIL_DOCUMENT, m, endpoint.path) || operationIn(CLI_SPEC, m, endpoint.path));
			const report = DOCUMENTED_ELSEWHERE[key]?.source.trim()
				? ''
				: [
						`${where} is in neither ${APRIL_DOCUMENT.name} nor ${CLI_SPEC.name}${methods.length ? ` (they have ${methods.join(', ')} on this path)` : ''}.`,
						'Check the method and path; regenerate the newer facts from a newer HeyGen CLI (npm run contract:fixture -- --cli DIR); or list it in DOCUMENTED_ELSEWHERE (test/contract/allowances.ts) with where HeyGen documents it.',
					].join('\n');
			expect(report).toBe('');
			return;
		}
		const unexplained = mismatches.filter((m) => !ALLOWANCES.some((a) => allows(a, key, m)));
		const report = unexplained.length
			? [`${where} departs from ${source.name}${facts.source ? ` (${facts.source})` : ''}:`, ...unexplained.map(describeMismatch), HOW_TO_FIX].join('\n')
			: '';
		expect(report).toBe('');
	});
});

describe('the allowances (test/contract/allowances.ts)', () => {
	it('none is stale: each still matches a mismatch at every place it lists, and each endpoint listed as documented elsewhere is still in neither fact file', () => {
		const stale: string[] = [];
		for (const allowance of ALLOWANCES) {
			const found = JUDGEMENTS.get(allowance.endpoint)?.mismatches ?? [];
			for (const at of allowance.at) {
				if (!found.some((m) => m.kind === allowance.kind && m.at === at)) stale.push(`${allowance.endpoint} ${at} (${allowance.kind})`);
			}
		}
		for (const key of Object.keys(DOCUMENTED_ELSEWHERE)) {
			const judged = JUDGEMENTS.get(key);
			if (!judged) stale.push(`${key}: not an endpoint of the table`);
			else if (judged.source) stale.push(`${key}: ${judged.source.name} has it now; remove it from DOCUMENTED_ELSEWHERE`);
		}
		expect(stale).toEqual([]);
	});

	it(`each that cites ${NEWER_SPEC} is borne out by it: the node meets the newer spec at those places`, () => {
		const contradicted: string[] = [];
		for (const allowance of ALLOWANCES.filter((a) => a.source === NEWER_SPEC)) {
			const endpoint = ENDPOINTS[allowance.endpoint as keyof typeof ENDPOINTS] as Endpoint;
			const judged = JUDGEMENTS.get(allowance.endpoint);
			const newer = operationIn(CLI_SPEC, endpoint.method, endpoint.path);
			if (!newer || judged?.source !== APRIL_DOCUMENT) {
				contradicted.push(`${allowance.endpoint}: only an endpoint checked against the April document can cite the newer spec`);
				continue;
			}
			const there = checkEndpoint(endpoint, newer).filter((m) => allowance.at.some((at) => m.at === at || m.at.startsWith(`${at}.`) || m.at.startsWith(`${at}[`)));
			contradicted.push(...there.map((m) => `${allowance.endpoint} ${m.at} (${m.kind}): ${m.detail}`));
		}
		expect(contradicted).toEqual([]);
	});

	it('each has a source and a reason', () => {
		for (const allowance of ALLOWANCES) {
			expect(allowance.source.trim().length).toBeGreaterThan(5);
			expect(allowance.why.trim().length).toBeGreaterThan(20);
		}
	});

});
