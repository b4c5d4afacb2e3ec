import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRuleFiles, configFor, defaultExtensions, type Finding, lintFile, loadRuleset, sharedSegmenter, type Severity } from './engine';
import { rulesReference } from './docs';
import { collectDrafts } from './io/walk';
import { readDraft } from './io/readDraft';

// `newsproof lint PATH...`: the engine over files and folders, for the night desk and CI.
// Exit status: 0 clean, 1 findings at warning level or above, 2 usage or config error.

const usage = `用法：
  newsproof lint [选项] <文件或目录>...   检查文稿
  newsproof docs [--output FILE]          生成规则说明（Markdown）
  newsproof --version

lint 选项：
  -f, --format <stylish|json>   输出格式，默认 stylish（每行：文件:行:列  级别  规则  说明）
  -c, --config <FILE>           使用指定配置文件，不再向上查找 .newsproofrc.yaml
  -o, --output <FILE>           把结果写入文件
      --max-findings <N>        每个文件最多列出的问题数，默认 1000
  -h, --help                    显示本帮助`;

const severityNames: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };

interface FileReport {
	file: string;
	diagnostics: Finding[];
	characters: number;
	skipped?: string;
}

function countCharacters(text: string): number {
	let n = 0;
	for (const ch of text) {
		if (!/\s/.test(ch)) n++;
	}
	return n;
}

function oneLine(text: string): string {
	return text.replace(/\r\n|\r|\n/g, '⏎');
}

export function formatStylish(reports: FileReport[]): string {
	const out: string[] = [];
	const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
	let characters = 0;
	for (const r of reports) {
		characters += r.characters;
		if (r.skipped) {
			out.push(`${r.file}:1:1  error  newsproof-io  ${r.skipped}`);
			totals.error++;
			continue;
		}
		for (const d of r.diagnostics) {
			totals[d.severity]++;
			const text = d.text ? `  原文：“${oneLine(d.text)}”` : '';
			out.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.ruleId}  ${d.message}${text}`);
		}
	}
	const total = totals.error + totals.warning + totals.info + totals.hint;
	const rate = characters ? ((total * 10000) / characters).toFixed(1) : '0.0';
	out.push(
		`共 ${total} 处：${(Object.keys(totals) as Severity[]).map((s) => `${severityNames[s]} ${totals[s]}`).join('，')}；` +
			`${reports.length} 个文件，${characters} 字，每万字 ${rate} 处`,
	);
	return out.join('\n') + '\n';
}

/** The JSON contract: one array of { file, diagnostics }, LSP ranges, UTF-16 characters. */
export function formatJson(reports: FileReport[]): string {
	return (
		JSON.stringify(
			reports.map((r) => ({
				file: r.file,
				...(r.skipped ? { skipped: r.skipped } : {}),
				diagnostics: r.diagnostics.map((d) => ({
					ruleId: d.ruleId,
					category: d.category,
					severity: d.severity,
					message: d.message,
					text: d.text,
					range: d.range,
					fixes: d.fixes,
				})),
			})),
			null,
			2,
		) + '\n'
	);
}

function lintCommand(args: string[]): number {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			format: { type: 'string', short: 'f', default: 'stylish' },
			config: { type: 'string', short: 'c' },
			output: { type: 'string', short: 'o' },
			'max-findings': { type: 'string', default: '1000' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(usage + '\n');
		return 0;
	}
	if (!positionals.length) {
		process.stderr.write('newsproof: 请指定要检查的文件或目录\n\n' + usage + '\n');
		return 2;
	}
	if (values.format !== 'stylish' && values.format !== 'json') {
		process.stderr.write(`newsproof: 不支持的输出格式“${values.format}”，可用：stylish、json\n`);
		return 2;
	}
	const maxFindings = Number(values['max-findings']);
	if (!Number.isInteger(maxFindings) || maxFindings < 1) {
		process.stderr.write('newsproof: --max-findings 应为正整数\n');
		return 2;
	}

	const rootConfig = configFor(values.config ?? positionals[0], { configFile: values.config });
	const { files, missing } = collectDrafts(positionals, rootConfig.extensions.length ? rootConfig.extensions : defaultExtensions);
	if (missing.length) {
		process.stderr.write(missing.map((m) => `newsproof: 找不到 ${m}\n`).join(''));
		return 2;
	}

	const reports: FileReport[] = [];
	const configProblems = new Map<string, string>();
	for (const file of files) {
		const shown = relative(process.cwd(), file) || file;
		const draft = readDraft(file);
		if (draft.text === undefined) {
			reports.push({ file: shown, diagnostics: [], characters: 0, skipped: draft.skipped });
			continue;
		}
		const result = lintFile(file, draft.text, { segmenter: sharedSegmenter, configFile: values.config, maxFindings });
		for (const p of result.problems) {
			configProblems.set(`${p.file}:${p.line}:${p.column}`, `${p.file}:${p.line}:${p.column}: ${p.message}`);
		}
		reports.push({ file: shown, diagnostics: result.findings, characters: countCharacters(draft.text) });
	}
	if (sharedSegmenter.error) {
		process.stderr.write(`newsproof: 分词组件不可用，依赖分词的规则未运行：${sharedSegmenter.error.message}\n`);
	}
	if (configProblems.size) {
		process.stderr.write([...configProblems.values()].map((m) => `newsproof: 配置错误 ${m}\n`).join(''));
	}

	const output = values.format === 'json' ? formatJson(reports) : formatStylish(reports);
	if (values.output) {
		writeFileSync(values.output, output);
	} else {
		process.stdout.write(output);
	}
	if (configProblems.size) {
		return 2;
	}
	const failing = reports.some((r) => r.skipped || r.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
	return failing ? 1 : 0;
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

export function main(argv: string[]): number {
	const [command, ...rest] = argv;
	try {
		switch (command) {
			case 'lint':
				return lintCommand(rest);
			case 'docs':
				return docsCommand(rest);
			case '--version':
			case '-v':
				process.stdout.write(`${require('../../package.json').version}\n`);
				return 0;
			case undefined:
			case '-h':
			case '--help':
				process.stdout.write(usage + '\n');
				return command === undefined ? 2 : 0;
			default:
				process.stderr.write(`newsproof: 未知命令“${command}”\n\n${usage}\n`);
				return 2;
		}
	} catch (err) {
		if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			process.stderr.write(`newsproof: ${(err as Error).message}\n\n${usage}\n`);
			return 2;
		}
		throw err;
	}
}

if (require.main === module) {
	process.exitCode = main(process.argv.slice(2));
}
