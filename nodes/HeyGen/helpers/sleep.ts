import { sleep } from 'n8n-workflow';

/** Thrown when the execution was cancelled while the node was waiting. */
export class CancelledError extends Error {
	/** Jobs already created when the wait was cancelled, so the error can name them. */
	created: Array<{ itemIndex: number; id: string }> = [];
	/** Words for those jobs ("video"). */
	noun = 'job';

	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

/** `sleep` that ends early (rejecting with `CancelledError`) when the execution is cancelled. */
export async function sleepUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new CancelledError();
	if (ms <= 0) return;
	if (!signal) {
		await sleep(ms);
		return;
	}
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(new CancelledError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

export function isCancelled(error: unknown, signal?: AbortSignal): boolean {
	if (error instanceof CancelledError) return true;
	if (signal?.aborted) return true;
	const name = (error as { name?: string } | undefined)?.name;
	return name === 'AbortError' || name === 'CanceledError';
}
