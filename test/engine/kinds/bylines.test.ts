import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir, type Finding, lintText, loadRuleset, parseDraft } from '../../../server/src/engine';
import { lintFile, sharedSegmenter } from '../../helpers/engine';
import type { RuleOptions } from '../../../server/src/engine/rule';
import { applyFixes } from '../../../server/src/engine/fixes';
import { canonicalByline, parseByline } from '../../../server/src/engine/kinds/check/byline-form';

// Stories, bylines and datelines on whole drafts, with the shipped BYL rules and the
// house-style switches from config `style:` and `staff:`.

const bylRules = loadRuleset([join(builtinRulesDir(), 'byl.yaml')]);
const punRules = loadRuleset([join(builtinRulesDir(), 'pun.yaml')]);
const lint = (text: string, options: RuleOptions = {}) => lintText(text, { ruleset: bylRules, segmenter: sharedSegmenter, ruleOptions: options }).findings;
const ids = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.text}`);
const seed = readFileSync(join(builtinRulesDir(), '..', 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');

function withConfig(yaml: string, text: string) {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-byl-'));
	writeFileSync(join(dir, '.newsproofrc.yaml'), `root: true\n${yaml}`);
	const file = join(dir, 'draft.txt');
	writeFileSync(file, text);
	return lintFile(file, text, { segmenter: sharedSegmenter });
}

describe('bylines and datelines', () => {
	it('load without problems', () => {
		assert.deepEqual(bylRules.problems, []);
	});

	it('find nothing on the sample page, whose six stories all end in house-form bylines', () => {
		const { stories } = parseDraft(seed);
		assert.equal(stories.length, 6);
		assert.equal(stories.filter((s) => s.byline !== undefined).length, 6);
		assert.deepEqual(ids(lint(seed)), []);
	});

	describe('byline parser', () => {
		it('splits roles, names and a credit, with glued roles and colons', () => {
			assert.deepEqual(parseByline('记者王赛华通讯员李磊'), {
				groups: [
					{ role: '记者', names: ['王赛华'] },
					{ role: '通讯员', names: ['李磊'] },
				],
			});
			assert.deepEqual(parseByline('记者：王赛华 文/图'), { groups: [{ role: '记者', names: ['王赛华'] }], credit: '文/图' });
			assert.equal(parseByline('全区召开动员会'), undefined);
			assert.equal(parseByline('记者 文/图 王赛华'), undefined);
		});

		it('writes a byline in house order and form', () => {
			assert.equal(canonicalByline('实习生　赵敏　通讯员：李磊　记者：王赛华'), '记者 王赛华 通讯员 李磊 实习生 赵敏');
			assert.equal(canonicalByline('记者 王赛华 张三', { roles: ['记者'], separator: '　' }), '记者　王赛华　张三');
			// A two-character name padded to line up with three-character ones is one name.
			assert.equal(canonicalByline('记者　邢　拓　余俊杰'), '记者 邢拓 余俊杰');
		});
	});

	describe('stories', () => {
		it('report a 本报讯 story without a byline at its last character', () => {
			const text = '本报讯 全区召开动员会。\n会议强调，要抓好落实。\n\n本报讯 全区召开表彰会。\n记者 王赛华';
			const found = lint(text).filter((f) => f.ruleId === 'BYL-502');
			assert.equal(found.length, 1);
			assert.equal(found[0].text, '。');
			assert.deepEqual(found[0].range.start, { line: 1, character: 10 });
		});

		it('accept a byline in brackets after the dateline as the story byline', () => {
			const text = '本报讯（记者 王赛华）全区召开动员会。\n\n本报讯 全区召开表彰会。\n记者 李磊';
			assert.deepEqual(ids(lint(text)), []);
		});

		it('leave a single story with no byline anywhere alone (a draft still being written)', () => {
			assert.deepEqual(ids(lint('本报讯 全区召开动员会。')), []);
		});

		it('do not ask agency copy for a closing byline', () => {
			assert.deepEqual(ids(lint('新华社北京12月16日电 国务院新闻办公室举行发布会。\n\n本报讯 全区召开表彰会。\n记者 李磊')), []);
		});

		it('report a second byline with no headline or dateline between, and a byline before any story', () => {
			assert.deepEqual(ids(lint('本报讯 全区召开动员会。\n记者 王赛华\n\n会后，各单位分头落实。\n记者 李磊')), ['BYL-503 记者 李磊']);
			const first = lint('记者 李磊\n\n本报讯 全区召开动员会。\n记者 王赛华');
			assert.deepEqual(ids(first), ['BYL-503 记者 李磊']);
			assert.match(first[0].message, /前没有稿件/);
		});

		it('accept a feature byline under its headline', () => {
			assert.deepEqual(ids(lint('黄河岸边的守望者\n\n记者 王赛华\n\n清晨六点，老张已经在堤上巡查。')), []);
		});
	});

	describe('byline form', () => {
		it('fixes form and order separately, each certain, and the result is clean', () => {
			const text = '本报讯 全区召开动员会。\n通讯员：李磊 记者王赛华';
			const found = lint(text);
			assert.deepEqual(found.map((f) => f.ruleId).sort(), ['BYL-002', 'BYL-501']);
			let fixed = applyFixes(text, found).text;
			fixed = applyFixes(fixed, lint(fixed)).text;
			assert.equal(fixed, '本报讯 全区召开动员会。\n记者 王赛华 通讯员 李磊');
			assert.deepEqual(lint(fixed), []);
		});

		it('offers the new order only as a suggestion when a photo credit would change owner', () => {
			const [f] = lint('本报讯 全区召开动员会。\n通讯员 李磊 记者 王赛华 摄').filter((x) => x.ruleId === 'BYL-002');
			assert.equal(f.certain, false);
		});

		it('follows config style: separator and role order', () => {
			const text = '本报讯 全区召开动员会。\n记者 王赛华 通讯员 李磊';
			const style = { bylineSeparator: '　', bylineRoles: ['通讯员', '记者'] };
			const found = lint(text, { style });
			const fixed = applyFixes(
				applyFixes(
					text,
					found.filter((f) => f.ruleId === 'BYL-501'),
				).text,
				[],
			).text;
			assert.equal(fixed, '本报讯 全区召开动员会。\n记者　王赛华　通讯员　李磊');
			const reordered = applyFixes(fixed, lint(fixed, { style })).text;
			assert.equal(reordered, '本报讯 全区召开动员会。\n通讯员　李磊　记者　王赛华');
		});

		it('checks the bracketed byline of a 本报 dateline but not an agency one', () => {
			// Spacing inside the brackets varies between papers: only a set separator or a colon counts.
			assert.deepEqual(ids(lint('本报讯（记者王赛华）全区召开动员会。')), []);
			assert.deepEqual(ids(lint('本报讯（记者王赛华）全区召开动员会。', { style: { bylineSeparator: ' ' } })), ['BYL-501 记者王赛华']);
			assert.deepEqual(ids(lint('本报讯（记者：王赛华）全区召开动员会。')), ['BYL-501 记者：王赛华']);
			assert.deepEqual(ids(lint('新华社华盛顿10月10日电（记者刘晨　陆佳飞）美国军方10日说。')), []);
		});
	});

	describe('datelines', () => {
		it('want one space after 本报讯, or the separator of the house style', () => {
			const [missing] = lint('本报讯全区召开动员会。');
			assert.deepEqual(ids([missing]), ['BYL-505 ']);
			// Offered as a quick fix: an insertion here could clash with another rule's at the same point.
			assert.equal(missing.certain, false);
			assert.equal(applyFixes('本报讯全区召开动员会。', [missing], { certainOnly: false }).text, '本报讯 全区召开动员会。');
			// At the end of an OCR column line the space went with the line break.
			assert.deepEqual(ids(lint('本报讯\n全区召开动员会。')), []);
			const colon = '本报讯：全区召开动员会。';
			assert.equal(applyFixes(colon, lint(colon)).text, '本报讯 全区召开动员会。');
			const full = '本报讯　全区召开动员会。';
			assert.deepEqual(ids(lint(full, { style: { datelineSeparator: '　' } })), []);
			assert.equal(applyFixes('本报讯 全区召开动员会。', lint('本报讯 全区召开动员会。', { style: { datelineSeparator: '　' } })).text, full);
		});

		it('report 本报讯 with 据××报道 as an error without a certain fix', () => {
			const [f] = lint('本报讯 据重庆晚报报道，当地新开一座公园。');
			assert.equal(f.ruleId, 'BYL-004');
			assert.equal(f.severity, 'error');
			assert.equal(f.certain, false);
			assert.match(f.message, /据重庆晚报报道/);
		});

		it('check the parts of an agency dateline, and leave sentences about the agency alone', () => {
			assert.deepEqual(ids(lint('新华社北京12月16日（记者 王某）国务院举行发布会。')), ['BYL-006 12月16日']);
			assert.deepEqual(ids(lint('新华社12月16日电（记者 王某）国务院举行发布会。')), ['BYL-006 新华社12月16日电']);
			assert.deepEqual(ids(lint('新华社今年3月5日发布了一组报道。')), []);
			assert.deepEqual(ids(lint('新华社北京12月16日电（记者 王某）国务院举行发布会。')), []);
		});

		it('replace half-width brackets and drop 本报 inside 本报讯 brackets', () => {
			const text = '本报讯(本报记者 张三)全区召开动员会。';
			const found = lint(text).filter((f) => f.ruleId === 'BYL-001' || f.ruleId === 'BYL-003');
			assert.deepEqual(found.map((f) => f.ruleId).sort(), ['BYL-001', 'BYL-003']);
			let fixed = applyFixes(
				text,
				found.filter((f) => f.ruleId === 'BYL-001'),
			).text;
			fixed = applyFixes(
				fixed,
				lint(fixed).filter((f) => f.ruleId === 'BYL-003'),
			).text;
			assert.equal(fixed, '本报讯（记者 张三）全区召开动员会。');
		});
	});

	describe('config', () => {
		it('staff: a name one character from a staff name is reported with the fix; unknown names are not', () => {
			const r = withConfig('staff: [王赛华, 李磊, 李雷]\n', '本报讯 全区召开动员会。\n记者 王赛化 通讯员 张梦娇');
			const staff = r.findings.filter((f) => f.ruleId === 'BYL-590');
			assert.deepEqual(ids(staff), ['BYL-590 王赛化']);
			assert.equal(applyFixes(r.model.source, staff).text, '本报讯 全区召开动员会。\n记者 王赛华 通讯员 张梦娇');
			const two = withConfig('staff: [王赛华, 李磊, 李雷]\n', '本报讯（记者 李垒）全区召开动员会。').findings.filter((f) => f.ruleId === 'BYL-590');
			assert.equal(two.length, 1);
			assert.equal(two[0].certain, false);
			assert.deepEqual(
				two[0].fixes.map((x) => x.edits[0].newText),
				['磊', '雷'],
			);
		});

		it('builds the ruleset with config rules once per config, leaving the shared one alone', () => {
			const dir = mkdtempSync(join(tmpdir(), 'newsproof-byl-'));
			writeFileSync(join(dir, '.newsproofrc.yaml'), 'root: true\nstaff: [王赛华]\n');
			const file = join(dir, 'draft.txt');
			const a = lintFile(file, '本报讯 全区召开动员会。\n记者 王赛化', { segmenter: sharedSegmenter });
			const b = lintFile(file, '本报讯 全区召开表彰会。\n记者 王赛华', { segmenter: sharedSegmenter });
			assert.equal(a.ruleset, b.ruleset);
			assert.ok(a.ruleset.byId.has('BYL-590'));
			assert.deepEqual(ids(b.findings), []);
			assert.equal(withConfig('', '本报讯 全区召开动员会。').ruleset.byId.has('BYL-590'), false);
		});

		it('style.bylinePosition: end reports a bracketed byline, dateline reports a closing one', () => {
			const bracketed = '本报讯（记者 王赛华）全区召开动员会。';
			const closing = '本报讯 全区召开动员会。\n记者 王赛华';
			assert.deepEqual(ids(withConfig('', bracketed).findings), []);
			assert.deepEqual(ids(withConfig('style: { bylinePosition: end }\n', bracketed).findings), ['BYL-504 （记者 王赛华）']);
			assert.deepEqual(ids(withConfig('style: { bylinePosition: end }\n', closing).findings), []);
			assert.deepEqual(ids(withConfig('style: { bylinePosition: dateline }\n', closing).findings), ['BYL-504 记者 王赛华']);
			assert.deepEqual(ids(withConfig('style: { bylinePosition: dateline }\nrules: { BYL-504: off }\n', closing).findings), []);
		});
	});

	describe('bylines the text model now finds', () => {
		it('glued roles: BYL-501 offers the house form, and the fixed byline is clean', () => {
			const text = '本报讯 按照年度工作安排，全面做好查\n处和监管工作。\n记者王赛华通讯员李磊';
			const found = lint(text);
			assert.deepEqual(ids(found), ['BYL-501 记者王赛华通讯员李磊']);
			assert.equal(found[0].certain, true);
			const fixed = applyFixes(text, found).text;
			assert.equal(fixed, '本报讯 按照年度工作安排，全面做好查\n处和监管工作。\n记者 王赛华 通讯员 李磊');
			assert.deepEqual(lint(fixed), []);
		});

		it('two byline lines in a row are one byline: no missing or extra byline, the break stays', () => {
			const text = '本报讯 全区召开动员\n会。\n记者 王赛华\n通讯员 李磊\n\n本报讯 全区召开表彰会。\n记者 李磊';
			assert.deepEqual(ids(lint(text)), []);
			const glued = '本报讯 全区召开动员会。\n记者王赛华\n通讯员李磊\n\n本报讯 全区召开表彰会。\n记者 李磊';
			const found = lint(glued);
			// Checked line by line, so that the fix keeps the break.
			assert.deepEqual(ids(found), ['BYL-501 记者王赛华', 'BYL-501 通讯员李磊']);
			assert.equal(applyFixes(glued, found).text, text.replace('动员\n会', '动员会'));
			// In the wrong order across the two lines, the order fix swaps them and keeps the break.
			const reversed = '本报讯 全区召开动员会。\n通讯员 李磊\n记者 王赛华';
			assert.deepEqual(ids(lint(reversed)), ['BYL-002 通讯员 李磊\n记者 王赛华']);
			assert.equal(applyFixes(reversed, lint(reversed)).text, '本报讯 全区召开动员会。\n记者 王赛华\n通讯员 李磊');
		});

		it('本报记者, 本报通讯员, 实习生 and credits close their stories', () => {
			const text = [
				'本报讯 全区召开动员会。\n本报记者 张三',
				'本报讯 全区召开表彰会。\n本报通讯员 李四',
				'本报讯 全区召开推进会。\n实习生 王五',
				'本报讯 全区召开座谈会。\n张玉东/文 廖谦/图',
				'本报讯 经开区举行升旗仪式。\n张三 摄',
				'本报讯 经开区举行升旗仪式。\n本报记者 张三 摄',
			].join('\n\n');
			assert.deepEqual(ids(lint(text)), []);
			assert.equal(parseDraft(text).stories.filter((s) => s.byline !== undefined).length, 6);
		});

		it('BYL-011: 拍摄 and 摄影 become 摄, glued or not', () => {
			const text = '本报讯 经开区举行升旗仪式。\n本报记者张三拍摄';
			let fixed = applyFixes(text, lint(text)).text;
			fixed = applyFixes(fixed, lint(fixed)).text;
			assert.equal(fixed, '本报讯 经开区举行升旗仪式。\n本报记者 张三 摄');
			assert.deepEqual(lint(fixed), []);
			const [f] = lint('本报讯 经开区举行升旗仪式。\n记者 王赛华 摄影');
			assert.deepEqual([f.ruleId, f.severity, f.text], ['BYL-011', 'info', '摄影']);
		});

		it('BYL-012: style.bylinePadNames pads a two-character name beside a longer one', () => {
			const text = '本报讯 全区召开动员会。\n记者 邢拓 余俊杰';
			assert.deepEqual(ids(lint(text)), []);
			const padded = applyFixes(text, lint(text, { style: { bylinePadNames: true } })).text;
			assert.equal(padded, '本报讯 全区召开动员会。\n记者 邢\u3000拓 余俊杰');
			assert.deepEqual(ids(lint(padded, { style: { bylinePadNames: true } })), []);
			// Without the switch the padding is removed again, as before.
			assert.equal(applyFixes(padded, lint(padded)).text, text);
		});

		it('a byline after a dateline with full-width digits or a year belongs to that story', () => {
			const text = '新华社北京１１月２７日电 国务院召开常务会议。\n\n本报讯 全区召开动员会。\n记者 王赛华\n\n本报讯 全区召开表彰会。\n记者 李磊';
			assert.deepEqual(ids(lint(text)), []);
			// The year is reported in the agency dateline, as before.
			assert.deepEqual(ids(lint('新华社北京2021年11月27日电 国务院召开常务会议。')), ['BYL-006 2021年']);
		});
	});

	describe('dateline checks from the catalog', () => {
		it('BYL-013 reports the agency datelines written unlike the rest of the draft', () => {
			const text = '据新华社北京8月28日电 国务院召开常务会议。\n\n据新华社上海8月28日电 上海发布新规。\n\n新华社电 国务院印发通知。\n\n据电 多地迎来降雨。';
			const found = lint(text);
			assert.deepEqual(ids(found), ['BYL-013 新华社电', 'BYL-013 据电']);
			assert.ok(found.every((f) => f.severity === 'info' && f.fixes.length === 0));
			assert.deepEqual(ids(lint('新华社北京8月28日电 国务院召开常务会议。\n\n新华社上海8月28日电 上海发布新规。')), []);
		});

		it('BYL-009 reports a dateline later than the publication date, from config or the file name', () => {
			const text = '新华社北京11月28日电 国务院召开常务会议。';
			const dated = withConfig('publicationDate: "2021-11-27"\n', text).findings.filter((f) => f.ruleId === 'BYL-009');
			assert.deepEqual(ids(dated), ['BYL-009 11月28日']);
			assert.match(dated[0].message, /刊发日期11月27日/);
			assert.deepEqual(
				withConfig('publicationDate: "2021-11-28"\n', text).findings.filter((f) => f.ruleId === 'BYL-009'),
				[],
			);
			// A December dateline on a January page is last year's.
			assert.deepEqual(
				withConfig('publicationDate: "2022-01-02"\n', '新华社北京12月31日电 国务院召开常务会议。').findings.filter((f) => f.ruleId === 'BYL-009'),
				[],
			);
			// A file-name date may be a day off; two days is not.
			const dir = mkdtempSync(join(tmpdir(), 'newsproof-byl-'));
			writeFileSync(join(dir, '.newsproofrc.yaml'), 'root: true\n');
			const byName = (name: string, body: string) =>
				lintFile(join(dir, name), body, { segmenter: sharedSegmenter }).findings.filter((f) => f.ruleId === 'BYL-009');
			assert.deepEqual(byName('xw_20211127_01.txt', text), []);
			assert.deepEqual(ids(byName('xw_20211126_01.txt', '新华社北京１１月２８日电 国务院召开常务会议。')), ['BYL-009 １１月２８日']);
			assert.deepEqual(byName('draft.txt', text), []);
		});

		it('BYL-016 exists only when style.localNames is set, and leaves quotations alone', () => {
			const text = '本报讯 我市今年新增城市公园20个。市长说：“我市还将继续建设。”\n记者 王赛华';
			assert.deepEqual(ids(withConfig('', text).findings), []);
			const found = withConfig('style:\n  localNames: { 我市: 郑州市, 我省: 河南省 }\n', text).findings;
			assert.deepEqual(ids(found), ['BYL-016 我市']);
			assert.equal(found[0].severity, 'info');
			assert.equal(applyFixes(text, found).text, text.replace('本报讯 我市', '本报讯 郑州市'));
		});
	});

	describe('titles closed by a full stop (PUN-030)', () => {
		const pun = (text: string) => lintText(text, { ruleset: punRules, segmenter: sharedSegmenter }).findings.filter((f) => f.ruleId === 'PUN-030');

		it('fires on a title between stories and among the titles at the end of the sample page, and the fix is certain', () => {
			const page = seed
				.replace('经开区依法做好违法建设查处和监管工作', '经开区依法做好违法建设查处和监管工作。')
				.replace('紧密结合实际 深学细悟笃行\n', '紧密结合实际 深学细悟笃行\n\n')
				.replace('经开区掀起学习贯彻党的十九届六中全会精神热潮', '经开区掀起学习贯彻党的十九届六中全会精神热潮。');
			const found = pun(page);
			assert.deepEqual(
				found.map((f) => f.text),
				['。', '。'],
			);
			assert.ok(found.every((f) => f.severity === 'warning' && f.certain));
			const fixed = applyFixes(page, found).text;
			assert.equal(fixed, seed.replace('紧密结合实际 深学细悟笃行\n', '紧密结合实际 深学细悟笃行\n\n'));
			assert.deepEqual(pun(fixed), []);
			// The sample page's stories and bylines are unchanged by the stray full stops.
			assert.equal(parseDraft(page).stories.length, 6);
		});

		it('does not fire on the last sentence of a story', () => {
			assert.deepEqual(pun('本报讯 全区召开动员会。\n\n会议还研究了其他事项。\n\n本报讯 全区召开表彰会。'), []);
			assert.deepEqual(pun('本报讯 全区召开动员会。\n记者 王赛华\n\n会议还研究了其他事项。'), []);
			assert.deepEqual(pun('本报讯 全区召开动员会。\n\n会议还研究了其他事项。'), []);
		});
	});
});
