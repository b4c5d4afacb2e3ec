import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portableRelative, resolveWritten, within } from '../../server/src/engine';
import { lintFile } from '../helpers/engine';

// What a Windows desk writes and sends: backslash paths in a config and in the ignore list,
// drive letters in either case, CRLF drafts. The path rules take the platform as an argument,
// so that Windows is checked here too with path.win32.

describe('paths written on Windows', () => {
	it('resolve a backslash path from a config on every system', () => {
		assert.equal(resolveWritten('/desk', '规则\\本报.yaml', 'linux'), '/desk/规则/本报.yaml');
		assert.equal(resolveWritten('C:\\稿件', '规则\\本报.yaml', 'win32'), 'C:\\稿件\\规则\\本报.yaml');
		assert.equal(resolveWritten('C:\\稿件', 'D:\\共用\\名单.txt', 'win32'), 'D:\\共用\\名单.txt');
		assert.equal(resolveWritten('C:\\稿件', '规则/本报.yaml', 'win32'), 'C:\\稿件\\规则\\本报.yaml');
	});

	it('key ignore entries with forward slashes whatever the system', () => {
		assert.equal(portableRelative('C:\\稿件', 'C:\\稿件\\今日\\a.txt', 'win32'), '今日/a.txt');
		assert.equal(portableRelative('/稿件', '/稿件/今日/a.txt', 'linux'), '今日/a.txt');
	});

	it('find a draft inside its workspace folder whatever case the drive letter is written in', () => {
		assert.ok(within('C:\\稿件', 'c:\\稿件\\今日\\a.txt', 'win32'));
		assert.ok(within('c:\\稿件', 'C:\\稿件', 'win32'));
		assert.ok(!within('C:\\稿件', 'C:\\稿件备份\\a.txt', 'win32'));
		assert.ok(!within('C:\\稿件', 'D:\\稿件\\a.txt', 'win32'));
		assert.ok(!within('/稿件', '/稿件备份/a.txt', 'linux'));
	});

	it('load a config whose ruleFiles and ignore entries use backslashes, and lint a CRLF draft', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-windows-'));
		mkdirSync(join(dir, '规则'));
		mkdirSync(join(dir, '今日'));
		mkdirSync(join(dir, '.newsproof'));
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'ruleFiles: [规则\\本报.rules.yaml]\r\n');
		writeFileSync(
			join(dir, '规则', '本报.rules.yaml'),
			'rules:\r\n  - id: ZZB-001\r\n    find: [经开去]\r\n    replace: 经开区\r\n    examples:\r\n      bad: [{ text: 在经开去。, fixed: 在经开区。 }]\r\n      good: [在经开区。]\r\n',
		);
		const draft = join(dir, '今日', 'a.txt');
		const text = '全区 6个办事处。\r\n在经开去。\r\n';
		writeFileSync(
			join(dir, '.newsproof', 'ignore.yaml'),
			'ignore:\r\n  - file: 今日\\a.txt\r\n    rule: SPC-001\r\n    text: " "\r\n    before: 全区\r\n    after: 6个办事处。\r\n',
		);
		const result = lintFile(draft, text);
		assert.deepEqual(result.problems, []);
		assert.deepEqual(
			result.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
			[['ZZB-001', 1, 1]],
		);
	});
});
