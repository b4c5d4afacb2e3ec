import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import { describeFindings, lintFile, lintWith, rulesetFromYaml, sharedSegmenter } from '../../helpers/engine';

// Typos on word boundaries, 的/地/得 from parts of speech, and a newsroom's own pairs and
// accepted words from config.

const typRules = loadRuleset([join(builtinRulesDir(), 'typ.yaml')]);
sharedSegmenter.addWords(typRules.words);
const lint = (text: string) => lintText(text, { ruleset: typRules, segmenter: sharedSegmenter }).findings;
const hits = (text: string) => describeFindings(text, lint(text)).map((h) => `${h.id} ${h.at}${h.fix ? ` → ${h.fix}` : ''}`);

function withConfig(yaml: string, text: string) {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-typ-'));
	writeFileSync(join(dir, '.newsproofrc.yaml'), `root: true\n${yaml}`);
	const file = join(dir, 'draft.txt');
	writeFileSync(file, text);
	return lintFile(file, text, { segmenter: sharedSegmenter });
}

describe('typos', () => {
	it('load without problems: 127 catalog entries and the further pairs, each with examples', () => {
		assert.deepEqual(typRules.problems, []);
		const ids = typRules.rules.map((r) => r.meta.id);
		for (let i = 1; i <= 127; i++) {
			assert.ok(ids.includes(`TYP-${String(i).padStart(3, '0')}`), `TYP-${i} missing`);
		}
		assert.equal(ids.filter((id) => /^TYP-5\d\d$/.test(id)).length, 62);
	});

	it('stay quiet on a wrong form that is only a substring of correct words', () => {
		assert.deepEqual(hits('他除了望着窗外，一句话也不说。'), []);
		assert.deepEqual(hits('山顶新建一座了望塔。'), ['TYP-525 了望 → 山顶新建一座瞭望塔。']);
		assert.deepEqual(hits('年前家家户户忙着打腊肠。'), []);
		assert.deepEqual(hits('孩子们不能自己过马路。'), []);
		assert.deepEqual(hits('听到消息，他激动得不能自己。'), ['TYP-562 不能自己 → 听到消息，他激动得不能自已。']);
	});

	it('tell 截至 from 截止 by what follows', () => {
		assert.deepEqual(hits('截止目前，已有200家企业报名。'), ['TYP-001 截止 → 截至目前，已有200家企业报名。']);
		assert.deepEqual(hits('报名截止日期为5月15日，逾期不再受理。'), []);
		assert.deepEqual(hits('申报工作5月15日截止。'), []);
	});

	it('give each wrong form its own correction and keep sentence-level exceptions', () => {
		assert.deepEqual(hits('即然决定了，就要做好。'), ['TYP-067 即然 → 既然决定了，就要做好。']);
		assert.deepEqual(hits('和平发展既使人民摆脱了贫困，也使世界受益。'), []);
		assert.deepEqual(hits('韩国第20届总统选举落下帷幕。'), []);
		assert.deepEqual(hits('大桥包含九洲、江海和青州三座通航斜拉桥。'), []);
	});

	it('map offsets through an astral character and an OCR line break', () => {
		const text = '𠮷𠮷，全面布\n署明年工作。';
		const [f] = lint(text);
		assert.equal(f.ruleId, 'TYP-004');
		assert.deepEqual(f.range, { start: { line: 0, character: 7 }, end: { line: 1, character: 1 } });
		assert.equal(applyFixes(text, [f]).text, '𠮷𠮷，全面部\n署明年工作。');
	});

	it('leave hints and context-dependent entries without a certain fix', () => {
		for (const text of ['进入病房须带口罩。', '他对安全提醒不以为然，最终酿成事故。', '违法人员被依法刑拘10日。']) {
			const [f] = lint(text);
			assert.ok(f, text);
			assert.equal(f.certain, false, text);
		}
	});
});

