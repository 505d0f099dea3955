import { ENDPOINTS, type EndpointKey } from '../../nodes/HeyGen/schemas/endpoints';

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
	key: EndpointKey;
	method: string;
	segments: Segment[];
}

export interface RouteMatch {
	key: EndpointKey;
	params: Record<string, string>;
}

function compile(template: string): Segment[] {
	return template
		.split('/')
		.filter(Boolean)
		.map((part) => {
			const param = /^\{(\w+)\}$/.exec(part);
			return param ? { param: param[1] } : { literal: part };
		});
}

/** Orders routes so that, segment by segment, a literal beats a `{param}` (`/v3/avatars/looks` before `/v3/avatars/{group_id}`). */
function moreSpecificFirst(a: CompiledRoute, b: CompiledRoute): number {
	const length = Math.min(a.segments.length, b.segments.length);
	for (let i = 0; i < length; i++) {
		const aLiteral = 'literal' in a.segments[i];
		const bLiteral = 'literal' in b.segments[i];
		if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
	}
	return a.segments.length - b.segments.length;
}

/** Method + path matching over the ENDPOINTS table. */
export class Router {
	private readonly routes: CompiledRoute[];

	constructor(keys: readonly EndpointKey[] = Object.keys(ENDPOINTS) as EndpointKey[]) {
		this.routes = keys
			.map((key) => ({ key, method: ENDPOINTS[key].method, segments: compile(ENDPOINTS[key].path) }))
			.sort(moreSpecificFirst);
	}

	match(method: string, pathname: string): RouteMatch | undefined {
		let parts: string[];
		try {
			parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
		} catch {
			return undefined; // malformed percent-encoding names no resource
		}
		if (pathname.endsWith('/') && pathname !== '/') return undefined;
		for (const route of this.routes) {
			if (route.method !== method || route.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			const fits = route.segments.every((segment, i) => {
				if ('literal' in segment) return segment.literal === parts[i];
				params[segment.param] = parts[i];
				return parts[i].length > 0;
			});
			if (fits) return { key: route.key, params };
		}
		return undefined;
	}
}
