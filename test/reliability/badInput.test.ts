import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixes, builtinRuleFiles, builtinRulesDir, type Finding, lintText, loadRuleset } from '../../server/src/engine';
import { sharedSegmenter } from '../helpers/engine';

// Bad input, each with a clear outcome: the engine never throws, every range lies inside
// the document, and the CLI reports what it cannot read instead of crashing.

const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);
const lint = (text: string, maxFindings?: number) => lintText(text, { ruleset, segmenter: sharedSegmenter, maxFindings }).findings;
const root = join(builtinRulesDir(), '..');
const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { encoding: 'utf8' });

function assertInside(text: string, findings: Finding[]): void {
	const lines = text.split(/\r\n|\r|\n/);
	for (const f of findings) {
		for (const p of [f.range.start, f.range.end]) {
			assert.ok(p.line >= 0 && p.line < lines.length, `${f.ruleId} line ${p.line}`);
			assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${f.ruleId} character ${p.character}`);
		}
		assert.equal(text.slice(f.offset.start, f.offset.end), f.text);
	}
}

describe('bad input', function () {
	this.timeout(120000);

	it('empty text and whitespace only: no findings', () => {
		assert.deepEqual(lint(''), []);
		assert.deepEqual(lint('\n\n\r\n   \u3000\n'), []);
	});

	it('a BOM is layout, not text', () => {
		const text = '\ufeff全区 6个办事处。';
		const findings = lint(text);
		assert.deepEqual(
			findings.map((f) => [f.ruleId, f.range.start.character]),
			[['SPC-001', 3]],
		);
	});

	it('CRLF, lone CR and mixed line endings map to the same findings', () => {
		const body = ['本报讯 全区 6个办事处新联会', '联络处成立，村(社区)参加。', '', '记者 王赛华'];
		const expected = lint(body.join('\n')).map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.text.replace(/\r\n|\r/g, '\n')]);
		assert.equal(expected.length, 2);
		for (const eol of ['\r\n', '\r']) {
			const text = body.join(eol);
			const findings = lint(text);
			assertInside(text, findings);
			assert.deepEqual(
				findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.text]),
				expected,
			);
		}
		const mixed = `${body[0]}\r\n${body[1]}\r${body[2]}\n${body[3]}`;
		assert.deepEqual(
			lint(mixed).map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
			expected.map((e) => e.slice(0, 3)),
		);
	});

	it('NUL bytes and control characters inside text do not throw', () => {
		const text = '全区\u0000 6个\u0007办事处\u001b[31m。';
		assertInside(text, lint(text));
	});

	it('a 100,000-line file and a paragraph of a million characters', () => {
		const lines = Array.from({ length: 100000 }, (_, i) => (i % 7 === 0 ? '' : `第${i}行，全区 6个办事处。`)).join('\n');
		const many = lint(lines, 1000);
		assert.equal(many.length, 1001);
		assert.equal(many[1000].ruleId, 'newsproof-limit');
		assert.match(many[1000].message, /另有 \d+ 处未列出/);
		assertInside(lines, many.slice(0, 1000));
		const paragraph = '会议强调，要再接再励，全区6个办事处成立。'.repeat(50000);
		const findings = lint(paragraph, 200000);
		assert.equal(findings.filter((f) => f.ruleId === 'TYP-005').length, 50000);
		assertInside(paragraph, findings.slice(0, 100));
	});

	it('100,000 findings are capped per file with a summary saying how many were left out', () => {
		const text = '全区 6个办事处。\n\n'.repeat(100000);
		const findings = lint(text, 1000);
		assert.equal(findings.length, 1001);
		assert.match(findings[1000].message, /另有 99000 处未列出（上限 1000 处）/);
	});

	it('100,000 findings in a single 900,000-character paragraph (a one-block page) are capped too', () => {
		// Every space here is a finding, and each used to rescan the paragraph from its start.
		const text = '全区 6个办事处。'.repeat(100000);
		const findings = lint(text, 1000);
		assert.equal(findings.length, 1001);
		assert.equal(findings.filter((f) => f.ruleId === 'SPC-001').length, 1000);
		assert.match(findings[1000].message, /另有 \d+ 处未列出（上限 1000 处）/);
		assertInside(text, findings);
	});

	it('a 20 MB single line is linted to the cap, words and all', function () {
		this.timeout(180000);
		const unit = '会议强调，要再接再励，全区 6个办事处成立（2021年）。';
		const text = unit.repeat(Math.ceil(20e6 / Buffer.byteLength(unit)));
		assert.ok(Buffer.byteLength(text) >= 20e6 && !text.includes('\n'));
		const findings = lint(text, 1000);
		assert.equal(findings.length, 1001);
		assert.ok(findings.some((f) => f.ruleId === 'TYP-005') && findings.some((f) => f.ruleId === 'SPC-001'));
		assert.match(findings[1000].message, /另有 \d+ 处未列出/);
		assertInside(text, findings.slice(0, 1000));
	});

	it('deeply nested and unbalanced brackets and quotes', () => {
		const deep = '（'.repeat(5000) + '四个意识' + '）'.repeat(4000) + '“'.repeat(3000) + '《'.repeat(3000) + '再接再励';
		const findings = lint(deep);
		assertInside(deep, findings);
		assert.ok(findings.some((f) => f.ruleId === 'TYP-005'));
	});

	it('fixing the bad inputs twice changes nothing the second time', () => {
		for (const text of ['全区 6个，村(社区)，再接再励，增强四个意识。', '\ufeff本报讯 全区 6个\r\n记者王赛华\r\n']) {
			const once = applyFixes(text, lint(text)).text;
			assert.equal(applyFixes(once, lint(once)).text, once);
		}
	});

	it('the CLI skips broken UTF-8 with a message naming the file and line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-bad-'));
		writeFileSync(
			join(dir, 'broken.txt'),
			Buffer.concat([Buffer.from('第一行\n第二行', 'utf8'), Buffer.from([0xff, 0xfe, 0xff]), Buffer.from('文字\n', 'utf8')]),
		);
		writeFileSync(join(dir, 'fine.txt'), '全区 6个办事处。\n');
		const r = cli(['lint', dir]);
		assert.equal(r.status, 1, r.stderr);
		assert.match(r.stdout, /broken\.txt:1:1 {2}error {2}newsproof-io {2}.*(UTF-8|编码).*第 2 行/);
		assert.match(r.stdout, /fine\.txt:1:3 {2}warning {2}SPC-001/);
	});
});
