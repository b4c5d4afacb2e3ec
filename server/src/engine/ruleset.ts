import { relative } from 'node:path';
import { Automaton } from './automaton';
import { compiledRulesFile, isBuiltin } from './builtin';
import { DataFileError, readDataFile } from './dataFile';
import { kinds, rulesSchema } from './kinds';
import { oldSubCheck, subCheck } from './kinds/schema';
import { type CompiledRule, type RuleEntry, type RuleMeta, RuleDataError, RulesetMemory } from './rule';
import type { Category, ConfigProblem, Severity } from './types';
import { untouchedCopy } from './compiledYaml';
import { type LoadedYaml, loadedCopy, parseYaml, valueProblems } from './yamlFile';

export interface Ruleset {
	rules: CompiledRule[];
	byId: Map<string, CompiledRule>;
	automaton: Automaton<CompiledRule>;
	/** The gate strings of rules whose checks need one (`CompiledRule.gate`). */
	gates: Automaton<CompiledRule>;
	/** Problems found while loading; the rules that loaded still run. */
	problems: ConfigProblem[];
	/** Terms segmentation must keep whole. */
	words: Set<string>;
	/** What its rules keep between lints. */
	memory: RulesetMemory;
}

/** A rule set with no rules yet. */
export function emptyRuleset(): Ruleset {
	return { rules: [], byId: new Map(), automaton: new Automaton(), gates: new Automaton(), problems: [], words: new Set(), memory: new RulesetMemory() };
}

interface RuleFile {
	family?: string;
	title?: string;
	category?: Category;
	severity?: Severity;
	kind?: string;
	rules: RuleEntry[];
}

/** Reads and compiles rule files; a broken file or entry is reported and skipped, never fatal. */
export function loadRuleset(files: string[], baseDir?: string): Ruleset {
	const ruleset = emptyRuleset();
	for (const file of files) {
		const shown = baseDir ? relative(baseDir, file) || file : file;
		const builtin = isBuiltin(file);
		// A shipped file untouched since the build is taken from its compiled copy unread.
		const copy = builtin ? untouchedCopy(file, compiledRulesFile()) : undefined;
		if (copy) {
			addLoadedRules(ruleset, loadedCopy(copy), shown, true);
			continue;
		}
		let text: string;
		try {
			text = readDataFile(file);
		} catch (err) {
			const line = err instanceof DataFileError ? err.line : 0;
			ruleset.problems.push({ file: shown, line, column: line ? 1 : 0, message: `无法读取规则文件：${(err as Error).message}` });
			continue;
		}
		addRuleText(ruleset, text, shown, builtin);
	}
	return ruleset;
}

export function addRuleText(ruleset: Ruleset, text: string, file: string, trusted = false): void {
	// Each rule is judged on its own: one broken entry is reported, the rest of its file loads.
	const { loaded, problems, broken, fromCopy } = parseYaml(text, file, rulesSchema, { compiled: trusted ? compiledRulesFile() : undefined, entries: 'rules' });
	ruleset.problems.push(...problems);
	if (loaded) {
		addLoadedRules(ruleset, loaded, file, trusted, broken, !fromCopy);
	}
}

/** An entry's parameters, with the sub-check under its current name (warning where the old one is written). */
function renamedParams(raw: RuleEntry, file: string, at: () => { line: number; column: number }, problems: ConfigProblem[]): RuleEntry {
	if (raw[oldSubCheck] === undefined) return raw;
	const { [oldSubCheck]: old, ...entry } = raw;
	if (entry[subCheck] === undefined) entry[subCheck] = old;
	problems.push({ file, ...at(), severity: 'warning', message: `${raw.id}：字段“${oldSubCheck}”已改名为“${subCheck}”，请改写（旧写法照常读取）` });
	return entry as RuleEntry;
}

function addLoadedRules(ruleset: Ruleset, loaded: LoadedYaml, file: string, trusted: boolean, broken?: Set<number>, checkParams = false): void {
	const data = loaded.value as RuleFile;
	data.rules.forEach((raw, i) => {
		if (broken?.has(i)) return;
		const where = loaded.locate(['rules', i]);
		const entry: RuleEntry = {
			// Located only when there is something to say: finding a field's place parses the positions.
			...renamedParams(raw, file, () => loaded.locateKey(['rules', i, oldSubCheck]), ruleset.problems),
			kind: raw.kind ?? data.kind ?? 'replace',
			category: raw.category ?? data.category ?? 'typo',
			severity: raw.severity ?? data.severity ?? 'warning',
		};
		if (ruleset.byId.has(entry.id)) {
			const first = ruleset.byId.get(entry.id)!.meta;
			ruleset.problems.push({ file, ...where, message: `规则编号 ${entry.id} 重复（已在 ${first.file}:${first.line} 定义）` });
			return;
		}
		const kind = kinds[entry.kind];
		const examples = raw.examples ?? {};
		const meta: RuleMeta = {
			id: entry.id,
			kind: entry.kind,
			category: entry.category,
			severity: entry.severity,
			message: entry.message ?? kind?.defaultMessage ?? '',
			explain: entry.explain ?? '',
			source: entry.source ?? [],
			file,
			line: where.line,
			trusted,
			examples: {
				bad: (examples.bad ?? []).map((b) => (typeof b === 'string' ? { text: b } : b)),
				good: examples.good ?? [],
			},
		};
		if (typeof entry.find === 'string' && entry.kind === 'replace') {
			entry.find = [entry.find];
		}
		// The file's schema knows every parameter; the entry's own kind says which it takes and how.
		const wrong = checkParams && kind ? valueProblems(kind.params, entry)[0] : undefined;
		if (wrong) {
			ruleset.problems.push({ file, ...loaded.locate(['rules', i, ...wrong.path]), message: `${entry.id}：${wrong.message}` });
			return;
		}
		try {
			const rule = kind.compile(entry, meta, ruleset.memory);
			ruleset.rules.push(rule);
			ruleset.byId.set(entry.id, rule);
			for (const term of rule.terms ?? []) {
				ruleset.automaton.add(term, rule);
			}
			for (const term of rule.gate ?? []) {
				ruleset.gates.add(term, rule);
			}
			if (rule.needsWords) {
				for (const term of rule.terms ?? []) {
					ruleset.words.add(term);
				}
			}
			for (const r of [entry.replace].flat()) {
				if (typeof r === 'string' && r.length > 1 && entry.kind === 'replace') {
					ruleset.words.add(r);
				}
			}
		} catch (err) {
			const field = err instanceof RuleDataError && err.field ? loaded.locate(['rules', i, err.field]) : where;
			ruleset.problems.push({ file, ...field, message: `${entry.id}：${(err as Error).message}` });
		}
	});
}
