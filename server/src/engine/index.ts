// The engine's public surface: text in, findings out. Nothing below this folder imports
// vscode or the language server protocol; the server and the CLI both build on it.
import { dirname, extname } from 'node:path';
import { type Config, findConfigFiles, layerConfig, type ResolvedConfig, resolveConfig, rulesetFor } from './config';
import { lintText, type LintResult } from './lint';
import type { Ruleset } from './ruleset';
import type { Segmenter } from './segmenter';
import { runtimeProblems } from './rule';
import { withConfigRules } from './kinds/support/configRules';
import { withoutAccepted } from './kinds/match/word-pairs';
import type { ConfigProblem } from './types';
import { frozenAnswer } from './fileStamp';
import { filterIgnored } from './ignore';
import { markdownExtensions, maskMarkdown, onProse } from './markdown';

export * from './types';
export { applyFixes, chooseFixEdits } from './fixes';
export { applyOffsetEdits, lintText, lintModel, minimalEdit } from './lint';
export type { LintResult, LintOptions } from './lint';
export { parseDraft } from './textModel';
export { LineIndex } from './lineIndex';
export { Segmenter, sharedSegmenter } from './segmenter';
export { adoptJiebaModule, shareableJiebaModule } from './jieba/runtime';
export { loadRuleset, addRuleText } from './ruleset';
export { builtinRuleFiles, builtinRulesDir, sourceTitle } from './builtin';
export type { Ruleset } from './ruleset';
export { resolveConfig, findConfigFiles, emptyConfig, levelOf, defaultExtensions, wordExtensions, configFileNames, rulesetFor } from './config';
export { findIgnoreFile, ignoreEntryFor, ignoreFilePath } from './ignore';
export type { IgnoreEntry } from './ignore';
export { categoryNames, severityNames } from './names';
export type { CompiledRule } from './rule';
export { freezeFileLookups } from './fileStamp';
export { sharedModel } from './lm/loader';
export { readModelFile } from './lm/format';
export { buildOverlay, type OverlayInfo } from './lm/overlay';
export type { Config, ResolvedConfig, Level } from './config';

export interface FileLintOptions {
	segmenter?: Segmenter;
	/** Settings layered over the config files (editor settings, CLI flags). */
	overrides?: Partial<Config>;
	/** An explicit config file replaces the search up from the draft. */
	configFile?: string;
	maxFindings?: number;
	/** See LintOptions.reuse: false for batch runs over many files. */
	reuse?: boolean;
	/**
	 * False in a workspace the user has not trusted: its config files and ignore list are not
	 * read, and the built-in rules run with the given overrides only. Default true.
	 */
	workspaceFiles?: boolean;
	/** Lint only the prose of a Markdown draft (see markdown.ts). Default: by the file's extension. */
	markdown?: boolean;
}

export interface FileLintResult extends LintResult {
	config: ResolvedConfig;
	ruleset: Ruleset;
	/** Problems in config or rule files that apply to this draft. */
	problems: ConfigProblem[];
}

function parseDate(value: string | undefined): Date | undefined {
	if (!value) return undefined;
	const d = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

export function configFor(path: string | undefined, options: Pick<FileLintOptions, 'overrides' | 'configFile' | 'workspaceFiles'> = {}): ResolvedConfig {
	const files = () => (options.workspaceFiles === false ? [] : options.configFile ? [options.configFile] : path ? findConfigFiles(dirname(path)) : []);
	const o = options.overrides;
	if (!o) {
		// In a command-line run every draft of a folder shares one answer.
		const key = `config\u0000${options.configFile ?? ''}\u0000${options.configFile || !path ? '' : dirname(path)}`;
		return frozenAnswer(key, () => resolveConfig(files()));
	}
	// Editor settings over the files; the file extensions to check stay the files' own.
	const config = resolveConfig(files());
	layerConfig(config, o);
	return config;
}

/**
 * Lints one draft with the config that applies to its path. The findings leave out the
 * occurrences a desk chose to ignore (.newsproof/ignore.yaml) and typo findings on the house
 * words; `problems` lists what was wrong with the config, rule and ignore files.
 */
export function lintFile(path: string | undefined, text: string, options: FileLintOptions = {}): FileLintResult {
	const config = configFor(path, options);
	const ruleset = withConfigRules(rulesetFor(config), config);
	if (options.segmenter) {
		options.segmenter.addWords(ruleset.words);
		options.segmenter.addWords(config.words);
		options.segmenter.addWords([...config.typos.map((t) => t.find), ...config.accept]);
	}
	const markdown = options.markdown ?? (path !== undefined && markdownExtensions.includes(extname(path).toLowerCase()));
	const masked = markdown ? maskMarkdown(text) : undefined;
	const result = lintText(masked?.text ?? text, {
		ruleset,
		config,
		segmenter: options.segmenter,
		maxFindings: options.maxFindings,
		reuse: options.reuse,
		// Markup and accepted words go before the cap, so that they take no place under it.
		filter:
			masked || config.accept.length
				? (findings, model) => {
						const prose = masked ? onProse(findings, masked.spans) : findings;
						return config.accept.length ? withoutAccepted(model.source, prose, config.accept) : prose;
					}
				: undefined,
		ruleOptions: { publicationDate: parseDate(config.publicationDate), style: config.style, staff: config.staff, people: config.people, typos: config.typos, path, lmOverlay: config.lmOverlay },
	});
	const timeouts = runtimeProblems.splice(0);
	const kept = filterIgnored(options.workspaceFiles === false ? undefined : path, text, result.findings, config.words);
	return { ...result, findings: kept.findings, config, ruleset, problems: [...config.problems, ...ruleset.problems, ...timeouts, ...kept.problems] };
}
