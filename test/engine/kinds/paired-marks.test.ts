import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import { nestedPairs, unbalancedMarks } from '../../../server/src/engine/kinds/check/paired-marks';

const ruleset = loadRuleset(builtinRuleFiles());
const of = (id: string, text: string) => lintText(text, { ruleset }).findings.filter((f) => f.ruleId === id);

describe('paired-marks kind', () => {
	it('finds the unmatched marks of a paragraph', () => {
		assert.deepEqual(
			unbalancedMarks('他说：“明天见。').map((m) => m.char),
			['“'],
		);
		assert.deepEqual(
			unbalancedMarks('（含社区游园）。《平凡的世界》').map((m) => m.char),
			[],
		);
		assert.deepEqual(
			unbalancedMarks('收割机等）充分保障').map((m) => m.char),
			['）'],
		);
		// Half- and full-width round brackets close each other; list numbers and apostrophes are not pairs.
		assert.deepEqual(
			unbalancedMarks('村(社区）；1）加强领导；China’s ‘reconciliation’').map((m) => m.char),
			[],
		);
	});

	it('PUN-036: an unclosed quotation across an OCR line break is still one paragraph', () => {
		const text = '会议指出，要以“遏增量、减存量”\n为目标，持续加大整治力度。';
		assert.deepEqual(of('PUN-036', text), []);
		const broken = '会议指出，要以“遏增量、减存量\n为目标，持续加大整治力度。';
		const [f] = of('PUN-036', broken);
		assert.equal(f.text, '“');
		assert.match(f.message, /缺少后半/);
	});

	it('PUN-036: a quotation over several paragraphs is not an error', () => {
		const text = '他说：“第一，要抓紧。\n\n第二，要抓好。\n\n第三，要抓实。”\n\n会议结束。';
		assert.deepEqual(of('PUN-036', text), []);
		assert.deepEqual(of('PUN-036', '他说：“第一，要抓紧。\n\n“第二，要抓好。”'), []);
	});

	it('PUN-003 and PUN-004: nesting of the same pair, fixed to the inner form once', () => {
		assert.deepEqual(nestedPairs('“a“b”c”', '“', '”'), [[2, 4]]);
		assert.deepEqual(nestedPairs('“a“b”c', '“', '”'), []);
		const text = '他说：“大家都叫它“小喇叭”。”';
		const fixed = applyFixes(text, of('PUN-003', text)).text;
		assert.equal(fixed, '他说：“大家都叫它‘小喇叭’。”');
		assert.deepEqual(of('PUN-003', fixed), []);
		const title = '《《郑州市物业管理条例》释义》出版。';
		assert.equal(applyFixes(title, of('PUN-004', title)).text, '《〈郑州市物业管理条例〉释义》出版。');
	});
});
