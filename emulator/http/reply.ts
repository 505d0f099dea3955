import { ApiProblem, errorBody } from './errors';
import type { Page } from './pagination';

/** What a handler hands back: the server adds the request id and JSON headers. */
export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export function dataReply(data: unknown, status = 200): Reply {
	return { status, body: { data } };
}

export function listReply(page: Page<unknown>): Reply {
	return { status: 200, body: { data: page.data, has_more: page.has_more, next_token: page.next_token } };
}

export function errorReply(
	status: number,
	code: string,
	message: string,
	param: string | null = null,
	headers?: Record<string, string>,
): Reply {
	return { status, body: errorBody(code, message, param), headers };
}

export function problemReply(problem: ApiProblem): Reply {
	return errorReply(problem.status, problem.code, problem.message, problem.param, problem.headers);
}
