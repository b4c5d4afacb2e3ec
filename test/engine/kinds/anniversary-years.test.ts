import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import type { RuleOptions } from '../../../server/src/engine/rule';
import { rulesetFromYaml } from '../../helpers/engine';

// DAT-009: anniversary numbers against the year the phrase is bound to.

const ruleset = loadRuleset(builtinRuleFiles());
const of = (text: string, ruleOptions: RuleOptions = {}) => lintText(text, { ruleset, ruleOptions }).findings.filter((f) => f.ruleId === 'DAT-009');
const in2025 = { path: 'drafts/20250903_纪念.txt' };

describe('anniversary kind (DAT-009)', () => {
	it('fixes the number after a written year, a bracketed year or a year range', () => {
		const text = '2025年是中国人民抗日战争胜利70周年。';
		const [f] = of(text);
		assert.equal(f.text, '70');
		assert.equal(f.severity, 'warning');
		assert.equal(f.certain, true);
		assert.match(f.message, /中国人民抗日战争胜利在1945年，2025年应为80周年，不是70周年/);
		assert.equal(applyFixes(text, [f]).text, '2025年是中国人民抗日战争胜利80周年。');
		const fixed = (t: string, options: RuleOptions = {}) => applyFixes(t, of(t, options)).text;
		assert.equal(fixed('纪念抗战胜利70周年（2025年）。'), '纪念抗战胜利80周年（2025年）。');
		assert.equal(fixed('1945年至2025年，抗战胜利70周年。'), '1945年至2025年，抗战胜利80周年。');
		// A range alone, without a known event, fixes the number that follows it in the clause.
		const [r] = of('1995年至2025年的30周年庆典和1995年至2025年的20周年庆典。').filter((x) => x.text === '20');
		assert.match(r.message, /1995年至2025年应为30周年，不是20周年/);
		assert.deepEqual(of('2025年是中国人民抗日战争胜利80周年，也是联合国成立80周年。'), []);
	});

	it('keeps Chinese numerals Chinese and reads 百', () => {
		const text = '2021年是建党一百零一周年。';
		assert.equal(applyFixes(text, of(text)).text, '2021年是建党一百周年。');
		assert.deepEqual(of('2021年是建党百周年。'), []);
	});

	it('reads 今年, 明年 and 去年 against the publication date, and is silent without one', () => {
		assert.deepEqual(of('今年是新中国成立75周年。'), []);
		const [f] = of('今年是新中国成立75周年。', in2025);
		assert.equal(applyFixes('今年是新中国成立75周年。', [f]).text, '今年是新中国成立76周年。');
		assert.deepEqual(of('明年是中法建交62周年。', in2025), []);
		assert.equal(applyFixes('明年是中法建交60周年。', of('明年是中法建交60周年。', in2025)).text, '明年是中法建交62周年。');
		assert.deepEqual(of('去年是澳门回归祖国25周年。', in2025), []);
		// A year written between the binding and the phrase moves the time: no check.
		assert.deepEqual(of('今年是他入伍的第10年，2019年他参加了新中国成立70周年阅兵。', in2025), []);
	});

	it('a bare phrase speaks of the past unless it says 之际, and then a year either side is allowed', () => {
		// A speech at a past celebration, quoted years later.
		assert.deepEqual(of('他学习了在庆祝中国共产党成立100周年大会上的重要讲话。', in2025), []);
		assert.deepEqual(of('值此中国人民抗日战争胜利79周年之际，全市举行活动。', in2025), []);
		assert.deepEqual(of('值此中国人民抗日战争胜利81周年之际，全市举行活动。', in2025), []);
		assert.deepEqual(of('他写下《值此中国人民抗日战争胜利70周年之际》一文。', in2025), []);
		assert.deepEqual(of('我们党即将迎来建党100周年。', { path: 'xwlb_20191227_01.txt' }), []);
		const [f] = of('值此中国人民抗日战争胜利70周年之际，全市举行活动。', in2025);
		assert.equal(f.certain, false);
		assert.match(f.message, /按稿件日期（2025年）应为80周年左右/);
	});

	it('takes a short name only after the words its data lists', () => {
		assert.deepEqual(of('2018年是朝鲜劳动党建党73周年。'), []);
		assert.equal(of('2018年是建党73周年。').length, 1);
	});

	it('rejects an entry without events, naming the field', () => {
		const rs = rulesetFromYaml(
			'rules:\n  - id: DAT-900\n    kind: anniversary\n    category: date\n    severity: warning\n    examples: { bad: [x], good: [y] }\n',
		);
		assert.equal(rs.problems.length, 1);
		assert.match(rs.problems[0].message, /events/);
	});
});
