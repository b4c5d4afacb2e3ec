import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// A large folder on the worker pool: every file reported, in name order, the unreadable
// one named, and the same report as a single thread gives. No timing is asserted here
// (npm run bench measures speed).

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });

describe('newsproof lint on a large folder', function () {
	this.timeout(600000);

	it('lints 10,000 small files on the pool, in order, and reports the one it cannot read', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-scale-'));
		const names: string[] = [];
		for (let i = 0; i < 10000; i++) {
			const sub = `d${String(Math.floor(i / 1000)).padStart(2, '0')}`;
			if (i % 1000 === 0) mkdirSync(join(dir, sub));
			const name = `${sub}/s${String(i).padStart(5, '0')}.txt`;
			// Every seventh file has a stray space; the rest are clean.
			writeFileSync(join(dir, name), i % 7 === 0 ? `本报讯 全区 ${i}个办事处成立。\n` : `本报讯 全区${i}个办事处成立。\n`);
			names.push(name);
		}
		// Bytes that are neither UTF-8 nor Chinese in GB18030; and, when not running as root
		// (root reads anything), a file without read permission.
		writeFileSync(join(dir, 'd05', 's05000.txt'), Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve\n', 'latin1'));
		const locked = join(dir, 'd09', 's09999.txt');
		const asRoot = process.getuid?.() === 0;
		if (!asRoot) chmodSync(locked, 0);

		const r = run(['lint', '--threads', '2', '-f', 'json', '.'], dir);
		assert.equal(r.status, 1, r.stderr);
		const reports = JSON.parse(r.stdout) as { file: string; skipped?: string; diagnostics: { ruleId: string }[] }[];
		assert.deepEqual(
			reports.map((x) => x.file),
			names,
			'every file, in name order',
		);
		const skipped = reports.filter((x) => x.skipped);
		assert.equal(skipped[0].file, 'd05/s05000.txt');
		assert.match(skipped[0].skipped!, /不是有效的 UTF-8/);
		if (!asRoot) {
			assert.equal(skipped[1].file, 'd09/s09999.txt');
			assert.match(skipped[1].skipped!, /EACCES/);
		}
		const flagged = reports.filter((x) => x.diagnostics.some((d) => d.ruleId === 'SPC-001')).map((x) => x.file);
		assert.equal(flagged.length, names.filter((_, i) => i % 7 === 0 && i !== 5000).length);

		const single = run(['lint', '--threads', '1', '-f', 'json', 'd00', 'd05'], dir);
		const pooled = run(['lint', '--threads', '2', '-f', 'json', 'd00', 'd05'], dir);
		assert.equal(pooled.stdout, single.stdout, 'the pool gives the same report as one thread');
		if (!asRoot) chmodSync(locked, 0o644);
		rmSync(dir, { recursive: true, force: true });
	});
});
