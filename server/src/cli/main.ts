import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { builtinRuleFiles, type Category, categories, type ConfigProblem, defaultExtensions, Engine, loadRuleset, stopsRun, wordExtensions } from '../engine';
import { configErrors } from './preflight';
import { initCommand } from './init';
import { checkRuleExamples, formatExampleReport } from './checkRules';
import { rulesReference } from './docs';
import { lmCommand } from './lmAdd';
import { collectDrafts } from '../io/walk';
import { formatHtml } from './html';
import { type FixMode, type JobOptions, type JobResult, runJob } from './job';
import { formatJson } from './json';
import { defaultThreads, runPool, runSerial, type Task } from './pool';
import { ProgressBar } from './progress';
import { type FileReport, terminalSafe, totalsOf } from './report';
import { formatRuleList, rulesFor } from './rules';
import { formatSarif } from './sarif';
import { formatCompact, formatGrouped } from './stylish';

// `newsproof lint PATH...`: the engine over files, folders and globs, for the night desk and
// CI. Exit status: 0 clean, 1 findings at warning level or above (or more warnings than
// --max-warnings allows), 2 usage or config error.

export { formatJson } from './json';
export type { FileReport } from './report';

const usage = `用法：
  newsproof lint [选项] <文件、目录或通配符>...   检查文稿（- 表示标准输入）
  newsproof init [目录]                            在目录（默认当前目录）中创建带注释的 .newsproofrc.yaml
  newsproof docs [--output FILE]                   生成规则说明（Markdown）
  newsproof lm add [-o FILE] <目录>...             把本报稿件统计进语言模型的本地增补文件
  newsproof --version

输出：
  -f, --format <格式>          stylish：按文件分组，带原文和标记（终端上的默认）
                               compact：每行“文件:行:列  级别  规则  说明”（管道和 CI 的默认）
                               json、sarif（SARIF 2.1.0）、html（可打印的校对报告）
  -o, --output <FILE>          把结果写入文件（未给 --format 时按扩展名 .html .sarif .json 选格式）
      --color, --no-color      强制或关闭颜色（默认仅在终端上着色）
  -q, --quiet                  只报告和修正“错误”级别的问题
      --category <类别,...>    只看这些类别：${categories.join('、')}
      --rule <编号或前缀,...>  只看这些规则，如 SPC、POL-501
      --max-warnings <N>       警告超过 N 处时以状态 1 退出（不超过则不算失败）
      --max-findings <N>       每个文件最多列出的问题数，默认 1000

修正：
      --fix                    就地应用确定的修正（保持编码、BOM 与换行），再报告余下问题；
                               Word 文档（.docx）另存为“文件名.newsproof.docx”：修正为修订，其余问题为批注
      --fix-in-place           同 --fix，但 Word 文档的修订和批注直接写入原文档
      --fix-dry-run            只输出统一格式的差异（diff），不改文件

输入与配置：
  -c, --config <FILE>          使用指定配置文件，不再向上查找 .newsproofrc.yaml
      --stdin-filename <名称>  标准输入的文件名（用于查找配置和显示）
      --no-ignore              不读 .gitignore 与 .newsproofignore
      --threads <N|auto>       工作线程数；auto（默认）在 500 个文件或 2 MB 以上时按 CPU 核数开线程池
      --print-config <FILE>    显示对该文件生效的配置（JSON）
      --list-rules             列出规则：编号、类别、级别、说明链接（可配合 --format json）
      --check-rules            核对本报规则（ruleFiles）的例句：反例须报出并修正为 fixed，正例不报
  -h, --help                   显示本帮助

退出状态：0 无问题；1 有错误或警告（或警告超过 --max-warnings）；2 用法或配置错误。
配置、规则、人员名录或忽略清单有错时不检查、不修正任何文件，以状态 2 退出。`;

/**
 * Whether `--threads auto` lints on a pool. A worker's start-up (the dictionary, the rules)
 * costs about a second of CPU, as much as linting a few hundred drafts or a megabyte or two
 * of text: below that, one thread finishes first.
 */
function worthAPool(tasks: Task[]): boolean {
	if (defaultThreads() < 2) return false;
	if (tasks.length >= 500) return true;
	let bytes = 0;
	for (const t of tasks) {
		try {
			bytes += statSync(t.path).size;
		} catch {
			// Reported when the file is read.
		}
	}
	return tasks.length >= 2 && bytes >= 2 * 1024 * 1024;
}

class UsageError extends Error {}

function fail(message: string): never {
	throw new UsageError(message);
}

const formats = ['stylish', 'compact', 'json', 'sarif', 'html'] as const;
type Format = (typeof formats)[number];

function listOption(values: string[] | undefined): string[] {
	return (values ?? []).flatMap((v) => v.split(/[,，\s]+/)).filter(Boolean);
}

