import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir, LineIndex, parseDraft } from '../../server/src/engine';
import { rulesetFromYaml, lintWith, describeFindings } from '../helpers/engine';

const seedPath = join(builtinRulesDir(), '..', 'seeds', '000_0d5ab8225625b065.txt');

const typo = rulesetFromYaml(`
rules:
  - id: TST-001
    kind: replace
    find: [违法建设]
    replace: 违规建设
    examples: { bad: [x], good: [y] }
  - id: TST-002
    kind: replace
    find: [再接再励]
    replace: 再接再厉
    examples: { bad: [x], good: [y] }
`);

describe('text model', () => {
	it('maps UTF-16 offsets after an astral character (𠮷)', () => {
		const text = '𠮷𠮷，再接再励。';
		const [f] = lintWith(typo, text);
		assert.equal(f.text, '再接再励');
		assert.deepEqual(f.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
		assert.deepEqual(describeFindings(text, [f]), [{ id: 'TST-002', at: '再接再励', fix: '𠮷𠮷，再接再厉。' }]);
	});

	it('finds a term broken across a layout line break and maps both ends', () => {
		const text = '本报讯 按照年度违\n法建设治理工作安排，开展工作。';
		const [f] = lintWith(typo, text);
		assert.equal(f.text, '违\n法建设');
		assert.deepEqual(f.range, { start: { line: 0, character: 8 }, end: { line: 1, character: 3 } });
		// The fix touches only the differing character, so the layout break survives.
		assert.deepEqual(describeFindings(text, [f]), [{ id: 'TST-001', at: '违\n法建设', fix: '本报讯 按照年度违\n规建设治理工作安排，开展工作。' }]);
	});

	it('joins a sentence cut by a blank line (积\\n\\n极做好) and handles CRLF', () => {
		const text = '会议强调，要再接\r\n\r\n再励，积极做好工作。\r\n';
		const [f] = lintWith(typo, text);
		assert.equal(f.text, '再接\r\n\r\n再励');
		assert.deepEqual(f.range, { start: { line: 0, character: 6 }, end: { line: 2, character: 2 } });
	});

	it('does not join a paragraph that ended its sentence', () => {
		const model = parseDraft('第一段结束。\n\n第二段开始，继续。');
		assert.deepEqual(
			model.paragraphs.map((p) => p.text),
			['第一段结束。', '第二段开始，继续。'],
		);
	});

	it('reads the sample page as stories, bylines and headlines', () => {
		const model = parseDraft(readFileSync(seedPath, 'utf8'));
		const stories = model.stories.map((s) => ({
			opens: model.paragraphs[s.paragraphs[0]].text.slice(0, 6),
			byline: s.byline === undefined ? undefined : model.paragraphs[s.byline].text,
		}));
		assert.deepEqual(stories, [
			{ opens: '本报讯 按照', byline: '记者 柴琳琳 通讯员 宗源' },
			{ opens: '本报讯 11', byline: '记者 王赛华 通讯员 张梦娇' },
			{ opens: '本报讯 11', byline: '记者 王赛华 文/图' },
			{ opens: '本报讯 11', byline: '记者 王赛华 通讯员 李磊' },
			{ opens: '本报讯 为进', byline: '记者 王赛华' },
			{ opens: '本报讯 村级', byline: '记者 王赛华' },
		]);
		const headlines = model.paragraphs.filter((p) => p.kind === 'headline').map((p) => p.text);
		assert.deepEqual(headlines, [
			'紧密结合实际 深学细悟笃行',
			'经开区掀起学习贯彻党的十九届六中全会精神热潮',
			'经开区以立行立改为抓手提高巡察质量',
			'巡察全覆盖 群众满意度提升',
			'汇聚力量 凝聚促进',
			'激发新的社会阶层人士“新”动能',
			'经开区依法做好违法建设查处和监管工作',
			'促进城市环境品质持续提升',
		]);
		const body = model.paragraphs.filter((p) => p.kind === 'body').map((p) => p.text);
		assert.ok(body.some((t) => t.includes('始终牢记党的初心使命，站稳人民立场，积极做好安全生产')));
		assert.ok(body.some((t) => t.includes('充分认识了全会提出的“十个坚持”的宝贵历史经验')));
		assert.ok(body.some((t) => t.endsWith('信任巡察组，积极配合巡察工作。')));
	});

	it('maps every view character of the sample page back to the same source character', () => {
		const source = readFileSync(seedPath, 'utf8');
		const model = parseDraft(source);
		for (const p of model.paragraphs) {
			for (let i = 0; i < p.text.length; i++) {
				const s = p.toSourceStart(i);
				assert.equal(source[s], p.text[i], `paragraph ${p.index} offset ${i}`);
				assert.equal(p.toSourceEnd(i + 1), s + 1);
			}
		}
	});
});

describe('line index', () => {
	it('round-trips offsets with \\n, \\r\\n and lone \\r', () => {
		const text = 'a\r\nb\rc\n𠮷d';
		const index = new LineIndex(text);
		assert.equal(index.lineCount, 4);
		for (let offset = 0; offset <= text.length; offset++) {
			if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF pair
			assert.equal(index.offsetAt(index.positionAt(offset)), offset);
		}
		assert.deepEqual(index.positionAt(text.indexOf('d')), { line: 3, character: 2 });
	});
});

describe('text model: bylines, datelines and headlines', () => {
	const kinds = (source: string) => parseDraft(source).paragraphs.map((p) => `${p.kind} ${p.text}`);
	const bylines = (source: string) =>
		parseDraft(source)
			.paragraphs.filter((p) => p.kind === 'byline')
			.map((p) => p.text);

	/** Every view character that is not a virtual break stands for the same source character. */
	function assertExactMap(source: string) {
		for (const p of parseDraft(source).paragraphs) {
			for (let i = 0; i < p.text.length; i++) {
				const s = p.toSourceStart(i);
				if (source[s] !== p.text[i]) {
					// A virtual space stands for a line break between two byline lines.
					assert.equal(p.text[i], ' ', `paragraph ${p.index} offset ${i}`);
					assert.match(source.slice(s, p.toSourceStart(i + 1)), /^\r?\n$/, `paragraph ${p.index} offset ${i}`);
				} else {
					assert.equal(p.toSourceEnd(i + 1), s + 1);
				}
			}
		}
	}

	// An OCR column: lines break inside words, a blank line falls inside a sentence.
	const page = [
		'本报讯 按照2021年度郑州市违',
		'法建设治理工作安排，经开分局全',
		'面做好违法建设查处和监管工',
		'',
		'作。',
		'记者王赛华通讯员李磊',
		'',
		'本报讯 11月18日上午，前程办事',
		'处召开会议，传达学习全会精神。',
		'记者 王赛华',
		'通讯员 李磊',
		'',
		'本报讯 11月19日，综保区组织专题',
		'学习研讨。 本报记者 张三',
		'本报通讯员 李四',
		'实习生 王五',
		'',
		'本报讯 11月23日，经开区执法局召开',
		'大会。',
		'张玉东/文 廖谦/图',
		'本报讯 11月24日，经开区举行',
		'升旗仪式。',
		'本报记者 张三 摄',
		'',
	].join('\n');

	it('finds glued roles, byline runs over several lines, 本报 roles and credits on an OCR page', () => {
		const model = parseDraft(page);
		assert.deepEqual(
			model.stories.map((s) => [model.paragraphs[s.paragraphs[0]].text.slice(0, 9), s.byline === undefined ? undefined : model.paragraphs[s.byline].text]),
			[
				['本报讯 按照202', '记者王赛华通讯员李磊'],
				['本报讯 11月18', '记者 王赛华 通讯员 李磊'],
				['本报讯 11月19', '本报记者 张三 本报通讯员 李四 实习生 王五'],
				['本报讯 11月23', '张玉东/文 廖谦/图'],
				['本报讯 11月24', '本报记者 张三 摄'],
			],
		);
		// The sentence cut by a blank line is whole, and no byline went into the body.
		assert.ok(model.paragraphs.some((p) => p.kind === 'body' && p.text.endsWith('全面做好违法建设查处和监管工作。')));
		assert.ok(model.paragraphs.every((p) => p.kind !== 'body' || !/记者|通讯员|实习生|\/文/.test(p.text)));
		assertExactMap(page);
		assertExactMap(page.replace(/\n/g, '\r\n'));
	});

	it('reads a credit alone (张三 摄) and 实习生 as bylines, but not a caption credit after a sentence', () => {
		assert.deepEqual(bylines('本报讯 经开区举行升旗仪式。\n张三 摄'), ['张三 摄']);
		assert.deepEqual(bylines('本报讯 全区召开动员会。\n实习生 王五'), ['实习生 王五']);
		assert.deepEqual(bylines('资料图：电竞比赛现场。　陈超 摄'), []);
	});

	it('does not take a fragment or a subheading that starts with 记者 for a byline', () => {
		// A blank line inside the sentence: 记者了解到 continues on the next block.
		assert.deepEqual(kinds('本报讯 会议强调，要抓好落\n实。记者了解到\n\n会议还提出三点要求。'), [
			'body 本报讯 会议强调，要抓好落实。记者了解到会议还提出三点要求。',
		]);
		assert.deepEqual(bylines('本报讯 全区召开动员会。\n\n记者连线专家\n\n专家认为，要抓好落实。'), []);
		assert.deepEqual(bylines('本报讯 全区召开动员会。\n\n记者 全区召开表彰会'), []);
	});

	it('opens stories at datelines with full-width digits, a year, or other outlets', () => {
		const cases: [string, number][] = [
			['新华社北京１１月２７日电 国务院召开常务会议。', '新华社北京１１月２７日电'.length],
			['新华社北京2021年11月27日电 国务院召开常务会议。', '新华社北京2021年11月27日电'.length],
			['中新网北京11月27日电 外交部举行记者会。', '中新网北京11月27日电'.length],
			['中新网11月27日电 外交部举行记者会。', '中新网11月27日电'.length],
			['据新华社北京11月27日电 国务院召开常务会议。', '据新华社北京11月27日电'.length],
			['本报讯（记者 王赛华）2021年11月27日，全区召开动员会。', 3],
		];
		for (const [text, length] of cases) {
			const model = parseDraft(`${text}\n\n${text}`);
			assert.deepEqual(
				model.paragraphs.map((p) => p.datelineLength),
				[length, length],
				text,
			);
			assert.equal(model.stories.length, 2, text);
		}
		assert.equal(parseDraft('新华社今年3月5日发布了一组报道。').paragraphs[0].datelineLength, 0);
	});

	describe('a title closed by a full stop', () => {
		it('stands between a byline and a dateline, and among titles at the end of the page', () => {
			const text =
				'本报讯 全区召开动员会。\n记者 王赛华\n\n郑州地铁新线开通。\n\n本报讯 全区召开表\n彰会。 记者 李磊\n\n城市更新提速。\n\n巡察全覆盖 群众满意度提升\n';
			assert.deepEqual(kinds(text), [
				'body 本报讯 全区召开动员会。',
				'byline 记者 王赛华',
				'headline 郑州地铁新线开通。',
				'body 本报讯 全区召开表彰会。',
				'byline 记者 李磊',
				'headline 城市更新提速。',
				'headline 巡察全覆盖 群众满意度提升',
			]);
			assert.deepEqual(
				parseDraft(text).stories.map((s) => s.paragraphs.length),
				[2, 2],
			);
		});

		it('stands at the start of the draft before a dateline', () => {
			assert.deepEqual(kinds('郑州地铁新线开通。\n\n本报讯 全区召开动员会。'), ['headline 郑州地铁新线开通。', 'body 本报讯 全区召开动员会。']);
		});

		it('is never the last sentence of a story', () => {
			// A story's short last paragraph before the next story (its byline missing).
			assert.deepEqual(
				kinds('本报讯 全区召开动员会。\n\n会议还研究了其他事项。\n\n本报讯 全区召开表彰会。').map((k) => k.split(' ')[0]),
				['body', 'body', 'body'],
			);
			// A line after the last byline with no title around it: a note, not a title.
			assert.deepEqual(
				kinds('本报讯 全区召开动员会。\n记者 王赛华\n\n会议还研究了其他事项。').map((k) => k.split(' ')[0]),
				['body', 'byline', 'body'],
			);
			// A one-line draft, and a short line with other marks.
			assert.deepEqual(kinds('全区召开动员会。'), ['body 全区召开动员会。']);
			assert.deepEqual(
				kinds('记者 王赛华\n\n会议强调，要抓好落实。\n\n本报讯 全区召开表彰会。').map((k) => k.split(' ')[0]),
				['byline', 'body', 'body'],
			);
			// Too long for a title.
			const long = '经开区全面推进城市更新工作并持续提升城市环境品质和居民的生活质量。';
			assert.deepEqual(
				kinds(`记者 王赛华\n\n${long}\n\n本报讯 全区召开表彰会。`).map((k) => k.split(' ')[0]),
				['byline', 'body', 'body'],
			);
		});

		it('keeps the sample page as it was', () => {
			const model = parseDraft(readFileSync(seedPath, 'utf8'));
			assert.equal(model.paragraphs.filter((p) => p.kind === 'headline').length, 8);
			assert.equal(model.stories.length, 6);
		});
	});
});
