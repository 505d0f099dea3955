import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorJson } from '../../helpers/items';
import type { ItemOutputSettings } from '../outputs';

/**
 * What a parked run keeps about each input item. It rides on the parked node's input items in
 * n8n's execution data (the only per-execution storage a resumed webhook can read), under this key.
 */
export const PARKED_KEY = 'heygen_wait';

/** One job of an item: its id once known, or its place in a batch. */
export interface ParkedJob {
	id?: string;
	batch?: string;
	index?: number;
	/** The status last seen, for the message when the wait ends without HeyGen calling back. */
	status?: string;
}

export interface ParkedItem {
	v: 1;
	/** The input item's own fields. */
	input: IDataObject;
	settings: ItemOutputSettings;
	callbackId?: string;
	/** Why the item never reached HeyGen (Continue On Fail). */
	error?: { message: string; description?: string };
	jobs: ParkedJob[];
	/** When the node stops waiting for HeyGen's call and checks every job itself (ms). */
	deadline: number;
	/** A webhook endpoint registered for this wait (jobs made elsewhere call back to no one else), removed when it ends. */
	endpointId?: string;
	maxWaitMinutes: number;
}

export function parkedStateOf(item: INodeExecutionData | undefined): ParkedItem | undefined {
	const state = item?.json?.[PARKED_KEY] as ParkedItem | undefined;
	return state && typeof state === 'object' && state.v === 1 && Array.isArray(state.jobs) ? state : undefined;
}

export function parkedError(node: INode, state: ParkedItem, itemIndex: number): NodeOperationError | undefined {
	if (!state.error) return undefined;
	return new NodeOperationError(node, state.error.message, { itemIndex, description: state.error.description });
}

/**
 * The item a parked run passes on if n8n ends the wait itself (its deadline, after a restart
 * lost both HeyGen's call and the node's own check): what the node knew, and how to pick the
 * jobs up. It carries the state too, as n8n passes the item on unchanged.
 */
export function unconfirmedItem(state: ParkedItem, itemIndex: number, noun: string, idField: string): INodeExecutionData {
	const ids = state.jobs.map((job) => job.id).filter((id): id is string => Boolean(id));
	const base: IDataObject = state.settings.includeInputFields ? { ...state.input } : {};
	if (state.error) return { json: { ...base, ...errorJson(state.error.message), error_description: state.error.description, [PARKED_KEY]: state }, pairedItem: { item: itemIndex } };
	const json: IDataObject = {
		...base,
		[idField]: ids.length === 1 ? ids[0] : ids.length > 0 ? ids : null,
		status: state.jobs[0]?.status ?? 'unknown',
		...(state.callbackId ? { callback_id: state.callbackId } : {}),
		error: `HeyGen had not reported the ${noun} finished when the wait ended [item ${itemIndex}]`,
		error_description: `n8n ended the wait after ${state.maxWaitMinutes} minute(s) without the node's last check (n8n was probably restarted meanwhile). The ${noun} keeps rendering in HeyGen and is charged once: pick it up with Wait for Completion${
			ids.length > 0 ? ` using ID ${ids.join(', ')}` : ''
		}${state.callbackId ? `, or by its Callback ID "${state.callbackId}"` : ''}.`,
		[PARKED_KEY]: state,
	};
	return { json, pairedItem: { item: itemIndex } };
}
