import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
export function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
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
				for (const json of result) output.push({ json, pairedItem: { item: itemIndex } });
			} else if (isExecutionData(result)) {
				output.push({ ...result, pairedItem: { item: itemIndex } });
			} else {
				output.push({ json: result, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!ctx.continueOnFail()) throw asItemError(ctx, error, itemIndex);
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Merges the input item's fields under the output's when "Include Input Fields" is on. */
export function withInputFields(input: INodeExecutionData | undefined, output: IDataObject, include: boolean): IDataObject {
	return include && input ? { ...input.json, ...output } : output;
}
