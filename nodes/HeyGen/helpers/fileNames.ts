import type { IDataObject } from 'n8n-workflow';

/** Characters Windows, macOS or Linux refuse in a file name. */
const REFUSED = '\\/:*?"<>|';

/**
 * A file's name users can tell apart: the Callback ID, else the title, else the job's id, then
 * the language of a translated job. Characters file systems refuse become `_`.
 */
export function fileNameFor(id: string, detail: IDataObject, extension: string, callbackId?: string): string {
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
	const base = text(callbackId) ?? text(detail.callback_id) ?? text(detail.title) ?? id;
	const language = text(detail.output_language);
	const joined = `${base}${language ? `.${language}` : ''}`.replace(/\s+/g, ' ');
	const name = Array.from(joined, (char) => (char < ' ' || REFUSED.includes(char) ? '_' : char))
		.join('')
		.slice(0, 120);
	return `${name || id}.${extension}`;
}
