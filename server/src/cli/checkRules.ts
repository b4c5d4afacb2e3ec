import { dirname, join, relative } from 'node:path';
import { applyFixes, type CompiledRule, type Engine, type Finding } from '../engine';

// `newsproof lint --check-rules [PATH]`: runs the examples of a newsroom's own rules (the
// ruleFiles of the config that applies at PATH) as the test suite runs the shipped ones.
// Each bad example must fire its rule, and fix to `fixed` where one is given; each good
// example must stay clean under the whole rule set, with the desk's config (levels, style,
// words) applied.

export interface ExampleFailure {
	file: string;
	line: number;
	id: string;
	message: string;
}

export interface ExampleReport {
	rules: number;
	examples: number;
	failures: ExampleFailure[];
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.message}`).join('；');

/** Runs the examples of every rule not shipped with newsproof that applies to drafts at `at`. */
export function checkRuleExamples(engine: Engine, at: string, configFile?: string): ExampleReport {
	const config = engine.configFor(at, { configFile });
	const own = engine.rulesetFor(config).rules.filter((r) => !r.meta.trusted);
	// Examples are linted as a draft in the folder would be, with its config.
	const draft = join(dirname(at), 'newsproof-example.txt');
	const lint = (text: string) => engine.lintFile(draft, text, { configFile }).findings;
	const report: ExampleReport = { rules: own.length, examples: 0, failures: [] };
	const fail = (rule: CompiledRule, message: string) => report.failures.push({ file: rule.meta.file, line: rule.meta.line, id: rule.meta.id, message });
	for (const rule of own) {
		const { id, examples } = rule.meta;
		for (const bad of examples.bad) {
			report.examples++;
			const hits = lint(bad.text).filter((f) => f.ruleId === id);
			if (!hits.length) {
				fail(rule, `反例“${bad.text}”没有报出本规则`);
				continue;
			}
			if (bad.fixed === undefined) continue;
			const fixed = applyFixes(bad.text, hits).text;
			if (fixed !== bad.fixed) fail(rule, `反例“${bad.text}”修正后是“${fixed}”，不是 fixed 写的“${bad.fixed}”`);
		}
		for (const good of examples.good) {
			report.examples++;
			const found = lint(good);
			if (found.length) fail(rule, `正例“${good}”报出了问题：${shown(found)}`);
		}
	}
	return report;
}

/** The report as the command line prints it: one line per failure, then a summary. */
export function formatExampleReport(report: ExampleReport, cwd: string): string {
	const lines = report.failures.map((f) => `${relative(cwd, f.file) || f.file}:${f.line}: ${f.id}：${f.message}`);
	if (!report.rules) lines.push('没有本报规则可核对：配置文件的 ruleFiles 未列出规则文件');
	else if (!report.failures.length) lines.push(`本报规则 ${report.rules} 条、例句 ${report.examples} 句，全部通过`);
	else lines.push(`本报规则 ${report.rules} 条、例句 ${report.examples} 句，${report.failures.length} 处不符`);
	return lines.join('\n') + '\n';
}
