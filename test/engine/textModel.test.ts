import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir, LineIndex, parseDraft } from '../../server/src/engine';
import { rulesetFromYaml, lintWith, describe as describeFindings } from '../helpers/engine';

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
		assert.deepEqual(model.paragraphs.map((p) => p.text), ['第一段结束。', '第二段开始，继续。']);
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
