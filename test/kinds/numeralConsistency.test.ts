import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../server/src/engine';
import { applyFixes } from '../../server/src/engine/fixes';
import { parseHanziNumber, toHalfwidth, toHanziYear } from '../../server/src/engine/chars';

const ruleset = loadRuleset(builtinRuleFiles());
const of = (id: string, text: string) => lintText(text, { ruleset }).findings.filter((f) => f.ruleId === id);

describe('numeral-consistency kind and number helpers', () => {
	it('reads Chinese numerals and converts forms', () => {
		assert.equal(parseHanziNumber('六'), 6);
		assert.equal(parseHanziNumber('十二'), 12);
		assert.equal(parseHanziNumber('三百零五'), 305);
		assert.equal(parseHanziNumber('十'), 10);
		assert.equal(parseHanziNumber('十分'), undefined);
		assert.equal(toHalfwidth('２０２５ＧＤＰ'), '2025GDP');
		assert.equal(toHanziYear(2021), '二〇二一');
	});

	it('NUM-026: reports the minority form across paragraphs and converts it', () => {
		const text = '全区6个办事处均已成立新联会。\n\n会上，六个办事处作了交流发言，6个办事处负责人参会。';
		const found = of('NUM-026', text);
		assert.deepEqual(found.map((f) => f.text), ['六']);
		assert.equal(found[0].severity, 'info');
		const fixed = applyFixes(text, found).text;
		assert.equal(fixed, '全区6个办事处均已成立新联会。\n\n会上，6个办事处作了交流发言，6个办事处负责人参会。');
		assert.deepEqual(of('NUM-026', fixed), []);
	});

	it('NUM-026: on a tie the form that came second is reported; approximations and set phrases are left alone', () => {
		assert.deepEqual(of('NUM-026', '全区有十二个办事处。其中12个办事处已验收。').map((f) => f.text), ['12']);
		assert.deepEqual(of('NUM-026', '忙了三四个小时。又过了3个小时，学习“三个代表”重要思想。'), []);
	});
});
