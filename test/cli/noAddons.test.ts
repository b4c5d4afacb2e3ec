import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// No native code anywhere: with Node's add-ons switched off, the CLI still segments (the
// segmenter is WebAssembly), in the main thread and on a pool of worker threads.

const root = join(builtinRulesDir(), '..');

describe('CLI under node --no-addons', () => {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-no-addons-'));
	for (let i = 0; i < 4; i++) writeFileSync(join(dir, `draft${i}.txt`), `第${i}篇。希望同学们再接再励，取得更好成绩。\n`);

	for (const threads of ['1', '2']) {
		it(`finds 再接再励 on word boundaries (${threads} thread${threads === '1' ? '' : 's'})`, () => {
			const r = spawnSync(process.execPath, ['--no-addons', join(root, 'bin', 'newsproof.js'), 'lint', '--threads', threads, '-f', 'json', dir], {
				encoding: 'utf8',
			});
			assert.equal(r.status, 1, r.stderr);
			assert.equal(r.stderr, '');
			const files = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] }[];
			assert.equal(files.length, 4);
			for (const f of files)
				assert.deepEqual(
					f.diagnostics.map((d) => d.ruleId),
					['TYP-005'],
				);
		});
	}
});
