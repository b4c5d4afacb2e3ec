import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { configProblems } from '../helpers/engine';
import { endlessDevice, makeFifo } from '../helpers/specialFiles';

// Config mistakes on the command line: the run stops with status 2 before anything is linted
// or fixed, and every mistake is named with its file and line. Special files named by a
// config or given as drafts are refused, never read. Each run has a kill timeout so that a
// regression fails the test instead of hanging it; no assertion is made on time.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) =>
	spawnSync(process.execPath, ['--max-old-space-size=512', join(root, 'bin', 'newsproof.js'), ...args], {
		cwd,
		encoding: 'utf8',
		timeout: 60000,
		maxBuffer: 16 * 1024 * 1024,
	});

const draft = '本报讯 全区 6个办事处。\n记者 王赛华\n';
const example = 'examples: { bad: [甲乙], good: [丙丁] }';

function desk(config: string, extra: Record<string, string> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-config-'));
	writeFileSync(join(dir, 'a.txt'), draft);
	writeFileSync(join(dir, '.newsproofrc.yaml'), config);
	for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
	return dir;
}

/** A "billion laughs" document: nine aliases of nine aliases, seven levels deep. */
function aliasBomb(key: string): string {
	const lines = [`${key}: &a0 [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]`];
	for (let i = 1; i < 8; i++)
		lines.push(
			`k${i}: &a${i} [${Array(9)
				.fill(`*a${i - 1}`)
				.join(', ')}]`,
		);
	return lines.join('\n') + '\n';
}

/** stderr lines that name a config problem: `newsproof: 配置错误 FILE:LINE:COL: MESSAGE`. */
const problemLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('newsproof: 配置错误 '));

describe('CLI: a config with a mistake stops the run', function () {
	this.timeout(120000);

	it('lints nothing, exits 2 and names every mistake (before: linted with defaults)', () => {
		const dir = desk('rules:\n  SPC-001: off\ncategorys:\n  typo: off\nword: [经开区]\n');
		const r = run(['lint', '.'], dir);
		assert.equal(r.status, 2, r.stderr);
		assert.equal(r.stdout, '', 'no findings are printed: nothing was linted');
		assert.deepEqual(problemLines(r.stderr), [
			`newsproof: 配置错误 ${join(dir, '.newsproofrc.yaml')}:3:1: 不认识的字段“categorys”。您是否想写“categories”？`,
			`newsproof: 配置错误 ${join(dir, '.newsproofrc.yaml')}:5:1: 不认识的字段“word”。您是否想写“words”？`,
		]);
		assert.match(r.stderr, /newsproof: 配置有 2 处错误，未检查任何文件；改正后再运行\n$/);
	});

	it('with --fix, writes nothing at all', () => {
		const dir = desk('rules:\n  XYZ-999: off\n');
		const r = run(['lint', '--fix', '.'], dir);
		assert.equal(r.status, 2, r.stderr);
		assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), draft);
		assert.match(r.stderr, /:2:3: rules：没有编号为“XYZ-999”的规则/);
		assert.match(r.stderr, /未检查、未修改任何文件/);
	});

	it('stops on unknown rule ids and impossible dates, in a subfolder config too', () => {
		const dir = desk('rules:\n  SPC-001: info\n');
		mkdirSync(join(dir, 'desk'));
		writeFileSync(join(dir, 'desk', 'b.txt'), draft);
		writeFileSync(join(dir, 'desk', '.newsproofrc.yaml'), 'rules:\n  TYP-05: off\npublicationDate: 2021-13-45\n');
		const r = run(['lint', '--format', 'json', '.'], dir);
		assert.equal(r.status, 2, r.stderr);
		assert.equal(r.stdout, '');
		const sub = join(dir, 'desk', '.newsproofrc.yaml');
		assert.deepEqual(problemLines(r.stderr), [`newsproof: 配置错误 ${sub}:3:18: publicationDate：2021-13-45 不是日历上的日期`]);
		writeFileSync(join(dir, 'desk', '.newsproofrc.yaml'), 'rules:\n  TYP-05: off\n');
		const ids = run(['lint', '.'], dir);
		assert.deepEqual(problemLines(ids.stderr), [`newsproof: 配置错误 ${sub}:2:3: rules：没有编号为“TYP-05”的规则，也没有这个规则族。您是否想写“TYP-005”？`]);
	});

	it('stops on a broken house rule, and --list-rules still lists the rules that loaded', () => {
		const house = `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n  - id: HSE-002\n    find: [戊己]\n    replace: 庚辛\n`;
		const dir = desk('ruleFiles: [house.yaml]\n', { 'house.yaml': house });
		const r = run(['lint', '.'], dir);
		assert.equal(r.status, 2);
		assert.deepEqual(problemLines(r.stderr), [
			`newsproof: 配置错误 ${join(dir, 'house.yaml')}:6:5: 规则 HSE-002：缺少必填字段“examples”（此条未加载，同一文件的其他条目照常使用）`,
		]);
		const list = run(['lint', '--list-rules', '--format', 'json'], dir);
		assert.equal(list.status, 2);
		const ids = (JSON.parse(list.stdout) as { id: string }[]).map((x) => x.id);
		assert.ok(ids.includes('HSE-001') && !ids.includes('HSE-002'));
	});

	it('reports YAML syntax errors in Chinese on the line where they are', () => {
		const dir = desk('rules:\n  SPC-001: off\nwords: [经开区, 新联会\nstaff: [王赛华]\n');
		const r = run(['lint', '.'], dir);
		assert.equal(r.status, 2);
		assert.deepEqual(problemLines(r.stderr), [
			`newsproof: 配置错误 ${join(dir, '.newsproofrc.yaml')}:3:8: YAML 语法错误：方括号“[”没有配对的“]”（或下一行缩进不足）`,
		]);
	});

	it('lints as before once the config is right', () => {
		const dir = desk('rules:\n  SPC-001: info\n');
		const r = run(['lint', '--format', 'json', '.'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(
			JSON.parse(r.stdout)[0].diagnostics.map((d: { ruleId: string; severity: string }) => [d.ruleId, d.severity]),
			[['SPC-001', 'info']],
		);
	});
});

