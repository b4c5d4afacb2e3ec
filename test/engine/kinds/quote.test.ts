import * as assert from 'node:assert/strict';
import { describeFindings, fixAll, lintWith, rulesetFromYaml } from '../../helpers/engine';

// Terms that must stand in quotation marks: quiet when already quoted, inside 《》 or 【】,
// or part of a longer quoted name; single quotes inside a quotation.

const ruleset = rulesetFromYaml(`
category: political
severity: error
rules:
  - id: TST-001
    kind: quote
    terms: [四个意识, 两学一做, 十四五]
    unlessAfter: [岁]
    examples: { bad: [x], good: [y] }
`);

const lint = (text: string) => describeFindings(text, lintWith(ruleset, text));

describe('quote kind', () => {
	it('adds double quotes to a bare term', () => {
		assert.deepEqual(lint('增强四个意识。'), [{ id: 'TST-001', at: '四个意识', fix: '增强“四个意识”。' }]);
	});

	it('uses single quotes inside direct speech', () => {
		assert.deepEqual(lint('他说：“要增强四个意识，做好工作。”'), [{ id: 'TST-001', at: '四个意识', fix: '他说：“要增强‘四个意识’，做好工作。”' }]);
	});

	it('stays quiet when quoted, inside a title or a banner, or inside a longer quoted name', () => {
		for (const text of [
			'增强“四个意识”。',
			'他说：“要增强‘四个意识’。”',
			'学习《增强四个意识读本》。',
			'【十四五开局】各地抓紧落实。',
			'推进“两学一做学习教育”常态化制度化。',
			'孩子们大多十四五岁。',
		]) {
			assert.deepEqual(lint(text), [], text);
		}
	});

	it('fixes once: the fixed text is clean', () => {
		const text = '增强四个意识，开展两学一做学习教育。';
		const fixed = fixAll(text, lintWith(ruleset, text));
		assert.equal(fixed, '增强“四个意识”，开展“两学一做”学习教育。');
		assert.deepEqual(lint(fixed), []);
	});

	it('reports an entry without terms at its line', () => {
		const bad = rulesetFromYaml('rules:\n  - id: TST-002\n    kind: quote\n    terms: []\n    examples: { bad: [x], good: [y] }\n');
		assert.equal(bad.rules.length, 0);
		assert.equal(bad.problems[0].line, 4);
	});
});
