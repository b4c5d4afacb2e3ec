import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, loadRuleset, resolveConfig } from '../../server/src/engine';
import { configProblems, lintFile } from '../helpers/engine';
import { isCalendarDay, readConfigFile } from '../../server/src/engine/config';
import { parseYamlText } from '../../server/src/engine/yamlText';

// Config and rule files as a newsroom writes them, mistakes included: every mistake is
// reported, in Chinese, on the line where it is, and nothing half applies.

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-config-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

const example = 'examples: { bad: [甲乙], good: [丙丁] }';
const rc = '.newsproofrc.yaml';

describe('config files: mistakes are loud and precise', () => {
	it('reports a misspelt key on its own line, with the key it most likely means', () => {
		const dir = folder({ [rc]: 'rules:\n  SPC-001: off\ncategorys:\n  typo: off\n' });
		const { config, problems } = readConfigFile(join(dir, rc));
		assert.equal(config, undefined, 'a file with a mistake is not applied by halves');
		assert.deepEqual(
			problems.map((p) => [p.line, p.column, p.message]),
			[[3, 1, '不认识的字段“categorys”。您是否想写“categories”？']],
		);
	});

	it('reports every unknown key, not only the first at a level', () => {
		const dir = folder({ [rc]: 'rule:\n  SPC-001: off\nword: [经开区]\nstyle: {}\ncolour: red\n' });
		const { problems } = readConfigFile(join(dir, rc));
		assert.deepEqual(
			problems.map((p) => [p.line, p.message]),
			[
				[1, '不认识的字段“rule”。您是否想写“rules”？'],
				[3, '不认识的字段“word”。您是否想写“words”？'],
				[
					5,
					'不认识的字段“colour”（可用：root、rules、categories、ruleFiles、words、publicationDate、extensions、people、typos、accept、lmOverlay、style、staff）',
				],
			],
		);
	});

	it('reports an unknown category name with a suggestion, at the key', () => {
		const dir = folder({ [rc]: 'categories:\n  punctuation: info\n  typoo: off\n' });
		const { problems } = readConfigFile(join(dir, rc));
		assert.deepEqual(
			problems.map((p) => [p.line, p.column, p.message]),
			[[3, 3, 'categories：不认识的键“typoo”。您是否想写“typo”？']],
		);
	});

	it('takes rule ids and family prefixes, and reports ids that name no rule', () => {
		const dir = folder({
			[rc]: 'ruleFiles: [house.yaml]\nrules:\n  TYP: info\n  SPC-001: off\n  XYZ-999: off\n  TYP-05: warning\n  HSE-001: off\n  TYP-590: off\n',
			'house.yaml': `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`,
		});
		const problems = configProblems(join(dir, 'a.txt'));
		assert.deepEqual(
			problems.map((p) => [p.file, p.line, p.column, p.message]),
			[
				[join(dir, rc), 5, 3, 'rules：没有编号为“XYZ-999”的规则，也没有这个规则族（newsproof lint --list-rules 列出全部规则）'],
				[join(dir, rc), 6, 3, 'rules：没有编号为“TYP-05”的规则，也没有这个规则族。您是否想写“TYP-005”？'],
			],
		);
		// The editor sees the same problems with its lint.
		const linted = lintFile(join(dir, 'a.txt'), '全区 6个办事处。');
		assert.deepEqual(
			linted.problems.map((p) => p.line),
			[5, 6],
		);
	});

	it('reports a date that is not on the calendar', () => {
		assert.equal(isCalendarDay('2024-02-29'), true);
		assert.equal(isCalendarDay('2023-02-29'), false);
		assert.equal(isCalendarDay('2021-13-45'), false);
		assert.equal(isCalendarDay('2021-04-31'), false);
		const dir = folder({ [rc]: 'rules:\n  SPC-001: off\npublicationDate: 2021-13-45\ncategorys: {}\n' });
		const { config, problems } = readConfigFile(join(dir, rc));
		assert.equal(config, undefined);
		// Both mistakes at once: the date is checked in a file the schema rejected as well.
		assert.deepEqual(
			problems.map((p) => [p.line, p.message]),
			[
				[4, '不认识的字段“categorys”。您是否想写“categories”？'],
				[3, 'publicationDate：2021-13-45 不是日历上的日期'],
			],
		);
	});

	it('gives YAML syntax errors in Chinese, on the line where the mistake is', () => {
		const cases: [string, number, RegExp][] = [
			// An unclosed bracket is reported where it opens, not where the parser gave up.
			['rules:\n  SPC-001: off\nwords: [经开区, 新联会\npublicationDate: 2021-11-25\n', 3, /方括号“\[”没有配对的“\]”/],
			['words:\n  - "经开区\n  - 新联会\n', 2, /双引号“"”没有配对的结束引号/],
			['rules:\n\tSPC-001: off\n', 2, /不能用制表符（Tab）缩进/],
			['rules: {}\nwords: []\nrules: {}\n', 3, /键“rules”重复/],
			['words: 经开区: 新联会\n', 1, /一行里有两个“键: 值”/],
			['rules:\n  SPC-001: off\n TYP: info\n', 3, /同一层的键应从同一列开始/],
			['words: [甲]\n---\nwords: [乙]\n', 2, /一个文件只能有一个 YAML 文档/],
			['words: *list\n', 1, /别名“\*list”前面没有对应的锚点“&list”/],
			['words: !!js/function "x"\n', 1, /不支持的标签 !!js\/function/],
		];
		for (const [text, line, message] of cases) {
			const { problems } = parseYamlText(text, 'c.yaml');
			assert.equal(problems.length > 0, true, text);
			assert.equal(problems[0].line, line, `${JSON.stringify(text)}: ${JSON.stringify(problems)}`);
			assert.match(problems[0].message, /^YAML 语法错误：/);
			assert.match(problems[0].message, message);
			// No English sentence from the parser leaks through.
			assert.doesNotMatch(problems[0].message, /[A-Za-z]{3,} [A-Za-z]{3,}/, problems[0].message);
		}
	});

	it('gives an error, not a crash, for documents nested past the stack, with many errors counted, not listed', () => {
		const stackTraceLimit = Error.stackTraceLimit;
		// As in the CLI and the server (mocha records every frame, which makes an overflow slow).
		Error.stackTraceLimit = 10;
		try {
			for (const text of [`words: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, `${'- '.repeat(20000)}x\n`, `words: ${'['.repeat(20000)}\n`]) {
				const { problems, value } = parseYamlText(text, 'deep.yaml');
				assert.equal(value, undefined);
				assert.ok(problems.length >= 1 && problems.length <= 21, `${problems.length} problems`);
				assert.match(problems[0].message, /^YAML 语法错误：/);
			}
			const many = parseYamlText(`words: ${'['.repeat(20000)}\n`, 'deep.yaml').problems;
			assert.match(many[many.length - 1].message, /^YAML 语法错误：另有 \d+ 处，未一一列出$/);
		} finally {
			Error.stackTraceLimit = stackTraceLimit;
		}
	});

	it('refuses a config file over 256 KB unread: an editor parses its config again for every lint', () => {
		const dir = folder({ [rc]: `# ${'注释'.repeat(50000)}\nrules: {}\n` });
		const { config, problems } = readConfigFile(join(dir, rc));
		assert.equal(config, undefined);
		assert.deepEqual(
			problems.map((p) => [p.line, p.message]),
			[[0, '无法读取配置文件：文件过大（293 KB，上限 256 KB）']],
		);
	});

	it('resolves a broken file to no layer and says why, instead of half applying it', () => {
		const dir = folder({ [rc]: 'rules:\n  SPC-001: off\ncategorys: {}\n' });
		const config = resolveConfig([join(dir, rc)]);
		assert.deepEqual(config.rules, {});
		assert.equal(config.problems.length, 1);
	});
});

describe('config in the editor: the last good version applies while the file is broken', () => {
	it('keeps the last good config of a file, with the problems of its current text', () => {
		const dir = folder({ [rc]: 'rules:\n  SPC-001: off\n' });
		const file = join(dir, rc);
		// The editor's engine keeps each config file's last good version.
		const editor = new Engine({ keepLastGoodConfig: true });
		const draft = join(dir, 'a.txt');
		const text = '全区 6个办事处。';
		assert.deepEqual(editor.lintFile(draft, text, { overrides: {}, words: false }).findings, []);
		writeFileSync(file, 'rules:\n  SPC-001: off\ncategorys: {}\n');
		const broken = editor.lintFile(draft, text, { overrides: {}, words: false });
		assert.deepEqual(broken.findings, [], 'the switched-off rule stays off');
		assert.deepEqual(
			broken.problems.map((p) => [p.file, p.line]),
			[[file, 3]],
		);
		assert.match(broken.problems[0].message, /仍按此文件上次正确的内容检查/);
		// Without a last good version (the command line), the broken file gives no layer.
		assert.deepEqual(
			lintFile(draft, text).findings.map((f) => f.ruleId),
			['SPC-001'],
		);
		writeFileSync(file, 'rules:\n  SPC-001: info\n');
		assert.deepEqual(
			editor.lintFile(draft, text, { overrides: {}, words: false }).findings.map((f) => f.severity),
			['info'],
		);
	});
});

describe('rule files: one broken rule does not take its file down', () => {
	it('reports a rule without examples with its id and line, and loads the others', () => {
		const dir = folder({
			'house.yaml': [
				'rules:',
				'  - id: HSE-001',
				'    find: [甲乙]',
				'    replace: 丙丁',
				`    ${example}`,
				'  - id: HSE-002',
				'    find: [戊己]',
				'    replace: 庚辛',
				'  - id: HSE-003',
				'    find: [壬癸]',
				'    replace: 子丑',
				'    severity: loud',
				`    ${example}`,
				'  - id: HSE-004',
				'    find: [寅卯]',
				'    replace: 辰巳',
				`    ${example}`,
				'',
			].join('\n'),
		});
		const ruleset = loadRuleset([join(dir, 'house.yaml')]);
		assert.deepEqual(
			ruleset.rules.map((r) => r.meta.id),
			['HSE-001', 'HSE-004'],
		);
		assert.deepEqual(
			ruleset.problems.map((p) => [p.line, p.message]),
			[
				[6, '规则 HSE-002：缺少必填字段“examples”（此条未加载，同一文件的其他条目照常使用）'],
				[12, '规则 HSE-003：severity：取值应为：error、warning、info、hint（此条未加载，同一文件的其他条目照常使用）'],
			],
		);
	});

	it('still refuses a file whose own fields are wrong', () => {
		const dir = folder({ 'house.yaml': `severity: loud\nrules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n` });
		const ruleset = loadRuleset([join(dir, 'house.yaml')]);
		assert.deepEqual(ruleset.rules, []);
		assert.deepEqual(
			ruleset.problems.map((p) => p.line),
			[1],
		);
	});
});
