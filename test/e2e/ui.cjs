#!/usr/bin/env node
// Drives the workbench like a person: the installed .vsix, the sample page opened from
// Quick Open, the Problems panel read, a quick fix taken with Ctrl+. and Enter. Saves
// screenshots to $SHOTS. Exit status 1 on any failed step.
// Env: CS_URL, WS_DIR, FILE, SHOTS, PW_DIR, CHROMIUM, STEP_TIMEOUT_MS, T0_MS.
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = (k, d) => process.env[k] || d;
const { chromium } = require(path.join(env('PW_DIR', '/tmp/vscode-e2e/pw'), 'node_modules/playwright-core'));
const url = env('CS_URL', 'http://127.0.0.1:18080');
const FILE = env('FILE', '000_0d5ab8225625b065.txt');
const SHOTS = env('SHOTS', '/tmp/vscode-e2e/shots');
const T0 = Number(env('T0_MS', Date.now()));
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
let failed = 0;
const root = path.join(__dirname, '..', '..');
/** The tests' Word writer (test/helpers/docx.ts), bundled in memory. */
function docxOfText(text) {
	const { outputFiles } = require(path.join(root, 'node_modules', 'esbuild')).buildSync({
		entryPoints: [path.join(root, 'test', 'helpers', 'docx.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		write: false,
		absWorkingDir: root,
	});
	const m = new module.constructor();
	m.paths = [path.join(root, 'node_modules')];
	m._compile(outputFiles[0].text, path.join(root, 'test', 'helpers', 'docx.js'));
	return m.exports.docxOfText(text);
}
const check = (ok, what) => {
	log(ok ? 'PASS' : 'FAIL', what);
	if (!ok) failed++;
};

(async () => {
	fs.mkdirSync(SHOTS, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsproof-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: env('CHROMIUM', '/usr/bin/chromium'),
		headless: true,
		viewport: { width: 1280, height: 760 },
		locale: env('UI_LOCALE', 'en-US'),
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = ctx.pages()[0] || (await ctx.newPage());
	page.setDefaultTimeout(Number(env('STEP_TIMEOUT_MS', 60000)));
	const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	const quickOpen = async (text) => {
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+P');
		const box = page.locator('.quick-input-widget input');
		await box.waitFor();
		await box.fill(text);
		// The list shows recent files first: wait until it has filtered down to the one asked for.
		await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
		await page.keyboard.press('Enter');
	};
	const problemsText = async () => (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
	/**
	 * Ctrl+. at the cursor, until the quick fix titled `title` is listed. A request that lands
	 * while the server lints every document again (the dictionary or the language model has
	 * just come in) can be answered before the editor has the new diagnostics; a user presses
	 * again, and so do we.
	 */
	const quickFixes = async (title) => {
		const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
		for (let attempt = 1; ; attempt++) {
			await page.keyboard.press('Control+.');
			try {
				await row.waitFor({ timeout: 10000 });
				return;
			} catch (e) {
				if (attempt === 3) throw e;
				log(`no "${title}" on attempt ${attempt}, asking again`);
				await page.keyboard.press('Escape');
			}
		}
	};
	const count = (text, s) => text.split(s).length - 1;
	fs.writeFileSync(path.join(process.env.WS_DIR, 'word.txt'), '本地水质状况令人堪忧。\n');
	try {
		await page.goto(`${url}/?folder=${encodeURIComponent(process.env.WS_DIR)}`);
		await page.locator('.monaco-workbench .part.editor').waitFor();
		await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
		log('workbench ready');
		await quickOpen(FILE);
		await page.locator(`.tab[aria-label*="${FILE}"]`).first().waitFor();
		await page.locator('.monaco-editor .view-lines').first().waitFor();
		await page.keyboard.press('Control+Shift+M');
		await page.locator('.markers-panel .monaco-list-row').nth(9).waitFor();
		// With every finding in, the dictionary has loaded: the status bar says newsproof is
		// ready (a check mark), instead of repeating the Problems counts.
		const status = page.locator('.statusbar-item', { hasText: 'newsproof' }).filter({ has: page.locator('.codicon-check') });
		await status.first().waitFor();
		check(!/\d/.test(await status.first().innerText()), `status bar state: ${(await status.first().innerText()).replace(/\s+/g, ' ')}`);
		let problems = await problemsText();
		check(
			count(problems, 'SPC-001') === 6 && count(problems, 'POL-501') === 2 && count(problems, 'PUN-001') === 1,
			'Problems panel: 6 SPC-001, 2 POL-501, 1 PUN-001',
		);
		check(problems.includes('新的社会阶层人士'), 'Problems panel shows the Chinese message');
		await shot('problems');
		// Go to the first stray space from the Problems panel, then take the quick fix from the editor.
		const row = page.locator('.markers-panel .monaco-list-row', { hasText: '全区 6个' }).first();
		await row.click();
		await page.keyboard.press('Enter');
		await page.locator('.monaco-editor.focused').first().waitFor();
		await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
		log('squiggle visible at the problem');
		await quickFixes('删除空格');
		await page.locator('.action-widget .monaco-list-row', { hasText: '忽略此处' }).first().waitFor();
		await shot('quickfix');
		await page.keyboard.press('Enter'); // the preferred fix is first and focused
		await page.waitForFunction(() => {
			const p = document.querySelector('.markers-panel');
			return p && (p.innerText.match(/SPC-001/g) || []).length === 5;
		});
		problems = await problemsText();
		check(!problems.includes('全区 6个'), 'the fixed space is gone from the Problems panel');
		const lines = await page.locator('.monaco-editor .view-lines').first().innerText();
		check(lines.includes('全区6个') || !lines.includes('全区 6个'), 'editor text corrected');
		await shot('fixed');

		// "Add to the word list" asks where; the workspace settings take the word and the finding goes.
		await quickOpen('word.txt');
		await page.locator('.tab[aria-label*="word.txt"]').first().waitFor();
		// The cursor goes to the finding with Go to Next Problem (Alt+F8) in this editor: a click
		// on a squiggle may land on the editor that was shown a moment before.
		await page.locator('.monaco-editor.focused .view-lines', { hasText: '令人堪忧' }).first().waitFor();
		await page.locator('.monaco-editor.focused .squiggly-warning').first().waitFor();
		await page.keyboard.press('Alt+F8');
		await page.locator('.monaco-editor.focused .marker-widget', { hasText: 'TYP-039' }).first().waitFor();
		await page.keyboard.press('Escape');
		log('cursor on the TYP-039 finding');
		await quickFixes('加入词表');
		// Down to the action from the first (focused) row, as a keyboard user would.
		// The widget's rows include its group header (Quick Fix); the first action has the focus.
		const rows = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).filter((t) => !/^\s*(Quick Fix|快速修复)\s*$/.test(t));
		const index = rows.findIndex((t) => t.includes('加入词表'));
		for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		const target = page.locator('.quick-input-list .monaco-list-row', { hasText: /Workspace settings|工作区设置/ }).first();
		await target.waitFor();
		await shot('add-word-target');
		check((await page.locator('.quick-input-list .monaco-list-row').count()) === 3, 'three places to add the word: user, workspace, config file');
		await target.click({ force: true });
		const settingsFile = path.join(process.env.WS_DIR, '.vscode', 'settings.json');
		for (let i = 0; i < 100 && !(fs.existsSync(settingsFile) && fs.readFileSync(settingsFile, 'utf8').includes('令人堪忧')); i++)
			await page.waitForTimeout(100);
		check(
			fs.existsSync(settingsFile) && /"newsproof\.words":\s*\[\s*"令人堪忧"/.test(fs.readFileSync(settingsFile, 'utf8')),
			'the word is in the workspace settings',
		);
		check(
			!fs.existsSync(path.join(process.env.WS_DIR, '.newsproofrc.yaml')) ||
				!fs.readFileSync(path.join(process.env.WS_DIR, '.newsproofrc.yaml'), 'utf8').includes('令人堪忧'),
			'and not in the shared config file',
		);
		await page.waitForFunction(() => !(document.querySelector('.markers-panel')?.textContent ?? '').includes('TYP-039'));
		check(true, 'the finding is gone from the Problems panel');

		// A Word document: shown from the Explorer's context menu as read-only text with its
		// findings; the Problems panel leads to them; typing changes nothing.
		fs.mkdirSync(path.join(process.env.WS_DIR, 'word'), { recursive: true });
		fs.writeFileSync(
			path.join(process.env.WS_DIR, 'word', 'page.docx'),
			docxOfText(fs.readFileSync(path.join(process.env.WS_DIR, FILE), 'utf8').replace(/\n$/, '')),
		);
		const folderRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^\s*word\s*$/ }).first();
		await folderRow.click();
		const docRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'page.docx' }).first();
		await docRow.click({ button: 'right' });
		// The menu ignores a click that comes right as it opens: point at the item, then Enter.
		await page
			.locator('.context-view .action-label', { hasText: /Word Document Text|Word 文档的文字/ })
			.first()
			.hover();
		await page
			.locator('.context-view .action-item.focused', { hasText: /Word Document Text|Word 文档的文字/ })
			.first()
			.waitFor();
		await page.keyboard.press('Enter');
		await page.locator('.tab[aria-label*="page.docx"]').first().waitFor();
		log('the Word document’s text opened from the Explorer');
		// The text draft's findings folded away, the Word document's are in view.
		await page.locator('.markers-panel .monaco-list-row', { hasText: 'page.docx' }).first().waitFor();
		await page.locator('.markers-panel .monaco-list-row', { hasText: FILE }).first().click();
		const wordRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'SPC-001' }).first();
		await wordRow.waitFor();
		check(true, 'the Word document’s findings are in the Problems panel');
		await wordRow.click();
		await page.keyboard.press('Enter');
		await page.locator('.monaco-editor.focused .squiggly-warning').first().waitFor();
		log('squiggle visible in the Word document’s text');
		const linesBefore = await page.locator('.monaco-editor.focused .view-lines').first().innerText();
		await page.keyboard.type('改');
		await page
			.locator('.monaco-editor-overlaymessage, .monaco-editor .overlayWidgets', { hasText: /read-only|只读/ })
			.first()
			.waitFor();
		const viewLines = await page.locator('.monaco-editor.focused .view-lines').first().innerText();
		check(viewLines === linesBefore, 'the text of the Word document is read-only');
		await shot('word-view');
	} catch (e) {
		failed++;
		// The first lines name the step: the error, then the locator it waited for.
		log('FAIL', e.message.split('\n').slice(0, 3).join(' | '));
		await shot('error').catch(() => {});
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	log(failed ? `${failed} failed` : 'all passed');
	process.exit(failed ? 1 : 0);
})();
