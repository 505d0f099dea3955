import type { IDataObject } from 'n8n-workflow';

/**
 * Addresses HeyGen can never fetch: HeyGen downloads media from its own servers, so a URL that
 * points at the n8n host, a private network or a file on disk would only fail there, after the
 * render was billed. Hosts are judged from the URL alone (no DNS lookups).
 */

function ipv4Parts(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : undefined;
}

/** The kind of an IPv4 address HeyGen cannot reach, or undefined when it is public. */
function ipv4Kind([a, b]: number[]): string | undefined {
	if (a === 0) return 'an unspecified address';
	if (a === 127) return 'a loopback address';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
	if (a === 100 && b >= 64 && b <= 127) return 'a private (shared) address';
	if (a === 169 && b === 254) return 'a link-local address';
	if (a >= 224) return 'a multicast or reserved address';
	return undefined;
}

/** The eight 16-bit groups of an IPv6 address (brackets removed), or undefined when it is not one. */
export function ipv6Groups(host: string): number[] | undefined {
	let text = host.toLowerCase();
	if (text.includes('%')) text = text.slice(0, text.indexOf('%'));
	const tail: number[] = [];
	const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (dotted) {
		const v4 = ipv4Parts(dotted[1]);
		if (!v4) return undefined;
		tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
		text = text.slice(0, -dotted[1].length);
		if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const parse = (part: string) => (part === '' ? [] : part.split(':'));
	const head = parse(halves[0]);
	const rest = halves.length === 2 ? parse(halves[1]) : [];
	if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
	const given = head.length + rest.length + tail.length;
	if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
	const zeros = new Array<number>(8 - given).fill(0);
	return [...head.map((g) => parseInt(g, 16)), ...(halves.length === 2 ? zeros : []), ...rest.map((g) => parseInt(g, 16)), ...tail];
}

function ipv6Kind(groups: number[]): string | undefined {
	const [first] = groups;
	const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
	const embedded = () => ipv4Kind([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	if (zeroUpTo(8)) return 'an unspecified address';
	if (zeroUpTo(7) && groups[7] === 1) return 'a loopback address';
	// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
	if ((zeroUpTo(5) && groups[5] === 0xffff) || zeroUpTo(6)) return embedded();
	if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return embedded();
	if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfec0) return 'a private address';
	if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
	if ((first & 0xff00) === 0xff00) return 'a multicast address';
	return undefined;
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.home.arpa'];

/**
 * Why HeyGen cannot reach a host ("a loopback address"), or undefined for a public one.
 * `host` is a URL's hostname: IPv6 in brackets, IPv4 already in dotted form (the URL parser
 * turns 2130706433 and 0x7f.1 into 127.0.0.1).
 */
export function unreachableHostKind(host: string): string | undefined {
	const name = host.toLowerCase().replace(/\.$/, '');
	if (name.startsWith('[') && name.endsWith(']')) {
		const groups = ipv6Groups(name.slice(1, -1));
		return groups ? ipv6Kind(groups) : 'not a valid address';
	}
	const v4 = ipv4Parts(name);
	if (v4) return ipv4Kind(v4);
	if (name === '') return 'an empty host';
	if (name === 'localhost' || LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))) return 'a name for the local machine or network';
	if (!name.includes('.')) return 'a name without a domain, known only on a local network';
	return undefined;
}

export interface UnreachableUrl {
	/** What the address is, as the message shows it: the host, or "a file: URL". */
	shown: string;
	/** Why HeyGen cannot fetch it. */
	reason: string;
}

/**
 * Why HeyGen could never fetch `value`, or undefined when it could (or when it is no URL at all:
 * the body's schema judges that). `allowLocalHosts`: the Base URL is itself local, so local hosts
 * are reachable from it (an emulator or a proxy on the same network); other schemes never are.
 */
export function unreachableUrl(value: string, allowLocalHosts = false): UnreachableUrl | undefined {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { shown: `a ${url.protocol} URL`, reason: `${url.protocol} is not a web address (http:// or https://)` };
	}
	const kind = allowLocalHosts ? undefined : unreachableHostKind(url.hostname);
	return kind ? { shown: url.hostname, reason: `${url.hostname} is ${kind}` } : undefined;
}

/** Whether the credential's Base URL is itself local (an emulator or proxy on this network): then local media URLs are reachable too. */
export function isLocalBaseUrl(baseUrl: string): boolean {
	try {
		return unreachableHostKind(new URL(baseUrl).hostname) !== undefined;
	} catch {
		return false;
	}
}

/** Body keys that carry a media URL for HeyGen to fetch. `callback_url` is where HeyGen calls back, set by the node, not fetched media. */
const isMediaUrlKey = (key: string) => (key === 'url' || key.endsWith('_url')) && key !== 'callback_url';

/** The first media URL in a request body that HeyGen could not fetch, with its API path ("scenes.1.source.url"). */
export function findUnreachableUrl(body: unknown, allowLocalHosts = false, path = ''): (UnreachableUrl & { param: string }) | undefined {
	if (Array.isArray(body)) {
		for (let index = 0; index < body.length; index++) {
			const found = findUnreachableUrl(body[index], allowLocalHosts, path ? `${path}.${index}` : String(index));
			if (found) return found;
		}
		return undefined;
	}
	if (body === null || typeof body !== 'object') return undefined;
	for (const [key, value] of Object.entries(body as IDataObject)) {
		const param = path ? `${path}.${key}` : key;
		if (typeof value === 'string') {
			const problem = isMediaUrlKey(key) ? unreachableUrl(value, allowLocalHosts) : undefined;
			if (problem) return { ...problem, param };
		} else {
			const nested = findUnreachableUrl(value, allowLocalHosts, param);
			if (nested) return nested;
		}
	}
	return undefined;
}

const ASSET_ID = /^[A-Za-z0-9_\-:.]+$/;
const HTTP_URL = /^https?:\/\//i;

/** What a "URL or asset ID" field holds: a URL, an asset ID, or neither (a path, a file: URL, text with spaces). */
export function fileReferenceKind(value: string): 'url' | 'asset_id' | undefined {
	if (HTTP_URL.test(value)) return 'url';
	if (ASSET_ID.test(value) && !/^(?:file|data|blob|javascript|ftp|mailto):/i.test(value)) return 'asset_id';
	return undefined;
}