function nonNegativeInt(value: string | undefined, name: string, min = 0): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min) {
		fail(`${name} 应为${min > 0 ? '正' : '非负'}整数，收到“${value}”`);
	}
	return n;
}

function showProblems(problems: Iterable<ConfigProblem>): string {
	const seen = new Set<string>();
	for (const p of problems)
		seen.add(`newsproof: ${stopsRun(p) ? '配置错误' : '配置提示'} ${terminalSafe(p.file)}:${p.line}:${p.column}: ${terminalSafe(p.message)}\n`);
	return [...seen].join('');
}

function writeOutput(text: string, output: string | undefined): void {
	if (output) {
		try {
			writeFileSync(output, text);
		} catch (err) {
			fail(`无法写入 ${output}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
		}
	} else {
		process.stdout.write(text);
	}
}

/** A path to look up config from: configs are searched from a draft's folder, so a folder stands for a draft inside it. */
function probe(path: string): string {
	const abs = resolve(path);
	try {
		return statSync(abs).isDirectory() ? join(abs, 'draft.txt') : abs;
	} catch {
		return abs;
	}
}

async function lintCommand(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			format: { type: 'string', short: 'f' },
			config: { type: 'string', short: 'c' },
			output: { type: 'string', short: 'o' },
			'max-findings': { type: 'string', default: '1000' },
			'max-warnings': { type: 'string' },
			quiet: { type: 'boolean', short: 'q' },
			category: { type: 'string', multiple: true },
			rule: { type: 'string', multiple: true },
			fix: { type: 'boolean' },
			'fix-in-place': { type: 'boolean' },
			'fix-dry-run': { type: 'boolean' },
			'stdin-filename': { type: 'string' },
			'no-ignore': { type: 'boolean' },
			threads: { type: 'string', default: 'auto' },
			'print-config': { type: 'string' },
			'list-rules': { type: 'boolean' },
			'check-rules': { type: 'boolean' },
			color: { type: 'boolean' },
			'no-color': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(usage + '\n');
		return 0;
	}
	const cwd = process.cwd();
	// Without --format: the output file's extension says it (report.html, scan.sarif), else a
	// terminal gets stylish and a pipe or file gets compact.
	const extension = values.output?.match(/\.(html?|sarif|json)$/i)?.[1].toLowerCase();
	const byExtension = extension === 'htm' ? 'html' : extension;
	const format = (values.format ?? byExtension ?? (process.stdout.isTTY && !values.output ? 'stylish' : 'compact')) as Format;
	if (!formats.includes(format)) {
		fail(`不支持的输出格式“${values.format}”，可用：${formats.join('、')}`);
	}

	// One engine for the run: config, rule and ignore files stay as they are while it lasts, so
	// the disk is asked once about each.
	const engine = new Engine({ batch: true });
	if (values['print-config'] !== undefined) {
		const file = resolve(values['print-config']);
		const { problems: _own, ruleKeys: _keys, ...config } = engine.configFor(file, { configFile: values.config });
		const problems = engine.configProblems(file, { configFile: values.config });
		writeOutput(JSON.stringify(config, null, 2) + '\n', values.output);
		process.stderr.write(showProblems(problems));
		return problems.length ? 2 : 0;
	}
	const at = probe(positionals[0] && positionals[0] !== '-' ? positionals[0] : (values['stdin-filename'] ?? '.'));
	const rules = rulesFor(engine, at, values.config);
	if (values['list-rules']) {
		writeOutput(formatRuleList(rules.info, format === 'json'), values.output);
		const problems = engine.configProblems(at, { configFile: values.config });
		process.stderr.write(showProblems(problems));
		return problems.length ? 2 : 0;
	}

	if (values['check-rules']) {
		const problems = configErrors(engine, [at], values.config);
		if (problems.length) {
			process.stderr.write(showProblems(problems));
			return 2;
		}
		const report = checkRuleExamples(engine, at, values.config);
		writeOutput(formatExampleReport(report, cwd), values.output);
		return report.failures.length ? 1 : 0;
	}

	if (!positionals.length) {
		fail('请指定要检查的文件、目录或通配符（- 表示标准输入）');
	}
	const maxFindings = nonNegativeInt(values['max-findings'], '--max-findings', 1)!;
	const maxWarnings = nonNegativeInt(values['max-warnings'], '--max-warnings');
	const threads = values.threads === 'auto' ? undefined : nonNegativeInt(values.threads, '--threads', 1);
	const wantedCategories = listOption(values.category);
	for (const c of wantedCategories) {
		if (!(categories as readonly string[]).includes(c)) fail(`未知类别“${c}”，可用：${categories.join('、')}`);
	}
	const wantedRules = listOption(values.rule).map((r) => r.toUpperCase());
	for (const r of wantedRules) {
		if (![...rules.info.keys()].some((id) => id.startsWith(r))) fail(`没有编号为“${r}”或以它开头的规则（newsproof lint --list-rules 列出全部）`);
	}
	if ((values.fix || values['fix-in-place']) && values['fix-dry-run']) {
		fail('--fix 与 --fix-dry-run 只能选一个');
	}
	const fix: FixMode = values.fix || values['fix-in-place'] ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'none';
	const fromStdin = positionals.includes('-');
	if (fromStdin && positionals.length > 1) {
		fail('“-”（标准输入）不能与其他路径同用');
	}
	if (fromStdin && fix === 'write') {
		fail('标准输入不能就地修正；请用 --fix-dry-run 查看修改');
	}

	const options: JobOptions = {
		configFile: values.config,
		maxFindings,
		fix,
		filter: { rules: wantedRules, categories: wantedCategories as Category[], quiet: Boolean(values.quiet) },
		keepSource: format === 'stylish' || format === 'html',
		fixInPlace: Boolean(values['fix-in-place']),
	};

	// A config with a mistake stops the run before anything is linted or fixed (docs/cli.md).
	const stopped = (paths: string[]): boolean => {
		const problems = configErrors(engine, paths, values.config);
		const errors = problems.filter(stopsRun);
		if (!errors.length) return false;
		const nothing = fix === 'write' ? '未检查、未修改任何文件' : '未检查任何文件';
		process.stderr.write(`${showProblems(errors)}newsproof: 配置有 ${errors.length} 处错误，${nothing}；改正后再运行\n`);
		return true;
	};
	let results: JobResult[];
	if (fromStdin) {
		const name = values['stdin-filename'];
		const path = resolve(name ?? '<stdin>');
		if (stopped([path])) return 2;
		results = [runJob(engine, path, name ?? '<stdin>', options, readFileSync(0))];
	} else {
		const rootConfig = engine.configFor(probe(positionals[0]), { configFile: values.config });
		const extensions = rootConfig.extensions.length ? rootConfig.extensions : [...defaultExtensions, ...wordExtensions];
		const { files, missing, unreadable, empty } = collectDrafts(positionals, extensions, { ignoreFiles: !values['no-ignore'], cwd });
		if (missing.length || empty.length) {
			process.stderr.write(missing.map((m) => `newsproof: 找不到 ${terminalSafe(m)}\n`).join(''));
			process.stderr.write(
				empty.map((m) => `newsproof: ${terminalSafe(m)} 中没有要检查的文稿（扩展名 ${extensions.join('、')}，已除去忽略的文件）\n`).join(''),
			);
			return 2;
		}
		const tasks: Task[] = files.map((f) => ({ path: resolve(f), shown: relative(cwd, f) || f, skip: unreadable.get(f) }));
		if (stopped([...positionals.map(probe), ...tasks.map((t) => t.path)])) return 2;
		const progress = ProgressBar.for(process.stderr, tasks.length);
		const poolSize = threads ?? (worthAPool(tasks) ? defaultThreads() : 1);
		results = poolSize > 1 ? await runPool(engine, tasks, options, poolSize, progress.update) : runSerial(engine, tasks, options, progress.update);
		progress.clear();
	}

	const reports: FileReport[] = results.map((r) => r.report);
	const problems = results.flatMap((r) => r.problems);
	const segmenterError = results.find((r) => r.segmenterError)?.segmenterError;
	if (segmenterError) {
		process.stderr.write(`newsproof: 分词组件不可用，依赖分词的规则未运行：${segmenterError}\n`);
	}
	const modelError = results.find((r) => r.modelError)?.modelError;
	if (modelError) {
		process.stderr.write(`newsproof: ${modelError}；TYP-900（语境错别字）未运行，其他规则照常\n`);
	}
	process.stderr.write(showProblems(problems));

	const version = String(require('../../../package.json').version);
	if (fix === 'dry-run') {
		writeOutput(reports.map((r) => r.fix?.diff ?? '').join(''), values.output);
		const changed = reports.filter((r) => r.fix?.diff);
		process.stderr.write(`newsproof: 可修正 ${changed.length} 个文件，共 ${changed.reduce((n, r) => n + (r.fix?.applied ?? 0), 0)} 处（未写入）\n`);
	} else {
		const color = values['no-color'] ? false : values.color || (!values.output && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
		const text =
			format === 'json'
				? formatJson(reports)
				: format === 'sarif'
					? formatSarif(reports, rules.info, { version, cwd })
					: format === 'html'
						? formatHtml(reports, rules.info)
						: format === 'stylish'
							? formatGrouped(reports, { color })
							: formatCompact(reports);
		writeOutput(text, values.output);
	}
	if (fix === 'write') {
		const written = reports.filter((r) => r.fix?.written && !r.fix.writtenTo);
		for (const r of reports) {
			if (r.fix?.error) process.stderr.write(`newsproof: ${terminalSafe(r.file)}: ${r.fix.error}\n`);
			if (r.fix?.writtenTo)
				process.stderr.write(`newsproof: 已写出修订稿 ${terminalSafe(r.fix.writtenTo)}：修订 ${r.fix.changes ?? 0} 处，批注 ${r.fix.comments ?? 0} 条\n`);
		}
		if (written.length) {
			process.stderr.write(`newsproof: 已修正 ${written.length} 个文件，共 ${written.reduce((n, r) => n + (r.fix?.applied ?? 0), 0)} 处\n`);
		}
	}

	if (problems.some(stopsRun)) {
		return 2;
	}
	const t = totalsOf(reports);
	const fixFailed = reports.some((r) => r.fix?.error);
	if (t.bySeverity.error || t.skipped || fixFailed) {
		return 1;
	}
	if (maxWarnings !== undefined) {
		if (t.bySeverity.warning > maxWarnings) {
			process.stderr.write(`newsproof: 警告 ${t.bySeverity.warning} 处，超过 --max-warnings ${maxWarnings}\n`);
			return 1;
		}
		return 0;
	}
	return t.bySeverity.warning ? 1 : 0;
}

function docsCommand(args: string[]): number {
	const { values } = parseArgs({ args, options: { output: { type: 'string', short: 'o' } } });
	const ruleset = loadRuleset(builtinRuleFiles());
	if (ruleset.problems.length) {
		process.stderr.write(ruleset.problems.map((p) => `newsproof: ${p.file}:${p.line}:${p.column}: ${p.message}\n`).join(''));
		return 2;
	}
	const text = rulesReference(ruleset);
	if (values.output) {
		writeFileSync(values.output, text);
	} else {
		process.stdout.write(text);
	}
	return 0;
}

/**
 * V8 settings for a batch run, set by bin/newsproof.js before any linting. A folder run is
 * one long pass over the same code, and V8's default heuristics spend much of it compiling:
 * large functions (the lint loop with its checks inlined) are optimized, thrown away when
 * a new shape of finding turns up, and optimized again, on every thread. A smaller inlining
 * budget keeps each optimization small, and a larger interrupt budget waits for more type
 * feedback before optimizing. Measured in docs/performance.md (the compiler threads' time
 * falls by about half). The editor's server keeps these two defaults.
 */
export function tuneForBatch(): void {
	setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
	setFlagsFromString('--interrupt-budget=300000');
	// Each pattern compiled once, to machine code, instead of interpreted first and compiled again.
	setFlagsFromString('--no-regexp-tier-up');
}

/** parseArgs' English errors, in one Chinese line that points to the help. */
function argumentError(err: NodeJS.ErrnoException, command: string | undefined): string {
	const option = (/(--[\w-]+)/.exec(err.message) ?? /'(-\w)/.exec(err.message))?.[1] ?? '';
	const help = `用 newsproof ${command === 'docs' ? 'docs' : 'lint'} --help 查看全部选项`;
	switch (err.code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
			return `未知选项“${option}”；${help}`;
		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
			return /argument missing/.test(err.message) ? `选项 ${option} 需要一个值；${help}` : `选项 ${option} 不接受值；${help}`;
		case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
			return `多余的参数；${help}`;
		default:
			return `命令行参数有误（${err.message}）；${help}`;
	}
}

/** A reader that stops early (`newsproof lint --list-rules | head`) ends the run quietly. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
	if (stream.listenerCount('error') > 0) return;
	stream.on('error', (err: NodeJS.ErrnoException) => {
		if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw err;
	});
}

export async function main(argv: string[]): Promise<number> {
	quietOnClosedPipe(process.stdout);
	const [command, ...rest] = argv;
	try {
		switch (command) {
			case 'lint':
				return await lintCommand(rest);
			case 'docs':
				return docsCommand(rest);
			case 'lm':
				return await lmCommand(
					rest,
					(t) => process.stdout.write(t),
					(t) => process.stderr.write(t),
				);
			case 'init':
				return initCommand(rest);
			case '--version':
			case '-v':
				process.stdout.write(`${require('../../../package.json').version}\n`);
				return 0;
			case undefined:
			case '-h':
			case '--help':
				process.stdout.write(usage + '\n');
				return command === undefined ? 2 : 0;
			default:
				process.stderr.write(`newsproof: 未知命令“${terminalSafe(command)}”；用 newsproof --help 查看用法\n`);
				return 2;
		}
	} catch (err) {
		if (err instanceof UsageError) {
			process.stderr.write(`newsproof: ${err.message}\n`);
			return 2;
		}
		if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			process.stderr.write(`newsproof: ${argumentError(err as NodeJS.ErrnoException, command)}\n`);
			return 2;
		}
		throw err;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
