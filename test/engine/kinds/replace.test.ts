import * as assert from 'node:assert/strict';
import { describeFindings, fixAll, lintWith, rulesetFromYaml } from '../../helpers/engine';

// Literal replacements: word boundaries through segmentation, context exceptions, text
// already corrected, and the optional lowering inside quotations.

const ruleset = rulesetFromYaml(`
category: sensitive
severity: error
rules:
  - id: TST-019
    kind: replace
    find: [村长]
    replace: 村委会主任
    boundary: word
    examples: { bad: [x], good: [y] }
  - id: TST-036
    kind: replace
    find: [以习近平总书记为核心的党中央]
    replace: 以习近平同志为核心的党中央
    examples: { bad: [x], good: [y] }
  - id: TST-071
    kind: replace
    find: [北朝鲜]
    replace: 朝鲜
    inQuote: warning
    unlessBefore: [所谓]
    examples: { bad: [x], good: [y] }
`);

const lint = (text: string) => lintWith(ruleset, text);

describe('replace kind', () => {
	it('fixes a whole word and leaves the same characters across word boundaries alone', () => {
		assert.equal(fixAll('村长带领村民修路。', lint('村长带领村民修路。')), '村委会主任带领村民修路。');
		assert.deepEqual(lint('农村长期存在的难题得到解决。'), []);
	});

	it('does not fire on text already corrected, and fixing twice changes nothing', () => {
		const text = '团结在以习近平总书记为核心的党中央周围。';
		const fixed = fixAll(text, lint(text));
		assert.equal(fixed, '团结在以习近平同志为核心的党中央周围。');
		assert.deepEqual(lint(fixed), []);
	});

	it('honours context exceptions', () => {
		assert.deepEqual(lint('所谓北朝鲜的说法不规范。'), []);
	});

	it('lowers a hit in quoted speech when inQuote is set, and keeps the fix as a suggestion', () => {
		const [f] = lint('他说：“北朝鲜代表团已经抵达。”');
		assert.equal(f.severity, 'warning');
		assert.equal(f.certain, false);
		assert.match(f.message, /引语内/);
		assert.deepEqual(describeFindings('北朝鲜代表团抵达。', lint('北朝鲜代表团抵达。')), [{ id: 'TST-071', at: '北朝鲜', fix: '朝鲜代表团抵达。' }]);
	});
});
