import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleFiles, builtinRulesDir, loadRuleset } from '../../server/src/engine';
import { Automaton } from '../../server/src/engine/automaton';

// The automaton must find exactly what a plain search for every term finds: each occurrence,
// overlapping ones included, ordered by end and then longest first.

/** Every occurrence of every term by indexOf, in the automaton's order. */
function naive<T>(text: string, terms: [string, T][]): { start: number; end: number; term: string; value: T }[] {
	const found: { start: number; end: number; term: string; value: T; order: number }[] = [];
	terms.forEach(([term, value], order) => {
		for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
			found.push({ start: at, end: at + term.length, term, value, order });
		}
	});
	found.sort((a, b) => a.end - b.end || b.term.length - a.term.length || a.order - b.order);
	return found.map(({ order: _, ...m }) => m);
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

describe('term automaton', () => {
	it('finds overlapping and nested terms, astral characters included', () => {
		const a = new Automaton<string>();
		const terms: [string, string][] = [
			['十九届', 'A'],
			['十九届六中全会', 'B'],
			['六中全会', 'C'],
			['中全', 'D'],
			['𠮷野家', 'E'],
			['野', 'F'],
		];
		for (const [t, v] of terms) a.add(t, v);
		const text = '党的十九届六中全会在𠮷野家召开';
		assert.deepEqual(a.search(text), naive(text, terms));
		assert.deepEqual([...a.present(text)].sort(), ['A', 'B', 'C', 'D', 'E', 'F']);
		assert.deepEqual(a.present('六中全'), ['D']);
		assert.deepEqual(a.search(''), []);
	});

	it('keeps one entry per value when a term is added twice, and ignores the empty term', () => {
		const a = new Automaton<number>();
		a.add('截止', 1);
		a.add('截止', 2);
		a.add('', 3);
		assert.deepEqual(
			a.search('截止目前').map((m) => m.value),
			[1, 2],
		);
		assert.deepEqual(a.present('截止目前'), [1, 2]);
	});

	it('answers again after terms are added between searches', () => {
		const a = new Automaton<number>();
		a.add('再接再励', 1);
		assert.equal(a.search('要再接再励，再接再厉').length, 1);
		a.add('再接再厉', 2);
		assert.deepEqual(
			a.search('要再接再励，再接再厉').map((m) => [m.start, m.value]),
			[
				[1, 1],
				[6, 2],
			],
		);
	});

	/** Random term sets over a small alphabet, each searched in texts of the given lengths. */
	function compareRandom(seed: number, rounds: number, lengths: () => number[]): void {
		const next = random(seed);
		const alphabet = ['的', '地', '得', '党', '中', '全', '会', 'a', '𠮷'];
		const pick = (length: number) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
		for (let round = 0; round < rounds; round++) {
			const terms: [string, number][] = Array.from({ length: 1 + Math.floor(next() * 30) }, (_, i) => [pick(1 + Math.floor(next() * 4)), i]);
			const a = new Automaton<number>();
			for (const [t, v] of terms) a.add(t, v);
			for (const length of lengths()) {
				const text = pick(length);
				const expected = naive(text, terms);
				assert.deepEqual(a.search(text), expected, `round ${round}: ${JSON.stringify(terms)} in ${text.slice(0, 200)}`);
				assert.deepEqual(
					[...a.present(text)].sort((x, y) => x - y),
					[...new Set(expected.map((m) => m.value))].sort((x, y) => x - y),
				);
			}
		}
	}

	it('matches a plain search on 300 random term sets and texts over a small alphabet', () => {
		const next = random(20261127);
		compareRandom(20261127, 300, () => Array.from({ length: 5 }, () => Math.floor(next() * 60)));
	});

	it('matches a plain search after the full transition table is built (long texts)', () => {
		// The table is built once a few hundred thousand code units have been read.
		compareRandom(11, 10, () => [100, 150_000, 150_000, 100, 300]);
	});

	it('matches a plain search with thousands of terms over thousands of characters (too large for a full table)', () => {
		// 3,000 distinct characters and 4,000 names: states times classes is far above the
		// full table's limit, so the transitions are hashed and fail links followed.
		const next = random(7);
		const char = () => String.fromCharCode(0x4e00 + Math.floor(next() * 3000));
		const terms: [string, number][] = Array.from({ length: 4000 }, (_, i) => [char() + char() + (next() < 0.5 ? char() : ''), i]);
		const a = new Automaton<number>();
		for (const [t, v] of terms) a.add(t, v);
		const words = terms.map(([t]) => t);
		for (let k = 0; k < 20; k++) {
			// Text made of term pieces and random characters, so that terms overlap and break off.
			let text = '';
			while (text.length < 400) text += next() < 0.5 ? words[Math.floor(next() * words.length)].slice(Math.floor(next() * 2)) : char();
			const expected = naive(text, terms);
			assert.deepEqual(a.search(text), expected);
			assert.deepEqual(
				[...a.present(text)].sort((x, y) => x - y),
				[...new Set(expected.map((m) => m.value))].sort((x, y) => x - y),
			);
		}
	});

	it('matches a plain search with every shipped rule term on the sample page', () => {
		const ruleset = loadRuleset(builtinRuleFiles());
		const terms: [string, string][] = ruleset.rules.flatMap((r) => (r.terms ?? []).map((t): [string, string] => [t, r.meta.id]));
		const a = new Automaton<string>();
		for (const [t, v] of terms) a.add(t, v);
		const seed = readFileSync(join(builtinRulesDir(), '..', 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
		const text = seed + ruleset.rules.flatMap((r) => r.meta.examples.bad.map((b) => b.text)).join('\n');
		const expected = naive(text, terms);
		assert.ok(expected.length > 100, `${expected.length} occurrences`);
		assert.deepEqual(a.search(text), expected);
	});
});
