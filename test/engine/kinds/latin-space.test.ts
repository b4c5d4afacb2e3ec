import * as assert from 'node:assert/strict';
import { builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { applyFixes } from '../../../server/src/engine/fixes';
import { rulesetFromYaml } from '../../helpers/engine';

// The AutoCorrect style switch: style latinSpacing: spaced asks for one space between Chinese
// and Latin letters or digits (SPC-505) and SPC-001 stops flagging it; the default keeps
// Chinese and digits together. Under either setting, fixing everything settles.

const ruleset = loadRuleset(builtinRuleFiles());
const spaced = { style: { latinSpacing: 'spaced' } };
const spacing = ['SPC-001', 'SPC-505'];
const lint = (text: string, ruleOptions = {}) => lintText(text, { ruleset, ruleOptions }).findings.filter((f) => spacing.includes(f.ruleId));
const shown = (text: string, ruleOptions = {}) => lint(text, ruleOptions).map((f) => `${f.ruleId} ${f.text}`);

/** Applies every certain fix of the spacing rules until nothing changes; the texts seen on the way. */
function settle(text: string, ruleOptions = {}): string[] {
	const seen = [text];
	for (let round = 0; round < 5; round++) {
		const next = applyFixes(seen[seen.length - 1], lint(seen[seen.length - 1], ruleOptions)).text;
		if (next === seen[seen.length - 1]) return seen;
		seen.push(next);
	}
	assert.fail(`fixes did not settle: ${seen.join(' -> ')}`);
}

describe('latin-space kind and the latinSpacing style switch', () => {
	it('by default: a space between Chinese and a digit is stray, a missing one is not reported', () => {
		assert.deepEqual(shown('全区 6个办事处成立了联络处。'), ['SPC-001  ']);
		assert.deepEqual(shown('全区6个办事处成立了联络处。'), []);
		assert.deepEqual(shown('全市已建成5G基站1200座。'), []);
	});

	it('spaced: the spaces are right, and a missing one is reported with a fix that inserts it', () => {
		assert.deepEqual(shown('全区 6 个办事处成立了联络处。', spaced), []);
		assert.deepEqual(shown('自 2019 年 10 月启动巡察以来。', spaced), []);
		const text = '全市已建成5G基站1200座，较2023年增长3.5%。';
		const found = lint(text, spaced);
		assert.deepEqual(
			found.map((f) => `${f.ruleId} ${f.text}`),
			['SPC-505 5G', 'SPC-505 1200', 'SPC-505 2023', 'SPC-505 3.5'],
		);
		assert.equal(found[0].message, '按本报体例，中文与西文字母、数字之间加空格：“成5G基”');
		assert.equal(found[0].severity, 'info');
		assert.equal(applyFixes(text, found).text, '全市已建成 5G 基站 1200 座，较 2023 年增长 3.5%。');
	});

	it('spaced: a half-spaced date gets only its missing space', () => {
		const text = '自 2019年10 月启动巡察以来。';
		assert.deepEqual(shown(text, spaced), ['SPC-505 2019', 'SPC-505 10']);
		assert.equal(applyFixes(text, lint(text, spaced)).text, '自 2019 年 10 月启动巡察以来。');
	});

	it('spaced: spaces between two Chinese characters are still stray; a full-width one beside a digit becomes one space', () => {
		assert.deepEqual(shown('会议要求，各单位 要抓好落实。', spaced), ['SPC-001  ']);
		const wide = '全区\u30006 个办事处成立了联络处。';
		const [f] = lint(wide, spaced);
		assert.equal(f.ruleId, 'SPC-001');
		assert.equal(applyFixes(wide, [f]).text, '全区 6 个办事处成立了联络处。');
	});

	it('spaced: Latin words next to Chinese are spaced too; marks and line ends need no space', () => {
		assert.deepEqual(shown('他说，APP要好用。', spaced), ['SPC-505 APP']);
		assert.deepEqual(shown('占比 100%，已完成。', spaced), []);
		assert.deepEqual(shown('（2023）', spaced), []);
	});

	it('the two settings never undo each other: fixing everything settles in one round', () => {
		const drafts = ['全区 6个办事处、2019年 10月以来的5G基站。', '全区6个办事处，自2019年10月以来。', '各单位 要抓好落实，共 3 项。', '全区\u30006 个办事处。'];
		for (const draft of drafts) {
			for (const options of [{}, spaced]) {
				const seen = settle(draft, options);
				assert.ok(seen.length <= 2, seen.join(' -> '));
				assert.deepEqual(lint(seen[seen.length - 1], options), []);
			}
		}
		assert.deepEqual(settle('全区 6个办事处。'), ['全区 6个办事处。', '全区6个办事处。']);
		assert.deepEqual(settle('全区 6个办事处。', spaced), ['全区 6个办事处。', '全区 6 个办事处。']);
	});

	it('a rule of this kind without its switch is reported at load', () => {
		const entry = (extra: string) =>
			`rules:\n  - id: HSE-005\n    kind: latin-space\n    category: typography\n    severity: info\n${extra}    examples: { bad: [全区6个办事处。], good: [全区 6 个办事处。] }\n`;
		const without = rulesetFromYaml(entry(''));
		assert.equal(without.rules.length, 0);
		assert.match(without.problems.map((p) => p.message).join('\n'), /switch: \{ key: latinSpacing, when: spaced, default \}/);
		const withSwitch = rulesetFromYaml(entry('    switch: { key: latinSpacing, when: spaced, default: none }\n'));
		assert.deepEqual(withSwitch.problems, []);
		assert.equal(withSwitch.rules.length, 1);
		const otherKey = rulesetFromYaml(entry('    switch: { key: unitSpace, when: spaced, default: none }\n'));
		assert.equal(otherKey.rules.length, 0);
		assert.match(otherKey.problems.map((p) => p.message).join('\n'), /switch: \{ key: latinSpacing, when: spaced, default \}/);
	});
});
