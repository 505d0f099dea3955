import type { INode } from 'n8n-workflow';

import {
	explainFailure,
	heyGenErrorOf,
	HeyGenApiError,
	outcomeUnknownError,
	parseFailure,
	parseRetryAfter,
	redact,
	renderFailedError,
	toNodeApiError,
	waitTimedOutError,
} from '../../nodes/HeyGen/transport/errors';

const node: INode = {
	id: 'node-1',
	name: 'HeyGen',
	type: 'n8n-nodes-heygen-video.heyGen',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const errorBody = (code: string, message: string, param: string | null = null) => ({
	error: { code, message, param, doc_url: `https://developers.heygen.com/docs/error-codes#${code}` },
});

describe('parseRetryAfter', () => {
	it('reads delta seconds', () => {
		expect(parseRetryAfter('7')).toBe(7000);
		expect(parseRetryAfter(['2'])).toBe(2000);
		expect(parseRetryAfter('1.5')).toBe(1500);
	});
	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
	});
	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('parseFailure', () => {
	it('reads the v3 error envelope, Retry-After and the request id', () => {
		const failure = parseFailure(429, { 'Retry-After': '3', 'X-Request-Id': 'req_1' }, errorBody('rate_limit_exceeded', 'Too many'));
		expect(failure).toEqual({
			status: 429,
			code: 'rate_limit_exceeded',
			message: 'Too many',
			docUrl: 'https://developers.heygen.com/docs/error-codes#rate_limit_exceeded',
			retryAfterMs: 3000,
			requestId: 'req_1',
		});
	});
	it('falls back to the status for bodies that are not HeyGen errors (a proxy page)', () => {
		expect(parseFailure(502, {}, '<html>Bad gateway</html>')).toMatchObject({ status: 502, code: 'bad_gateway' });
		expect(parseFailure(418, {}, null)).toMatchObject({ status: 418, code: 'http_error' });
	});
});

describe('explainFailure', () => {
	it('401 points at the credential', () => {
		const { message, description } = explainFailure(parseFailure(401, {}, errorBody('unauthorized', 'Invalid key')), {
			resource: 'video',
		});
		expect(message).toBe('HeyGen rejected the API key');
		expect(description).toContain('API key in the HeyGen API credential');
	});
	it('402 insufficient_credit says so, quotes HeyGen and where to top up', () => {
		const { message, description } = explainFailure(
			parseFailure(402, {}, errorBody('insufficient_credit', 'Your account has 5 credits but this video requires 10 credits.')),
			{ resource: 'video' },
		);
		expect(message).toBe('Not enough HeyGen credit for this request');
		expect(description).toContain('Your account has 5 credits but this video requires 10 credits.');
		expect(description).toContain('Subscriptions & API');
	});
	it('404 names the id', () => {
		const { message } = explainFailure(parseFailure(404, {}, errorBody('not_found', 'Video not found.')), {
			resource: 'video',
			pathParams: { video_id: 'v_123' },
		});
		expect(message).toBe('The video "v_123" was not found');
	});
	it('429 says when to retry', () => {
		const { description } = explainFailure(parseFailure(429, { 'retry-after': '12' }, errorBody('rate_limit_exceeded', 'Too many requests.')), {
			resource: 'video',
			retries: 5,
		});
		expect(description).toContain('wait 12 seconds');
		expect(description).toContain('retried 5 time(s)');
	});
	it('invalid_parameter names the node field, nested paths fall back to their parent', () => {
		const labels = { script: 'Script', voice_settings: 'Voice Settings' };
		expect(explainFailure(parseFailure(400, {}, errorBody('invalid_parameter', 'too long', 'script')), { resource: 'video', fieldLabels: labels }).message).toBe(
			'HeyGen rejected the value of "Script"',
		);
		expect(
			explainFailure(parseFailure(400, {}, errorBody('invalid_parameter', 'bad', 'voice_settings.speed')), { resource: 'video', fieldLabels: labels })
				.message,
		).toBe('HeyGen rejected the value of "Voice Settings › speed"');
	});
	it('a HyperFrames project HeyGen cannot use says what a project must be; one too large says the limit', () => {
		const invalid = explainFailure(parseFailure(400, {}, errorBody('hyperframes_project_invalid', 'The project has no index.html.', 'project.asset_id')), {
			resource: 'HyperFrames render',
			fieldLabels: { 'project.asset_id': 'Project Asset ID' },
		});
		expect(invalid.message).toBe('HeyGen could not render the HyperFrames project given in "Project Asset ID"');
		expect(invalid.description).toMatch(/^The project has no index\.html\. The project must be a \.zip holding index\.html at its top/);
		const large = explainFailure(parseFailure(413, {}, errorBody('hyperframes_project_too_large', 'Project exceeds 32 MB.')), { resource: 'HyperFrames render' });
		expect(large.message).toBe('The HyperFrames project is too large for HeyGen');
		expect(large.description).toContain('at most 32 MB');
	});
	it('5xx mentions the request id for support', () => {
		const { message, description } = explainFailure(parseFailure(503, { 'x-request-id': 'abc' }, errorBody('service_unavailable', 'Down')), {
			resource: 'video',
			retries: 5,
		});
		expect(message).toBe('HeyGen is having trouble (HTTP 503)');
		expect(description).toContain('abc');
	});
});

describe('toNodeApiError', () => {
	it('carries the item, the HeyGen code and never the secret', () => {
		const secret = 'sk_live_SECRET123';
		const failure = parseFailure(400, {}, errorBody('invalid_parameter', `key ${secret} is wrong`, 'script'));
		const error = toNodeApiError(node, failure, { resource: 'video', itemIndex: 3, fieldLabels: { script: 'Script' } }, [secret]);
		expect(error.message).toBe('HeyGen rejected the value of "Script" [item 3]');
		expect(error.context.itemIndex).toBe(3);
		expect(error).toBeInstanceOf(HeyGenApiError);
		expect(heyGenErrorOf(error)).toMatchObject({ code: 'invalid_parameter', status: 400, param: 'script' });
		expect(error.httpCode).toBe('400');
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(secret);
	});
});

describe('redact', () => {
	it('replaces every occurrence and ignores short or missing secrets', () => {
		expect(redact('a KEY1234 b KEY1234', ['KEY1234'])).toBe('a [redacted] b [redacted]');
		expect(redact('abc', [undefined, 'ab'])).toBe('abc');
	});
});

describe('render failures and timeouts', () => {
	it('a failed render names the video, the reason and a hint', () => {
		const error = renderFailedError(node, { id: 'v1', noun: 'video', failureCode: 'download_failed', failureMessage: 'Could not fetch audio' }, 2);
		expect(error.message).toBe('The video v1 failed: Could not fetch audio [item 2]');
		expect(error.description).toContain('must be public');
		expect(error.description).toContain('v1');
	});
	it('a bare failure still reads well', () => {
		expect(renderFailedError(node, { id: 'v2', noun: 'video' }, 0).message).toBe('The video v2 failed: HeyGen gave no reason [item 0]');
	});
	it('a timed-out wait reports the video id and how to pick it up', () => {
		const error = waitTimedOutError(node, { id: 'v3', noun: 'video', status: 'processing', waitedMinutes: 1 }, 4);
		expect(error.message).toBe('The video v3 was still processing after 1 minute [item 4]');
		expect(error.description).toContain('Wait for Completion');
		expect(error.description).toContain('v3');
	});
});

describe('asset_not_found', () => {
	it('names the asset and the field it came from', () => {
		const failure = parseFailure(404, {}, errorBody('asset_not_found', 'Asset not found', 'image.asset_id'));
		const { message } = explainFailure(failure, {
			resource: 'video',
			fieldLabels: { 'image.asset_id': 'Image Asset ID' },
			body: { image: { type: 'asset_id', asset_id: 'as_missing' } },
		});
		expect(message).toBe('The asset "as_missing" given in "Image Asset ID" was not found');
	});
});

describe('outcomeUnknownError', () => {
	it('says a render may exist, names the item, and is typed', () => {
		const error = outcomeUnknownError(node, { status: 0, code: 'ECONNRESET', message: 'reset' }, { resource: 'video', itemIndex: 2, retries: 10 });
		expect(error.message).toBe('HeyGen did not confirm whether the video was created [item 2]');
		expect(error.description).toContain('A render may exist');
		expect(heyGenErrorOf(error)?.code).toBe('outcome_unknown');
	});
});
