import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { builtinRulesDir } from '../../server/src/engine';

// The html report as the chief editor sees it: rendered by headless Chromium (Debian's
// package), marks visible over the flagged text, notes linked both ways, print layout.

// Runs inside the page; the project's TypeScript setup has no DOM library.
declare function getComputedStyle(el: unknown): { backgroundColor: string; borderBottomColor: string; breakBefore: string };

const root = join(builtinRulesDir(), '..');
const executablePath = '/usr/bin/chromium';
// Loaded from node_modules at run time: playwright-core reads its own files beside it and
// cannot be bundled; a require through a variable is left alone by esbuild.
const playwrightCore = 'playwright-core';
const { chromium } = require(playwrightCore) as typeof import('playwright-core');

describe('newsproof lint --format html in a browser', function () {
	this.timeout(120000);
	let browser: Browser | undefined;

	before(async function () {
		if (!existsSync(executablePath)) {
			console.warn(`    (skipped: ${executablePath} is missing; install it with apt-get install chromium)`);
			this.skip();
		}
		browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
	});

	after(async () => {
		await browser?.close();
	});

	it('renders every finding as a visible mark over the flagged text, with its note', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-html-'));
		writeFileSync(join(dir, 'a.txt'), '𠮷全区 6个办事处。\n');
		writeFileSync(join(dir, 'b.txt'), '本报讯 各村(社区)新的阶层人士代表参加。\n记者 王赛华\n');
		writeFileSync(join(dir, 'c.txt'), '本报讯 全区6个办事处新联会联络处成立。\n记者 王赛华\n');
		const out = join(dir, 'report.html');
		const r = spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), 'lint', '-f', 'html', '-o', out, '.'], { cwd: dir, encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);

		const page = await browser!.newPage({ viewport: { width: 900, height: 1200 } });
		const failed: string[] = [];
		page.on('requestfailed', (req) => failed.push(req.url()));
		page.on('request', (req) => {
			if (!req.url().startsWith('file:')) failed.push(req.url());
		});
		await page.goto(pathToFileURL(out).href);
		assert.equal(await page.title(), 'newsproof 校对报告');

		const marks = await page.$$eval('section.story mark', (els) =>
			els.map((el) => {
				const box = el.getBoundingClientRect();
				const style = getComputedStyle(el);
				return {
					text: el.textContent,
					cls: el.className,
					width: box.width,
					height: box.height,
					background: style.backgroundColor,
					border: style.borderBottomColor,
				};
			}),
		);
		assert.deepEqual(
			marks.map((m) => [m.text, m.cls]),
			[
				[' ', 'sev-warning'],
				['(社区)', 'sev-warning'],
				['新的阶层人士', 'sev-error'],
			],
		);
		for (const m of marks) {
			assert.ok(m.width > 0 && m.height > 0, `mark “${m.text}” takes space on the page`);
			assert.notEqual(m.background, 'rgba(0, 0, 0, 0)', `mark “${m.text}” has a background`);
		}
		assert.notEqual(marks[2].border, marks[1].border, 'errors and warnings are told apart');

		// Table of contents: the files with findings, linked to their sections; the clean one listed apart.
		const toc = await page.$$eval('nav ol a', (els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
		assert.deepEqual(toc, [
			['a.txt', '#f1'],
			['b.txt', '#f2'],
		]);
		assert.match((await page.textContent('nav'))!, /未发现问题的文件（1）\s*c\.txt/);

		// The footnote number after a mark leads to its note, and the note back to the mark.
		await page.click('#f2 mark.sev-error + sup a');
		assert.equal(new URL(page.url()).hash, '#f2-n2');
		const note = (await page.textContent('#f2-n2'))!;
		assert.match(note, /POL-501/);
		assert.match(note, /建议修改：改为“新的社会阶层人士”/);
		assert.equal(await page.getAttribute('#f2-n2 a', 'href'), '#f2-m2');

		// Category table: one row per category with findings, and the total.
		const rows = await page.$$eval('table.categories tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
		assert.deepEqual(rows.at(-1), ['合计', '1', '2', '0', '0', '3', '517.2']);

		// Printing starts each story on a new page.
		await page.emulateMedia({ media: 'print' });
		assert.equal(await page.$eval('section.story', (el) => getComputedStyle(el).breakBefore), 'page');
		assert.deepEqual(failed, [], 'the report loads nothing from elsewhere');
		if (process.env.NEWSPROOF_SCREENSHOT) {
			await page.emulateMedia({ media: 'screen' });
			await page.screenshot({ path: process.env.NEWSPROOF_SCREENSHOT, fullPage: true });
		}
		await page.close();
	});
});
