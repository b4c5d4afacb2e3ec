import { type Category, type Engine, type Level, levelOf, type Ruleset, type Severity, sourceTitle } from '../engine';
import { categoryNames, severityNames } from './report';

// Rule metadata for the formats that explain findings (SARIF, html) and for --list-rules.

export interface RuleInfo {
	id: string;
	category: Category;
	severity: Severity;
	/** The level configured for the folder linted, when it differs from the rule's own. */
	level: Level;
	explain: string;
	source: string[];
	message: string;
	/** Absent when the package names no home page (see ruleHelpUri). */
	helpUri?: string;
}

/**
 * A stable address for a rule's entry, for reports read on other machines: the published
 * reference when the package names its home page, else none (reports then carry the
 * explanation itself). A path on the machine that wrote the report would break elsewhere.
 */
export function ruleHelpUri(ruleId: string): string | undefined {
	const home = (require('../../../package.json') as { homepage?: string }).homepage;
	return home ? `${home.replace(/\/$/, '')}/docs/rules.md#${ruleId.toLowerCase()}` : undefined;
}

export function rulesInfo(ruleset: Ruleset, config: { rules: Record<string, Level>; categories: Partial<Record<Category, Level>> }): Map<string, RuleInfo> {
	const map = new Map<string, RuleInfo>();
	for (const r of [...ruleset.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
		const m = r.meta;
		map.set(m.id, {
			id: m.id,
			category: m.category,
			severity: m.severity,
			level: levelOf(m.id, m.category, m.severity, config),
			explain: m.explain,
			source: m.source.map(sourceTitle),
			message: m.message,
			helpUri: ruleHelpUri(m.id),
		});
	}
	return map;
}

/** The rules that apply to drafts at `path` (built-in plus the config's rule files). */
export function rulesFor(engine: Engine, path: string, configFile?: string): { info: Map<string, RuleInfo>; ruleset: Ruleset } {
	const config = engine.configFor(path, { configFile });
	const ruleset = engine.rulesetFor(config);
	return { info: rulesInfo(ruleset, config), ruleset };
}

export function formatRuleList(info: Map<string, RuleInfo>, json: boolean): string {
	const rules = [...info.values()];
	if (json) {
		return JSON.stringify(rules, null, 2) + '\n';
	}
	const lines = rules.map((r) => {
		const level = r.level === r.severity ? r.severity : `${r.level}（默认 ${r.severity}）`;
		const summary = (r.explain || r.message).split('。')[0].replace(/\s+/g, ' ');
		return `${r.id.padEnd(8)}  ${categoryNames[r.category]}  ${level}  ${summary}${r.helpUri ? `\n          ${r.helpUri}` : ''}`;
	});
	const off = rules.filter((r) => r.level === 'off').length;
	const counts = (['error', 'warning', 'info', 'hint'] as Severity[]).map((s) => `${severityNames[s]} ${rules.filter((r) => r.level === s).length}`).join('，');
	return `${lines.join('\n')}\n共 ${rules.length} 条规则：${counts}${off ? `，关闭 ${off}` : ''}\n`;
}
