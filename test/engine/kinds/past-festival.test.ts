import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import type { RuleOptions } from '../../../server/src/engine/rule';
import { rulesetFromYaml } from '../../helpers/engine';

// DAT-007: run-up wording (迎接五一, 即将到来的国庆) in a story dated after the festival.

const ruleset = loadRuleset(builtinRuleFiles());
const of = (text: string, ruleOptions: RuleOptions = {}) => lintText(text, { ruleset, ruleOptions }).findings.filter((f) => f.ruleId === 'DAT-007');
const on = (date: string) => ({ publicationDate: new Date(`${date}T00:00:00Z`) });

describe('past-festival kind (DAT-007)', () => {
	it('a fixed-date festival just past, from the dateline or the publication date, as info without a fix', () => {
		const [f] = of('新华社北京5月8日电 为迎接五一，全市开展环境整治。');
		assert.equal(f.text, '迎接五一');
		assert.equal(f.severity, 'info');
		assert.deepEqual(f.fixes, []);
		assert.match(f.message, /稿件日期为5月8日（电头日期），五一（5月1日）已过/);
		assert.equal(of('国庆节即将到来，景区做好准备。', on('2024-10-09')).length, 1);
		assert.equal(of('喜迎元旦，全市举办活动。', on('2025-01-06'))[0].message.includes('2025年1月1日'), true);
	});

	it('stays silent before the festival, on its day, long after it, and without a date', () => {
		assert.deepEqual(of('为迎接五一，全市开展环境整治。', on('2025-04-20')), []);
		assert.deepEqual(of('即将到来的国庆假期，景区预计迎来客流高峰。', on('2025-10-01')), []);
		assert.deepEqual(of('为迎接五一，全市开展环境整治。', on('2025-07-20')), []);
		assert.deepEqual(of('为迎接五一，全市开展环境整治。'), []);
		// Another year or the past in the sentence: a story told, not a slip.
		assert.deepEqual(of('去年为迎接国庆，全市开展了环境整治。', on('2025-10-12')), []);
		assert.deepEqual(of('2024年为迎接国庆，全市开展了环境整治。', on('2025-10-12')), []);
	});

	it('lunar festivals by the year table; they need the year', () => {
		// 2025年春节是1月29日, 2026年是2月17日.
		assert.equal(of('迎接春节，市场供应充足。', on('2025-02-05')).length, 1);
		assert.deepEqual(of('迎接春节，市场供应充足。', on('2026-02-05')), []);
		assert.equal(of('迎接春节，市场供应充足。', on('2026-02-20')).length, 1);
		assert.match(of('中秋来临之际，月饼热销。', on('2025-10-08'))[0].message, /中秋（2025年10月6日）已过/);
		assert.deepEqual(of('新华社北京2月5日电 迎接春节，市场供应充足。'), []);
	});

	it('rejects a festival without a date, naming the field', () => {
		const rs = rulesetFromYaml(
			'rules:\n  - id: DAT-900\n    kind: past-festival\n    category: date\n    severity: info\n    festivals: [{ names: [腊八] }]\n    examples: { bad: [x], good: [y] }\n',
		);
		assert.equal(rs.problems.length, 1);
		assert.match(rs.problems[0].message, /month 和 day 或 dates/);
	});
});
