import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withIsoTimes } from './timestamps';

/** The fields of an item error that `continueOnFail` puts in the output. */
export function errorJson(error: unknown, extra: IDataObject = {}): IDataObject {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown })?.description;
	return {
		error: message,
		...(typeof description === 'string' && description ? { error_description: description } : {}),
		...extra,
	};
}

/** Gives an error the item it belongs to, as n8n shows it ("[item 3]"). */
export function asItemError(ctx: Pick<IExecuteFunctions, 'getNode'>, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * The item loop of simple operations: runs `handler` per item, links every output item to its
 * input (`pairedItem`), and turns an item's failure into an error item when the node continues on fail.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	handler: (itemIndex: number) => Promise<IDataObject | IDataObject[] | INodeExecutionData>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler(itemIndex);
			if (Array.isArray(result)) {
				for (const json of result) output.push({ json: withIsoTimes(json), pairedItem: { item: itemIndex } });
			} else if (isExecutionData(result)) {
				// Built by the operation, which dates its own fields (input fields merged in stay as they were).
				output.push({ ...result, pairedItem: { item: itemIndex } });
			} else {
				output.push({ json: withIsoTimes(result), pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!ctx.continueOnFail()) throw asItemError(ctx, error, itemIndex);
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/** One item's input, read and checked, or why it cannot be used. */
export type ItemInput<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Reads every item's input before any request is sent. Without Continue On Fail the first bad
 * item stops the node here; with it, the bad item's error is kept for its own output item.
 */
export async function readEveryItem<T>(
	ctx: IExecuteFunctions,
	count: number,
	read: (itemIndex: number) => T | Promise<T>,
): Promise<Array<ItemInput<T>>> {
	const continueOnFail = ctx.continueOnFail();
	const inputs: Array<ItemInput<T>> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			inputs.push({ ok: true, value: await read(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, error, itemIndex);
			inputs.push({ ok: false, error });
		}
	}
	return inputs;
}

/** The input read for an item, or its error thrown again (the item loop turns it into the item's error). */
export function inputOf<T>(input: ItemInput<T>): T {
	if (!input.ok) throw input.error;
	return input.value;
}

/**
 * The item loop of simple operations whose items are all read first: `read` checks every item's
 * parameters (no requests), then `act` runs per item with what was read.
 */
export async function runPerItemChecked<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	read: (itemIndex: number) => T | Promise<T>,
	act: (itemIndex: number, input: T) => Promise<IDataObject | IDataObject[] | INodeExecutionData>,
): Promise<INodeExecutionData[]> {
	const inputs = await readEveryItem(ctx, items.length, read);
	return await runPerItem(ctx, items, async (itemIndex) => await act(itemIndex, inputOf(inputs[itemIndex])));
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Merges the input item's fields under the output's when "Include Input Fields" is on. */
export function withInputFields(input: INodeExecutionData | undefined, output: IDataObject, include: boolean): IDataObject {
	return include && input ? { ...input.json, ...output } : output;
}
