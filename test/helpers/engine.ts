import {
	addRuleText,
	type Config,
	type ConfigProblem,
	Engine,
	type FileLintOptions,
	type FileLintResult,
	type Finding,
	lintText,
	type ResolvedConfig,
	type Ruleset,
	type Segmenter,
} from '../../server/src/engine';
import { emptyRuleset } from '../../server/src/engine/ruleset';
import { applyFixes } from '../../server/src/engine/fixes';

// Small helpers that run the real engine (real rule files, real segmenter) and describe
// findings by the text they flag, since counting columns in Chinese by hand is error-prone.

/** One engine for the test process, as an editor session holds one for as long as it runs. */
export const testEngine = new Engine();
export const sharedSegmenter: Segmenter = testEngine.segmenter;

/** Lints a draft with the config of its path; word rules run when a segmenter is passed. */
export function lintFile(path: string | undefined, text: string, options: FileLintOptions & { segmenter?: Segmenter } = {}): FileLintResult {
	const { segmenter, ...rest } = options;
	return testEngine.lintFile(path, text, { ...rest, words: segmenter !== undefined });
}

export const configFor = (path: string | undefined, options?: Pick<FileLintOptions, 'overrides' | 'configFile' | 'workspaceFiles'>): ResolvedConfig =>
	testEngine.configFor(path, options);
export const configProblems = (path: string | undefined, options?: Pick<FileLintOptions, 'overrides' | 'configFile' | 'workspaceFiles'>): ConfigProblem[] =>
	testEngine.configProblems(path, options);
export const rulesetFor = (config: Pick<Config, 'ruleFiles'>): Ruleset => testEngine.rulesetFor(config);

export function rulesetFromYaml(yaml: string, file = 'test.yaml'): Ruleset {
	const ruleset = emptyRuleset();
	addRuleText(ruleset, yaml, file);
	return ruleset;
}

export function lintWith(ruleset: Ruleset, text: string): Finding[] {
	sharedSegmenter.addWords(ruleset.words);
	return lintText(text, { ruleset, segmenter: sharedSegmenter }).findings;
}

/** Findings as { at, fix } pairs: the flagged source text and the text after the preferred fix. */
export function describeFindings(text: string, findings: Finding[]): { id: string; at: string; fix?: string }[] {
	return findings.map((f) => {
		const out: { id: string; at: string; fix?: string } = { id: f.ruleId, at: f.text };
		if (f.fixes.length) {
			out.fix = applyFixes(text, [f], { certainOnly: false }).text;
		}
		return out;
	});
}

export function fixAll(text: string, findings: Finding[]): string {
	return applyFixes(text, findings).text;
}
