import type { z } from 'zod';

import { parseWith, type SchemaIssue } from '../../nodes/HeyGen/schemas/parse';
import { invalidParameter, type ApiProblem } from './errors';

/** `'limit' must be between 1 and 100.`: the param quoted, then the schema's words as a sentence. */
export function issueProblem(issue: SchemaIssue): ApiProblem {
	const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
	// A whole-body rule may already be a sentence ("At least one of 'url' or 'events' must be provided").
	if (!issue.param) return invalidParameter(null, sentence(/^[A-Z]/.test(issue.message) ? issue.message : `The request ${issue.message}`));
	return invalidParameter(issue.param, sentence(`'${issue.param}' ${issue.message}`));
}

/** Parses with the shared schema; the first issue becomes a 400 `invalid_parameter`. */
export function validateInput<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
	const result = parseWith(schema, value);
	if (result.ok) return result.value;
	throw issueProblem(result.issues[0]);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
