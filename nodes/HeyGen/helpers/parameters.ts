import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ENDPOINTS, type Endpoint, type EndpointKey } from '../schemas/endpoints';
import { credentialSettings } from '../transport/request';
import { fileReferenceKind, findUnreachableUrl, isLocalBaseUrl } from './urls';
import { fieldError, labelFor, type FieldLabels } from './validation';

/**
 * Typed readers of the node's parameters. Expressions can give any value; HeyGen takes text,
 * so an object, a list or null is refused here (naming the field and the item) instead of being
 * sent as "[object Object]", "1,2" or "null" and billed.
 */

/** How a value that cannot be used is named in a message. */
export function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	return String(value);
}

function notTextHint(value: unknown, required: boolean): string {
	if (value !== null && value !== undefined) return `Its expression gave ${describeValue(value)}; pick the text inside it.`;
	return required
		? 'Its expression gave nothing (null or undefined); check the field it reads.'
		: "Its expression gave nothing (null or undefined); if the value may be missing, end the expression with ?? '' to leave the field empty.";
}

export interface TextRules {
	required?: boolean;
	/** Keep the value's own leading and trailing spaces (a script's layout); other values are trimmed. */
	keepSpaces?: boolean;
}

/**
 * A value as text: numbers and booleans become text; objects, lists, null, undefined and NaN are
 * refused. Blank gives '' (or is refused when required).
 */
export function textValue(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number, rules: TextRules = {}): string {
	let text: string;
	if (typeof value === 'string') {
		text = value;
	} else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
		text = String(value);
	} else {
		throw fieldError(ctx, label, `must be text, not ${describeValue(value)}`, itemIndex, notTextHint(value, rules.required === true));
	}
	if (text.trim() === '') {
		if (rules.required) throw fieldError(ctx, label, 'must not be empty', itemIndex);
		return '';
	}
	return rules.keepSpaces ? text : text.trim();
}

/** A text parameter of the item. */
export function textParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, rules: TextRules = {}): string {
	return textValue(ctx, ctx.getNodeParameter(name, itemIndex, ''), label, itemIndex, rules);
}

/** An optional text field of a collection (Additional Fields, Options, Filters): '' when it was not added. */
export function collectionText(ctx: IExecuteFunctions, fields: IDataObject, name: string, label: string, itemIndex: number, rules: TextRules = {}): string {
	return Object.prototype.hasOwnProperty.call(fields, name) ? textValue(ctx, fields[name], label, itemIndex, rules) : '';
}

/** The text fields a user added to a collection (Filters, Options), each checked; blank ones are left out. `labels`: name → display name. */
/**
 * An "Additional Fields" collection as request fields: the text fields read (and checked) as text,
 * the others (numbers, switches) as the user set them; `skip` names fields an operation builds itself.
 */
export function collectionFields(ctx: IExecuteFunctions, fields: IDataObject, textLabels: Record<string, string>, itemIndex: number, skip: string[] = []): IDataObject {
	const body: IDataObject = collectionTexts(ctx, fields, textLabels, itemIndex);
	for (const [key, value] of Object.entries(fields)) {
		if (!(key in textLabels) && !skip.includes(key) && value !== undefined) body[key] = value;
	}
	return body;
}

export function collectionTexts(ctx: IExecuteFunctions, fields: IDataObject, labels: Record<string, string>, itemIndex: number): IDataObject {
	const texts: IDataObject = {};
	for (const [name, label] of Object.entries(labels)) {
		const value = collectionText(ctx, fields, name, label, itemIndex);
		if (value) texts[name] = value;
	}
	return texts;
}

function isLocator(value: unknown): value is { mode?: unknown; value: unknown } {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'mode' in value && 'value' in value;
}

/** What a resource locator holds (or a plain value itself). For locators inside collections. */
export function locatorValue(value: unknown): unknown {
	return isLocator(value) ? value.value : value;
}

/** The ID in a resource locator value (or in a plain value), as text. For locators inside collections. */
export function locatorText(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number, rules: TextRules = {}): string {
	return textValue(ctx, locatorValue(value), label, itemIndex, rules);
}

/**
 * An ID parameter, plain or a resource locator (its ID extracted, as from a video page URL).
 * Required unless told otherwise: a blank ID never reaches a request path.
 */
