import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { parseWith, type SchemaIssue } from '../schemas/parse';
import { labelFor, type FieldLabels } from './labels';

export { labelFor, type FieldLabels } from './labels';

/** The error of one bad input: `"<Label>" <problem> [item N]`, and a description saying nothing was sent. */
export function fieldError(ctx: IExecuteFunctions, label: string, problem: string, itemIndex: number, hint?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `"${label}" ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `${hint ? `${hint} ` : ''}Fix "${label}" for item ${itemIndex}; nothing was sent to HeyGen.`,
	});
}

export function invalidInputError(
	ctx: IExecuteFunctions,
	issue: SchemaIssue,
	labels: FieldLabels,
	itemIndex: number,
): NodeOperationError {
	return fieldError(ctx, labelFor(issue.param, labels), issue.message, itemIndex);
}

/** Checks a request body before anything is sent; the error names the node's field and the item. */
export function validateBody<S extends z.ZodTypeAny>(
	ctx: IExecuteFunctions,
	schema: S,
	body: unknown,
	labels: FieldLabels,
	itemIndex: number,
): z.output<S> {
	const result = parseWith(schema, body);
	if (!result.ok) throw invalidInputError(ctx, result.issues[0], labels, itemIndex);
	return result.value;
}
