/** Anchor base of HeyGen's error documentation; every error body links to its code's entry. */
export const ERROR_DOC_URL = 'https://developers.heygen.com/docs/error-codes';

export interface ApiErrorBody {
	error: { code: string; message: string; param: string | null; doc_url: string };
}

export function errorBody(code: string, message: string, param: string | null = null): ApiErrorBody {
	return { error: { code, message, param, doc_url: `${ERROR_DOC_URL}#${code}` } };
}

/** Code and message HeyGen uses for a bare status (fault injection picks these when none is given). */
export const DEFAULT_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
	400: { code: 'invalid_parameter', message: 'The request is invalid.' },
	401: { code: 'unauthorized', message: 'Invalid or expired API key. Verify your x-api-key header.' },
	402: { code: 'insufficient_credit', message: 'Your account does not have enough credits for this request.' },
	403: { code: 'forbidden', message: 'You do not have permission to perform this action.' },
	404: { code: 'not_found', message: 'Resource not found.' },
	409: { code: 'conflict', message: 'The request conflicts with the current state of the resource.' },
	413: { code: 'payload_too_large', message: 'The request body is too large.' },
	429: {
		code: 'rate_limit_exceeded',
		message: 'Too many requests. Retry after the duration specified in the Retry-After header.',
	},
	500: { code: 'internal_error', message: 'An internal error occurred. Please try again later.' },
	502: { code: 'bad_gateway', message: 'Bad gateway. Please try again later.' },
	503: { code: 'service_unavailable', message: 'The service is temporarily unavailable. Please try again later.' },
	504: { code: 'gateway_timeout', message: 'The upstream request timed out. Please try again later.' },
};

export function defaultError(status: number): { code: string; message: string } {
	return DEFAULT_ERRORS[status] ?? (status >= 500 ? DEFAULT_ERRORS[500] : DEFAULT_ERRORS[400]);
}

/** Thrown anywhere while handling a request; the server turns it into an error reply. */
export class ApiProblem extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly param: string | null = null,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'ApiProblem';
	}
}

export function invalidParameter(param: string | null, message: string): ApiProblem {
	return new ApiProblem(400, 'invalid_parameter', message, param);
}

export function notFound(message: string, code = 'not_found', param: string | null = null): ApiProblem {
	return new ApiProblem(404, code, message, param);
}

/**
 * Runs a check of one part of a larger body (a batch item), so the problems it finds name their
 * field from the top: `avatar_id` of the fourth video becomes `videos.3.avatar_id`.
 */
export function underParam<T>(prefix: string, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (!(error instanceof ApiProblem)) throw error;
		const param = error.param ? `${prefix}.${error.param}` : prefix;
		const message = error.param ? error.message.split(`'${error.param}'`).join(`'${param}'`) : error.message;
		throw new ApiProblem(error.status, error.code, message, param, error.headers);
	}
}
