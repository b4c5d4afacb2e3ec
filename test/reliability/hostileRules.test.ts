import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtinRuleFiles, loadRuleset } from '../../server/src/engine';
import { lintFile } from '../helpers/engine';
import { compileUserPattern, hasNestedQuantifier } from '../../server/src/engine/safeRegex';

// Broken or hostile rule and config files: each gives a located error, the other rules
// keep working, and no pattern can hang the engine.

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'newsproof-hostile-'));
}

const example = 'examples: { bad: [甲乙], good: [丙丁] }';

describe('hostile and broken rule files', () => {
	it('reports a YAML syntax error with file and line, and loads the other files', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  - id: HSE-001\n    find: [甲乙\n');
		writeFileSync(join(dir, 'good.yaml'), `rules:\n  - id: HSE-002\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`);
		const ruleset = loadRuleset([join(dir, 'bad.yaml'), join(dir, 'good.yaml')]);
		assert.deepEqual(ruleset.rules.map((r) => r.meta.id), ['HSE-002']);
		assert.equal(ruleset.problems.length > 0, true);
		assert.match(ruleset.problems[0].file, /bad\.yaml$/);
		assert.ok(ruleset.problems[0].line >= 3, JSON.stringify(ruleset.problems[0]));
		assert.match(ruleset.problems[0].message, /YAML 语法错误/);
	});

	it('reports a schema violation at the offending entry', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'r.yaml'), `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    severity: loud\n    ${example}\n`);
		const ruleset = loadRuleset([join(dir, 'r.yaml')]);
		assert.equal(ruleset.rules.length, 0);
		assert.equal(ruleset.problems.length, 1);
		assert.equal(ruleset.problems[0].line, 5);
		assert.match(ruleset.problems[0].message, /severity.*取值应为/);
	});

	it('reports a duplicate rule id with both places', () => {
		const dir = tempDir();
		const entry = `  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`;
		writeFileSync(join(dir, 'r.yaml'), `rules:\n${entry}${entry}`);
		const ruleset = loadRuleset([join(dir, 'r.yaml')]);
		assert.equal(ruleset.rules.length, 1);
		assert.match(ruleset.problems[0].message, /HSE-001 重复（已在 .*r\.yaml:2 定义）/);
		assert.equal(ruleset.problems[0].line, 6);
	});

	it('reports an invalid regular expression at its find field', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'r.yaml'), `rules:\n  - id: HSE-001\n    kind: pattern\n    find: '(unclosed'\n    ${example}\n`);
		const ruleset = loadRuleset([join(dir, 'r.yaml')]);
		assert.equal(ruleset.problems.length, 1);
		assert.equal(ruleset.problems[0].line, 4);
		assert.match(ruleset.problems[0].message, /正则表达式无效/);
	});

	it('rejects nested quantifiers such as (a+)+$ at load', () => {
		for (const p of ['(a+)+$', '(a*b*)*', '(\\w+\\s?)+x', '((ab)+)+', '(a{1,})+']) {
			assert.equal(hasNestedQuantifier(p), true, p);
		}
		for (const p of ['(ab)+', 'a+b+', '[(+)]+', '(十[一二]?|二十)届([1-9])中全会', '\\(a+\\)+']) {
			assert.equal(hasNestedQuantifier(p), false, p);
		}
		const dir = tempDir();
		writeFileSync(join(dir, 'r.yaml'), `rules:\n  - id: HSE-001\n    kind: pattern\n    find: '(a+)+$'\n    ${example}\n`);
		const ruleset = loadRuleset([join(dir, 'r.yaml')]);
		assert.match(ruleset.problems[0].message, /嵌套的重复量词/);
	});

	it('finds no nested quantifier in any shipped pattern (they load without the check)', () => {
		let checked = 0;
		for (const file of builtinRuleFiles()) {
			for (const entry of (parse(readFileSync(file, 'utf8')) as { rules: { id: string; find?: unknown }[] }).rules) {
				for (const find of [entry.find].flat()) {
					if (typeof find !== 'string') continue;
					checked++;
					assert.equal(hasNestedQuantifier(find), false, `${entry.id}: ${find}`);
				}
			}
		}
		assert.ok(checked > 100, `${checked} patterns`);
	});

	it('stops a catastrophic pattern that slips past the static check, and says so', () => {
		const slow = compileUserPattern('(a|aa)+$');
		const run = slow.run('a'.repeat(60) + 'b');
		assert.equal(run.timedOut, true);
		assert.deepEqual(run.matches, []);
		// The same pattern still works on ordinary text.
		assert.equal(slow.run('aaa').matches[0][0], 'aaa');
	});

	it('lints a draft with a hostile house rule file: the timeout is reported on the rule file, built-in rules still run', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'house.yaml'), `rules:\n  - id: HSE-001\n    kind: pattern\n    find: '(甲|甲甲)+$'\n    ${example}\n`);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'ruleFiles: [house.yaml]\n');
		const draft = join(dir, 'a.txt');
		const result = lintFile(draft, `${'甲'.repeat(60)}乙，全区 6个办事处。`);
		assert.deepEqual(result.findings.map((f) => f.ruleId), ['SPC-001']);
		const timeout = result.problems.find((p) => /超时/.test(p.message));
		assert.ok(timeout, JSON.stringify(result.problems));
		assert.match(timeout.file, /house\.yaml$/);
		assert.equal(timeout.line, 2);
	});
});
