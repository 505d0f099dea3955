import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { jsonErrorIndex, parseJsonText } from '../../nodes/HeyGen/helpers/json';
import {
	booleanParameter,
	collectionText,
	describeValue,
	fileReference,
	idParameter,
	limitParameter,
	textList,
	textParameter,
	textValue,
} from '../../nodes/HeyGen/helpers/parameters';

const node = { id: 'n1', name: 'HeyGen', type: 'n8n-nodes-heygen-video.heyGen', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** Execute functions that answer parameters from `values` (as n8n does once expressions are resolved). */
function contextWith(values: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = name in values ? values[name] : fallback;
			if (options?.extractValue && value && typeof value === 'object' && 'value' in value) {
				const inner = (value as { value: unknown; mode?: string }).value;
				if ((value as { mode?: string }).mode === 'url') {
					const match = /videos\/([A-Za-z0-9]+)/.exec(String(inner));
					if (!match) throw new Error('not a video page URL');
					return match[1];
				}
				return inner;
			}
			return value;
		},
	} as unknown as IExecuteFunctions;
}

const ctx = contextWith({});

function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('text readers', () => {
	it('takes text, and turns numbers and booleans from expressions into text', () => {
		expect(textValue(ctx, '  Hello  ', 'Title', 0)).toBe('Hello');
		expect(textValue(ctx, '  Hello  ', 'Script', 0, { keepSpaces: true })).toBe('  Hello  ');
		expect(textValue(ctx, 12345, 'Callback ID', 0)).toBe('12345');
		expect(textValue(ctx, false, 'Callback ID', 0)).toBe('false');
		expect(textValue(ctx, '   ', 'Title', 0)).toBe('');
	});

	it.each([
		[{ id: 1 }, 'an object'],
		[[1, 2], 'a list'],
		[null, 'empty'],
		[undefined, 'empty'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
	])('refuses %p, naming the field and the item', (value, given) => {
		const error = errorOf(() => textValue(ctx, value, 'Callback ID', 3));
		expect(error.message).toBe(`"Callback ID" must be text, not ${given} [item 3]`);
		expect(error.description).toMatch(/nothing was sent to HeyGen\.$/);
		expect(error.context.itemIndex).toBe(3);
	});

	it('refuses a blank required value', () => {
		expect(errorOf(() => textValue(ctx, ' \n ', 'Script', 1, { required: true })).message).toBe('"Script" must not be empty [item 1]');
		expect(errorOf(() => textParameter(contextWith({ prompt: '' }), 'prompt', 'Prompt', 0, { required: true })).message).toBe(
			'"Prompt" must not be empty [item 0]',
		);
	});

	it('says how to leave an optional field empty when its expression gave nothing', () => {
		expect(errorOf(() => textValue(ctx, null, 'Title', 0)).description).toContain("?? ''");
		expect(errorOf(() => textValue(ctx, null, 'Script', 0, { required: true })).description).not.toContain("?? ''");
	});

	it('reads a collection field only when the user added it', () => {
		expect(collectionText(ctx, {}, 'title', 'Title', 0)).toBe('');
		expect(collectionText(ctx, { title: ' Q3 ' }, 'title', 'Title', 0)).toBe('Q3');
		expect(errorOf(() => collectionText(ctx, { title: undefined }, 'title', 'Title', 2)).message).toBe('"Title" must be text, not empty [item 2]');
	});

	it('reads IDs from resource locators and plain fields; a blank or non-text ID is refused', () => {
		expect(idParameter(contextWith({ video_id: { __rl: true, mode: 'id', value: ' abc ' } }), 'video_id', 'Video', 0)).toBe('abc');
		expect(idParameter(contextWith({ video_id: { __rl: true, mode: 'url', value: 'https://app.heygen.com/videos/abc123' } }), 'video_id', 'Video', 0)).toBe('abc123');
		expect(idParameter(contextWith({ asset_id: 'a1' }), 'asset_id', 'Asset ID', 0)).toBe('a1');
		const empty = errorOf(() => idParameter(contextWith({ video_id: { __rl: true, mode: 'list', value: '' } }), 'video_id', 'Video', 4));
		expect(empty.message).toBe('"Video" must not be empty [item 4]');
		expect((empty as { description?: string }).description).toMatch(/^Pick one from the list/);
		expect(errorOf(() => idParameter(contextWith({ video_id: { __rl: true, mode: 'id', value: ['a', 'b'] } }), 'video_id', 'Video', 0)).message).toBe(
			'"Video" must be text, not a list [item 0]',
		);
		expect(errorOf(() => idParameter(contextWith({ video_id: { __rl: true, mode: 'url', value: 'https://example.com/x' } }), 'video_id', 'Video', 0)).message).toMatch(
			/^"Video" holds no ID this field can read in "https:\/\/example.com\/x" \[item 0\]$/,
		);
		expect(idParameter(contextWith({ voice_id: { __rl: true, mode: 'list', value: '' } }), 'voice_id', 'Voice', 0, { required: false })).toBe('');
	});

	it('reads lists given as a list or as comma-separated text', () => {
		expect(textList(ctx, 'Spanish, French ,,German', 'Output Languages', 0)).toEqual(['Spanish', 'French', 'German']);
		expect(textList(ctx, ['Spanish', ' French '], 'Output Languages', 0)).toEqual(['Spanish', 'French']);
		expect(errorOf(() => textList(ctx, { en: true }, 'Output Languages', 1)).message).toBe(
			'"Output Languages" must be a list or comma-separated text, not an object [item 1]',
		);
		expect(errorOf(() => textList(ctx, ['a', { b: 1 }], 'Files', 0)).message).toBe('"Files" must be a list of text, not a list holding an object (entry 2) [item 0]');
	});

	it('reads a URL or an asset ID, and refuses paths and other schemes', () => {
		expect(fileReference(ctx, 'https://cdn.example.com/a.png', 'Media', 0)).toEqual({ type: 'url', url: 'https://cdn.example.com/a.png' });
		expect(fileReference(ctx, 'asset_9', 'Media', 0)).toEqual({ type: 'asset_id', asset_id: 'asset_9' });
		expect(errorOf(() => fileReference(ctx, 'file:///etc/passwd', 'Scene 2 › Media', 1)).message).toBe(
			'"Scene 2 › Media" must be an http:// or https:// URL or an asset ID, not a file: URL [item 1]',
		);
		expect(errorOf(() => fileReference(ctx, '/srv/a.png', 'Media', 0)).message).toBe('"Media" must be an http:// or https:// URL or an asset ID, not "/srv/a.png" [item 0]');
	});

	it('reads booleans strictly', () => {
		expect(booleanParameter(contextWith({ returnAll: true }), 'returnAll', 'Return All', 0, false)).toBe(true);
		expect(errorOf(() => booleanParameter(contextWith({ returnAll: 'yes' }), 'returnAll', 'Return All', 0, false)).message).toBe(
			'"Return All" must be true or false, not "yes" [item 0]',
		);
	});

	it('names values the way messages show them', () => {
		expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(57)}..."`);
		expect(describeValue(0)).toBe('0');
	});
});

