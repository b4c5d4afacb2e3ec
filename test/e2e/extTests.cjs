#!/usr/bin/env node
// Runs the extension's mocha suite with the @vscode/test-electron contract
// (extensionDevelopmentPath + extensionTestsPath whose index exports run()) inside
// code-server's extension host, driven by headless Chromium: both paths go into the
// workbench URL `payload`, and the workbench reports through window.codeAutomationLog /
// window.codeAutomationExit, as in VS Code's own browser integration tests.
// Env: CS_URL, WS_DIR, EXT_DEV, EXT_TESTS, PW_DIR, CHROMIUM, TEST_TIMEOUT_MS, VERBOSE.
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const env = (k, d) => process.env[k] || d;
const { chromium } = require(path.join(env('PW_DIR', '/tmp/vscode-e2e/pw'), 'node_modules/playwright-core'));
const url = env('CS_URL', 'http://127.0.0.1:18080');
const remote = (p) => `vscode-remote://${new URL(url).host}${path.resolve(p)}`;

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsproof-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: env('CHROMIUM', '/usr/bin/chromium'),
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	let code = 1;
	const done = new Promise((resolve) => {
		ctx.exposeBinding('codeAutomationLog', (_s, _type, args) => console.log(util.format(...(args || []))));
		ctx.exposeBinding('codeAutomationExit', (_s, c) => {
			code = c;
			resolve();
		});
	});
	const page = ctx.pages()[0] || (await ctx.newPage());
	if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
	const payload = JSON.stringify([
		['extensionDevelopmentPath', remote(process.env.EXT_DEV)],
		['extensionTestsPath', remote(process.env.EXT_TESTS)],
		['skipWelcome', 'true'],
	]);
	await page.goto(`${url}/?folder=${encodeURIComponent(process.env.WS_DIR)}&payload=${encodeURIComponent(payload)}`);
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(
			() => {
				console.log('TIMEOUT waiting for the test run to finish');
				resolve();
			},
			Number(env('TEST_TIMEOUT_MS', 180000)),
		);
	});
	await Promise.race([done, timeout]);
	clearTimeout(timer);
	await ctx.close().catch(() => {});
	fs.rmSync(profile, { recursive: true, force: true });
	console.log(`extension tests exit code ${code}`);
	process.exit(code);
})();
