import * as assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine';
import { editDistance } from '../../../server/src/engine/kinds/match/order';
import { fixAll, lintWith, rulesetFromYaml, sharedSegmenter } from '../../helpers/engine';

// Fixed enumerations: reordering with the author's separators, missing and misspelt
// members reported without a fix, grouped members (社会主义核心价值观), partial lists and
// older wordings judged by the draft's date.

const ruleset = rulesetFromYaml(`
category: political
severity: error
rules:
  - id: TST-020
    kind: order
    label: “四个意识”
    members: [政治意识, 大局意识, 核心意识, 看齐意识]
    examples: { bad: [x], good: [y] }
  - id: TST-024
    kind: order
    label: 社会主义核心价值观
    members: [[富强, 民主, 文明, 和谐], [自由, 平等, 公正, 法治], [爱国, 敬业, 诚信, 友善]]
    examples: { bad: [x], good: [y] }
  - id: TST-026
    kind: order
    label: “四个全面”
    members: [全面建设社会主义现代化国家, 全面深化改革, 全面依法治国, 全面从严治党]
    variants: { 全面建设社会主义现代化国家: [全面建成小康社会] }
    variantsUntil: 2020-10-29
    examples: { bad: [x], good: [y] }
  - id: TST-030
    kind: order
    label: 港澳方针
    members: [“一国两制”, “港人治港”, “澳人治澳”, 高度自治]
    partial: true
    examples: { bad: [x], good: [y] }
`);

const lint = (text: string) => lintWith(ruleset, text);

describe('order kind', () => {
	it('reorders a complete list and keeps each separator where the author put it', () => {
		const text = '增强政治意识，核心意识、大局意识和看齐意识。';
		const findings = lint(text);
		assert.equal(findings.length, 1);
		assert.equal(findings[0].severity, 'error');
		assert.equal(fixAll(text, findings), '增强政治意识，大局意识、核心意识和看齐意识。');
		assert.deepEqual(lint(fixAll(text, findings)), []);
	});

	it('reports a missing member as a warning without a fix', () => {
		const [f, ...rest] = lint('增强政治意识、大局意识、核心意识，推动工作落实。');
		assert.equal(rest.length, 0);
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /缺少：看齐意识/);
		assert.deepEqual(f.fixes, []);
	});

	it('reports a misspelt member inside or at the end of a list, without a fix', () => {
		for (const [text, wrong] of [
			['增强政治意识、大局意识、核心意识、看起意识。', '看起意识'],
			['增强政治意识、大局意识、核新意识、看齐意识。', '核新意识'],
		]) {
			const findings = lint(text);
			assert.equal(findings.length, 1, text);
			assert.equal(findings[0].text, wrong);
			assert.equal(findings[0].severity, 'warning');
			assert.deepEqual(findings[0].fixes, []);
		}
		// A different word after an incomplete list is not taken for a misspelling.
		assert.equal(lint('增强政治意识、大局意识、核心意识、担当作为。')[0].text, '政治意识、大局意识、核心意识');
	});

	it('reorders grouped members and fixes the joins between groups', () => {
		const swapped = '践行富强、民主、和谐、文明，平等、自由、公正、法治，爱国、敬业、诚信、友善。';
		assert.equal(fixAll(swapped, lint(swapped)), '践行富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善。');
		const flat = '践行富强、民主、文明、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善。';
		const findings = lint(flat);
		assert.equal(findings[0].severity, 'warning');
		assert.equal(fixAll(flat, findings), '践行富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善。');
		assert.deepEqual(lint('践行富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善。'), []);
	});

	it('checks the relative order of a partial list', () => {
		const text = '全面准确贯彻高度自治、“港人治港”、“一国两制”的方针。';
		assert.equal(fixAll(text, lint(text)), '全面准确贯彻“一国两制”、“港人治港”、高度自治的方针。');
		assert.deepEqual(lint('贯彻“一国两制”、高度自治的方针。'), []);
		// Quoted members side by side without a 顿号 still form a list.
		const bare = '贯彻“港人治港”“一国两制”的方针。';
		assert.equal(fixAll(bare, lint(bare)), '贯彻“一国两制”“港人治港”的方针。');
	});

	it('accepts an older wording in a draft of its time and notes it in a later one', () => {
		const text = '协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。';
		const at = (date?: string) =>
			lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: date ? { publicationDate: new Date(`${date}T00:00:00Z`) } : {} }).findings;
		assert.deepEqual(at('2016-05-01'), []);
		assert.deepEqual(
			at('2023-05-01').map((f) => f.severity),
			['info'],
		);
		assert.deepEqual(
			at().map((f) => f.severity),
			['hint'],
		);
	});

	it('rejects an entry with one member (schema) and a variant of an unknown member (kind), at their lines', () => {
		const short = rulesetFromYaml('rules:\n  - id: TST-001\n    kind: order\n    members: [甲]\n    examples: { bad: [x], good: [y] }\n');
		assert.equal(short.rules.length, 0);
		assert.equal(short.problems[0].line, 4);
		const variant = rulesetFromYaml(
			'rules:\n  - id: TST-002\n    kind: order\n    members: [甲, 乙]\n    variants: { 丙: [丁] }\n    examples: { bad: [x], good: [y] }\n',
		);
		assert.equal(variant.rules.length, 0);
		assert.equal(variant.problems.length, 1);
		assert.equal(variant.problems[0].line, 5);
		assert.match(variant.problems[0].message, /丙/);
	});

	it('measures edit distance with transpositions', () => {
		assert.equal(editDistance('看齐意识', '看起意识'), 1);
		assert.equal(editDistance('习近平', '习平近'), 1);
		assert.equal(editDistance('创新', '共享'), 2);
	});
});