export function idParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, rules: TextRules = { required: true }): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	// An imported example leaves its pickers empty: say where the ID comes from.
	if (rules.required && isLocator(raw) && raw.value === '') {
		throw fieldError(ctx, label, 'must not be empty', itemIndex, "Pick one from the list (it shows your account's), or give its ID.");
	}
	const text = locatorText(ctx, raw, label, itemIndex, rules);
	if (!text || !isLocator(raw)) return text;
	let extracted: unknown;
	try {
		extracted = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	} catch {
		throw fieldError(ctx, label, `holds no ID this field can read in ${describeValue(text)}`, itemIndex, 'Pick it from the list, or give the ID itself.');
	}
	return textValue(ctx, extracted, label, itemIndex, rules);
}

/** A list given as a list or as comma-separated text (an expression may give either), each entry text. */
export function textList(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(',');
	else if (typeof value === 'number' && Number.isFinite(value)) entries = [value];
	else throw fieldError(ctx, label, `must be a list or comma-separated text, not ${describeValue(value)}`, itemIndex);
	return entries
		.map((entry, index) => {
			if (typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry))) return String(entry).trim();
			throw fieldError(ctx, label, `must be a list of text, not a list holding ${describeValue(entry)} (entry ${index + 1})`, itemIndex);
		})
		.filter(Boolean);
}

/** A boolean parameter; an expression giving anything but true or false is refused. */
export function booleanParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, fallback: boolean): boolean {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value === 'boolean') return value;
	throw fieldError(ctx, label, `must be true or false, not ${describeValue(value)}`, itemIndex);
}

export type FileReference = { type: 'url'; url: string } | { type: 'asset_id'; asset_id: string };

/** Why a "URL or asset ID" value is neither (a path, a file: URL, text with spaces), or undefined when it is one. */
export function notAFileReference(text: string): string | undefined {
	if (fileReferenceKind(text)) return undefined;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
	return `must be an http:// or https:// URL or an asset ID, not ${scheme ? `a ${scheme[1].toLowerCase()}: URL` : describeValue(text)}`;
}

export const FILE_REFERENCE_HINT = 'HeyGen fetches files from public web addresses, or takes the ID of a file uploaded with Asset → Upload.';

/** A "URL or asset ID" value in HeyGen's shape; anything else is refused. */
export function fileReference(ctx: IExecuteFunctions, text: string, label: string, itemIndex: number): FileReference {
	const problem = notAFileReference(text);
	if (problem) throw fieldError(ctx, label, problem, itemIndex, FILE_REFERENCE_HINT);
	return fileReferenceKind(text) === 'url' ? { type: 'url', url: text } : { type: 'asset_id', asset_id: text };
}

/** The most results one page of a list endpoint holds: the largest "Limit" a Get Many takes. */
export function pageMaximum(endpoint: EndpointKey): number {
	return (ENDPOINTS[endpoint] as Endpoint).page?.maxLimit ?? 100;
}

/** "Limit" of a Get Many operation: a whole number from 1 to the endpoint's page maximum, or every result with "Return All". */
export function limitParameter(ctx: IExecuteFunctions, itemIndex: number, endpoint: EndpointKey): number {
	if (booleanParameter(ctx, 'returnAll', 'Return All', itemIndex, false)) return Infinity;
	const max = pageMaximum(endpoint);
	const raw = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw fieldError(ctx, 'Limit', `must be a whole number from 1 to ${max}, not ${describeValue(raw)}`, itemIndex, `Turn on "Return All" to get more than ${max}.`);
	}
	return value;
}

/** Whether media URLs on local hosts can work: only when the credential's Base URL is itself local (an emulator, a proxy). */
export async function localHostsReachable(ctx: IExecuteFunctions): Promise<boolean> {
	return isLocalBaseUrl((await credentialSettings(ctx)).baseUrl);
}

/** Refuses a body whose media URLs HeyGen could never fetch (file:, loopback, private, link-local), naming the field. */
export function checkMediaUrls(ctx: IExecuteFunctions, body: IDataObject, labels: FieldLabels, itemIndex: number, allowLocalHosts: boolean): void {
	const problem = findUnreachableUrl(body, allowLocalHosts);
	if (!problem) return;
	throw fieldError(
		ctx,
		labelFor(problem.param, labels),
		`must be a public address HeyGen can reach, not ${problem.shown}`,
		itemIndex,
		`${problem.reason}; HeyGen fetches files from its own servers. Host the file at a public address, or upload it with Asset → Upload and give its asset ID.`,
	);
}
