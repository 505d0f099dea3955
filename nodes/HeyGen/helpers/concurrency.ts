/** Runs `worker` over `inputs` with at most `limit` running at once; results keep input order. */
export async function mapWithLimit<I, O>(inputs: I[], limit: number, worker: (input: I, index: number) => Promise<O>): Promise<O[]> {
	const results = new Array<O>(inputs.length);
	let next = 0;
	const lanes = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await worker(inputs[index], index);
		}
	});
	await Promise.all(lanes);
	return results;
}

/** A gate that runs at most `limit` tasks at once, in the order they arrive. */
export function taskGate(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
	let active = 0;
	const waiting: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
		active++;
		try {
			return await task();
		} finally {
			active--;
			waiting.shift()?.();
		}
	};
}