describe('CLI: alias bombs give an error with file and line, never a crash', function () {
	this.timeout(120000);
	const cases: [string, (dir: string) => void, string][] = [
		['the config', (dir) => writeFileSync(join(dir, '.newsproofrc.yaml'), aliasBomb('words')), '.newsproofrc.yaml'],
		['a rules file', (dir) => writeFileSync(join(dir, 'house.yaml'), aliasBomb('rules')), 'house.yaml'],
		['a people file', (dir) => writeFileSync(join(dir, 'people.yaml'), aliasBomb('people')), 'people.yaml'],
		[
			'the ignore list',
			(dir) => {
				mkdirSync(join(dir, '.newsproof'));
				writeFileSync(join(dir, '.newsproof', 'ignore.yaml'), aliasBomb('ignore'));
			},
			join('.newsproof', 'ignore.yaml'),
		],
	];
	for (const [name, plant, file] of cases) {
		it(`in ${name} (before: a stack trace and exit 1)`, () => {
			const dir = desk('ruleFiles: [house.yaml]\npeople: [people.yaml]\n', {
				'house.yaml': `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`,
				'people.yaml': 'people:\n  - name: 张三丰\n    titles: [局长]\n',
			});
			plant(dir);
			const r = run(['lint', '.'], dir);
			assert.equal(r.status, 2, r.stderr);
			assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
			const lines = problemLines(r.stderr);
			assert.equal(lines.length, 1, r.stderr);
			assert.match(lines[0], new RegExp(`${join(dir, file).replace(/[.\\]/g, '\\$&')}:8:\\d+: YAML 别名展开过多：别名“\\*a6”展开后有约 \\d+ 万个值`));
		});
	}
});

