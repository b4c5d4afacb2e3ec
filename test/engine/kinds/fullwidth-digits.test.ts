import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';

// NUM-021: full-width digits, one summary for a story written full-width throughout.

const ruleset = loadRuleset(builtinRuleFiles());
const of = (text: string) => lintText(text, { ruleset }).findings.filter((f) => f.ruleId === 'NUM-021');

describe('fullwidth-digits kind (NUM-021)', () => {
	it('a draft written full-width throughout: one info summary, the other numbers as hints with their fixes', () => {
		const text = '２０２５年全市新增就业３．２６万人。\n\n全年共举办招聘会１２０场。';
		const found = of(text);
		assert.deepEqual(
			found.map((f) => [f.text, f.severity]),
			[
				['２０２５', 'info'],
				['３．２６', 'hint'],
				['１２０', 'hint'],
			],
		);
		assert.match(found[0].message, /本篇阿拉伯数字均为全角（共3处）.*“２０２５”应为“2025”/);
		assert.ok(found.every((f) => f.certain));
		const fixed = applyFixes(text, found).text;
		assert.equal(fixed, '2025年全市新增就业3.26万人。\n\n全年共举办招聘会120场。');
		assert.deepEqual(of(fixed), []);
	});

	it('a draft that mixes the widths: each full-width number at the rule level', () => {
		const found = of('２０２５年全市GDP增长5.3%，新增就业３万人。');
		assert.deepEqual(
			found.map((f) => [f.text, f.severity]),
			[
				['２０２５', 'warning'],
				['３', 'warning'],
			],
		);
		// A single full-width number is reported as itself.
		assert.deepEqual(
			of('全年共举办招聘会１２０场。').map((f) => f.severity),
			['warning'],
		);
	});

	it('judges each story by itself; a headline goes with the story below it', () => {
		const text = [
			'全市新增就业３万人',
			'',
			'本报讯 ２０２５年全市新增就业３万人，举办招聘会１２０场。',
			'记者 王赛华',
			'',
			'本报讯 2025年全市举办招聘会１２０场，参会企业500家。',
			'记者 李磊',
		].join('\n');
		const found = of(text);
		assert.deepEqual(
			found.map((f) => [f.text, f.severity]),
			[
				['３', 'info'],
				['２０２５', 'hint'],
				['３', 'hint'],
				['１２０', 'hint'],
				['１２０', 'warning'],
			],
		);
	});
});
