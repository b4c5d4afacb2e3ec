import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// `newsproof lm add`: a paper's archive folded into a local overlay of the language model.
// What the paper writes again and again in the same context is no longer flagged; binary
// files and broken encodings in the folder are skipped one by one, with the reason.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

describe('newsproof lm add', function () {
	this.timeout(60000);
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lmadd-'));
	const draft = '他们在会上对下一步工作作出了具体的不署。\n';

	it('builds an overlay, skipping unreadable files with the reason', () => {
		mkdirSync(join(dir, 'archive'));
		// The paper's own (odd) usage, written twice in its archive.
		writeFileSync(join(dir, 'archive', 'a.txt'), '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n');
		writeFileSync(join(dir, 'archive', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
		writeFileSync(join(dir, 'archive', 'garbled.txt'), Buffer.from([0xe4, 0xbd, 0x41, 0xff, 0xfe, 0x80, 0x80, 0x80, 0xc3, 0x28, 0xa0, 0xa1]));
		const r = run(['lm', 'add', 'archive'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stderr, /image\.txt: 二进制文件/);
		assert.match(r.stderr, /garbled\.txt: 既不是有效的 UTF-8/);
		assert.match(r.stdout, /1 个文件（跳过 2 个）/);
		assert.ok(existsSync(join(dir, '.newsproof', 'lm-overlay.lm')));
	});

	it("leaves the paper's own usage alone once the config names the overlay", () => {
		writeFileSync(join(dir, 'draft.txt'), draft);
		const before = run(['lint', '--rule', 'TYP-900', 'draft.txt'], dir);
		assert.match(before.stdout, /TYP-900/);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		const after = run(['lint', '--rule', 'TYP-900', 'draft.txt'], dir);
		assert.equal(after.status, 0, after.stdout + after.stderr);
		assert.doesNotMatch(after.stdout, /TYP-900/);
	});

	it('folds a second folder into the same overlay and reports a broken overlay file', () => {
		mkdirSync(join(dir, 'more'));
		writeFileSync(join(dir, 'more', 'b.txt'), '二七区召开会议。二七区召开会议。\n');
		const r = run(['lm', 'add', 'more'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /2 个目录，2 个文件/);
		writeFileSync(join(dir, '.newsproof', 'lm-overlay.lm'), 'not an overlay');
		const broken = run(['lint', 'draft.txt', '--rule', 'TYP'], dir);
		assert.equal(broken.status, 2);
		assert.match(broken.stderr, /lm-overlay\.lm.*无法使用/);
	});
});
