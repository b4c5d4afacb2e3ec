import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { patientChecker } from '../helpers/env';

// A newsroom's patterns through the built CLI, as shipped (the linear-time engine and the
// ReDoS checker are bundled files), with Node's add-ons off, in the main thread and on a
// pool of worker threads: a vulnerable pattern is refused at its line, a slow one is
// switched off in the draft it stalls with one finding, and the others work.

const root = join(builtinRulesDir(), '..');

describe('house-rule patterns in the CLI', function () {
	this.timeout(60000);
	const example = 'examples: { bad: [x], good: [y] }';
	const house = (finds: string[]) => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-house-regex-'));
		const rules = finds.map((find, i) => `  - id: HSE-00${i + 1}\n    kind: pattern\n    find: '${find}'\n    ${example}\n`);
		writeFileSync(join(dir, 'house.yaml'), `rules:\n${rules.join('')}`);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'ruleFiles: [house.yaml]\n');
		writeFileSync(join(dir, 'a.txt'), Array.from({ length: 40 }, (_, i) => `他说${'甲'.repeat(50)}丙，第${i + 1}件事已经办好了。`).join('\n\n') + '\n');
		writeFileSync(join(dir, 'b.txt'), '他说甲甲丁的事已经办好了。\n');
		return dir;
	};
	// The checker decides the vulnerable pattern in well under a second; a minute keeps the test off the machine's speed.
	const env = { ...process.env, ...patientChecker };
	const lint = (dir: string, threads: string) =>
		spawnSync(process.execPath, ['--no-addons', join(root, 'bin', 'newsproof.js'), 'lint', '--threads', threads, '-f', 'json', dir], { encoding: 'utf8', env });

	it('refuses a vulnerable pattern at its file and line, as a config error', () => {
		const r = lint(house(['(甲|甲甲)+丁', '(a|aa)+(?=$)']), '1');
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /配置错误 .*house\.yaml:8:\d+: HSE-002：正则表达式可能导致回溯失控（指数级/);
	});

	// recheck cannot judge HSE-001 (it does not know the Kawi script); it is exponential on 甲甲…丙.
	const dir = house(['(?:甲|甲甲)+(?=乙)|\\p{Script=Kawi}', '(甲|甲甲)+丁']);
	for (const threads of ['1', '2']) {
		it(`switches a slow pattern off in the draft it stalls, with one finding; the rest run (${threads} thread${threads === '1' ? '' : 's'})`, () => {
			const r = lint(dir, threads);
			// 1: HSE-002 is an error by default.
			assert.equal(r.status, 1, r.stderr);
			assert.equal(r.stderr, '');
			const files = JSON.parse(r.stdout) as { file: string; diagnostics: { ruleId: string; message: string }[] }[];
			const byName = new Map(files.map((f) => [f.file.replace(/^.*[\\/]/, ''), f.diagnostics]));
			const a = byName.get('a.txt')!;
			const stopped = a.filter((d) => d.ruleId === 'newsproof-budget');
			assert.equal(stopped.length, 1);
			assert.match(stopped[0].message, /规则 HSE-001（.*house\.yaml:2）/);
			assert.deepEqual(
				a.filter((d) => d.ruleId.startsWith('HSE')),
				[],
			);
			assert.deepEqual(
				byName.get('b.txt')!.map((d) => d.ruleId),
				['HSE-002'],
			);
		});
	}
});