describe('CLI: special files are refused, never read', function () {
	this.timeout(120000);

	it('refuses /dev/zero as a draft with its reason (before: memory without end)', function () {
		if (!endlessDevice) this.skip();
		const dir = desk('rules: {}\n');
		const r = run(['lint', '--format', 'json', endlessDevice!], dir);
		assert.equal(r.status, 1, r.stderr);
		assert.equal(JSON.parse(r.stdout)[0].skipped, '是字符设备，不是普通文件，已跳过');
	});

	it('refuses a FIFO given as a draft (before: waited for a writer for good)', function () {
		const dir = desk('rules: {}\n');
		if (!makeFifo(join(dir, 'pipe.txt'))) this.skip();
		const r = run(['lint', '--format', 'json', 'pipe.txt'], dir);
		assert.equal(r.status, 1, r.stderr);
		assert.equal(JSON.parse(r.stdout)[0].skipped, '是命名管道（FIFO），不是普通文件，已跳过');
	});

	it('refuses a device and a FIFO named by ruleFiles and people, at the line that names them', function () {
		if (!endlessDevice) this.skip();
		const dir = desk('');
		if (!makeFifo(join(dir, 'pipe.yaml'))) this.skip();
		writeFileSync(join(dir, '.newsproofrc.yaml'), `rules:\n  SPC-001: off\nruleFiles:\n  - ${endlessDevice}\n  - pipe.yaml\npeople: [pipe.yaml]\n`);
		const r = run(['lint', '.'], dir);
		assert.equal(r.status, 2, r.stderr);
		const rc = join(dir, '.newsproofrc.yaml');
		assert.deepEqual(problemLines(r.stderr), [
			`newsproof: 配置错误 ${rc}:4:5: ruleFiles 列出的“${endlessDevice}”是字符设备，不是普通文件，未读取`,
			`newsproof: 配置错误 ${rc}:5:5: ruleFiles 列出的“pipe.yaml”是命名管道（FIFO），不是普通文件，未读取`,
			`newsproof: 配置错误 ${rc}:6:10: people 列出的“pipe.yaml”是命名管道（FIFO），不是普通文件，未读取`,
		]);
		// -c names the config outright: a FIFO there is refused too.
		const named = run(['lint', '-c', 'pipe.yaml', 'a.txt'], dir);
		assert.equal(named.status, 2);
		assert.match(named.stderr, /pipe\.yaml:0:0: 无法读取配置文件：是命名管道（FIFO），不是普通文件/);
	});

	it('names a missing rule file at the line of the config that lists it', () => {
		const dir = desk('ruleFiles: [house.yaml, missing.yaml]\n', {
			'house.yaml': `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`,
		});
		const r = run(['lint', '.'], dir);
		assert.equal(r.status, 2);
		assert.deepEqual(problemLines(r.stderr), [`newsproof: 配置错误 ${join(dir, '.newsproofrc.yaml')}:1:25: ruleFiles 列出的“missing.yaml”文件不存在，未读取`]);
	});
});

describe('CLI: newsproof init', function () {
	this.timeout(60000);

	it('writes a commented starter config that loads without problems, and never overwrites one', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-init-'));
		writeFileSync(join(dir, 'a.txt'), draft);
		const r = run(['init'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^已创建 \.newsproofrc\.yaml/);
		const file = join(dir, '.newsproofrc.yaml');
		const text = readFileSync(file, 'utf8');
		assert.match(text, /^# newsproof 配置文件/);
		assert.deepEqual(configProblems(join(dir, 'a.txt')), []);
		// Every key the schema allows is there, commented out, ready to switch on.
		const schema = JSON.parse(readFileSync(join(root, 'rules', 'schema', 'config.schema.json'), 'utf8')) as { properties: object };
		for (const key of Object.keys(schema.properties)) assert.match(text, new RegExp(`^# ${key}:`, 'm'), key);
		// Switching every example on gives a valid config too (with the files it names).
		writeFileSync(join(dir, 'house.rules.yaml'), `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`);
		mkdirSync(join(dir, 'names'));
		writeFileSync(join(dir, 'names', 'local.yaml'), 'people:\n  - name: 张三丰\n    titles: [局长]\n');
		mkdirSync(join(dir, '.newsproof'));
		writeFileSync(join(dir, '.newsproof', 'lm-overlay.lm'), '');
		writeFileSync(file, text.replace(/^# (?=\s*(?:[A-Za-z][\w-]*:|- ))/gm, ''));
		assert.deepEqual(
			configProblems(join(dir, 'a.txt')).map((p) => `${p.line}: ${p.message}`),
			[],
		);
		assert.deepEqual(run(['lint', '--print-config', 'a.txt'], dir).status, 0);
		writeFileSync(file, '# ours\n');
		const again = run(['init'], dir);
		assert.equal(again.status, 2);
		assert.match(again.stderr, /已有配置文件 .*\.newsproofrc\.yaml，未覆盖/);
		assert.equal(readFileSync(file, 'utf8'), '# ours\n');
		const other = mkdtempSync(join(tmpdir(), 'newsproof-init-'));
		writeFileSync(join(other, '.newsproofrc.yml'), '# yml\n');
		assert.equal(run(['init', other], dir).status, 2);
		assert.equal(existsSync(join(other, '.newsproofrc.yaml')), false);
		assert.equal(run(['init', join(dir, 'missing')], dir).status, 2);
	});
});
