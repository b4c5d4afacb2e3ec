import type { ResolvedConfig } from './config';
import { closest } from './editDistance';
import type { IgnoreLists } from './ignore';
import { loadPeople } from './kinds/match/people';
import { configRuleIds } from './kinds/support/configRules';
import type { Ruleset } from './ruleset';
import type { ConfigProblem } from './types';

// What is wrong with the files that configure a lint, judged without linting: the command
// line asks before it lints anything, so that a config with a mistake stops the run instead
// of silently linting with defaults. Also the one check that needs the rule set: every key
// under `rules:` must be a rule id or a family prefix (TYP), so that a misspelt id (TYP-05)
// is an error rather than a switch that switches nothing.

/** Rule ids and family prefixes of a rule set, made once per rule set. */
const namesOf = new WeakMap<Ruleset, { ids: Set<string>; families: Set<string> }>();

function names(ruleset: Ruleset): { ids: Set<string>; families: Set<string> } {
	let known = namesOf.get(ruleset);
	if (!known) {
		const ids = new Set([...ruleset.byId.keys(), ...configRuleIds]);
		const families = new Set([...ids].map((id) => id.split('-')[0]));
		known = { ids, families };
		namesOf.set(ruleset, known);
	}
	return known;
}

/** A problem for each key of `rules:` that names no rule and no family, with the nearest id as a suggestion. */
export function unknownRuleIds(config: Pick<ResolvedConfig, 'ruleKeys'>, ruleset: Ruleset): ConfigProblem[] {
	const { ids, families } = names(ruleset);
	const problems: ConfigProblem[] = [];
	for (const place of config.ruleKeys) {
		if (ids.has(place.key) || families.has(place.key)) continue;
		const near = closest(place.key, ids) ?? closest(place.key, families);
		problems.push({
			file: place.file,
			line: place.line,
			column: place.column,
			message: `rules：没有编号为“${place.key}”的规则，也没有这个规则族${near ? `。您是否想写“${near}”？` : '（newsproof lint --list-rules 列出全部规则）'}`,
		});
	}
	return problems;
}

/**
 * Every problem of the files that configure linting the draft at `path`: its config files,
 * the rule and people files they name, the keys under `rules:`, and the ignore list.
 */
export function problemsOf(config: ResolvedConfig, ruleset: Ruleset, path: string | undefined, ignores: IgnoreLists): ConfigProblem[] {
	const people = config.people.length ? loadPeople(config.people).problems : [];
	const ignoreFile = path ? ignores.find(path) : undefined;
	const ignore = ignoreFile ? ignores.read(ignoreFile).problems : [];
	return [...config.problems, ...ruleset.problems, ...unknownRuleIds(config, ruleset), ...people, ...ignore];
}
