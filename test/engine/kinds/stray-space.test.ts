import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';

const ruleset = loadRuleset(builtinRuleFiles());
const of = (id: string, text: string) => lintText(text, { ruleset }).findings.filter((f) => f.ruleId === id);

describe('stray-space and halfwidth-punctuation kinds', () => {
	it('SPC-001: stray spaces, full-width and no-break ones included', () => {
		const text = '会议要求，全区 6个办事处、2019年\u300010月以来的台账和占比\u00a0100%的目标都要落实。';
		const found = of('SPC-001', text);
		assert.equal(found.length, 3);
		assert.deepEqual(
			found.map((f) => f.message),
			['多余的空格：“全区 6个”', '多余的全角空格：“2019年\u300010月”', '多余的不换行空格：“占比\u00a0100%”'],
		);
		assert.equal(applyFixes(text, found).text, '会议要求，全区6个办事处、2019年10月以来的台账和占比100%的目标都要落实。');
	});

	it('SPC-001: layout spaces in titles, credits, quoted names and datelines are left alone', () => {
		const clean = [
			'本报讯 11月18日上午，前程办事处召开会议。',
			'习近平在参加首都义务植树活动时强调 像对待生命一样对待生态环境\n\n央视网消息（新闻联播）：今天上午，植树活动举行。',
			'德阻止恐袭图谋 主要嫌疑人在逃\n德国警方说，在法兰克福落网的嫌疑人承认曾计划发动袭击，另一名主要嫌疑人目前仍在逃，警方已在全国范围内发布通缉令。',
			'【环球网报道 记者 任梅子】据俄罗斯卫星网报道，会谈举行。',
			'今天的“领航科技 创新中国”系列报道聚焦量子通信。',
			'日本政治经济评论家 古贺茂明：这是危险的信号。',
			'参考消息网10月18日报道 据韩联社10月18日报道，会谈举行。',
			'这是“萨德”系统无法拦截的。杨 宁 周丹丹',
			'在美国 E3 电子娱乐展览会上，中国游戏获奖。',
		];
		for (const text of clean) {
			assert.deepEqual(
				of('SPC-001', text).map((f) => f.message),
				[],
				text,
			);
		}
	});

	it('SPC-001: a space next to a foreign name is only info', () => {
		const [f] = of('SPC-001', '高级专员扎伊德·侯赛因 谴责轰炸医疗机构的行为。');
		assert.equal(f.severity, 'info');
		assert.equal(f.certain, false);
	});

	it('PUN-001: half-width marks between Chinese; decimals, times and a mistyped name dot', () => {
		const text = '央视网消息(新闻联播)：会议强调,要抓好落实;占比100%,增幅3.5%。';
		assert.equal(applyFixes(text, of('PUN-001', text)).text, '央视网消息（新闻联播）：会议强调，要抓好落实；占比100%，增幅3.5%。');
		const [dot] = of('PUN-001', '卡尔.马克思诞辰纪念。');
		assert.equal(dot.certain, false);
		assert.deepEqual(
			dot.fixes.map((f) => f.edits[0].newText),
			['。', '·'],
		);
		assert.deepEqual(of('PUN-001', '列车15:40发车，增幅为3.5个百分点。'), []);
	});

	it('PUN-002: straight quotes pair up; an odd count gives no certain fix', () => {
		const text = '市民称赞这是"暖心工程"，也是"民心工程"。';
		assert.equal(applyFixes(text, of('PUN-002', text)).text, '市民称赞这是“暖心工程”，也是“民心工程”。');
		const odd = of('PUN-002', '他说"暖心工程"和"民心。');
		assert.ok(odd.length > 0 && odd.every((f) => !f.certain));
	});
});
