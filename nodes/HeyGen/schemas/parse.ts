import type { z } from 'zod';

/** One problem found in a request body or query, addressed by its API path (`voice_settings.speed`). */
export interface SchemaIssue {
	param: string;
	message: string;
}

/** zod's type names as a message says them ("must be text, not a list"). */
const KIND_NAMES: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	null: 'empty',
	nan: 'NaN',
	bigint: 'a number',
	float: 'a number',
	date: 'a date',
};

function describeIssue(issue: z.ZodIssue): SchemaIssue[] {
	const base = issue.path.join('.');
	if (issue.code === 'unrecognized_keys') {
		return issue.keys.map((key) => ({
			param: base ? `${base}.${key}` : key,
			message: 'is not a field HeyGen accepts here',
		}));
	}
	if (issue.code === 'invalid_type' && issue.received === 'undefined') {
		return [{ param: base, message: 'is required' }];
	}
	if (issue.code === 'invalid_type') {
		return [{ param: base, message: `must be ${KIND_NAMES[issue.expected] ?? issue.expected}, not ${KIND_NAMES[issue.received] ?? issue.received}` }];
	}
	if (issue.code === 'invalid_enum_value') {
		return [{ param: base, message: `must be one of ${issue.options.map(String).join(', ')}` }];
	}
	if (issue.code === 'invalid_union_discriminator') {
		return [{ param: base, message: `must be one of ${issue.options.map(String).join(', ')}` }];
	}
	if (issue.code === 'invalid_literal') {
		return [{ param: base, message: `must be ${JSON.stringify(issue.expected)}` }];
	}
	// zod's own messages name the value's kind ("Number must be ..."); the param already names the field.
	return [{ param: base, message: issue.message.replace(/^(?:Number|String|Array|Date|BigInt) (must|should)\b/, '$1') }];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** Validates `value` against `schema`; issues come back addressed by API path, in schema order. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, value: unknown): ParseResult<z.output<S>> {
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, value: result.data };
	return { ok: false, issues: result.error.issues.flatMap(describeIssue) };
}
