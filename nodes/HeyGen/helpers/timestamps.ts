import type { IDataObject } from 'n8n-workflow';

/** HeyGen dates its resources in Unix seconds (`created_at: 1796044640`); n8n users read ISO 8601. */
const MS_FROM = 1e12;

/** A Unix time (seconds, or milliseconds when that large) as an ISO 8601 string; anything else as it was. */
export function isoTime(value: unknown): unknown {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return value;
	const ms = value >= MS_FROM ? value : value * 1000;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * A copy of `data` with every numeric `…_at` field, at any depth, as an ISO 8601 string. Other
 * fields, and `…_at` fields HeyGen already sends as text, are kept as they are.
 */
export function withIsoTimes<T>(data: T): T {
	if (Array.isArray(data)) return data.map((entry) => withIsoTimes(entry)) as T;
	if (!data || typeof data !== 'object' || Buffer.isBuffer(data)) return data;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(data as IDataObject)) {
		out[key] = key.endsWith('_at') ? (isoTime(value) as IDataObject[string]) : withIsoTimes(value);
	}
	return out as T;
}
