import type { RegExpParser as Parser } from '@eslint-community/regexpp';
import type { Alternative, CharacterClass, CharacterClassElement, CharacterSet, Element, Pattern } from '@eslint-community/regexpp/ast';
import type { RE2JS as Re2 } from 're2js';

// A JavaScript pattern written out in RE2 syntax with the same meaning, so that a newsroom's
// pattern can run on a linear-time engine (re2js). The pattern is parsed with regexpp and
// every node written out explicitly where the two dialects differ: JavaScript's \s holds
// the ideographic space and other Unicode spaces, its `.` stops at \r and U+2028/9 as well
// as \n, and \uXXXX, \u{...} and (?<name>) are spelt \x{...} and (?P<name>) in RE2. What RE2
// lacks (lookahead, back-references, captures inside a lookbehind) or spells differently
// (multi-line anchors, case-insensitive \w and \b, set operations) is reported instead, and
// the pattern stays on the backtracking engine.

/** A pattern in RE2 syntax, or the reason it has none. */
export type Re2Translation = { source: string; flags: number } | { reason: string };

class Untranslatable extends Error {}

const maxCodePoint = 0x10ffff;
type Ranges = [number, number][];

/** JavaScript's \s (WhiteSpace and LineTerminator). */
const spaceRanges: Ranges = [
	[0x09, 0x0d],
	[0x20, 0x20],
	[0xa0, 0xa0],
	[0x1680, 0x1680],
	[0x2000, 0x200a],
	[0x2028, 0x2029],
	[0x202f, 0x202f],
	[0x205f, 0x205f],
	[0x3000, 0x3000],
	[0xfeff, 0xfeff],
];
const digitRanges: Ranges = [[0x30, 0x39]];
const wordRanges: Ranges = [
	[0x30, 0x39],
	[0x41, 0x5a],
	[0x5f, 0x5f],
	[0x61, 0x7a],
];
/** What `.` matches without the s flag: anything but a line terminator. */
const dotRanges: Ranges = complement([
	[0x0a, 0x0a],
	[0x0d, 0x0d],
	[0x2028, 0x2029],
]);

function complement(ranges: Ranges): Ranges {
	const out: Ranges = [];
	let next = 0;
	for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
		if (lo > next) out.push([next, lo - 1]);
		next = Math.max(next, hi + 1);
	}
	if (next <= maxCodePoint) out.push([next, maxCodePoint]);
	return out;
}

const hex = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;

function checkCodePoint(cp: number): void {
	// A lone surrogate can be written in JavaScript but never matched by RE2.
	if (cp >= 0xd800 && cp <= 0xdfff) throw new Untranslatable('单独的代理码元');
}

/** A character outside a class: letters, digits and anything beyond ASCII as they are. */
function literal(cp: number): string {
	checkCodePoint(cp);
	return cp > 0x7f || /[0-9A-Za-z]/.test(String.fromCharCode(cp)) ? String.fromCodePoint(cp) : hex(cp);
}