describe('的/地/得', () => {
	const de = (text: string) => hits(text).filter((h) => /^TYP-00[678] /.test(h));

	it('fixes an adverbial 的 only before a verb that is plainly a predicate', () => {
		assert.deepEqual(de('各部门积极的推进整改。'), ['TYP-007 的 → 各部门积极地推进整改。']);
		assert.deepEqual(de('他认认真真的学习了文件。'), ['TYP-007 的 → 他认认真真地学习了文件。']);
		assert.deepEqual(de('老人默默的守护着这片林子。'), ['TYP-007 的 → 老人默默地守护着这片林子。']);
		for (const ok of [
			'问题得到了彻底的解决。',
			'发挥积极的作用。',
			'感谢他们默默的奉献。',
			'悄悄的变化正在发生。',
			'得到了群众积极的支持。',
			'他对工作认真的态度令人敬佩。',
			'一个严肃的问题转变成赤裸裸的造谣诋毁。',
		]) {
			assert.deepEqual(de(ok), [], ok);
		}
	});

	it('fixes a complement 的 after a verb that takes no object', () => {
		assert.deepEqual(de('孩子跑的很快。'), ['TYP-008 的 → 孩子跑得很快。']);
		assert.deepEqual(de('功课维持的非常好，'), ['TYP-008 的 → 功课维持得非常好，']);
		for (const ok of ['他说的很对。', '我们开展的很多活动受到欢迎。', '他们所完成的非常多的任务。', '改善生活的很多办法。']) {
			assert.deepEqual(de(ok), [], ok);
		}
	});

	it('fixes an attributive 地 between an adjective and a noun closing the clause', () => {
		assert.deepEqual(de('打造优美地环境。'), ['TYP-006 地 → 打造优美的环境。']);
		for (const ok of ['他高兴地笑了。', '各地积极推进整改。', '科学地规划城市布局。']) {
			assert.deepEqual(de(ok), [], ok);
		}
	});
});

describe('newsroom typos and accepted words from config', () => {
	it('typos: a configured pair fires on word boundaries with a certain fix, under TYP-590', () => {
		const r = withConfig('typos:\n  - { find: 经开去, replace: 经开区 }\n', '经开去召开会议。他从经开去郑东新区。');
		const own = r.findings.filter((f) => f.ruleId === 'TYP-590');
		assert.equal(own.length, 2);
		assert.equal(applyFixes(r.model.source, own).text, '经开区召开会议。他从经开区郑东新区。');
		assert.equal(withConfig('typos:\n  - { find: 经开去, replace: 经开区 }\nrules: { TYP-590: off }\n', '经开去召开会议。').findings.length, 0);
		assert.equal(withConfig('', '经开去召开会议。').findings.filter((f) => f.ruleId === 'TYP-590').length, 0);
	});

	it('accept: typo findings inside an accepted word are dropped, even across an OCR line break', () => {
		const text = '本店主营打腊服务。\n再接再\n励。';
		const before = withConfig('', text)
			.findings.filter((f) => f.category === 'typo')
			.map((f) => f.ruleId);
		assert.deepEqual(before.sort(), ['TYP-005', 'TYP-520']);
		const after = withConfig('accept: [打腊服务, 再接再励]\n', text).findings.filter((f) => f.category === 'typo');
		assert.deepEqual(after, []);
	});

	it('accepted words take no place under the per-file cap of findings', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-typ-'));
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'root: true\naccept: [再接再励]\n');
		const file = join(dir, 'draft.txt');
		const text = '要再接再励。'.repeat(5) + '全区 6个办事处。';
		const findings = lintFile(file, text, { segmenter: sharedSegmenter, maxFindings: 2 }).findings;
		// Five accepted typos come first in the text; the cap counts only what is reported.
		assert.deepEqual(
			findings.map((f) => f.ruleId),
			['SPC-001'],
		);
	});

	it('a word-pairs rule file reports a broken pattern with its line', () => {
		const set = rulesetFromYaml(`rules:
  - id: TST-001
    kind: word-pairs
    pairs:
      - { find: 既使, replace: 即使, unlessAfter: "(" }
    examples: { bad: [x], good: [y] }
`);
		assert.equal(set.problems.length, 1);
		assert.equal(set.problems[0].line, 5);
		assert.match(set.problems[0].message, /unlessAfter/);
		assert.deepEqual(lintWith(set, '既使下雨。'), []);
	});
});
