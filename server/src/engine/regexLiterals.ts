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

/** What the analysis knows of one pattern; null where it knows nothing. */
export interface PatternFacts {
	/** Strings one of which every match (or its lookaround) contains. */
	gate: string[] | null;
	/** A lookahead on the first character, for a pattern that opens with a lookbehind (see leadOf). */
	lead: string | null;
}

/** Answers so far by flags and source; the build stores those of the shipped rules (compiledYaml). */
export const literalMemo = new Map<string, PatternFacts>();

function factsOf(source: string, flags: string): PatternFacts {
	const key = `${flags}\u0000${source}`;
	let known = literalMemo.get(key);
	if (known === undefined) {
		known = analyse(source, flags);
		literalMemo.set(key, known);
	}
	return known;
}

/** A set of strings one of which every match (or its lookaround) contains; undefined: none known. */
export function requiredLiterals(source: string, flags = 'u'): string[] | undefined {
	return factsOf(source, flags).gate ?? undefined;
}

/**
 * The source to run: the pattern itself, or, when it opens with a lookbehind, the pattern
 * behind a lookahead on the characters a match can start with. The lookahead changes no
 * match, but it lets V8 skip ahead to those characters; a leading lookbehind otherwise
 * makes it try the pattern at every position (four to five times slower on news text).
 */
export function runnableSource(source: string, flags = 'u'): string {
	const lead = factsOf(source, flags).lead;
	return lead ? `${lead}(?:${source})` : source;
}

function analyse(source: string, flags: string): PatternFacts {
	let pattern;
	try {
		// Loaded on first use: the shipped patterns' answers come from the build (compiledYaml).
		const { RegExpParser } = require('@eslint-community/regexpp') as { RegExpParser: typeof Parser };
		pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, {
			unicode: flags.includes('u'),
			unicodeSets: flags.includes('v'),
		});
	} catch {
		return { gate: null, lead: null };
	}
	const need = flags.includes('i') ? undefined : union(pattern.alternatives.map(alternativeNeed));
	return {
		gate: need && need.length && need.every((s) => s.length > 0) ? [...new Set(need)] : null,
		lead: leadOf(pattern.alternatives) ?? null,
	};
}

/**
 * `(?=a|[bc]|\p{Script=Han})` listing what each alternative's first consumed character can
 * be, when some alternative opens with a lookbehind; undefined when there is none or when a
 * first character cannot be named (an optional start, a back-reference, an empty branch).
 */
function leadOf(alternatives: Alternative[]): string | undefined {
	const seen = { lookbehind: false };
	const firsts: string[] = [];
	for (const alt of alternatives) {
		const first = firstAtoms(alt.elements, seen);
		if (!first) return undefined;
		firsts.push(...first);
	}
	return seen.lookbehind && firsts.length ? `(?=${[...new Set(firsts)].join('|')})` : undefined;
}

/** The source text of the atoms one of which a match of `elements` starts with. */
function firstAtoms(elements: Element[], seen: { lookbehind: boolean }): string[] | undefined {
	for (const el of elements) {
		switch (el.type) {
			case 'Assertion':
				// Zero-width: the first consumed character comes after it.
				if (el.kind === 'lookbehind') seen.lookbehind = true;
				continue;
			case 'Character':
			case 'CharacterClass':
			case 'CharacterSet':
				return [el.raw];
			case 'Group':
			case 'CapturingGroup': {
				// (?i:a) matches A too; its atoms would not outside the group.
				if (el.type === 'Group' && el.modifiers) return undefined;
				const all: string[] = [];
				for (const alt of el.alternatives) {
					const first = firstAtoms(alt.elements, seen);
					if (!first) return undefined;
					all.push(...first);
				}
				return all;
			}
			case 'Quantifier':
				return el.min >= 1 ? firstAtoms([el.element], seen) : undefined;
			default:
				return undefined;
		}
	}
	// Only assertions, or nothing: the branch can match the empty string.
	return undefined;
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
