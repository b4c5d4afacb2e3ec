import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import type { RuleOptions } from '../../../server/src/engine/rule';
import { rulesetFromYaml } from '../../helpers/engine';

const ruleset = loadRuleset(builtinRuleFiles());
const lint = (text: string, ruleOptions: RuleOptions = {}) => lintText(text, { ruleset, ruleOptions }).findings;
const fixed = (id: string, text: string) =>
	applyFixes(
		text,
		lint(text).filter((f) => f.ruleId === id),
	).text;

describe('char-map and style-pattern kinds, numeral and character rules', () => {
	it('maps look-alike characters inside their context only', () => {
		assert.equal(fixed('NUM-012', '二零二一年十一月，全区召开动员会。'), '二〇二一年十一月，全区召开动员会。');
		assert.equal(fixed('NUM-014', '落款：二○二一年十一月。'), '落款：二〇二一年十一月。');
		// ○ outside a year is not a numeral; 零 in a count is right.
		assert.deepEqual(
			lint('○○公司捐款三千零五十二元。').filter((f) => f.ruleId.startsWith('NUM')),
			[],
		);
		assert.equal(fixed('NUM-021', '２０２１年全市ＧＤＰ增长。'), '2021年全市ＧＤＰ增长。');
		assert.equal(fixed('SPC-503', '２０２１年全市ＧＤＰ增长。'), '２０２１年全市GDP增长。');
		assert.equal(fixed('SPC-502', '全区\u200b6个办\ufeff事处。'), '全区6个办事处。');
	});

	it('rejects a char-map entry without a map, naming the field', () => {
		const rs = rulesetFromYaml(
			'rules:\n  - id: CHR-900\n    kind: char-map\n    category: typography\n    severity: info\n    find: "x"\n    examples: { bad: [x], good: [y] }\n',
		);
		assert.equal(rs.rules.length, 0);
		assert.match(rs.problems[0].message, /map/);
	});

	it('numerals: approximations, thousands, 约…多, ranges, fixed words', () => {
		assert.equal(fixed('NUM-001', '他每天要跑三、四场。'), '他每天要跑三四场。');
		assert.equal(fixed('NUM-005', '全市新栽树苗4千株。'), '全市新栽树苗4000株。');
		assert.equal(fixed('NUM-007', '单套补贴3~5万元。'), '单套补贴3万~5万元。');
		assert.equal(fixed('NUM-018', '来自5湖4海的志愿者。'), '来自五湖四海的志愿者。');
		const approx = lint('现场约3000多名群众观看演出。').filter((f) => f.ruleId === 'NUM-501');
		assert.equal(approx[0].certain, false);
		assert.deepEqual(
			approx[0].fixes.map((f) => f.edits[0].newText),
			['', ''],
		);
		assert.deepEqual(
			approx[0].fixes.map((f) => applyFixes('现场约3000多名群众观看演出。', [{ ...approx[0], fixes: [f], certain: true }]).text),
			['现场3000多名群众观看演出。', '现场约3000名群众观看演出。'],
		);
		for (const clean of ['他十五六岁，忙了三四个小时。', '党的十九届六中全会一律从严。', '来自五湖四海的朋友。', '他扎根基层21年。']) {
			assert.deepEqual(
				lint(clean).map((f) => f.ruleId),
				[],
				clean,
			);
		}
	});

	it('style switches: quotedListComma and lawShortTitle follow config style', () => {
		const text = '报告多次提到“新质生产力”、“高质量发展”，依照《刑法》处理。';
		const ids = (style?: Record<string, unknown>) =>
			lint(text, { style })
				.map((f) => f.ruleId)
				.sort();
		assert.deepEqual(ids(), ['PUN-005', 'PUN-027']);
		assert.deepEqual(ids({ quotedListComma: 'keep', lawShortTitle: 'titled' }), []);
		assert.deepEqual(
			lint('气温升至20 ℃。', { style: { unitSpace: 'allow' } }).map((f) => f.ruleId),
			[],
		);
	});

	it('punctuation: ellipsis, dash, doubled marks and 等 after a list', () => {
		assert.equal(fixed('PUN-012', '鞭炮声、欢笑声...小村热闹起来。'), '鞭炮声、欢笑声……小村热闹起来。');
		assert.equal(fixed('PUN-012', '鞭炮声、欢笑声。。。小村热闹起来。'), '鞭炮声、欢笑声……小村热闹起来。');
		assert.equal(fixed('PUN-013', '他的梦想--当一名教师--实现了。'), '他的梦想——当一名教师——实现了。');
		assert.equal(fixed('PUN-031', '会议强调，，要抓好落实。。'), '会议强调，要抓好落实。');
		assert.equal(fixed('PUN-008', '推出烩面、胡辣汤、等特色小吃。'), '推出烩面、胡辣汤等特色小吃。');
		const both = lint('摊位上有烩面、胡辣汤……等小吃。').filter((f) => f.ruleId === 'PUN-009');
		assert.equal(both[0].certain, false);
		assert.equal(both[0].fixes.length, 2);
	});
});
