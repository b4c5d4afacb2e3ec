import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtinRuleFiles, builtinRulesDir, lintText, loadRuleset, sourceTitle } from '../../server/src/engine';
import { sharedSegmenter, testEngine } from '../helpers/engine';
import { applyFixes } from '../../server/src/engine/fixes';
import { rulesReference } from '../../server/src/cli/docs';

// Every rule's examples run here: each bad example fires that rule and its fix yields the
// corrected sentence; each good example is clean under the whole rule set.

const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);
const lint = (text: string, style?: Record<string, string>) =>
	lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: { style, model: testEngine.model } }).findings;

/** The house style a rule's examples are written in: `switch.when` of a rule that only runs under it. */
const exampleStyles = new Map<string, Record<string, string>>();
for (const file of builtinRuleFiles()) {
	for (const entry of (parse(readFileSync(file, 'utf8')) as { rules: { id: string; switch?: { key: string; when: string; default: string } }[] }).rules) {
		if (entry.switch && entry.switch.when !== entry.switch.default) exampleStyles.set(entry.id, { [entry.switch.key]: entry.switch.when });
	}
}

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
		const unknown = ruleset.rules.flatMap((r) =>
			r.meta.source.filter((code) => /^[A-Z]+\d+[a-z]?$/.test(code) && sourceTitle(code) === code).map((code) => `${r.meta.id}: ${code}`),
		);
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
		const style = exampleStyles.get(id);
		describe(id, () => {
			examples.bad.forEach((bad, i) => {
				it(`fires on bad example ${i + 1}${bad.fixed !== undefined ? ' and fixes it' : ''}`, () => {
					const own = lint(bad.text, style).filter((f) => f.ruleId === id);
					assert.ok(own.length > 0, `${id} did not fire on: ${bad.text}`);
					if (bad.fixed !== undefined) {
						const fixed = applyFixes(bad.text, own).text;
						assert.equal(fixed, bad.fixed);
						// Fixing twice changes nothing the second time.
						assert.equal(
							applyFixes(
								fixed,
								lint(fixed, style).filter((f) => f.ruleId === id),
							).text,
							fixed,
						);
					}
				});
			});
			examples.good.forEach((good, i) => {
				it(`stays clean on good example ${i + 1} under the whole rule set`, () => {
					const found = lint(good, style).map((f) => `${f.ruleId} ${f.text}: ${f.message}`);
					assert.deepEqual(found, []);
				});
			});
			if (style) {
				it('is quiet on its bad examples under the default style', () => {
					assert.deepEqual(
						examples.bad.flatMap((bad) =>
							lint(bad.text)
								.filter((f) => f.ruleId === id)
								.map((f) => f.text),
						),
						[],
					);
				});
			}
		});
	}
});
