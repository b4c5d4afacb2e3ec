import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { dict, params, type Static, Type } from '../support/params';

// Idioms and fixed four-character phrases written with one wrong character: a homophone or a
// look-alike in place of one of the four (一如继往, 协调一至). The rule data lists the idioms,
// the substitutes each character may suffer, and the variants that are words or phrases of
// their own (scripts/buildIdioms.mjs makes all three). A window of the text that differs from
// an idiom in exactly one place, by one of that character's substitutes, is reported unless
// it is such a variant, matches two idioms, or starts or ends inside a word.

const needs = 'idiom 规则需要 idioms（成语表）与 confusable（各字的同音、形近字）';
export const idiomParams = params({
	/** The idioms, separated by white space. */
	idioms: Type.String({ description: '四字成语表，以空白分隔（由 scripts/buildIdioms.mjs 生成）。', errorMessage: needs }),
	/** Each character's substitutes, as one string. */
	confusable: dict(Type.String(), { description: '每个字可能误作的同音字、形近字。', errorMessage: needs }),
	/** Variants left alone, separated by white space. */
	except: Type.Optional(Type.String({ description: '成词或常见、不报的替换写法，以空白分隔。' })),
});
export type IdiomParams = Static<typeof idiomParams>;

const isHanCode = (code: number) => code >= 0x3400 && code <= 0x9fff;

/**
 * Lists of idioms by a pair of UTF-16 code units, in one open-addressed table: the look-up
 * made at most positions of every paragraph reads two typed arrays and allocates nothing.
 */
export class PairIndex {
	private readonly building = new Map<number, string[]>();
	private keys = new Uint32Array(0);
	private at = new Int32Array(0);
	private shift = 32;
	private lists: string[][] = [];

	add(first: number, second: number, value: string): void {
		const key = ((first << 16) | second) >>> 0;
		if (key === 0) throw new RangeError('pair (0, 0) marks an empty slot');
		const list = this.building.get(key);
		if (list) list.push(value);
		else this.building.set(key, [value]);
	}

	/** Lays the pairs out in the table; `get` reads only what this has laid out. */
	freeze(): void {
		let bits = 4;
		while (1 << bits < this.building.size * 2) bits++;
		this.keys = new Uint32Array(1 << bits);
		this.at = new Int32Array(1 << bits);
		this.shift = 32 - bits;
		this.lists = [];
		const mask = (1 << bits) - 1;
		for (const [key, list] of this.building) {
			let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
			// Key 0 (two NUL code units) never starts an idiom: it marks an empty slot.
			while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
			this.keys[slot] = key;
			this.at[slot] = this.lists.length;
			this.lists.push(list);
		}
	}

	get(first: number, second: number): string[] | undefined {
		const key = ((first << 16) | second) >>> 0;
		const keys = this.keys;
		if (keys.length === 0) return undefined;
		const mask = keys.length - 1;
		for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
			const k = keys[slot];
			if (k === 0) return undefined;
			if (k === key) return this.lists[this.at[slot]];
		}
	}
}

export const idiom: Kind = {
	name: 'idiom',
	params: idiomParams,
	defaultMessage: '成语“{replace}”误写作“{found}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as IdiomParams;
		const idioms = p.idioms.split(/\s+/).filter(Boolean);
		const wrong = idioms.find((w) => w.length !== 4);
		if (wrong) {
			throw new RuleDataError(`idiom 规则只收四字成语：“${wrong}”`, 'idioms');
		}
		// The tables are built on the first check: the rule needs the segmenter's words, which
		// the language server's first lint goes without, so a cold start does not wait for them.
		let tables: ReturnType<typeof buildTables> | undefined;
		const buildTables = () => {
			const whole = new Set(idioms);
			const except = new Set((p.except ?? '').split(/\s+/).filter(Boolean));
			const confusable = new Map(Object.entries(p.confusable).map(([c, subs]) => [c, String(subs)]));
			// By the two characters that stay when the other half holds the wrong one.
			const byHead = new PairIndex();
			const byTail = new PairIndex();
			// Characters that start an idiom or its second half: most positions fail this first test.
			const headStart = new Uint8Array(0x10000);
			const tailStart = new Uint8Array(0x10000);
			for (const w of idioms) {
				byHead.add(w.charCodeAt(0), w.charCodeAt(1), w);
				byTail.add(w.charCodeAt(2), w.charCodeAt(3), w);
				headStart[w.charCodeAt(0)] = 1;
				tailStart[w.charCodeAt(2)] = 1;
			}
			byHead.freeze();
			byTail.freeze();
			/** Idioms of `list` that the text at `at` is a one-substitute variant of, the substitute at `from` or `from + 1`. */
			const variantsAt = (text: string, at: number, list: string[] | undefined, from: number, found: string[]) => {
				for (const w of list ?? []) {
					const a = text[at + from] !== w[from];
					const b = text[at + from + 1] !== w[from + 1];
					if (a === b) continue;
					const k = a ? from : from + 1;
					if (confusable.get(w[k])?.includes(text[at + k])) found.push(w);
				}
			};
			return { whole, except, headStart, tailStart, byHead, byTail, variantsAt };
		};
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: true,
			check(ctx) {
				tables ??= buildTables();
				const { whole, except, headStart, tailStart, byHead, byTail, variantsAt } = tables;
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				const found: string[] = [];
				for (let i = 0; i + 4 <= text.length; i++) {
					if (!isHanCode(text.charCodeAt(i)) || !isHanCode(text.charCodeAt(i + 3))) continue;
					const head = headStart[text.charCodeAt(i)] ? byHead.get(text.charCodeAt(i), text.charCodeAt(i + 1)) : undefined;
					const tail = tailStart[text.charCodeAt(i + 2)] ? byTail.get(text.charCodeAt(i + 2), text.charCodeAt(i + 3)) : undefined;
					if (!head && !tail) continue;
					found.length = 0;
					variantsAt(text, i, head, 2, found);
					variantsAt(text, i, tail, 0, found);
					if (found.length !== 1) continue;
					const window = text.slice(i, i + 4);
					if (whole.has(window) || except.has(window)) continue;
					const words = ctx.words();
					if (words && !words.spansWords(i, i + 4)) continue;
					hits.push({ start: i, end: i + 4, slots: { replace: found[0] }, fixes: [{ title: `改为“${found[0]}”`, text: found[0] }] });
				}
				return hits;
			},
		};
	},
};
