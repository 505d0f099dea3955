/** Stops everything the queue-mode global setup started (by the handles it kept). */
export default async function globalTeardown(): Promise<void> {
	const running = (globalThis as Record<string, unknown>).__HEYGEN_QUEUE__ as { stop(): Promise<void> } | undefined;
	await running?.stop();
}
