import { addRuleText, type Finding, lintText, type Ruleset, sharedSegmenter } from '../../server/src/engine';
import { Automaton } from '../../server/src/engine/automaton';
import { applyFixes } from '../../server/src/engine/fixes';

// Small helpers that run the real engine (real rule files, real segmenter) and describe
// findings by the text they flag, since counting columns in Chinese by hand is error-prone.

export function rulesetFromYaml(yaml: string, file = 'test.yaml'): Ruleset {
	const ruleset: Ruleset = { rules: [], byId: new Map(), automaton: new Automaton(), gates: new Automaton(), problems: [], words: new Set() };
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
