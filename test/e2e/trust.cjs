#!/usr/bin/env node
// Workspace trust in the workbench: a cloned folder whose .newsproofrc.yaml switches SPC-001
// off and whose house rules add ZZB-001. Opened in Restricted Mode, newsproof checks with its
// built-in rules only and says so in the status bar; trusting the folder loads its files
// without a restart. Env as ui.cjs (CS_URL, WS_DIR, SHOTS, PW_DIR, CHROMIUM, T0_MS).
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = (k, d) => process.env[k] || d;
const { chromium } = require(path.join(env('PW_DIR', '/tmp/vscode-e2e/pw'), 'node_modules/playwright-core'));
const url = env('CS_URL', 'http://127.0.0.1:18080');
const SHOTS = env('SHOTS', '/tmp/vscode-e2e/shots');
const T0 = Number(env('T0_MS', Date.now()));
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
let failed = 0;
const check = (ok, what) => {
	log(ok ? 'PASS' : 'FAIL', what);
	if (!ok) failed++;
};

const ws = process.env.WS_DIR;
fs.writeFileSync(path.join(ws, '.newsproofrc.yaml'), 'rules:\n  SPC-001: off\nruleFiles: [house.rules.yaml]\n');
fs.writeFileSync(
	path.join(ws, 'house.rules.yaml'),
	'rules:\n  - id: ZZB-001\n    find: [经开去]\n    replace: 经开区\n    message: 本报用“经开区”\n    explain: 本报体例。\n    examples:\n      bad: [{ text: 在经开去。, fixed: 在经开区。 }]\n      good: [在经开区。]\n',
);
fs.writeFileSync(path.join(ws, 'trust.txt'), '全区 6个办事处，在经开去。\n');

(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsproof-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: env('CHROMIUM', '/usr/bin/chromium'),
		headless: true,
		viewport: { width: 1280, height: 760 },
		locale: 'en-US',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = ctx.pages()[0] || (await ctx.newPage());
	page.setDefaultTimeout(Number(env('STEP_TIMEOUT_MS', 60000)));
	const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	const problems = async () =>
		(
			(await page
				.locator('.markers-panel')
				.innerText()
				.catch(() => '')) || ''
		).replace(/\s+/g, ' ');
	try {
		await page.goto(`${url}/?folder=${encodeURIComponent(ws)}`);
		// The trust prompt: decline, so that the folder opens in Restricted Mode.
		const decline = page.locator('.monaco-dialog-box .monaco-button', { hasText: /don.t trust/i }).first();
		await decline.waitFor();
		await shot('trust-prompt');
		await decline.click();
		await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
		await page.keyboard.press('Control+P');
		await page.locator('.quick-input-widget input').fill('trust.txt');
		await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
		await page.keyboard.press('Enter');
		const restricted = page.locator('.statusbar-item', { hasText: /built-in rules only|仅内置规则/ }).first();
		await restricted.waitFor();
		check(true, 'status bar: built-in rules only');
		await page.keyboard.press('Control+Shift+M');
		await page.waitForFunction(() => /SPC-001/.test(document.querySelector('.markers-panel')?.textContent ?? ''));
		let text = await problems();
		check(
			text.includes('SPC-001') && !text.includes('ZZB-001'),
			`restricted: the built-in rules run, the folder's config and house rules do not (${text.slice(0, 120)})`,
		);
		await shot('trust-restricted');
		// Trust the folder from the status bar item (it opens the trust editor).
		await restricted.click();
		const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$|Trust Folder/i }).first();
		await trust.waitFor();
		await trust.click();
		await page.waitForFunction(() => /ZZB-001/.test(document.querySelector('.markers-panel')?.textContent ?? ''));
		text = await problems();
		check(text.includes('ZZB-001') && !text.includes('SPC-001'), 'trusted: the config and the house rules apply, without a restart');
		check((await page.locator('.statusbar-item', { hasText: /built-in rules only|仅内置规则/ }).count()) === 0, 'the restricted notice is gone');
		await shot('trust-trusted');
	} catch (e) {
		failed++;
		log('FAIL', e.message.split('\n')[0]);
		await shot('trust-error').catch(() => {});
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	log(failed ? `${failed} failed` : 'all passed');
	process.exit(failed ? 1 : 0);
})();
