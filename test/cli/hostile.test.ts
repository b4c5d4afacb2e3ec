import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The command line against hostile folders and faults: what reaches the terminal, a worker
// thread that dies, links, leftovers of a killed run, files that only look like text.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
const tempDir = () => mkdtempSync(join(tmpdir(), 'newsproof-hostile-'));

/** C0 and C1 controls other than the line break that ends each output line. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('newsproof lint against hostile folders and faults', function () {
	this.timeout(120000);

	it('escapes escape sequences from drafts and file names in the text formats', () => {
		const dir = tempDir();
		const evil = '\u001b]0;pwned\u0007\u001b[31m';
		writeFileSync(join(dir, `a${evil}.txt`), `全区 6个${evil}办事处。\n`);
		writeFileSync(join(dir, 'line\nbreak.txt'), '全区 7个办事处。\n');
		for (const format of ['compact', 'stylish']) {
			const result = run(['lint', '--no-color', '-f', format, '.'], dir);
			assert.equal(result.status, 1, result.stderr);
			for (const line of result.stdout.split('\n')) assert.doesNotMatch(line, rawControl, `${format}: ${JSON.stringify(line)}`);
			assert.match(result.stdout, /a\\x1B\]0;pwned\\x07\\x1B\[31m\.txt/);
		}
		const compact = run(['lint', '-f', 'compact', '.'], dir).stdout.split('\n');
		assert.ok(
			compact.some((l) => l.startsWith('line\\x0Abreak.txt:1:3  warning  SPC-001')),
			compact.join('\n'),
		);
	});

	it('reports the files a dead worker thread held, lints the rest, and exits non-zero', () => {
		const dir = tempDir();
		for (let i = 0; i < 60; i++) writeFileSync(join(dir, `d${String(i).padStart(3, '0')}.txt`), '全区6个办事处。\n');
		// The worker's first batch is assigned when it is made: with 60 files on two threads, d000.txt.
		const result = run(['lint', '--threads', '2', '-f', 'json', '.'], dir, { NEWSPROOF_FAULT_WORKER_EXIT: 'd000.txt' });
		assert.ok(result.stdout, `no output; status ${result.status}, signal ${result.signal}, stderr ${result.stderr}`);
		const reports = JSON.parse(result.stdout) as { file: string; skipped?: string; diagnostics: unknown[] }[];
		assert.equal(reports.length, 60);
		const lost = reports.filter((r) => r.skipped);
		assert.deepEqual(
			lost.map((r) => r.file),
			['d000.txt'],
		);
		assert.match(lost[0].skipped!, /工作线程意外退出（退出码 70）/);
		assert.ok(reports.slice(1).every((r) => !r.skipped && r.diagnostics.length === 0));
		assert.equal(result.status, 1);
	});

	it('fixes a linked draft through the link, and refuses to split a hard link', () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'store'));
		const target = join(dir, 'store', 'real.txt');
		writeFileSync(target, '全区 6个办事处。\n');
		symlinkSync(target, join(dir, 'link.txt'));
		const fixed = run(['lint', '--fix', 'link.txt'], dir);
		assert.equal(fixed.status, 0, fixed.stderr);
		assert.ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink(), 'the link stays a link');
		assert.equal(readFileSync(target, 'utf8'), '全区6个办事处。\n');

		const first = join(dir, 'hard.txt');
		writeFileSync(first, '全区 8个办事处。\n');
		linkSync(first, join(dir, 'hard2.txt'));
		const refused = run(['lint', '--fix', 'hard.txt'], dir);
		assert.equal(refused.status, 1);
		assert.match(refused.stderr, /硬链接/);
		assert.equal(readFileSync(join(dir, 'hard2.txt'), 'utf8'), '全区 8个办事处。\n');
	});

	it('never takes a temporary file of an interrupted --fix for a draft', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'a.txt'), '全区 6个办事处。\n');
		writeFileSync(join(dir, '.a.txt.4242-abcdef.newsproof-tmp'), '全区 6个办事处。\n');
		writeFileSync(join(dir, 'b.txt.4242-abcdef.newsproof-tmp'), '全区 6个办事处。\n');
		const result = run(['lint', '--fix', '-f', 'json', '.'], dir);
		assert.deepEqual(
			JSON.parse(result.stdout).map((r: { file: string }) => r.file),
			['a.txt'],
		);
		assert.deepEqual(readdirSync(dir).sort(), ['.a.txt.4242-abcdef.newsproof-tmp', 'a.txt', 'b.txt.4242-abcdef.newsproof-tmp']);
	});

	it('reaches a fixed point in one --fix run, past the report cap', () => {
		const dir = tempDir();
		const file = join(dir, 'many.txt');
		writeFileSync(file, '全区 6个办事处。\n'.repeat(11000));
		const first = run(['lint', '--fix', 'many.txt'], dir);
		assert.equal(first.status, 0, first.stderr);
		assert.match(first.stderr, /共 11000 处/);
		const once = readFileSync(file, 'utf8');
		assert.equal(once, '全区6个办事处。\n'.repeat(11000));
		const second = run(['lint', '--fix', 'many.txt'], dir);
		assert.equal(second.status, 0);
		assert.equal(readFileSync(file, 'utf8'), once);
	});

	it('calls a file with a NUL byte anywhere binary, and says where', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'late.txt'), Buffer.concat([Buffer.from('全区 6个办事处。\n'.repeat(1000)), Buffer.from([0]), Buffer.from('尾。\n')]));
		const result = run(['lint', '-f', 'compact', 'late.txt'], dir);
		assert.equal(result.status, 1);
		assert.match(result.stdout, /newsproof-io {2}二进制文件（字节偏移 \d+ 处为 NUL）/);
	});

	it('follows linked drafts in a folder and names the real reason for a file it cannot open', () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'desk'));
		writeFileSync(join(dir, 'outside.txt'), '全区 6个办事处。\n');
		symlinkSync(join(dir, 'outside.txt'), join(dir, 'desk', 'linked.txt'));
		symlinkSync(join(dir, 'desk'), join(dir, 'desk', 'loop'));
		symlinkSync(join(dir, 'gone.txt'), join(dir, 'desk', 'broken.txt'));
		// A name in GBK bytes: not UTF-8, so not openable by the name Node decodes.
		writeFileSync(Buffer.concat([Buffer.from(join(dir, 'desk') + '/'), Buffer.from([0xb8, 0xe5, 0x2e, 0x74, 0x78, 0x74])]), '全区 6个办事处。\n');
		const result = run(['lint', '-f', 'json', 'desk'], dir);
		const reports = JSON.parse(result.stdout) as { file: string; skipped?: string; diagnostics: unknown[] }[];
		const byFile = new Map(reports.map((r) => [r.file.replace(/\\/g, '/'), r]));
		assert.equal(byFile.get('desk/linked.txt')?.diagnostics.length, 1, JSON.stringify(reports));
		assert.match(byFile.get('desk/broken.txt')?.skipped ?? '', /ENOENT/);
		const gbk = reports.find((r) => r.file.endsWith('.txt') && r.file.includes('\ufffd'));
		assert.match(gbk?.skipped ?? '', /不是有效的 UTF-8/);
		assert.equal(reports.filter((r) => r.file.includes('loop')).length, 0, 'a link back up is not followed round');
	});

	it('exits 2 when a folder given holds no draft, so that a CI gate cannot pass on nothing', () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'empty'));
		writeFileSync(join(dir, 'notes.json'), '{}');
		const result = run(['lint', 'empty'], dir);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /empty 中没有要检查的文稿/);
	});

	it('writes an HTML report that allows no script or remote resource, timed in local time with its zone', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'a.txt'), '全区 6个办事处。\n');
		const result = run(['lint', '-f', 'html', 'a.txt'], dir, { TZ: 'Asia/Shanghai' });
		assert.match(result.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
		assert.match(result.stdout, /生成于 \d{4}-\d\d-\d\d \d\d:\d\d（UTC\+08:00）/);
	});

	it('speaks Chinese on bad options and ends quietly when the reader stops early', () => {
		const dir = tempDir();
		const unknown = run(['lint', '--colour', '.'], dir);
		assert.equal(unknown.status, 2);
		assert.equal(unknown.stderr, 'newsproof: 未知选项“--colour”；用 newsproof lint --help 查看全部选项\n');
		const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${join(root, 'bin', 'newsproof.js')}" lint --list-rules | head -1`], {
			cwd: dir,
			encoding: 'utf8',
		});
		assert.equal(piped.stderr, '');
		assert.match(piped.stdout, /^[A-Z]{3}-\d{3}/);
	});
});
