import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The CLI as a user runs it: bin/newsproof.js, spawned, judged by output and exit status.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

describe('newsproof CLI', function () {
	this.timeout(60000);

	it('lints seeds/ with file:line:col lines, a summary, and exit 1', () => {
		const r = run(['lint', 'seeds']);
		assert.equal(r.status, 1, r.stderr);
		const lines = r.stdout.trim().split('\n');
		assert.match(
			lines[0],
			/^seeds\/000_0d5ab8225625b065\.txt:107:2 {2}error {2}POL-501 {2}规范表述为“新的社会阶层人士”，不写“新的阶层人士” {2}原文：“新的阶层人士”$/,
		);
		assert.match(lines[lines.length - 1], /^共 9 处：错误 2，警告 7，提示 0，建议 0；1 个文件，\d+ 字，每万字 [\d.]+ 处$/);
	});

	it('prints the JSON contract with 0-based UTF-16 ranges and applicable fixes', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-'));
		writeFileSync(join(dir, 'a.txt'), '𠮷全区 6个办事处。\n');
		const r = run(['lint', '--format', 'json', dir]);
		assert.equal(r.status, 1, r.stderr);
		const out = JSON.parse(r.stdout);
		assert.equal(out.length, 1);
		assert.equal(out[0].file.endsWith('a.txt'), true);
		const [d] = out[0].diagnostics;
		assert.deepEqual(Object.keys(d).sort(), ['category', 'fixes', 'message', 'range', 'ruleId', 'severity', 'text']);
		assert.equal(d.ruleId, 'SPC-001');
		assert.equal(d.category, 'typography');
		assert.deepEqual(d.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } });
		assert.deepEqual(d.fixes[0].edits, [{ range: d.range, newText: '' }]);
	});

	it('exits 0 on a clean draft and 2 on usage and config errors', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-'));
		writeFileSync(join(dir, 'clean.txt'), '本报讯 全区6个办事处新联会联络处成立。\n记者 王赛华\n');
		const clean = run(['lint', dir]);
		assert.equal(clean.status, 0, clean.stdout + clean.stderr);
		assert.equal(run(['lint']).status, 2);
		assert.equal(run(['lint', '--format', 'xml', dir]).status, 2);
		assert.equal(run(['lint', join(dir, 'missing')]).status, 2);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules: [oops\n');
		const broken = run(['lint', dir]);
		assert.equal(broken.status, 2);
		assert.match(broken.stderr, /\.newsproofrc\.yaml:\d+:\d+: YAML 语法错误/);
	});

	it('skips a binary file with a message instead of crashing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-'));
		writeFileSync(join(dir, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
		const r = run(['lint', dir]);
		assert.equal(r.status, 1);
		assert.match(r.stdout, /scan\.txt:1:1 {2}error {2}newsproof-io {2}二进制文件/);
	});
});
