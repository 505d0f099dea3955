import { invalidParameter } from './errors';

export interface Page<T> {
	data: T[];
	has_more: boolean;
	next_token: string | null;
}

/** What a cursor remembers: which list it belongs to and the rank of the last item it returned. */
interface Cursor {
	list: string;
	after: number;
}

export interface PageRequest<T> {
	/** Items sorted by ascending rank. */
	items: readonly T[];
	limit: number;
	token?: string;
	/** Names the list a token belongs to, so a cursor from another list is rejected. */
	list: string;
	/** A stable, unique ordering key; keyset paging stays correct when items are added or removed. */
	rankOf: (item: T) => number;
}

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify({ l: cursor.list, a: cursor.after }), 'utf8').toString('base64url');
}

export function decodeCursor(token: string, list: string): Cursor {
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		decoded = undefined;
	}
	const candidate = decoded as { l?: unknown; a?: unknown } | undefined;
	if (!candidate || candidate.l !== list || typeof candidate.a !== 'number' || !Number.isFinite(candidate.a)) {
		throw invalidParameter('token', "'token' is not a valid pagination token for this list.");
	}
	return { list, after: candidate.a };
}

export function paginate<T>(request: PageRequest<T>): Page<T> {
	const { items, limit, token, list, rankOf } = request;
	const after = token === undefined ? undefined : decodeCursor(token, list).after;
	const remaining = after === undefined ? items : items.filter((item) => rankOf(item) > after);
	const data = remaining.slice(0, limit);
	const has_more = remaining.length > data.length;
	const next_token = has_more ? encodeCursor({ list, after: rankOf(data[data.length - 1]) }) : null;
	return { data, has_more, next_token };
}
