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
			// By the two characters that stay when the other half holds the wrong one: a map of
			// maps keyed by UTF-16 code units, so that the lookup made at every position of every
			// paragraph allocates nothing.
			const byHead = new Map<number, Map<number, string[]>>();
			const byTail = new Map<number, Map<number, string[]>>();
			const index = (map: Map<number, Map<number, string[]>>, w: string, at: number) => {
				let inner = map.get(w.charCodeAt(at));
				if (!inner) map.set(w.charCodeAt(at), (inner = new Map()));
				const list = inner.get(w.charCodeAt(at + 1));
				if (list) list.push(w);
				else inner.set(w.charCodeAt(at + 1), [w]);
			};
			// Characters that start an idiom or its second half: most positions fail this first test.
			const headStart = new Uint8Array(0x10000);
			const tailStart = new Uint8Array(0x10000);
			for (const w of idioms) {
				index(byHead, w, 0);
				index(byTail, w, 2);
				headStart[w.charCodeAt(0)] = 1;
				tailStart[w.charCodeAt(2)] = 1;
			}
			const lookup = (map: Map<number, Map<number, string[]>>, text: string, at: number) => map.get(text.charCodeAt(at))?.get(text.charCodeAt(at + 1));
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
			return { whole, except, headStart, tailStart, byHead, byTail, lookup, variantsAt };
		};
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: true,
			check(ctx) {
				tables ??= buildTables();
				const { whole, except, headStart, tailStart, byHead, byTail, lookup, variantsAt } = tables;
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				const found: string[] = [];
				for (let i = 0; i + 4 <= text.length; i++) {
					if (!isHanCode(text.charCodeAt(i)) || !isHanCode(text.charCodeAt(i + 3))) continue;
					const head = headStart[text.charCodeAt(i)] ? lookup(byHead, text, i) : undefined;
					const tail = tailStart[text.charCodeAt(i + 2)] ? lookup(byTail, text, i + 2) : undefined;
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
