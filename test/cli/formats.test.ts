import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as iconv from 'iconv-lite';
import { builtinRulesDir } from '../../server/src/engine';

// Output formats, filters, exit statuses and the helper commands, through bin/newsproof.js
// as a desk script or CI job runs it.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], {
		cwd: options.cwd ?? root,
		encoding: 'utf8',
		input: options.input,
		env: { ...process.env, ...options.env },
	});

/** Three drafts: a stray space after 𠮷 (UTF-16 columns), two findings on a CRLF line, and a clean one. */
function drafts(): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-fmt-'));
	writeFileSync(join(dir, 'a.txt'), '𠮷全区 6个办事处。\n');
	writeFileSync(join(dir, 'b.txt'), '本报讯 各村(社区)新的阶层人士代表参加。\r\n记者 王赛华\r\n');
	writeFileSync(join(dir, 'clean.txt'), '本报讯 全区6个办事处新联会联络处成立。\n记者 王赛华\n');
	return dir;
}

describe('newsproof lint: formats', function () {
	this.timeout(60000);

	it('compact: one file:line:col line per finding, in file order, with the summary last', () => {
		const dir = drafts();
		const r = run(['lint', '--format', 'compact', '.'], { cwd: dir });
		assert.equal(r.status, 1, r.stderr);
		assert.deepEqual(r.stdout.trim().split('\n'), [
			'a.txt:1:5  warning  SPC-001  多余的空格：“全区 6个”  原文：“ ”',
			'b.txt:1:7  warning  PUN-001  中文语句中应使用全角标点“（）”  原文：“(社区)”',
			'b.txt:1:11  error  POL-501  规范表述为“新的社会阶层人士”，不写“新的阶层人士”  原文：“新的阶层人士”',
			'共 3 处：错误 1，警告 2，提示 0，建议 0；3 个文件，58 字，每万字 517.2 处',
		]);
	});

	it('stylish: grouped by file, the source line with the flagged text marked, counts by category', () => {
		const dir = drafts();
		const r = run(['lint', '--format', 'stylish', '.'], { cwd: dir });
		assert.equal(r.status, 1, r.stderr);
		const lines = r.stdout.split('\n');
		assert.equal(lines[0], 'a.txt  1 处，每万字 1111.1 处');
		assert.match(lines[1], /^ {2}1:5 {2}警告 {2}SPC-001 {3}多余的空格：“全区 6个”$/);
		// The stray space is shown as · and the caret sits under it: 𠮷 and 全区 take two columns each.
		assert.equal(lines[2].trim(), '│ 𠮷全区·6个办事处。');
		const caretColumn = lines[3].indexOf('^');
		assert.equal(caretColumn - lines[2].indexOf('│') - 2, 6);
		assert.match(lines[4], /修正：删除空格/);
		assert.ok(!r.stdout.includes('clean.txt'), 'clean files are not listed');
		assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
		assert.match(r.stdout, /✖ 共 3 处（错误 1，警告 2，提示 0，建议 0），涉及 2\/3 个文件/);
		assert.match(r.stdout, /按类别：政治表述 1，标点符号 1，空格与字符 1/);
		assert.match(r.stdout, /共 58 字，每万字 517\.2 处；其中 3 处可用 --fix 自动修正/);
		const colored = run(['lint', '--format', 'stylish', '--color', '.'], { cwd: dir });
		assert.match(colored.stdout, /\x1b\[1m\x1b\[4m\x1b\[33m·\x1b\[0m/, 'the flagged text is underlined in the severity colour');
	});

	it('json: the unchanged contract, CRLF lines counted as one break', () => {
		const dir = drafts();
		const r = run(['lint', '-f', 'json', 'b.txt'], { cwd: dir });
		const [report] = JSON.parse(r.stdout);
		assert.deepEqual(Object.keys(report), ['file', 'diagnostics']);
		assert.deepEqual(
			report.diagnostics.map((d: { ruleId: string; range: unknown }) => [d.ruleId, d.range]),
			[
				['PUN-001', { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } }],
				['POL-501', { start: { line: 0, character: 10 }, end: { line: 0, character: 16 } }],
			],
		);
	});

	it('sarif: valid against the SARIF 2.1.0 schema, with rule metadata, help links, UTF-16 regions and fixes', () => {
		const dir = drafts();
		writeFileSync(join(dir, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
		const out = join(dir, 'report.sarif');
		const r = run(['lint', '--format', 'sarif', '--output', out, '.'], { cwd: dir });
		assert.equal(r.status, 1, r.stderr);
		assert.equal(r.stdout, '');
		const log = JSON.parse(readFileSync(out, 'utf8'));
		const schemaFile = join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
		// The schema's language pattern is not valid under the u flag; read it as plain RegExp.
		const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
		addFormats(ajv);
		const compiled = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
		const validate = Object.assign((x: unknown): boolean => compiled(x), {
			get errors() {
				return compiled.errors;
			},
		});
		assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
		// The check has teeth: a result without a message is rejected.
		const broken = structuredClone(log);
		delete broken.runs[0].results[0].message;
		assert.equal(validate(broken), false);

		const run0 = log.runs[0];
		assert.equal(log.version, '2.1.0');
		assert.equal(run0.columnKind, 'utf16CodeUnits');
		const rules = run0.tool.driver.rules as {
			id: string;
			helpUri?: string;
			help: { text: string };
			shortDescription: { text: string };
			properties: { category: string };
		}[];
		const spc = rules.find((x) => x.id === 'SPC-001')!;
		// The explanation travels in the log; no path on this machine is linked from it.
		assert.equal(spc.helpUri, undefined);
		assert.doesNotMatch(JSON.stringify(log), /file:\/\/[^"]*docs\/rules\.md/);
		assert.match(spc.help.text, /依据：GB\/T 15834—2011/);
		assert.equal(spc.properties.category, 'typography');
		const first = run0.results[0];
		assert.equal(first.ruleId, 'SPC-001');
		assert.equal(rules[first.ruleIndex].id, 'SPC-001');
		assert.equal(first.level, 'warning');
		assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'a.txt', uriBaseId: '%SRCROOT%', index: 0 });
		// 𠮷 is two UTF-16 code units: the space is the fifth unit.
		assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 1, startColumn: 5, endLine: 1, endColumn: 6, snippet: { text: ' ' } });
		assert.equal(first.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '');
		const pol = run0.results.find((x: { ruleId: string }) => x.ruleId === 'POL-501');
		assert.equal(pol.level, 'error');
		const note = run0.invocations[0].toolExecutionNotifications[0];
		assert.match(note.message.text, /scan\.txt：二进制文件/);
	});

	it('html: writes a self-contained report (checked in a browser by cliHtml.test)', () => {
		const dir = drafts();
		const r = run(['lint', '-f', 'html', '.'], { cwd: dir });
		assert.equal(r.status, 1, r.stderr);
		assert.match(r.stdout, /^<!DOCTYPE html>/);
		assert.ok(!/<script|<link|src=/.test(r.stdout), 'nothing is loaded from elsewhere');
		assert.match(r.stdout, /各村<mark class="sev-warning" id="f2-m1" title="1\. PUN-001 [^"]+">\(社区\)<\/mark><sup><a href="#f2-n1">1<\/a><\/sup>/);
		assert.match(r.stdout, /建议修改：改为“新的社会阶层人士”/);
		assert.match(r.stdout, /<td>政治表述<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>172\.4<\/td>/);
		assert.match(r.stdout, /未发现问题的文件（1）/);
		// Without --format, the output file's extension chooses.
		run(['lint', '-o', 'report.html', '.'], { cwd: dir });
		assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /^<!DOCTYPE html>/);
		run(['lint', '-o', 'scan.sarif', '.'], { cwd: dir });
		assert.equal(JSON.parse(readFileSync(join(dir, 'scan.sarif'), 'utf8')).version, '2.1.0');
	});
});

describe('newsproof lint: filters, limits and exit status', function () {
	this.timeout(60000);

	it('--quiet reports errors only; --category and --rule narrow the findings', () => {
		const dir = drafts();
		const lines = (args: string[]) =>
			run(['lint', '-f', 'compact', ...args, '.'], { cwd: dir })
				.stdout.trim()
				.split('\n')
				.slice(0, -1);
		assert.deepEqual(
			lines(['--quiet']).map((l) => l.split('  ')[2]),
			['POL-501'],
		);
		assert.deepEqual(
			lines(['--category', 'punctuation,typography']).map((l) => l.split('  ')[2]),
			['SPC-001', 'PUN-001'],
		);
		assert.deepEqual(
			lines(['--rule', 'spc']).map((l) => l.split('  ')[2]),
			['SPC-001'],
		);
		assert.deepEqual(
			lines(['--rule', 'POL-501', '--rule', 'PUN']).map((l) => l.split('  ')[2]),
			['PUN-001', 'POL-501'],
		);
		const quietOnWarnings = run(['lint', '--quiet', 'a.txt'], { cwd: dir });
		assert.equal(quietOnWarnings.status, 0, 'with --quiet, warnings neither show nor fail');
	});

	it('--max-warnings: warnings up to N pass, more fail; errors always fail', () => {
		const dir = drafts();
		assert.equal(run(['lint', '--max-warnings', '1', 'a.txt'], { cwd: dir }).status, 0);
		const over = run(['lint', '--max-warnings', '0', 'a.txt'], { cwd: dir });
		assert.equal(over.status, 1);
		assert.match(over.stderr, /警告 1 处，超过 --max-warnings 0/);
		assert.equal(run(['lint', '--max-warnings', '9', 'b.txt'], { cwd: dir }).status, 1);
		assert.equal(run(['lint', 'clean.txt'], { cwd: dir }).status, 0);
	});

	it('exits 2 on bad options, naming the problem', () => {
		const dir = drafts();
		for (const [args, message] of [
			[['--category', 'poetry', '.'], /未知类别“poetry”/],
			[['--rule', 'XYZ-999', '.'], /没有编号为“XYZ-999”/],
			[['--max-warnings', 'many', '.'], /--max-warnings 应为非负整数，收到“many”/],
			[['--threads', '0', '.'], /--threads 应为正整数/],
			[['--fix', '--fix-dry-run', '.'], /只能选一个/],
			[['--fix', '-'], /标准输入不能就地修正/],
			[['-', 'a.txt'], /不能与其他路径同用/],
			[['--format', 'xml', '.'], /不支持的输出格式“xml”/],
			[['--bogus', '.'], /未知选项“--bogus”；用 newsproof lint --help 查看全部选项/],
		] as [string[], RegExp][]) {
			const r = run(['lint', ...args], { cwd: dir, input: '' });
			assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message);
		}
	});

	it('reads standard input with - and --stdin-filename, GB18030 included', () => {
		const dir = drafts();
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules:\n  SPC-001: error\n');
		const r = run(['lint', '-f', 'compact', '--stdin-filename', 'story.txt', '-'], { cwd: dir, input: iconv.encode('全区 6个办事处。\n', 'gb18030') });
		assert.equal(r.status, 1, r.stderr);
		assert.match(r.stdout, /^story\.txt:1:3 {2}error {2}SPC-001 /, 'the config found from the stdin file name applies');
		const anonymous = run(['lint', '-f', 'json', '-'], { cwd: dir, input: '本报讯 全区6个办事处成立。\n记者 王赛华\n' });
		assert.equal(JSON.parse(anonymous.stdout)[0].file, '<stdin>');
	});

	it('--list-rules lists ids, categories, levels and doc links; --print-config shows the resolved config', () => {
		const dir = drafts();
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules:\n  SPC-001: off\ncategories:\n  numeral: hint\nextensions: [.txt, .news]\n');
		const list = run(['lint', '--list-rules', '.'], { cwd: dir });
		assert.equal(list.status, 0, list.stderr);
		assert.match(list.stdout, /^SPC-001 {3}空格与字符 {2}off（默认 warning） /m);
		assert.doesNotMatch(list.stdout, /file:\/\//, 'no link to a path on this machine');
		const json = JSON.parse(run(['lint', '--list-rules', '-f', 'json', '.'], { cwd: dir }).stdout);
		const pol = json.find((x: { id: string }) => x.id === 'POL-501');
		assert.deepEqual([pol.category, pol.severity, pol.level], ['political', 'error', 'error']);
		const printed = run(['lint', '--print-config', 'a.txt'], { cwd: dir });
		assert.equal(printed.status, 0, printed.stderr);
		const config = JSON.parse(printed.stdout);
		assert.deepEqual(config.rules, { 'SPC-001': 'off' });
		assert.deepEqual(config.categories, { numeral: 'hint' });
		assert.deepEqual(config.extensions, ['.txt', '.news']);
		assert.deepEqual(config.files, [join(dir, '.newsproofrc.yaml')]);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules: [oops\n');
		const broken = run(['lint', '--print-config', 'a.txt'], { cwd: dir });
		assert.equal(broken.status, 2);
		assert.match(broken.stderr, /\.newsproofrc\.yaml:\d+:\d+: YAML 语法错误/);
	});

	it('lints globs and honours .newsproofignore from the command line', () => {
		const dir = drafts();
		writeFileSync(join(dir, '.newsproofignore'), 'b.txt\n');
		const r = run(['lint', '-f', 'json', '*.txt'], { cwd: dir });
		assert.deepEqual(
			JSON.parse(r.stdout).map((x: { file: string }) => x.file),
			['a.txt', 'clean.txt'],
		);
		const all = run(['lint', '-f', 'json', '--no-ignore', '*.txt'], { cwd: dir });
		assert.deepEqual(
			JSON.parse(all.stdout).map((x: { file: string }) => x.file),
			['a.txt', 'b.txt', 'clean.txt'],
		);
	});
});
