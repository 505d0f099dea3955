/** Stops the n8n and the emulator the global setup started (by the handles it kept). */
export default async function globalTeardown(): Promise<void> {
	const running = (globalThis as Record<string, unknown>).__HEYGEN_E2E__ as { stop(): Promise<void> } | undefined;
	await running?.stop();
}
