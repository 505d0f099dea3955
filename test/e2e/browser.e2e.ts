import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { emulator, env } from './n8n';

/* eslint-disable @typescript-eslint/no-require-imports */
/** Debian's Chromium (the global setup installs it when missing); no browser is downloaded. */
const CHROMIUM: string = require('../../scripts/lib/chromium.cjs').chromiumPath();
const SHOTS = join(__dirname, '..', '..', 'test-results', 'browser');

let browser: Browser;
let page: Page;

const shot = async (name: string) => {
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	await emulator('/reset', { method: 'POST' });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(60_000);
});

afterAll(async () => {
	await browser?.close();
});

describe("the HeyGen node in n8n's editor (headless Chromium)", () => {
	it('logs in', async () => {
		await page.goto(`${env.n8nUrl}/signin`);
		await page.fill('[data-test-id="emailOrLdapLoginId"] input', env.owner.email);
		await page.fill('[data-test-id="password"] input', env.owner.password);
		await shot('01-sign-in');
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL(/\/(home|workflows)/);
	});

	it('opens the example workflow and the HeyGen node', async () => {
		await page.goto(`${env.n8nUrl}/workflow/hgExCreateVideo1`);
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Create welcome video"]');
		await node.waitFor();
		await shot('02-workflow');
		await node.dblclick();
		await page.locator('[data-test-id="resource-locator-avatar_id"]').waitFor();
		await shot('03-node');
	});

	it("opens the avatar picker and sees the emulator's avatars, and searches them", async () => {
		await page.locator('[data-test-id="resource-locator-avatar_id"] [data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]');
		await page.waitForFunction((selector) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(selector).length >= 5, '[data-test-id="rlc-item"]');
		expect(await items.allInnerTexts()).toEqual(expect.arrayContaining(['Abigail Office · Studio', 'Abigail Casual · Studio']));
		await shot('04-avatar-picker');
		// The search box has the focus as soon as the list opens.
		await page.keyboard.type('daniel');
		// The results replace the list once the debounced search comes back; the current choice stays on top.
		const results = async () =>
			(await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).filter((text) => text !== 'Abigail Office · Studio');
		const searched = (texts: string[]) => texts.length > 0 && texts.every((text) => /daniel/i.test(text));
		for (let tries = 0; tries < 100 && !searched(await results()); tries++) {
			await page.waitForTimeout(100);
		}
		const filtered = await results();
		expect(filtered.length).toBeGreaterThan(0);
		expect(filtered.every((text) => /daniel/i.test(text))).toBe(true);
		await shot('05-avatar-search');
		await page.keyboard.press('Escape');
	});

	it('executes the node and shows the finished video in the output', async () => {
		await page.locator('[data-test-id="node-execute-button"]').click();
		const output = page.locator('[data-test-id="output-panel"]');
		const file = output.locator('[data-test-id="ndv-binary-data_0"]');
		await file.waitFor({ timeout: 120_000 });
		expect(await file.innerText()).toContain('video/mp4');
		await shot('06-executed-binary');
		await output.locator('[data-test-id="radio-button-json"]').click();
		await output.getByText('video_page_url', { exact: false }).first().waitFor();
		const text = await output.innerText();
		expect(text).toContain('welcome-demo');
		expect(text).toMatch(/"status":\s*"completed"/);
		await shot('07-executed-json');
		// Against the local emulator Auto parks the editor's run: one batch of one video, resumed when HeyGen called back.
		const requests = ((await emulator('/requests')) as { data: Array<{ method: string; path: string; status?: number; body?: { videos?: unknown[] } }> }).data;
		const batches = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos/batches' && r.status === 202);
		expect(batches.map((r) => r.body?.videos?.length)).toEqual([1]);
		expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos')).toHaveLength(0);
	});
});
