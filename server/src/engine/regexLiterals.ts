import type { RegExpParser as Parser } from '@eslint-community/regexpp';
import type { Alternative, Element, Node } from '@eslint-community/regexpp/ast';

// Most rule patterns can only match where some literal occurs: `(?<=银行[^。]{0,10})挤对`
// needs 挤对, `((?:祖国)?大陆)地区` needs 大陆地区. A paragraph without any of a pattern's
// required literals cannot match, and one automaton pass over the paragraph tells which
// patterns may. The analysis is conservative: whenever a part of the pattern could match
// without a known literal, the answer is "no gate", and the pattern always runs.

/** At most this many alternatives in one gate; beyond it a gate filters little. */
const maxGateTerms = 64;

type Need = string[] | undefined;

/** Answers so far by flags and source; the build stores those of the shipped rules (compiledYaml). */
export const literalMemo = new Map<string, string[] | null>();

/** A set of strings one of which every match (or its lookaround) contains; undefined: none known. */
export function requiredLiterals(source: string, flags = 'u'): string[] | undefined {
	const key = `${flags}\u0000${source}`;
	let known = literalMemo.get(key);
	if (known === undefined) {
		known = analyse(source, flags) ?? null;
		literalMemo.set(key, known);
	}
	return known ?? undefined;
}

function analyse(source: string, flags: string): string[] | undefined {
	if (flags.includes('i')) {
		return undefined;
	}
	let pattern;
	try {
		// Loaded on first use: the shipped patterns' answers come from the build (compiledYaml).
		const { RegExpParser } = require('@eslint-community/regexpp') as { RegExpParser: typeof Parser };
		pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
	} catch {
		return undefined;
	}
	const need = union(pattern.alternatives.map(alternativeNeed));
	return need && need.length && need.every((s) => s.length > 0) ? [...new Set(need)] : undefined;
}

function union(needs: Need[]): Need {
	const all: string[] = [];
	for (const n of needs) {
		if (!n) return undefined;
		all.push(...n);
	}
	return all.length <= maxGateTerms ? all : undefined;
}

/** Longer shortest member first (rarer in text), then fewer members. */
function better(a: string[], b: string[] | undefined): boolean {
	if (!b) return true;
	const la = Math.min(...a.map((s) => s.length));
	const lb = Math.min(...b.map((s) => s.length));
	return la > lb || (la === lb && a.length < b.length);
}

function alternativeNeed(alt: Alternative): Need {
	let best: string[] | undefined;
	let run = '';
	const offer = (need: Need) => {
		if (need && need.length && better(need, best)) best = need;
	};
	const endRun = () => {
		if (run) offer([run]);
		run = '';
	};
	for (const el of flatten(alt.elements)) {
		const literal = singleChar(el);
		if (literal !== undefined) {
			run += literal;
			continue;
		}
		if (el.type === 'Assertion') {
			// Zero-width: the characters on either side stay adjacent in the text. A positive
			// lookaround must also hold, so what it needs is needed too.
			if ((el.kind === 'lookahead' || el.kind === 'lookbehind') && !el.negate) {
				offer(union(el.alternatives.map(alternativeNeed)));
			}
			continue;
		}
		endRun();
		offer(elementNeed(el));
	}
	endRun();
	return best;
}

/** A group with one alternative is read as part of the sequence around it: ((?:祖国)?大陆)地区. */
function flatten(elements: Element[]): Element[] {
	return elements.flatMap((el) =>
		(el.type === 'Group' || el.type === 'CapturingGroup') && el.alternatives.length === 1 ? flatten(el.alternatives[0].elements) : [el],
	);
}

/** The one character an element always matches, if it is that simple. */
function singleChar(el: Element): string | undefined {
	if (el.type === 'Character') {
		return String.fromCodePoint(el.value);
	}
	if (el.type === 'CharacterClass' && !el.negate && el.elements.length === 1 && el.elements[0].type === 'Character') {
		return String.fromCodePoint(el.elements[0].value);
	}
	return undefined;
}

function elementNeed(el: Node): Need {
	switch (el.type) {
		case 'Group':
		case 'CapturingGroup':
			return union(el.alternatives.map(alternativeNeed));
		case 'Quantifier':
			return el.min >= 1 ? elementNeed(el.element) : undefined;
		case 'Character':
			return [String.fromCodePoint(el.value)];
		case 'CharacterClass': {
			if (el.negate || !el.elements.every((e) => e.type === 'Character')) return undefined;
			return el.elements.map((e) => String.fromCodePoint((e as { value: number }).value));
		}
		default:
			return undefined;
	}
}