describe('Get Many limit', () => {
	const limit = (value: unknown, returnAll: unknown = false) => limitParameter(contextWith({ returnAll, limit: value }), 2, 'listAvatarLooks');

	it('takes a whole number up to the endpoint page, or everything with Return All', () => {
		expect(limit(1)).toBe(1);
		expect(limit(50)).toBe(50);
		expect(limit('20')).toBe(20);
		expect(limit(Number.NaN, true)).toBe(Infinity);
	});

	it.each([
		[Number.NaN, 'NaN'],
		[0, '0'],
		[-5, '-5'],
		[2.5, '2.5'],
		[51, '51'],
		[1e9, '1000000000'],
		['ten', '"ten"'],
		[null, 'empty'],
		[{ n: 1 }, 'an object'],
	])('refuses %p', (value, shown) => {
		const error = errorOf(() => limit(value));
		expect(error.message).toBe(`"Limit" must be a whole number from 1 to 50, not ${shown} [item 2]`);
	});
});

describe('JSON typed into a field', () => {
	it('parses valid JSON', () => {
		expect(parseJsonText('[{"type":"image"}]')).toEqual({ ok: true, value: [{ type: 'image' }] });
	});

	it.each([
		['[{"a":1,}]', /^Expected double-quoted property name at line 1, column 9$/],
		['[\n  {"a": 1},\n  {b}\n]', /at line 3, column 4$/],
		['{"a": tru}', /^Unexpected token '}' at line 1, column 10$/],
		['abc', /^Unexpected token 'a' at line 1, column 1$/],
		['[1] x', /after the JSON at line 1, column 5$/],
		['[1, 2', /^it ends too early at line 1, column 6$|at line 1, column 6$/],
	])('gives a short reason and where for %p', (text, reason) => {
		const parsed = parseJsonText(text);
		expect(parsed.ok).toBe(false);
		expect((parsed as { reason: string }).reason).toMatch(reason);
		expect((parsed as { reason: string }).reason).not.toContain('is not valid JSON');
	});

	it('finds where JSON stops being valid', () => {
		expect(jsonErrorIndex('[1,2]')).toBe(-1);
		expect(jsonErrorIndex('{"a": tru}')).toBe(9);
		expect(jsonErrorIndex('["\\x"]')).toBe(3);
		expect(jsonErrorIndex('["\\u12G4"]')).toBe(3);
		expect(jsonErrorIndex('[01]')).toBe(2);
		expect(jsonErrorIndex('[1')).toBe(2);
		expect(jsonErrorIndex('{"a" 1}')).toBe(5);
		expect(jsonErrorIndex(' null ')).toBe(-1);
	});
});
