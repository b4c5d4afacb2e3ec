import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtinRuleFiles, loadRuleset } from '../../server/src/engine';
import { lintFile } from '../helpers/engine';
import { patientChecker, withEnv } from '../helpers/env';
import { PatternBudget } from '../../server/src/engine/patternBudget';
import { compileUserPattern } from '../../server/src/engine/safeRegex';

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
		assert.deepEqual(
			ruleset.rules.map((r) => r.meta.id),
			['HSE-002'],
		);
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

	it('runs (a|aa)+$, (.*a){20} and (a+)+$ on the linear-time engine, with the matches JavaScript finds', () => {
		const hostile = `${'a'.repeat(20000)}b`;
		for (const source of ['(a|aa)+$', '(.*a){20}', '(a+)+$']) {
			const re = compileUserPattern(source);
			assert.equal(re.engine, 're2', source);
			// JavaScript would take longer than the age of the universe on this paragraph.
			const run = re.run(hostile);
			assert.equal(run.timedOut, false);
			const small = 'xaaa ba\naab';
			assert.deepEqual(
				re.run(small).matches.map((m) => [m.index, m[0]]),
				[...small.matchAll(new RegExp(source, 'gu'))].map((m) => [m.index, m[0]]),
				source,
			);
		}
		assert.deepEqual(compileUserPattern('(a|aa)+$').run(hostile).matches, []);
		assert.equal(compileUserPattern('(.*a){20}').run(hostile).matches[0][0].length, 20000);
	});

	it('finds no new vulnerable pattern among the shipped ones (they run on V8 without the checker)', function () {
		this.timeout(30000);
		// The checker's automaton analysis alone (about a second for all of them); the fuzzer is
		// left out as too slow for a test.
		const known = new Set<string>();
		const { checkSync } = require('recheck') as typeof import('recheck');
		let checked = 0;
		const vulnerable: string[] = [];
		// Under load an analysis may run out of time ("unknown"): the test is then weaker, never wrong.
		withEnv({ RECHECK_SYNC_BACKEND: 'pure' }, () => {
			for (const file of builtinRuleFiles()) {
				for (const entry of (parse(readFileSync(file, 'utf8')) as { rules: { id: string; find?: unknown; pattern?: unknown }[] }).rules) {
					for (const source of [entry.find, entry.pattern].flat()) {
						if (typeof source !== 'string' || !/[\\()[\]{}|+*?^$.]/.test(source)) continue;
						checked++;
						if (checkSync(source, 'u', { checker: 'automaton', timeout: 2000 }).status === 'vulnerable' && !known.has(source))
							vulnerable.push(`${entry.id}: ${source}`);
					}
				}
			}
		});
		assert.deepEqual(vulnerable, []);
		assert.ok(checked > 150, `${checked} patterns`);
	});

	it('rejects at load, with file and line, a pattern the ReDoS checker finds vulnerable; the rest of the file loads', () => {
		const dir = tempDir();
		writeFileSync(
			join(dir, 'r.yaml'),
			`rules:\n  - id: HSE-001\n    kind: pattern\n    find: '(a|aa)+(?=$)'\n    ${example}\n  - id: HSE-002\n    kind: pattern\n    find: '(?<=b)(a|aa)+(?=c)'\n    ${example}\n  - id: HSE-003\n    kind: pattern\n    find: '甲乙(?=丙)'\n    replace: 丁\n    ${example}\n`,
		);
		// The checker decides these in well under a second; a minute keeps the test off the machine's speed.
		const ruleset = withEnv(patientChecker, () => loadRuleset([join(dir, 'r.yaml')]));
		assert.deepEqual(
			ruleset.rules.map((r) => r.meta.id),
			['HSE-003'],
		);
		assert.deepEqual(
			ruleset.problems.map((p) => p.line),
			[4, 8],
		);
		for (const p of ruleset.problems) {
			assert.match(p.file, /r\.yaml$/);
			assert.match(p.message, /回溯失控（(指数|多项式)级/);
		}
	});

	it('loads a pattern the checker cannot judge, and stops it at its time limit', () => {
		// recheck does not know the Kawi script (Unicode 15): "unknown", which is allowed.
		const slow = compileUserPattern('(?:甲|甲甲)+(?=乙)|\\p{Script=Kawi}');
		assert.equal(slow.engine, 'guarded');
		const budget = new PatternBudget({ totalMs: 1000, perCallMs: 50 });
		const run = slow.run('甲'.repeat(60) + '丙', budget);
		assert.equal(run.timedOut, true);
		assert.deepEqual(run.matches, []);
		assert.equal(budget.stops, 1);
		// The same pattern still works on ordinary text.
		assert.equal(slow.run('甲甲乙').matches[0][0], '甲甲');
	});

	describe('one time budget per document', () => {
		/** A clock that says every run of a pattern took 30 ms, counting its reads. */
		const thirtyMsRuns = () => {
			const time = { reads: 0, now: 0, clock: () => (time.reads++, (time.now += 30)) };
			return time;
		};
		const lines = (findings: { ruleId: string; range: { start: { line: number } } }[], id: string) =>
			findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line);

		// A pattern the checker cannot judge (it does not know the Kawi script) stays on the
		// backtracking engine; the first alternative is exponential on 甲甲…丙.
		const slow = '(?:甲|甲甲)+(?=乙)|\\p{Script=Kawi}';
		const house = (find: string) => {
			const dir = tempDir();
			writeFileSync(
				join(dir, 'house.yaml'),
				`rules:\n  - id: HSE-001\n    kind: pattern\n    find: '${find}'\n    ${example}\n  - id: HSE-002\n    kind: pattern\n    find: '丙(丁)'\n    replace: 戊$1\n    ${example}\n`,
			);
			writeFileSync(join(dir, '.newsproofrc.yaml'), 'ruleFiles: [house.yaml]\n');
			return join(dir, 'a.txt');
		};

		it('switches a slow rule off at its first stop: one finding names it with file and line, every other rule reports on all 40 paragraphs', () => {
			const draft = house(slow);
			const paragraph = `${'甲'.repeat(60)}丙丁，全区 6个办事处。`;
			let reads = 0;
			const clock = () => {
				reads++;
				return performance.now();
			};
			const result = lintFile(draft, Array(40).fill(paragraph).join('\n\n'), { patternBudget: { totalMs: 1000, perCallMs: 20, clock } });
			// One run of the slow pattern, on the first paragraph: the clock is read before and after it.
			assert.equal(reads, 2);
			const stopped = result.findings.filter((f) => f.ruleId === 'newsproof-budget');
			assert.equal(stopped.length, 1);
			assert.match(stopped[0].message, /规则 HSE-001（.*house\.yaml:2）的正则表达式用完了本文档的时间预算/);
			assert.equal(stopped[0].range.start.line, 0);
			assert.equal(result.findings.filter((f) => f.ruleId === 'SPC-001').length, 40);
			assert.equal(result.findings.filter((f) => f.ruleId === 'HSE-002').length, 40);
			assert.equal(result.findings.filter((f) => f.ruleId === 'HSE-001').length, 0);
			// A timeout is the draft's matter, not a broken rule file.
			assert.deepEqual(result.problems, []);
		});

		it('counts the time of every run against the document: a rule that uses it up is off from that paragraph on', () => {
			// A fast guarded pattern, and a clock that says every run took 30 ms: three runs fit
			// in 100 ms, the fourth is given the 10 ms left and stopped.
			const draft = house('甲(?=乙)|\\p{Script=Kawi}');
			const time = thirtyMsRuns();
			const clock = time.clock;
			const text = Array.from({ length: 40 }, (_, i) => `他说甲乙两家的第${i + 1}件事已经办好了。`).join('\n\n');
			const result = lintFile(draft, text, { patternBudget: { totalMs: 100, perCallMs: 250, clock } });
			assert.equal(time.reads, 8);
			// The stopped run's matches are kept; nothing runs after it.
			assert.deepEqual(lines(result.findings, 'HSE-001'), [0, 2, 4, 6]);
			assert.deepEqual(lines(result.findings, 'newsproof-budget'), [6]);
			assert.equal(lines(result.findings, 'HSE-002').length, 0);
			// The next lint has a budget of its own. The three paragraphs that finished are kept
			// from the first lint; the one that was stopped is not, and runs again.
			time.reads = 0;
			const again = lintFile(draft, text, { patternBudget: { totalMs: 100, perCallMs: 250, clock } });
			assert.equal(time.reads, 8);
			assert.deepEqual(lines(again.findings, 'HSE-001'), [0, 2, 4, 6, 8, 10, 12]);
			assert.deepEqual(lines(again.findings, 'newsproof-budget'), [12]);
		});

		it('keeps a stopped rule off in the next lints of the same document (the editor), and only there', () => {
			const draft = house('甲(?=乙)|\\p{Script=Kawi}');
			const time = thirtyMsRuns();
			const clock = time.clock;
			const text = Array.from({ length: 40 }, (_, i) => `她说甲乙两处的第${i + 1}项工程已经完工。`).join('\n\n');
			const stoppedRules = new WeakMap();
			const first = lintFile(draft, text, { patternBudget: { totalMs: 100, perCallMs: 250, clock }, stoppedRules });
			assert.deepEqual(lines(first.findings, 'newsproof-budget'), [6]);
			// The same document again: the paragraphs before the stop come from the cache, and the
			// rule does not run from there on, so the budget is not spent again; it is still said.
			time.reads = 0;
			const second = lintFile(draft, text, { patternBudget: { totalMs: 100, perCallMs: 250, clock }, stoppedRules });
			assert.equal(time.reads, 0);
			assert.deepEqual(lines(second.findings, 'HSE-001'), [0, 2, 4]);
			assert.deepEqual(lines(second.findings, 'newsproof-budget'), [6]);
			// Another document (its own memory) spends its own budget.
			time.reads = 0;
			const other = lintFile(draft, text.replace('她说', '他说'), { patternBudget: { totalMs: 100, perCallMs: 250, clock }, stoppedRules: new WeakMap() });
			assert.ok(time.reads > 0);
			assert.equal(lines(other.findings, 'newsproof-budget').length, 1);
		});
	});
});
