import { chromium, type Browser } from 'playwright-core';

import { emulator, env } from './n8n';

/* eslint-disable @typescript-eslint/no-require-imports */
const CHROMIUM: string = require('../../scripts/lib/chromium.cjs').chromiumPath();

let browser: Browser;

beforeAll(async () => {
	// Earlier files leave long render timings behind; a short render, and no job left running after.
	await emulator('/reset', { method: 'POST' });
	await emulator('/config', { method: 'PATCH', body: { timings: { pendingMs: 200, processingMs: 1500 } } });
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

afterAll(async () => {
	await browser?.close();
});

async function finishedVideoUrl(): Promise<string> {
	const headers = { 'x-api-key': env.emulatorApiKey, 'content-type': 'application/json' };
	const created = await fetch(`${env.emulatorUrl}/v3/videos`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ type: 'avatar', avatar_id: 'lk_abigail_office', script: 'A video a browser can play.' }),
	});
	const videoId = ((await created.json()) as { data: { video_id: string } }).data.video_id;
	for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
		const { data } = (await (await fetch(`${env.emulatorUrl}/v3/videos/${videoId}`, { headers })).json()) as { data: { status: string; video_url?: string } };
		if (data.status === 'completed' && data.video_url) return data.video_url;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`video ${videoId} did not finish`);
}

describe("the sandbox's videos", () => {
	it('play in a browser: Chromium decodes a frame two and a half seconds in', async () => {
		const url = await finishedVideoUrl();
		const page = await browser.newPage();
		await page.setContent('<html><body></body></html>');
		// Runs in the page (a string, so this file needs no DOM types).
		const played = (await page.evaluate(`(async (src) => {
			const video = document.createElement('video');
			video.muted = true;
			video.preload = 'auto';
			video.src = src;
			document.body.appendChild(video);
			await new Promise((resolve, reject) => {
				video.onloadeddata = resolve;
				video.onerror = () => reject(new Error('media error ' + (video.error && video.error.code)));
			});
			video.currentTime = 2.5;
			await new Promise((resolve) => (video.onseeked = resolve));
			return { duration: video.duration, width: video.videoWidth, height: video.videoHeight, readyState: video.readyState, at: video.currentTime };
		})(${JSON.stringify(url)})`)) as { duration: number; width: number; height: number; readyState: number; at: number };
		await page.close();
		// HAVE_ENOUGH_DATA (4) or at least HAVE_CURRENT_DATA (2): a decoded frame at the seek position.
		expect(played).toMatchObject({ duration: 4, width: 320, height: 180, at: 2.5 });
		expect(played.readyState).toBeGreaterThanOrEqual(2);
	});
});
