import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { builtinRulesDir } from '../../server/src/engine';

// --fix and --fix-dry-run on real copy: the sample page, CRLF with a BOM, a GB18030 draft.

const root = join(builtinRulesDir(), '..');
const page = join(root, 'seeds', '000_0d5ab8225625b065.txt');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'newsproof-fix-'));
}

describe('newsproof lint --fix', function () {
	this.timeout(60000);

	it('fixes the sample page in place, and a second run changes nothing', () => {
		const dir = tempDir();
		const file = join(dir, 'page.txt');
		copyFileSync(page, file);
		const before = readFileSync(file, 'utf8');
		const first = run(['lint', '--fix', '-f', 'json', 'page.txt'], dir);
		assert.equal(first.status, 0, `the nine findings all have certain fixes: ${first.stdout}${first.stderr}`);
		assert.match(first.stderr, /已修正 1 个文件，共 9 处/);
		const after = readFileSync(file, 'utf8');
		assert.notEqual(after, before);
		assert.equal(after.split('\n').length, before.split('\n').length, 'no line breaks are added or removed');
		assert.ok(after.includes('新的社会阶层人士'));
		assert.ok(!after.includes('村(社区)'));
		const remaining = JSON.parse(first.stdout)[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error' || d.severity === 'warning');
		assert.deepEqual(remaining, []);

		const stamp = statSync(file).mtimeMs;
		const second = run(['lint', '--fix', 'page.txt'], dir);
		assert.equal(second.status, 0, second.stderr);
		assert.ok(!second.stderr.includes('已修正'), second.stderr);
		assert.equal(readFileSync(file, 'utf8'), after);
		assert.equal(statSync(file).mtimeMs, stamp, 'a file with nothing to fix is not rewritten');
		assert.deepEqual(
			readdirSync(dir).filter((f) => f !== 'page.txt'),
			[],
			'no temporary files are left',
		);
	});

	it('--fix-dry-run prints a unified diff that matches what --fix writes, and leaves the file alone', () => {
		const dir = tempDir();
		const file = join(dir, 'page.txt');
		copyFileSync(page, file);
		const dry = run(['lint', '--fix-dry-run', 'page.txt'], dir);
		assert.equal(dry.status, 0, dry.stderr);
		assert.equal(readFileSync(file, 'utf8'), readFileSync(page, 'utf8'));
		assert.match(dry.stdout, /^--- a\/page\.txt\n\+\+\+ b\/page\.txt\n@@ /);
		assert.match(dry.stderr, /可修正 1 个文件，共 9 处（未写入）/);
		// Apply the diff's + lines by hand: they are exactly the lines --fix writes.
		const added = dry.stdout
			.split('\n')
			.filter((l) => l.startsWith('+') && !l.startsWith('+++'))
			.map((l) => l.slice(1));
		run(['lint', '--fix', 'page.txt'], dir);
		const fixedLines = readFileSync(file, 'utf8').split('\n');
		for (const line of added) {
			assert.ok(fixedLines.includes(line), `diff line not in the fixed file: ${line}`);
		}
		assert.equal(run(['lint', '--fix-dry-run', 'page.txt'], dir).stdout, '', 'nothing left to change');
	});

	it('keeps CRLF line endings and the BOM', () => {
		const dir = tempDir();
		const file = join(dir, 'crlf.txt');
		const text = '本报讯 全区 6个办事处，各村(社区)均已成立。\r\n记者 王赛华\r\n';
		writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
		const r = run(['lint', '--fix', 'crlf.txt'], dir);
		assert.equal(r.status, 0, r.stdout + r.stderr);
		const bytes = readFileSync(file);
		assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
		assert.equal(bytes.subarray(3).toString('utf8'), '本报讯 全区6个办事处，各村（社区）均已成立。\r\n记者 王赛华\r\n');
	});

	it('writes a GB18030 draft back in GB18030', () => {
		const dir = tempDir();
		const file = join(dir, 'gb.txt');
		writeFileSync(file, iconv.encode('本报讯 全区 6个办事处新联会联络处成立。\n记者 王赛华\n', 'gb18030'));
		const r = run(['lint', '--fix', 'gb.txt'], dir);
		assert.equal(r.status, 0, r.stdout + r.stderr);
		const bytes = readFileSync(file);
		assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError, 'still GB18030, not converted to UTF-8');
		assert.equal(iconv.decode(bytes, 'gb18030'), '本报讯 全区6个办事处新联会联络处成立。\n记者 王赛华\n');
	});

	it('fixes only what the filters select, and reports what remains', () => {
		const dir = tempDir();
		const file = join(dir, 'mixed.txt');
		writeFileSync(file, '本报讯 各村(社区)新的阶层人士 代表参加,全区 6个办事处。\n');
		const r = run(['lint', '--fix', '--rule', 'SPC', '-f', 'compact', 'mixed.txt'], dir);
		assert.equal(readFileSync(file, 'utf8'), '本报讯 各村(社区)新的阶层人士代表参加,全区6个办事处。\n');
		assert.equal(r.status, 0, 'the selected rule has nothing left');
		const all = run(['lint', '--fix', '-f', 'compact', 'mixed.txt'], dir);
		assert.equal(all.status, 0, all.stdout);
		assert.equal(readFileSync(file, 'utf8'), '本报讯 各村（社区）新的社会阶层人士代表参加，全区6个办事处。\n');
	});

	it('leaves unreadable and binary files alone and reports them', () => {
		const dir = tempDir();
		const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]);
		writeFileSync(join(dir, 'scan.txt'), binary);
		const r = run(['lint', '--fix', '.'], dir);
		assert.equal(r.status, 1);
		assert.match(r.stdout, /scan\.txt:1:1 {2}error {2}newsproof-io {2}二进制文件/);
		assert.deepEqual(readFileSync(join(dir, 'scan.txt')), binary);
	});
});
