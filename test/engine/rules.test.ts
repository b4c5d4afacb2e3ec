import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleFiles, builtinRulesDir, lintText, loadRuleset, sourceTitle } from '../../server/src/engine';
import { sharedSegmenter, testEngine } from '../helpers/engine';
import { applyFixes } from '../../server/src/engine/fixes';
import { rulesReference } from '../../server/src/cli/docs';

// Every rule's examples run here: each bad example fires that rule and its fix yields the
// corrected sentence; each good example is clean under the whole rule set.

const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);
const lint = (text: string) => lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: { model: testEngine.model } }).findings;

describe('built-in rules', () => {
	it('load without problems', () => {
		assert.deepEqual(ruleset.problems, []);
		assert.ok(ruleset.rules.length > 0);
	});

	it('have family-prefixed ids and examples', () => {
		for (const rule of ruleset.rules) {
			assert.match(rule.meta.id, /^[A-Z]{3}-\d{3}$/, rule.meta.id);
			assert.ok(rule.meta.examples.bad.length > 0, `${rule.meta.id} has no bad example`);
			assert.ok(rule.meta.examples.good.length > 0, `${rule.meta.id} has no good example`);
			assert.ok(rule.meta.explain, `${rule.meta.id} has no explanation`);
		}
	});

	it('name sources that rules/sources.yaml spells out', () => {
		const unknown = ruleset.rules.flatMap((r) => r.meta.source.filter((code) => /^[A-Z]+\d+[a-z]?$/.test(code) && sourceTitle(code) === code).map((code) => `${r.meta.id}: ${code}`));
		assert.deepEqual(unknown, []);
		assert.match(sourceTitle('G2'), /^GB\/T 15834—2011《标点符号用法》（G2）$/);
		assert.equal(sourceTitle('本报体例'), '本报体例');
	});

	it('are documented in docs/rules.md as generated (npm run rules:docs)', () => {
		const docs = readFileSync(join(builtinRulesDir(), '..', 'docs', 'rules.md'), 'utf8');
		assert.equal(docs, rulesReference(ruleset));
	});

	for (const rule of ruleset.rules) {
		const { id, examples } = rule.meta;
		describe(id, () => {
			examples.bad.forEach((bad, i) => {
				it(`fires on bad example ${i + 1}${bad.fixed !== undefined ? ' and fixes it' : ''}`, () => {
					const own = lint(bad.text).filter((f) => f.ruleId === id);
					assert.ok(own.length > 0, `${id} did not fire on: ${bad.text}`);
					if (bad.fixed !== undefined) {
						const fixed = applyFixes(bad.text, own).text;
						assert.equal(fixed, bad.fixed);
						// Fixing twice changes nothing the second time.
						assert.equal(applyFixes(fixed, lint(fixed).filter((f) => f.ruleId === id)).text, fixed);
					}
				});
			});
			examples.good.forEach((good, i) => {
				it(`stays clean on good example ${i + 1} under the whole rule set`, () => {
					const found = lint(good).map((f) => `${f.ruleId} ${f.text}: ${f.message}`);
					assert.deepEqual(found, []);
				});
			});
		});
	}
});
