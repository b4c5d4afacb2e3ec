import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import { parseHanziNumber, toHalfwidth, toHanziYear } from '../../../server/src/engine/chars';
import { rulesetFromYaml } from '../../helpers/engine';

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
		assert.deepEqual(
			found.map((f) => f.text),
			['六'],
		);
		assert.equal(found[0].severity, 'info');
		const fixed = applyFixes(text, found).text;
		assert.equal(fixed, '全区6个办事处均已成立新联会。\n\n会上，6个办事处作了交流发言，6个办事处负责人参会。');
		assert.deepEqual(of('NUM-026', fixed), []);
	});

	it('NUM-026: on a tie the form that came second is reported; approximations and set phrases are left alone', () => {
		assert.deepEqual(
			of('NUM-026', '全区有十二个办事处。其中12个办事处已验收。').map((f) => f.text),
			['12'],
		);
		assert.deepEqual(of('NUM-026', '忙了三四个小时。又过了3个小时，学习“三个代表”重要思想。'), []);
	});

	it('NUM-016: ordinals of one level across the document; certain only with a clear majority', () => {
		const text = '第一章讲历史。\n\n第二章讲现状，第3章讲展望。';
		const [f] = of('NUM-016', text);
		assert.equal(f.text, '3');
		assert.equal(f.severity, 'warning');
		assert.equal(f.certain, true);
		assert.equal(applyFixes(text, [f]).text, '第一章讲历史。\n\n第二章讲现状，第三章讲展望。');
		// A tie: the second form is reported, and the editor chooses.
		const tie = of('NUM-016', '第12期刊发了通讯，第十三期刊发了评论。');
		assert.deepEqual(
			tie.map((x) => [x.text, x.certain, x.fixes[0].edits[0].newText]),
			[['十三', false, '13']],
		);
		// Different counters are different levels; law articles are not numbered here.
		assert.deepEqual(of('NUM-016', '第一批试点启动，第3季度完成。宪法第九条和公约第5条。'), []);
	});

	it('NUM-024: 千分撇 against 千分空 across paragraphs, the minority converted', () => {
		const text = '全年接待游客12,560,000人次。\n\n外地游客8 230 000人次，本地游客4,330,000人次。';
		const found = of('NUM-024', text);
		assert.deepEqual(
			found.map((f) => f.text),
			['8 230 000'],
		);
		assert.equal(found[0].severity, 'info');
		assert.equal(applyFixes(text, found).text, '全年接待游客12,560,000人次。\n\n外地游客8,230,000人次，本地游客4,330,000人次。');
		// A thin space is a space form too; years and plain numbers are not grouped numbers.
		const thin = of('NUM-024', '共12\u2009560人，其中3,200人是志愿者，另有2,100人。');
		assert.deepEqual(
			thin.map((f) => f.text),
			['12\u2009560'],
		);
		assert.deepEqual(of('NUM-024', '2019年共有12,560人，2020年共有15600人。'), []);
	});

	it('NUM-033: one name for the kilometre; areas and speeds are not lengths', () => {
		const text = '绿道全长5公里，二期再延伸8公里。\n\n三期规划3km。';
		const [f] = of('NUM-033', text);
		assert.equal(f.text, 'km');
		assert.equal(applyFixes(text, [f]).text, '绿道全长5公里，二期再延伸8公里。\n\n三期规划3公里。');
		assert.deepEqual(of('NUM-033', '绿道全长5公里，覆盖12平方千米，限速80km/h，面积3km²。'), []);
		assert.equal(of('NUM-033', '航程1.2万公里，其中3000千米为海上航线，另有500千米。')[0].text, '公里');
	});

	it('numeral-consistency: an unknown check or missing counters are reported with the field', () => {
		const yaml = (extra: string) =>
			`rules:\n  - id: NUM-900\n    kind: numeral-consistency\n    category: numeral\n    severity: info\n${extra}    examples: { bad: [x], good: [y] }\n`;
		assert.match(rulesetFromYaml(yaml('    check: colours\n')).problems[0].message, /check/);
		assert.match(rulesetFromYaml(yaml('    check: ordinals\n')).problems[0].message, /counters/);
	});
});
