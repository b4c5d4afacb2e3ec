import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtinRuleFiles, builtinRulesDir, lintText, loadRuleset, parseDraft } from '../../server/src/engine';
import { requiredLiterals, runnableSource } from '../../server/src/engine/regexLiterals';
import { compileUserPattern } from '../../server/src/engine/safeRegex';

// A pattern rule runs only in paragraphs holding one of its required literals. The gate must
// never hide a match: wherever the pattern matches, one of its literals is in the text.

const root = join(builtinRulesDir(), '..');
const seed = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
const ruleset = loadRuleset(builtinRuleFiles());

describe('required literals of a pattern', () => {
	const cases: [string, string[] | undefined][] = [
		['(?<=(?:银行|储户)[^。]{0,10})挤对', ['挤对']],
		['(?<![洲美])((?:祖国)?大陆)地区', ['大陆地区']],
		['十九届[一二三四五六七]中全会', ['十九届']],
		['截止(?:目前|今年)', ['截止']],
		['(?:新的|新)阶层人士', ['阶层人士']],
		['[0-9]+号', ['号']],
		['甲|乙丙', ['甲', '乙丙']],
		['(?:本报讯|本报记者)[:：]', ['本报讯', '本报记者']],
		['\\d+[-－]\\d+', ['-', '－']],
		['𠮷+', ['𠮷']],
		// Nothing certain: the pattern can match without any fixed text.
		['[一-龥]{2}', undefined],
		['a?b?', undefined],
		['(?:甲|\\d)乙?', undefined],
	];
	for (const [source, expected] of cases) {
		it(`${source} -> ${expected ? expected.join(' | ') : 'none'}`, () => {
			assert.deepEqual(requiredLiterals(source), expected);
		});
	}

	it('gives up on case-insensitive patterns and invalid ones', () => {
		assert.equal(requiredLiterals('abc', 'iu'), undefined);
		assert.equal(requiredLiterals('(unclosed', 'u'), undefined);
	});

	it('most shipped patterns have a gate', () => {
		const patterned = ruleset.rules.filter((r) => r.meta.kind === 'pattern');
		const gated = patterned.filter((r) => r.gate);
		assert.ok(gated.length >= patterned.length * 0.9, `${gated.length} of ${patterned.length}`);
	});
});

describe('a pattern that opens with a lookbehind', () => {
	// V8 tries such a pattern at every position; behind a lookahead on its first characters
	// it skips ahead. The lookahead must name every character a match can start with.
	const cases: [string, string][] = [
		['(?<![0-9])[0-9]{4}年', '(?=[0-9])(?:(?<![0-9])[0-9]{4}年)'],
		['(?<=\\p{Script=Han}) (?=\\d)', '(?= )(?:(?<=\\p{Script=Han}) (?=\\d))'],
		['(?<!自)(?:觉|愿)', '(?=觉|愿)(?:(?<!自)(?:觉|愿))'],
		['(?<!a)b|c', '(?=b|c)(?:(?<!a)b|c)'],
		['(?<!a)(?:[1-9]+|二十)个', '(?=[1-9]|二)(?:(?<!a)(?:[1-9]+|二十)个)'],
		// Left as written: no lookbehind first, an optional start, an empty branch, a modifier.
		['[0-9]{4}年', '[0-9]{4}年'],
		['(?<!a)b?c', '(?<!a)b?c'],
		['(?<!a)(?:b|)', '(?<!a)(?:b|)'],
		['(?<!a)(?i:b)', '(?<!a)(?i:b)'],
	];
	for (const [source, expected] of cases) {
		it(`${source} runs as ${expected}`, () => {
			assert.equal(runnableSource(source), expected);
		});
	}

	it('finds exactly the matches of the pattern as written (every shipped pattern, examples and sample page)', () => {
		const texts = [seed, ...ruleset.rules.flatMap((r) => [...r.meta.examples.bad.map((b) => b.text), ...r.meta.examples.good])].join('\n');
		let led = 0;
		for (const rule of ruleset.rules) {
			const find = rule.meta.kind === 'pattern' || rule.meta.kind === 'banned' ? findOf(rule.meta.id) : undefined;
			if (!find || runnableSource(find) === find) continue;
			led++;
			const plain = [...texts.matchAll(new RegExp(find, 'gu'))].map((m) => `${m.index}:${m[0]}:${m.slice(1).join(',')}`);
			const fast = [...texts.matchAll(new RegExp(runnableSource(find), 'gu'))].map((m) => `${m.index}:${m[0]}:${m.slice(1).join(',')}`);
			assert.deepEqual(fast, plain, rule.meta.id);
		}
		assert.ok(led >= 40, `${led} shipped patterns run behind a lookahead`);
	});
});

describe('gated rules', () => {
	// Every example sentence of every rule and every paragraph of the sample page.
	const texts = [
		...ruleset.rules.flatMap((r) => [...r.meta.examples.bad.map((b) => b.text), ...r.meta.examples.good]),
		...parseDraft(seed).paragraphs.map((p) => p.text),
	];

	it('never hide a match of their pattern (every example and sample paragraph)', () => {
		let checked = 0;
		for (const rule of ruleset.rules) {
			const find = (rule.meta.kind === 'pattern' || rule.meta.kind === 'banned') && rule.gate ? findOf(rule.meta.id) : undefined;
			if (!find) continue;
			const re = compileUserPattern(find, { trusted: true });
			for (const text of texts) {
				if (re.exec(text).length) {
					checked++;
					assert.ok(
						rule.gate!.some((g) => text.includes(g)),
						`${rule.meta.id} matches “${text}” without any of ${rule.gate!.join('、')}`,
					);
				}
			}
		}
		assert.ok(checked > 100, `${checked} matches checked`);
	});

	it('report the same findings as running every check everywhere', () => {
		const drafts = [seed, ...ruleset.rules.flatMap((r) => r.meta.examples.bad.map((b) => b.text))];
		const gated = drafts.map((text) => lintText(text, { ruleset }).findings);
		const gates = ruleset.rules.map((r) => r.gate);
		try {
			// lintText without caches plans afresh: the rules run ungated.
			for (const r of ruleset.rules) r.gate = undefined;
			drafts.forEach((text, i) => assert.deepEqual(lintText(text, { ruleset }).findings, gated[i], text.slice(0, 40)));
		} finally {
			ruleset.rules.forEach((r, i) => (r.gate = gates[i]));
		}
	});
});

/** The regular expression of a shipped rule, read back from its YAML entry. */
const patterns = new Map<string, string>();
for (const file of builtinRuleFiles()) {
	for (const entry of (parse(readFileSync(file, 'utf8')) as { rules: { id: string; find?: unknown; pattern?: unknown }[] }).rules) {
		const source = entry.pattern ?? entry.find;
		if (typeof source === 'string') patterns.set(entry.id, source);
	}
}
function findOf(id: string): string | undefined {
	return patterns.get(id);
}
