import * as assert from 'node:assert/strict';
import { builtinRuleFiles, type Finding, lintText, loadRuleset, parseDraft } from '../../server/src/engine';
import { sharedSegmenter } from '../helpers/engine';
import { applyFixes } from '../../server/src/engine/fixes';

// Precision on published news: each class of text that once drew a false alarm, written
// here in our own words, stays quiet, and the true finding beside it still fires.

const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);
const lint = (text: string, path?: string): Finding[] => lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: path ? { path } : {} }).findings;
const of = (id: string, text: string, path?: string) => lint(text, path).filter((f) => f.ruleId === id);
const flagged = (id: string, text: string, path?: string) => of(id, text, path).map((f) => f.text);

describe('precision on published news', () => {
	describe('headlines', () => {
		it('a one-line title with a colon or enumeration comma above the story is a headline, and so is the one under it', () => {
			const text =
				'市长：老城更新要让居民满意\n\n东区、西区同步推进\n\n央视网消息（新闻联播）：记者从市政府获悉，今年全市将改造老旧小区一百二十个，涉及居民四万余户，工程将在年底前完工。';
			const kinds = parseDraft(text).paragraphs.map((p) => p.kind);
			assert.deepEqual(kinds, ['headline', 'headline', 'body']);
		});

		it('a sentence an OCR column cuts by a blank line still joins', () => {
			const kinds = parseDraft('会议强调，要再接\n\n再励，积极做好工作。\n').paragraphs.map((p) => p.kind);
			assert.deepEqual(kinds, ['body']);
		});
	});

	describe('SPC-001: a space that separates, not a slip', () => {
		const long = '市里召开专题会议，研究部署下一阶段的老旧小区改造工作，要求各区倒排工期、压实责任，确保年底前全部完工。';

		it('titles and subheadings of two phrases, ending in ？ or set with a full-width space', () => {
			for (const line of ['压力重重 新政该往何处去？', '“跑步”与“走路”对比　差别在哪里？', '按城市规划 老街区将整体保留', '为了一时便利 连安全都不顾了？']) {
				assert.deepEqual(flagged('SPC-001', `${long}\n${line}\n${long}`), [], line);
			}
		});

		it('a title run into the first paragraph of a crawled page', () => {
			assert.deepEqual(flagged('SPC-001', `协议虽签署 分歧仍未消韩方表示，双方将在下月继续沟通，争取在年底前就剩余问题达成一致。`), []);
			// A short first line is a sentence like any other.
			assert.deepEqual(flagged('SPC-001', '导语 一句。'), [' ']);
		});

		it('credit and byline lines, also run on after the last sentence of a one-line page', () => {
			const clean = [
				`${long}文字：张明远 李书桐漫画：王然 刘可`,
				`项目团队：东方日报全媒体记者\u00a0赵一鸣、钱晓雨\u00a0东方日报通讯员\u00a0孙立\n${long}`,
				`作者：某大学教授、智库研究员\u3000周启航\n${long}`,
				`老街区改造的三个难题■王 芳市里召开专题会议，研究部署改造工作。`,
				`老街区改造的三个难题■陈立华\u00a0\u00a0马\u00a0\u00a0辉市里召开专题会议，研究部署改造工作。`,
			];
			for (const text of clean) assert.deepEqual(flagged('SPC-001', text), [], text);
		});

		it('captions, where the space comes before the picture source', () => {
			const clean = [
				`${long}\n5月2日，在峰会上交谈的张三与李四 资料图片\n${long}`,
				`${long}\n考生在教室里复习。李明摄 东方图片/视觉中国\n${long}`,
				`${long}\n5月2日，外国领导人到访 视频截图 图源：某国政府网站\n${long}`,
			];
			for (const text of clean) assert.deepEqual(flagged('SPC-001', text), [], text);
		});

		it('a line in another script keeps its own spacing', () => {
			assert.deepEqual(flagged('SPC-001', `${long}\n관련 기사:\n美日韓 朝핵문제 협력 강화\n${long}`), []);
		});

		it('still flags the stray space inside a sentence, and its fix joins only the two halves of one phrase', () => {
			const text = '会议要求，全区 6个街道、各单位　要抓好落实。';
			const found = of('SPC-001', text);
			assert.equal(found.length, 2);
			assert.equal(applyFixes(text, found).text, '会议要求，全区6个街道、各单位要抓好落实。');
		});
	});

	describe('source, edition and caption lines', () => {
		it('PUN-034: one space between a caption and its credit or picture source is layout', () => {
			const clean = [
				'东盟外长会在万象举行。 新华社记者张立摄',
				'两国领导人在会后合影。 中新社记者 王可 摄',
				'代表们在会场外交谈。 图片来源：某通讯社\n记者从会上获悉，双方将继续沟通。',
				'工人在车间里忙碌。 本报资料图片',
				'这一进程不会因一时的阻力而停下。　周明',
			];
			for (const text of clean) assert.deepEqual(flagged('PUN-034', text), [], text);
			assert.deepEqual(flagged('PUN-034', '韩联社称， 双方将继续沟通。'), [' ']);
		});

		it("DAT-012 and PUN-034: a paper's own source and edition line is not body text", () => {
			for (const text of ['《东方日报》（ 2021年03月08日 06版）', '《 东方日报 》（\u00a02023年05月09日\u00a0第\u00a016\u00a0版）']) {
				const body = `记者从会上获悉，双方将继续沟通。\n${text}`;
				assert.deepEqual(flagged('DAT-012', body), [], text);
				assert.deepEqual(flagged('PUN-034', body), [], text);
			}
			assert.deepEqual(flagged('DAT-012', '会议定于12月06日召开。'), ['06']);
		});
	});

	describe('dates', () => {
		const path = 'drafts/x_20230801_01.txt';

		it('DAT-004: a relative day with its date already given in brackets is quiet', () => {
			for (const text of ['今天（8月1日），全市启动防汛应急响应。', '昨天（31日）上午，全市召开防汛会议。', '一年前的今天（8月1日），新馆正式开放。']) {
				assert.deepEqual(flagged('DAT-004', text, path), [], text);
			}
		});

		it("DAT-004: reported and quoted speech and figurative use are not the story's day", () => {
			const clean = [
				'市长在会上说，今天的困难是暂时的，明天一定会更好。',
				'发言人表示，今天双方还将举行工作会谈。',
				'市长说，要抓紧抢修受损道路。明天起，各区要组织力量清理淤泥。',
				'他对来访的代表团说：“今天我们达成了重要共识。”',
				'我们昨天的会谈坦诚深入，双方同意加强合作。',
				'两座城市的昨天和今天，见证了时代的变迁。',
				'在数字技术飞速发展的今天，读书的方式也在改变。',
				'今日的江城，处处是新的风景。',
			];
			for (const text of clean) assert.deepEqual(flagged('DAT-004', text, path), [], text);
			assert.deepEqual(flagged('DAT-004', '今天上午，全市启动防汛应急响应。', path), ['今天']);
			// The reporter's own words before the speech verb are still the story's.
			assert.deepEqual(flagged('DAT-004', '外交部发言人今天表示，各方应珍惜来之不易的成果。', path), ['今天']);
			assert.deepEqual(flagged('DAT-004', '民调结果表明日本民众支持这一政策。', path), []);
		});

		it('DAT-006 is retired: 今年 in January copy means this year', () => {
			const text = '新华社北京1月8日电 今年春运将于1月17日开始，铁路部门预计发送旅客4.8亿人次。';
			assert.deepEqual(
				lint(text, 'drafts/x_20240108_01.txt').filter((f) => f.text === '今年'),
				[],
			);
		});

		it("date context is per story: a year named in another story is not this story's year", () => {
			const other = '甲地新闻标题\n\n2019年，甲地开展植树活动，共栽种树木三万余株。\n\n乙地新闻标题\n\n3月5日（星期四），乙地召开全体会议。';
			assert.deepEqual(flagged('DAT-001', other), []);
			const same = '2019年，甲地开展植树活动，共栽种树木三万余株。\n\n3月5日（星期四），甲地召开全体会议。';
			assert.deepEqual(flagged('DAT-001', same), ['星期四']);
		});
	});

	describe('punctuation and quotations', () => {
		it('PUN-002: a quotation over several paragraphs opens each with a quotation mark; no fix pairs marks across paragraphs', () => {
			const text =
				'他在信中写道："第一，要把群众的冷暖放在心上，事事有回应。\n"第二，要把规矩立在前面，件件有着落。"\n写完这封信，他又去了工地。有人说这是"老习惯"。';
			const found = of('PUN-002', text);
			const fixed = applyFixes(text, found, { certainOnly: false }).text;
			assert.equal(
				fixed,
				'他在信中写道：“第一，要把群众的冷暖放在心上，事事有回应。\n“第二，要把规矩立在前面，件件有着落。”\n写完这封信，他又去了工地。有人说这是“老习惯”。',
			);
			for (const f of found) assert.equal(f.range.start.line, f.range.end.line, f.text);
		});

		it('PUN-002: a lone straight quote gets the direction its neighbours give, as an optional fix', () => {
			const text = '这类材料一共有十几页，全部写于同一年。"\n第二天，他又来到了这里。';
			const [f] = of('PUN-002', text);
			assert.equal(f.certain, false);
			assert.equal(f.fixes[0].edits[0].newText, '”');
		});

		it('PUN-002: corner brackets are told to become “” in Simplified Chinese', () => {
			const [f] = of('PUN-002', '市民称赞这是「暖心工程」。');
			assert.equal(f.message, '简体中文横排用弯引号“”，不用直角引号「」');
		});

		it('PUN-001: a ? between the parts of a transcribed name is a lost middle dot, never a question mark', () => {
			const [f] = of('PUN-001', '印尼官员普拉博沃?苏比安托当天否认此事。');
			assert.equal(f.certain, false);
			assert.deepEqual(
				f.fixes.map((x) => x.edits[0].newText),
				['·'],
			);
			assert.deepEqual(
				of('PUN-001', '这是为什么?大家都在问。').map((x) => x.fixes[0].edits[0].newText),
				['？'],
			);
		});

		it('PUN-016: a look-alike middle dot is a warning', () => {
			assert.deepEqual(
				of('PUN-016', '阿依古丽・买买提获评优秀教师。').map((f) => f.severity),
				['warning'],
			);
		});

		it("one problem, one finding: a dateline's half-width brackets are BYL-001's alone", () => {
			const found = lint('新华社北京8月16日电(记者 张明)外交部发言人主持例行记者会。');
			assert.deepEqual(
				found.filter((f) => f.text === '(记者 张明)').map((f) => f.ruleId),
				['BYL-001'],
			);
		});
	});

	describe('sensitive terms inside quotations', () => {
		it('BAN-068: a quoted foreign name glossed as Xinhua prescribes is quiet', () => {
			assert.deepEqual(flagged('BAN-068', '该国外长声称“尖阁诸岛（即我钓鱼岛及其附属岛屿）适用该条约”。'), []);
		});

		it('a direct quotation is never rewritten: reported with the reason, without a fix', () => {
			const [f] = of('BAN-068', '该国外长声称“尖阁诸岛适用该条约”。');
			assert.equal(f.severity, 'warning');
			assert.deepEqual(f.fixes, []);
			assert.match(f.message, /引语内，不改动原话/);
			const [outside] = of('BAN-068', '尖阁诸岛附近海域风浪较大。');
			assert.equal(outside.fixes[0].edits[0].newText, '钓鱼');
		});

		it('BAN-075: a term without a fix is reported once per paragraph', () => {
			const text = '他讲了个笑话：有人问“十字军总裁在吗？”回答是“十字军已经下台了”，他又问“十字军总裁在吗？”';
			assert.equal(of('BAN-075', text).length, 1);
			assert.equal(of('BAN-075', `${text}\n${text}`).length, 2);
		});

		it('BAN-507: 人大常委 points to 人大常委会 first, and to 人大常委会委员 for a person', () => {
			const [f] = of('BAN-507', '全国人大常委第十次会议在京举行。');
			assert.deepEqual(
				f.fixes.map((x) => x.title),
				['改为“人大常委会”', '改为“人大常委会委员”'],
			);
			assert.match(f.message, /应为“人大常委会”/);
		});
	});

	describe('idioms written with a wrong character (TYP-600)', () => {
		it('catches a homophone or look-alike in an idiom and fixes it', () => {
			for (const [bad, good] of [
				['评论员的点评一阵见血。', '评论员的点评一针见血。'],
				['这种说法显然是以偏盖全。', '这种说法显然是以偏概全。'],
				['对各项制度要不拆不扣地执行。', '对各项制度要不折不扣地执行。'],
			]) {
				const found = of('TYP-600', bad);
				assert.equal(found.length, 1, bad);
				assert.equal(applyFixes(bad, found).text, good);
			}
		});

		it('leaves alone a variant that is a phrase of its own, the idioms themselves, and windows inside other words', () => {
			for (const text of ['这是在歪曲史实。', '评论员的点评一针见血。', '投资者的信心是足的。']) {
				assert.deepEqual(flagged('TYP-600', text), [], text);
			}
		});
	});

	describe('的 where 地 belongs (TYP-007)', () => {
		it('an adverbial adjective after 在, 要 or 都, a verb and its object', () => {
			for (const [bad, good] of [
				['居民们都在积极的参与社区活动。', '居民们都在积极地参与社区活动。'],
				['他也在积极的找寻其他工作。', '他也在积极地找寻其他工作。'],
			]) {
				const found = of('TYP-007', bad);
				assert.equal(found.length, 1, bad);
				assert.equal(applyFixes(bad, found).text, good);
			}
		});

		it('noun phrases stay quiet: a compound after the verb, a list item, a verb governing the phrase', () => {
			const clean = [
				'这将产生积极的示范效应。',
				'要建立有效的管理制度。',
				'中国经济有足够的潜力、充分的回旋余地。',
				'得到了大家积极的参与。',
				'实践雄辩地证明，这条路走对了。',
			];
			for (const text of clean)
				assert.deepEqual(
					lint(text)
						.filter((f) => /^TYP-00[678]$/.test(f.ruleId))
						.map((f) => f.text),
					[],
					text,
				);
		});
	});

	describe('recall of the same families', () => {
		it('POL-512: a leader named by surname and title, or by a nickname, gets the full name; a quotation only a note', () => {
			const text = '乡亲们给习总书记写信，汇报家乡的变化。';
			assert.equal(applyFixes(text, of('POL-512', text)).text, '乡亲们给习近平总书记写信，汇报家乡的变化。');
			const [quoted] = of('POL-512', '一位村民说：“习总书记的话我们记在心里。”');
			assert.deepEqual(quoted.fixes, []);
			assert.deepEqual(flagged('POL-512', '各级干部认真学习总书记重要讲话精神，演习总导演介绍了情况。'), []);
		});

		it('POL-511: the guiding theory cut short where a story first names it, but not in reported speech', () => {
			const path = 'drafts/x_20230801_01.txt';
			assert.deepEqual(flagged('POL-511', '全区党员干部深入学习新时代中国特色社会主义思想，推动各项工作落地见效。', path), ['新时代中国特色社会主义思想']);
			const clean = [
				'全区党员干部深入学习习近平新时代中国特色社会主义思想，用新时代中国特色社会主义思想武装头脑。',
				'习近平强调，要以新时代中国特色社会主义思想为指导，推动各项工作落地见效。',
				'会议要求，全区上下要深入学习新时代中国特色社会主义思想。',
				'报告第三部分阐述了新时代中国特色社会主义思想和基本方略。',
			];
			for (const text of clean) assert.deepEqual(flagged('POL-511', text, path), [], text);
			assert.deepEqual(flagged('POL-511', '全区党员干部深入学习新时代中国特色社会主义思想。', 'drafts/x_20160801_01.txt'), []);
		});

		it("POL-037: other cut-short forms of the theory's name", () => {
			const text = '以习近平新时代思想为指导。';
			assert.equal(applyFixes(text, of('POL-037', text)).text, '以习近平新时代中国特色社会主义思想为指导。');
		});

		it('Xinhua terms with a prescribed wording offer it as the fix', () => {
			const [blind] = of('BAN-501', '社区为瞎子开设了盲文阅读室。');
			assert.equal(blind.fixes[0].edits[0].newText, '盲人');
			assert.match(blind.message, /应使用“盲人”等称谓/);
			const deaf = '社区为聋子开设了手语课。';
			assert.equal(applyFixes(deaf, of('BAN-501', deaf), { certainOnly: false }).text, '社区为聋人开设了手语课。');
			assert.deepEqual(flagged('BAN-501', '他装哑巴不说话，企业也不能再吃哑巴亏。'), []);
			const text = '座谈会邀请了少数民族上层人士参加。';
			assert.equal(applyFixes(text, of('BAN-023', text)).text, '座谈会邀请了各民族代表人士参加。');
		});
	});
});
