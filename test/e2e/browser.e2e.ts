import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { emulator, env, NODE_TYPE, rest } from './n8n';

/* eslint-disable @typescript-eslint/no-require-imports */
/** Debian's Chromium (the global setup installs it when missing); no browser is downloaded. */
const CHROMIUM: string = require('../../scripts/lib/chromium.cjs').chromiumPath();
const SHOTS = join(__dirname, '..', '..', 'test-results', 'browser');

let browser: Browser;
let context: BrowserContext | undefined;

const HEYGEN_NODE = '[data-test-id="canvas-node"][data-node-name="Create welcome video"]';
const AVATAR_LOCATOR = '[data-test-id="resource-locator-avatar_id"]';

const shot = async (page: Page, name: string) => {
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** A fresh browser session (no cookies, nothing open): every test starts from its own. */
async function freshPage(): Promise<Page> {
	await context?.close();
	context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	page.setDefaultTimeout(60_000);
	return page;
}

async function signIn(page: Page, beforeSubmit?: () => Promise<void>): Promise<void> {
	await page.goto(`${env.n8nUrl}/signin`);
	await page.fill('[data-test-id="emailOrLdapLoginId"] input', env.owner.email);
	await page.fill('[data-test-id="password"] input', env.owner.password);
	await beforeSubmit?.();
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL(/\/(home|workflows)/);
}

/**
 * A fresh session carrying the suite's own login (made once by the global set-up): n8n allows
 * only a few sign-ins per minute, so only the sign-in test goes through the form.
 */
async function signedInPage(): Promise<Page> {
	const page = await freshPage();
	const cookies = env.sessionCookie.split('; ').map((pair) => {
		const at = pair.indexOf('=');
		return { name: pair.slice(0, at), value: pair.slice(at + 1), url: env.n8nUrl };
	});
	await context?.addCookies(cookies);
	return page;
}

/** Signed in, the example workflow open on the canvas. */
async function openExampleWorkflow(): Promise<Page> {
	const page = await signedInPage();
	await page.goto(`${env.n8nUrl}/workflow/hgExCreateVideo1`);
	await page.locator(HEYGEN_NODE).waitFor();
	return page;
}

/** The avatar look the set-up picked for the example from the emulator's account, as n8n stored it. */
async function exampleAvatar(): Promise<{ value: string; cachedResultName: string }> {
	const { status, body } = await (await rest())('/rest/workflows/hgExCreateVideo1');
	if (status !== 200) throw new Error(`reading the example workflow failed: ${status}`);
	const workflow = body.data as { nodes: Array<{ name: string; parameters: { avatar_id?: { value: string; cachedResultName: string } } }> };
	const avatar = workflow.nodes.find((node) => node.name === 'Create welcome video')?.parameters.avatar_id;
	if (!avatar?.value || !avatar.cachedResultName) throw new Error('the example workflow has no avatar look picked');
	return avatar;
}

/** Signed in, the example's HeyGen node open in its panel. */
async function openHeyGenNode(): Promise<Page> {
	const page = await openExampleWorkflow();
	await page.locator(HEYGEN_NODE).dblclick();
	await page.locator(AVATAR_LOCATOR).waitFor();
	return page;
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
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
});

afterEach(async () => {
	await context?.close();
	context = undefined;
});

afterAll(async () => {
	await browser?.close();
});

describe("the HeyGen node in n8n's editor (headless Chromium)", () => {
	it('signs in and lists the example workflows', async () => {
		const page = await freshPage();
		await signIn(page, async () => await shot(page, '01-sign-in'));
		await page.getByText('HeyGen: create an avatar video, wait and download it').first().waitFor();
		expect(page.url()).toMatch(/\/(home|workflows)/);
	});

	it('shows the example workflow on the canvas with its HeyGen node', async () => {
		const page = await openExampleWorkflow();
		await shot(page, '02-workflow');
		const node = page.locator(HEYGEN_NODE);
		expect(await node.getAttribute('data-node-type')).toBe(NODE_TYPE);
		// The canvas subtitle comes from the node's description: operation and resource.
		expect(await node.innerText()).toContain('createAvatarVideo: video');
		expect(await page.locator('[data-test-id="canvas-node"]').count()).toBe(2);
	});

	it("opens the HeyGen node's panel: Create Avatar Video, with the example's avatar look in the locator", async () => {
		const page = await openHeyGenNode();
		await shot(page, '03-node');
		const locator = page.locator(AVATAR_LOCATOR);
		const avatar = await exampleAvatar();
		expect(await locator.locator('[data-test-id="rlc-input"] input, input[data-test-id="rlc-input"]').first().inputValue()).toBe(avatar.cachedResultName);
		const panel = page.locator('[data-test-id="ndv"]');
		const selected = async (parameter: string) => await panel.locator(`[data-test-id="parameter-input-${parameter}"] input`).first().inputValue();
		expect([await selected('resource'), await selected('operation')]).toEqual(['Video', 'Create Avatar Video']);
	});

	it("opens the avatar picker and sees the emulator's avatars, and searches them", async () => {
		const page = await openHeyGenNode();
		const current = (await exampleAvatar()).cachedResultName;
		await page.locator(`${AVATAR_LOCATOR} [data-test-id="rlc-input"]`).click();
		const items = page.locator('[data-test-id="rlc-item"]');
		await page.waitForFunction((selector) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(selector).length >= 5, '[data-test-id="rlc-item"]');
		expect(await items.allInnerTexts()).toEqual(expect.arrayContaining(['Abigail Office · Studio', 'Abigail Casual · Studio']));
		await shot(page, '04-avatar-picker');
		// The search box has the focus as soon as the list opens.
		await page.keyboard.type('daniel');
		// The results replace the list once the debounced search comes back; the current choice stays on top.
		const results = async () =>
			(await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).filter((text) => text !== current);
		const searched = (texts: string[]) => texts.length > 0 && texts.every((text) => /daniel/i.test(text));
		for (let tries = 0; tries < 100 && !searched(await results()); tries++) {
			await page.waitForTimeout(100);
		}
		const filtered = await results();
		expect(filtered.length).toBeGreaterThan(0);
		expect(filtered.every((text) => /daniel/i.test(text))).toBe(true);
		await shot(page, '05-avatar-search');
	});

	it('executes the node and shows the finished video in the output', async () => {
		await emulator('/reset', { method: 'POST' });
		const page = await openHeyGenNode();
		await page.locator('[data-test-id="node-execute-button"]').click();
		const output = page.locator('[data-test-id="output-panel"]');
		const file = output.locator('[data-test-id="ndv-binary-data_0"]');
		await file.waitFor({ timeout: 120_000 });
		expect(await file.innerText()).toContain('video/mp4');
		await shot(page, '06-executed-binary');
		await output.locator('[data-test-id="radio-button-json"]').click();
		await output.getByText('video_page_url', { exact: false }).first().waitFor();
		const text = await output.innerText();
		expect(text).toContain('welcome-demo');
		expect(text).toMatch(/"status":\s*"completed"/);
		await shot(page, '07-executed-json');
		// Against the local emulator Auto parks the editor's run: one batch of one video, resumed when HeyGen called back.
		const requests = ((await emulator('/requests')) as { data: Array<{ method: string; path: string; status?: number; body?: { videos?: unknown[] } }> }).data;
		const batches = requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos/batches' && r.status === 202);
		expect(batches.map((r) => r.body?.videos?.length)).toEqual([1]);
		expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/videos')).toHaveLength(0);
	});
});
