import * as assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine';
import { preNineteenFortyNine } from '../../../server/src/engine/kinds/support/context';
import { describeFindings, fixAll, lintWith, rulesetFromYaml, sharedSegmenter } from '../../helpers/engine';
import { patientChecker, withEnv } from '../../helpers/env';

// Banned and caution terms: literal lists or patterns, with a reason and a preferred
// wording; lowered in quoted speech and in narratives about the years before 1949.

const ruleset = rulesetFromYaml(`
category: sensitive
severity: error
kind: banned
rules:
  - id: TST-042
    pattern: '中华民国'
    historical: info
    prefer: 台湾当局
    examples: { bad: [x], good: [y] }
  - id: TST-045
    find: [台湾政府]
    replace: [台湾当局, 台湾方面]
    reason: 不使用“台湾政府”
    examples: { bad: [x], good: [y] }
  - id: TST-046
    pattern: '台湾(?:立法院|行政院)'
    examples: { bad: [x], good: [y] }
  - id: TST-052
    find: [台语]
    replace: 台湾闽南语
    boundary: word
    quotedOk: true
    examples: { bad: [x], good: [y] }
  - id: TST-077
    pattern: '(?<=一带一路”?)战略'
    replace: 倡议
    since: 2016-07-01
    examples: { bad: [x], good: [y] }
`);

const lint = (text: string) => lintWith(ruleset, text);

describe('banned kind', () => {
	it('reports with the reason and offers the choices without applying them', () => {
		const [f] = lint('台湾政府对此作出回应。');
		assert.equal(f.severity, 'error');
		assert.equal(f.message, '慎用“台湾政府”：不使用“台湾政府”');
		assert.deepEqual(
			f.fixes.map((x) => x.title),
			['改为“台湾当局”', '改为“台湾方面”'],
		);
		assert.equal(f.certain, false);
	});

	it('lowers a hit in quoted speech to a warning with a note', () => {
		const [f] = lint('他说：“台湾政府不作为。”');
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /引语内/);
	});

	it('lowers a Taiwan title in pre-1949 narrative to info, and not later ones', () => {
		assert.deepEqual(
			lint('1946年，中华民国政府迁都南京。').map((f) => f.severity),
			['info'],
		);
		assert.deepEqual(
			lint('“中华民国”政府近日宣布新规。').map((f) => f.severity),
			['error'],
		);
		assert.equal(preNineteenFortyNine('1946年至1950年间局势巨变。', 0, 3), false);
		assert.equal(preNineteenFortyNine('辛亥革命后，中华民国成立。', 6, 10), true);
	});

	it('accepts a term quoted as a whole when quotedOk, and respects word boundaries', () => {
		assert.deepEqual(lint('他演唱了一首“台语”歌曲。'), []);
		assert.equal(fixAll('他演唱了一首台语歌曲。', lint('他演唱了一首台语歌曲。')), '他演唱了一首台湾闽南语歌曲。');
		assert.deepEqual(lint('平台语音客服全天在线。'), []);
	});

	it('leaves titles of published works alone', () => {
		assert.deepEqual(lint('参见《“一带一路”战略与周边地缘重塑》一文。'), []);
	});

	it('skips drafts dated before `since`', () => {
		const text = '“一带一路”战略稳步推进。';
		const at = (date: string) =>
			lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: { publicationDate: new Date(`${date}T00:00:00Z`) } }).findings;
		assert.deepEqual(at('2015-06-01'), []);
		assert.equal(at('2019-06-01').length, 1);
		assert.equal(fixAll(text, lint(text)), '“一带一路”倡议稳步推进。');
	});

	it('reports a pattern entry written against the rules at its line', () => {
		// A pattern the ReDoS checker rejects; a minute for it keeps the test off the machine's speed.
		const bad = withEnv(patientChecker, () =>
			rulesetFromYaml(
				'rules:\n  - id: TST-001\n    kind: banned\n    pattern: "(a+)+(?=$)"\n    examples: { bad: [x], good: [y] }\n  - id: TST-002\n    kind: banned\n    examples: { bad: [x], good: [y] }\n',
			),
		);
		assert.equal(bad.rules.length, 0);
		assert.deepEqual(
			bad.problems.map((p) => p.line),
			[4, 6],
		);
	});

	it('finds nothing on correct copy', () => {
		assert.deepEqual(describeFindings('台湾方面对此作出回应，台湾地区立法机构当天表决。', lint('台湾方面对此作出回应，台湾地区立法机构当天表决。')), []);
	});
});