function rangesInClass(ranges: Ranges): string {
	return ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

/** Names RE2 knows for \p{...}, checked against re2js itself (tables differ by version). */
function propertyName(set: CharacterSet & { kind: 'property' }, re2: typeof Re2): string {
	if (set.strings) throw new Untranslatable('字符串属性');
	const key = set.key;
	let name: string;
	if (set.value === null) name = key;
	else if (key === 'Script' || key === 'sc' || key === 'General_Category' || key === 'gc') name = set.value;
	else throw new Untranslatable(`属性 ${key}`);
	try {
		re2.compile(`\\p{${name}}`);
	} catch {
		throw new Untranslatable(`属性 ${name}`);
	}
	return name;
}

class Writer {
	constructor(
		private readonly re2: typeof Re2,
		private readonly flags: { dotAll: boolean; ignoreCase: boolean; multiline: boolean },
		/** Inside a lookbehind, where re2js takes no capture. */
		private readonly inLookbehind = false,
	) {}

	/** Set when the pattern holds a lookbehind: re2js runs those only when asked to. */
	lookbehinds = false;

	pattern(p: Pattern): string {
		return this.alternatives(p.alternatives);
	}

	private alternatives(alts: Alternative[]): string {
		return alts.map((a) => a.elements.map((e) => this.element(e)).join('')).join('|');
	}

	private element(e: Element): string {
		switch (e.type) {
			case 'Character':
				return literal(e.value);
			case 'CharacterSet':
				return this.set(e);
			case 'CharacterClass':
				return this.characterClass(e);
			case 'Group':
				if ((e as { modifiers?: unknown }).modifiers) throw new Untranslatable('修饰符组');
				return `(?:${this.alternatives(e.alternatives)})`;
			case 'CapturingGroup':
				if (this.inLookbehind) throw new Untranslatable('后行断言中的捕获组');
				return `(${e.name ? `?P<${e.name}>` : ''}${this.alternatives(e.alternatives)})`;
			case 'Quantifier': {
				const body = this.element(e.element);
				const { min, max } = e;
				const count =
					max === Infinity ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`) : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
				return `${body}${count}${e.greedy ? '' : '?'}`;
			}
			case 'Assertion':
				switch (e.kind) {
					case 'start':
					case 'end':
						// With m, JavaScript's ^ and $ also stop at \r and U+2028/9; RE2's only at \n.
						if (this.flags.multiline) throw new Untranslatable('多行模式的 ^ 与 $');
						return e.kind === 'start' ? '^' : '$';
					case 'word':
						if (this.flags.ignoreCase) throw new Untranslatable('忽略大小写时的 \\b');
						return e.negate ? '\\B' : '\\b';
					case 'lookahead':
						throw new Untranslatable('先行断言');
					case 'lookbehind': {
						const inner = new Writer(this.re2, this.flags, true);
						this.lookbehinds = true;
						return `(?<${e.negate ? '!' : '='}${inner.alternatives(e.alternatives)})`;
					}
				}
				break;
			case 'Backreference':
				throw new Untranslatable('反向引用');
			case 'ExpressionCharacterClass':
				throw new Untranslatable('字符集运算');
		}
		throw new Untranslatable((e as Element).type);
	}

	/** A character set outside a class. */
	private set(s: CharacterSet): string {
		if (s.kind === 'property') return `\\${s.negate ? 'P' : 'p'}{${propertyName(s, this.re2)}}`;
		if (s.kind === 'any') return this.flags.dotAll ? '(?s:.)' : `[${rangesInClass(dotRanges)}]`;
		return `[${rangesInClass(this.setRanges(s))}]`;
	}

	private setRanges(s: CharacterSet & { kind: 'digit' | 'space' | 'word' }): Ranges {
		if (s.kind === 'word' && this.flags.ignoreCase) throw new Untranslatable('忽略大小写时的 \\w');
		const ranges = s.kind === 'digit' ? digitRanges : s.kind === 'space' ? spaceRanges : wordRanges;
		return s.negate ? complement(ranges) : ranges;
	}

	private characterClass(c: CharacterClass): string {
		if (c.unicodeSets) throw new Untranslatable('v 标志的字符类');
		const parts = c.elements.map((e) => this.classElement(e as CharacterClassElement));
		if (!parts.length) {
			// [] matches nothing and [^] anything.
			return c.negate ? '(?s:.)' : `[^${rangesInClass([[0, maxCodePoint]])}]`;
		}
		return `[${c.negate ? '^' : ''}${parts.join('')}]`;
	}

	private classElement(e: CharacterClassElement): string {
		switch (e.type) {
			case 'Character':
				checkCodePoint(e.value);
				return hex(e.value);
			case 'CharacterClassRange':
				checkCodePoint(e.min.value);
				checkCodePoint(e.max.value);
				return `${hex(e.min.value)}-${hex(e.max.value)}`;
			case 'CharacterSet':
				if (e.kind === 'property') return `\\${e.negate ? 'P' : 'p'}{${propertyName(e, this.re2)}}`;
				return rangesInClass(this.setRanges(e));
		}
		throw new Untranslatable(e.type);
	}
}

let loaded: { parser: typeof Parser; re2: typeof Re2 } | undefined;
function libraries(): NonNullable<typeof loaded> {
	// Loaded on first use: only a newsroom's own patterns are translated.
	loaded ??= {
		parser: (require('@eslint-community/regexpp') as { RegExpParser: typeof Parser }).RegExpParser,
		re2: (require('re2js') as { RE2JS: typeof Re2 }).RE2JS,
	};
	return loaded;
}

/** The RE2JS class (loaded on first use). */
export function re2js(): typeof Re2 {
	return libraries().re2;
}

/**
 * The pattern in RE2 syntax with the same matches, or why it has none. Flags other than
 * u, i, s, m (and g, which changes no match) keep a pattern on the backtracking engine, and
 * so does a pattern without u or v: without them JavaScript matches UTF-16 code units.
 */
export function toRe2(source: string, flags: string): Re2Translation {
	if (!flags.includes('u') || /[^uismg]/.test(flags)) return { reason: `标志 ${flags}` };
	const { parser, re2 } = libraries();
	let pattern: Pattern;
	try {
		pattern = new parser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: true });
	} catch (err) {
		return { reason: (err as Error).message };
	}
	const options = { dotAll: flags.includes('s'), ignoreCase: flags.includes('i'), multiline: flags.includes('m') };
	const writer = new Writer(re2, options);
	let out: string;
	try {
		out = writer.pattern(pattern);
	} catch (err) {
		if (err instanceof Untranslatable) return { reason: err.message };
		throw err;
	}
	const re2Flags = (options.ignoreCase ? re2.CASE_INSENSITIVE : 0) | (writer.lookbehinds ? re2.LOOKBEHINDS : 0);
	return { source: out, flags: re2Flags };
}
