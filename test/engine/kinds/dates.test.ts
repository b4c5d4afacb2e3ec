import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import { ganzhiOf } from '../../../server/src/engine/kinds/check/ganzhi-year';
import { publicationDay, weekdayOf } from '../../../server/src/engine/kinds/support/dates';
import type { RuleOptions } from '../../../server/src/engine/rule';

// Date checks against the built-in rules: weekdays, impossible dates, ranges, relative
// dates resolved from a dateline, a configured date or a file name, two-digit years.

const ruleset = loadRuleset(builtinRuleFiles());
const lint = (text: string, ruleOptions: RuleOptions = {}) => lintText(text, { ruleset, ruleOptions }).findings;
const of = (id: string, text: string, ruleOptions: RuleOptions = {}) => lint(text, ruleOptions).filter((f) => f.ruleId === id);

describe('date kinds', () => {
	it('computes weekdays and 干支 from the calendar', () => {
		assert.equal(weekdayOf(2021, 11, 18), 4);
		assert.equal(weekdayOf(2000, 2, 29), 2);
		assert.equal(ganzhiOf(2019), '己亥');
		assert.equal(ganzhiOf(2026), '丙午');
		assert.equal(ganzhiOf(1984), '甲子');
	});

	it('DAT-001: a weekday that does not match its date, with the right one as a choice', () => {
		const text = '2021年11月18日（星期三），全区召开动员会。';
		const [f] = of('DAT-001', text);
		assert.equal(f.text, '星期三');
		assert.match(f.message, /2021年11月18日是星期四/);
		assert.equal(f.certain, false);
		assert.equal(applyFixes(text, [f], { certainOnly: false }).text, '2021年11月18日（星期四），全区召开动员会。');
		assert.deepEqual(of('DAT-001', '2021年11月18日（星期四），全区召开动员会。'), []);
	});

	it('DAT-001: a date without a year takes the publication year, or stays silent without one', () => {
		const text = '11月18日（周三），全区召开动员会。';
		assert.deepEqual(of('DAT-001', text), []);
		assert.equal(of('DAT-001', text, { publicationDate: new Date('2021-11-19T00:00:00Z') }).length, 1);
		assert.deepEqual(of('DAT-001', text, { publicationDate: new Date('2020-11-19T00:00:00Z') }), []);
		// A December date read in January may belong to the year before.
		assert.deepEqual(of('DAT-001', '12月30日（星期四）举行。', { publicationDate: new Date('2022-01-03T00:00:00Z') }), []);
	});

	it('DAT-002: impossible dates, with the year from the sentence or the publication date', () => {
		assert.equal(of('DAT-002', '2021年11月31日，全区召开动员会。')[0].text, '2021年11月31日');
		assert.equal(of('DAT-002', '2022年2月29日起施行。').length, 1);
		assert.deepEqual(of('DAT-002', '2028年2月29日起施行。'), []);
		assert.deepEqual(of('DAT-002', '2月29日起施行。'), []);
		assert.equal(of('DAT-002', '2月29日起施行。', { path: '/drafts/2022-02-20-通知.txt' }).length, 1);
		// An older year named in an earlier paragraph does not override the publication year.
		assert.deepEqual(of('DAT-002', '她1998年入行。\n\n昨天（2月29日），医疗队出发。', { path: 'xwlb_20200301_01.txt' }), []);
	});

	it('DAT-008: a range that ends before it starts, but not one that runs into the next year', () => {
		assert.equal(of('DAT-008', '展期为3月15日—10日。').length, 1);
		assert.deepEqual(of('DAT-008', '展期为3月10日—15日，活动时间为12月20日至1月5日。'), []);
	});

	it('DAT-004: relative dates resolved against the dateline, as info with the date', () => {
		const [f] = of('DAT-004', '新华社北京11月18日电 昨天，市政府召开常务会议。', { publicationDate: new Date('2021-11-19T00:00:00Z') });
		assert.equal(f.severity, 'info');
		assert.match(f.message, /“昨天”指2021年11月17日（按电头日期2021年11月18日推算）/);
		assert.equal(f.certain, false);
		assert.equal(f.fixes[0].edits[0].newText, '11月17日');
	});

	it('DAT-004: week days and months from the publication date; silent without any date', () => {
		const opts = { publicationDate: new Date('2021-11-18T00:00:00Z') }; // a Thursday
		const text = '本报讯 本周三召开会议，下周一起施行，上月30日已公示。';
		const found = of('DAT-004', text, opts).map((f) => f.message.replace(/（.*$/, ''));
		assert.deepEqual(found, ['“本周三”指2021年11月17日', '“下周一”指2021年11月22日', '“上月30日”指2021年10月30日']);
		assert.deepEqual(of('DAT-004', text), []);
	});

	it('DAT-004: quotations, titles and generic uses are not dates', () => {
		const opts = { path: 'drafts/20211118.txt' };
		assert.equal(publicationDay(opts)?.day, 18);
		assert.deepEqual(of('DAT-004', '他说：“今天的会开得好。”《今日说法》播出。中国走到今天，靠的是奋斗。前天津市委书记出席。', opts), []);
	});

	it('NUM-010: two-digit years, with the century from the publication date', () => {
		const text = '21年11月，全区启动巡察。';
		const [f] = of('NUM-010', text, { publicationDate: new Date('2021-12-01T00:00:00Z') });
		assert.equal(f.certain, true);
		assert.equal(applyFixes(text, [f]).text, '2021年11月，全区启动巡察。');
		const [g] = of('NUM-010', text);
		assert.equal(g.certain, false);
		assert.deepEqual(
			g.fixes.map((x) => x.title),
			['改为“2021年”', '改为“1921年”'],
		);
		assert.deepEqual(of('NUM-010', '他扎根基层21年，从未离开。'), []);
	});

	it('DAT-010: 干支 year names, including the 已/巳 slip', () => {
		const text = '2019年是农历已亥年。';
		assert.equal(applyFixes(text, of('DAT-010', text)).text, '2019年是农历己亥年。');
		assert.deepEqual(of('DAT-010', '2026年是农历丙午年。'), []);
	});

	it('DAT-501: 号 for 日 in dates, not in addresses', () => {
		const text = '11月25号，记者来到经北五路18号。';
		assert.equal(applyFixes(text, of('DAT-501', text)).text, '11月25日，记者来到经北五路18号。');
	});
});
