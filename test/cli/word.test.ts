import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { builtinRulesDir } from '../../server/src/engine';
import { bold, docx, p, r, table } from '../helpers/docx';

// Word documents in a folder run: picked up beside .txt and .md, in every output format
// with 段 n and the paragraph, and --fix writing NAME.newsproof.docx.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

/** A desk folder: a text draft, a Markdown draft and a Word document with a table, a finding in each. */
function desk(): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-desk-'));
	writeFileSync(join(dir, 'a.txt'), '本报讯 全区 6个办事处。\n');
	writeFileSync(join(dir, 'b.md'), '# 标题\n\n各村(社区)均已落实。\n');
	writeFileSync(
		join(dir, 'c.docx'),
		docx([p(r('本报讯 ')), p(r('会议'), bold('隆重召开'), r('，全区 6个办事处参加。')), table([[[p(r('新的阶层人士'))], [p(r('120人'))]]])]),
	);
	return dir;
}

describe('newsproof lint: Word documents', function () {
	this.timeout(60000);

	it('picks up .docx beside .txt and .md in folders and globs, but not lock files or revised copies', () => {
		const dir = desk();
		writeFileSync(join(dir, '~$c.docx'), Buffer.alloc(162, 1));
		writeFileSync(join(dir, 'c.newsproof.docx'), readFileSync(join(dir, 'c.docx')));
		mkdirSync(join(dir, 'sub'));
		writeFileSync(join(dir, 'sub', 'd.docx'), docx([p(r('本报讯 全区6个办事处。'))]));
		const files = (args: string[]) => (JSON.parse(run(['lint', '-f', 'json', ...args], dir).stdout) as { file: string }[]).map((x) => x.file);
		assert.deepEqual(files(['.']), ['a.txt', 'b.md', 'c.docx', 'sub/d.docx']);
		assert.deepEqual(files(['*.docx']), ['c.docx']);
		assert.deepEqual(files(['**/*.docx']), ['c.docx', 'sub/d.docx']);
	});

	it('compact: file:paragraph:column, and the paragraph after the finding', () => {
		const r = run(['lint', '-f', 'compact', 'c.docx'], desk());
		assert.equal(r.status, 1, r.stderr);
		assert.deepEqual(r.stdout.trim().split('\n'), [
			'c.docx:2:3  warning  BAN-006  一般性会议不用“隆重召开”，宜用“召开”  原文：“隆重召开”  段 2：“会议隆重召开，全区 6个办事处参加。”',
			'c.docx:2:10  warning  SPC-001  多余的空格：“全区 6个”  原文：“ ”  段 2：“会议隆重召开，全区 6个办事处参加。”',
			'c.docx:3:1  error  POL-501  规范表述为“新的社会阶层人士”，不写“新的阶层人士”  原文：“新的阶层人士”  段 3：“新的阶层人士”',
			'共 3 处：错误 1，警告 2，提示 0，建议 0；1 个文件，30 字，每万字 1000.0 处',
		]);
	});

	it('stylish: 段 n:column and the paragraph with the flagged text marked', () => {
		const r = run(['lint', '-f', 'stylish', 'c.docx'], desk());
		const lines = r.stdout.split('\n');
		assert.equal(lines[0], 'c.docx  3 处，每万字 1000.0 处');
		assert.match(lines[1], /^ {2}段 2:3 {3}警告 {2}BAN-006 {3}一般性会议不用“隆重召开”/);
		assert.equal(lines[2].trim(), '│ 会议隆重召开，全区 6个办事处参加。');
		assert.match(lines[3], /^ +\^{8}$/);
		assert.ok(
			lines.some((l) => /^ {2}段 3:1 {3}错误 {2}POL-501/.test(l)),
			r.stdout,
		);
	});

	it("json: kind docx, line = paragraph (0-based), and each finding's paragraph number and text", () => {
		const r = run(['lint', '-f', 'json', '.'], desk());
		const reports = JSON.parse(r.stdout) as {
			file: string;
			kind?: string;
			diagnostics: { ruleId: string; range: { start: { line: number; character: number } }; paragraph?: { number: number; text: string } }[];
		}[];
		const word = reports.find((x) => x.file === 'c.docx')!;
		assert.equal(word.kind, 'docx');
		assert.deepEqual(
			word.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.character, d.paragraph]),
			[
				['BAN-006', 1, 2, { number: 2, text: '会议隆重召开，全区 6个办事处参加。' }],
				['SPC-001', 1, 9, { number: 2, text: '会议隆重召开，全区 6个办事处参加。' }],
				['POL-501', 2, 0, { number: 3, text: '新的阶层人士' }],
			],
		);
		const text = reports.find((x) => x.file === 'a.txt')!;
		assert.equal(text.kind, undefined);
		assert.equal(text.diagnostics[0].paragraph, undefined);
	});

	it('sarif: valid, with 段 n on the location and the paragraph as its context region', () => {
		const dir = desk();
		const r = run(['lint', '-f', 'sarif', '-o', 'out.sarif', '.'], dir);
		assert.equal(r.status, 1, r.stderr);
		const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
		const schemaFile = join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
		const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
		addFormats(ajv);
		const compiled = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
		const valid = (x: unknown): boolean => compiled(x);
		assert.ok(valid(log), JSON.stringify(compiled.errors?.slice(0, 5), null, 2));
		const results = log.runs[0].results as {
			ruleId: string;
			locations: {
				message?: { text: string };
				physicalLocation: {
					artifactLocation: { uri: string };
					region: { startLine: number };
					contextRegion?: { startLine: number; snippet: { text: string } };
				};
			}[];
		}[];
		const word = results.filter((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'c.docx');
		assert.equal(word.length, 3);
		const pol = word.find((x) => x.ruleId === 'POL-501')!.locations[0];
		assert.equal(pol.message?.text, '段 3');
		assert.equal(pol.physicalLocation.region.startLine, 3);
		assert.deepEqual(pol.physicalLocation.contextRegion, { startLine: 3, endLine: 3, snippet: { text: '新的阶层人士' } });
		const artifact = log.runs[0].artifacts.find((a: { location: { uri: string } }) => a.location.uri === 'c.docx');
		assert.equal(artifact.mimeType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		const text = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'a.txt')!.locations[0];
		assert.equal(text.message, undefined);
		assert.equal(text.physicalLocation.contextRegion, undefined);
	});

	it('html: the document marked like any other story, its notes by 段 n', () => {
		const dir = desk();
		run(['lint', '-f', 'html', '-o', 'report.html', '.'], dir);
		const html = readFileSync(join(dir, 'report.html'), 'utf8');
		const story = html.slice(html.indexOf('<h2>c.docx</h2>'));
		assert.match(story, /Word 文档，4 段，位置按“段:字”/);
		assert.match(story, /<div class="text">本报讯 \n会议<mark class="sev-warning" id="f3-m1" title="1\. BAN-006 [^"]*">隆重召开<\/mark>/);
		assert.match(story, /<li id="f3-n3" class="sev-error" value="3"><a href="#f3-m3">段 3:1<\/a>/);
	});

	it('--fix writes the revised copy beside the document and says so; the text drafts are fixed in place', () => {
		const dir = desk();
		const original = readFileSync(join(dir, 'c.docx'));
		const r = run(['lint', '--fix', '.'], dir);
		assert.match(r.stderr, /已写出修订稿 c\.newsproof\.docx：修订 2 处，批注 1 条/);
		assert.match(r.stderr, /已修正 2 个文件，共 2 处/);
		assert.deepEqual(readFileSync(join(dir, 'c.docx')), original);
		assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.md', 'c.docx', 'c.newsproof.docx']);
		// The warning without a certain fix is what remains, on the text with the changes accepted.
		assert.match(r.stdout, /^c\.docx:2:3 {2}warning {2}BAN-006 .*段 2：“会议隆重召开，全区6个办事处参加。”$/m);
		// A second run reads the document again (the copy is not a draft) and writes the same copy.
		const again = run(['lint', '--fix', '.'], dir);
		assert.match(again.stderr, /已写出修订稿 c\.newsproof\.docx/);
		assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.md', 'c.docx', 'c.newsproof.docx']);
	});

	it('--fix-in-place revises the document itself; --fix-dry-run shows the paragraphs as a diff', () => {
		const dir = desk();
		const dry = run(['lint', '--fix-dry-run', 'c.docx'], dir);
		assert.equal(
			dry.stdout,
			'--- a/c.docx\n+++ b/c.docx\n@@ -1,4 +1,4 @@\n 本报讯 \n-会议隆重召开，全区 6个办事处参加。\n-新的阶层人士\n+会议隆重召开，全区6个办事处参加。\n+新的社会阶层人士\n 120人\n',
		);
		const r = run(['lint', '--fix-in-place', 'c.docx'], dir);
		assert.match(r.stderr, /已写出修订稿 c\.docx：修订 2 处，批注 1 条/);
		assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.md', 'c.docx']);
		const after = run(['lint', '-f', 'json', 'c.docx'], dir);
		assert.deepEqual(
			JSON.parse(after.stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId),
			['BAN-006'],
		);
	});
});
