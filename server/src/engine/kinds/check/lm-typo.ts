import { defaultParams, type DetectorParams, findSuspects, type PositionContext, type Suspect } from '../../lm/detector';
import type { LanguageModel } from '../../lm/model';
import { type Overlay, OverlayFiles } from '../../lm/overlay';
import { MarkTable } from '../../marks';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta, RulesetMemory } from '../../rule';
import type { Word, WordIndex } from '../../segmenter';
import { params, type Static, Type } from '../support/params';

// Typos in context (TYP-900): a character that the news language model finds unlikely where
// it stands while a confusable character (same or similar pinyin, similar shape, a pair
// from the typo lists) is likely, with context on both sides. The model loads on first
// use; without it (missing file, or not loaded yet in the editor) the rule stays silent.
// Quiet inside quotations and book titles, on names of people, places and organisations
// (the segmenter's tags, house words) and on words the newsroom accepts.

/** Part-of-speech tags of names: people, places, organisations, other proper nouns and house terms. */
const nameTags = new Set(['nr', 'nrfg', 'nrt', 'ns', 'nt', 'nz']);

export interface TypoContext {
	text: string;
	words: WordIndex | undefined;
}

/** Chinese numerals: 其四, 第三, 两国 are counted, not mistyped. */
const numerals = /[〇零一二两三四五六七八九十百千万亿]/;

/** Digits and Latin letters: after them the model expects a unit (3.1医美 read as 3.1亿). */
const digitOrLatin = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/;

/**
 * Why a position is left alone, from what is cheap to see: a numeral or right after a
 * number, or inside a quotation or a book title (`marks`, the paragraph's table).
 */
export function quietAt(marks: MarkTable, start: number): boolean {
	const { text } = marks;
	if (numerals.test(text[start])) return true;
	let before = start - 1;
	while (before >= 0 && /\s/.test(text[before])) before--;
	if (before >= 0 && digitOrLatin.test(text[before])) return true;
	const e = marks.at(start);
	return e.quote > 0 || e.title > 0;
}

/** True when the segmenter's word at a position names a person, a place or an organisation. */
export function isName(word: Word | undefined): boolean {
	return word?.tag !== undefined && nameTags.has(word.tag);
}

/**
 * What the word around a character says about it, as a cost in log10 units taken off the
 * margin: a character inside a two-character dictionary word is where confusions hide
 * (人命/任命); one the dictionary does not know (a rare term or a name the segmenter
 * guessed), a one-character word, or part of a longer dictionary word is more often right.
 */
export function wordCost(word: Word | undefined): number {
	if (!word) return 0;
	if (word.tag === 'x') return 1;
	const length = word.end - word.start;
	if (length <= 1) return 1;
	if (length >= 3) return 2;
	return 0;
}

/**
 * What the detector asks about a paragraph's positions. A class, not an object of closures
 * made anew for each paragraph: the detector's optimised code then calls the same methods
 * every time instead of being thrown away when it meets new functions.
 */
class ParagraphPositions implements PositionContext {
	/** The segmenter's word at the offset last given to cost: one look-up serves both questions. */
	private last: Word | undefined;

	constructor(
		private readonly marks: MarkTable,
		private readonly words: WordIndex | undefined,
		private readonly overlays: Overlay[],
	) {}

	quiet(start: number): boolean {
		return quietAt(this.marks, start);
	}

	cost(start: number): number {
		this.last = this.words?.wordAt(start);
		return isName(this.last) ? Infinity : wordCost(this.last);
	}

	word(): Word | undefined {
		return this.last;
	}

	attested(seq: Uint16Array, j: number, length: number): boolean {
		for (const o of this.overlays) if (o.attests(seq, j, length)) return true;
		return false;
	}
}

/**
 * Suspects of one paragraph that pass the context filters, with margins above `floor`.
 * `marks` is the paragraph's mark table when the caller has it (Paragraph.marks).
 */
export function typoSuspects(
	model: LanguageModel,
	text: string,
	words: WordIndex | undefined,
	params: DetectorParams,
	floor = params.threshold,
	overlays: Overlay[] = [],
	marks = new MarkTable(text),
): Suspect[] {
	return findSuspects(model, text, params, floor, new ParagraphPositions(marks, words, overlays));
}

/** A number parameter of the detector (log10 units); a word in its place is reported by the file's schema. */
const detectorNumber = (description: string) => Type.Optional(Type.Number({ description }));

// The model itself is not a parameter: the engine that lints hands it over in the run's options (`model`).
export const lmTypoParams = params({
	threshold: detectorNumber('候选字须胜过原字的对数概率差（以 10 为底），超过才报。'),
	warnAt: detectorNumber('差值达到此值报“警告”，低于此值报“提示”。'),
	suspicion: detectorNumber('首轮筛查：覆盖该字的 n 元组概率之和（对数）高于此值的位置不细查。'),
	pairSuspicion: detectorNumber('首轮筛查：该字与下一字各自的条件概率之和（对数）高于此值的位置也不细查；0 为不用此条。'),
	prior: detectorNumber('以常用字替换罕用字时的先验惩罚权重。'),
	wordBonus: detectorNumber('候选字使所在词成为词典词时减去的代价。'),
	wordPrior: detectorNumber('原词与改后的词都在词典中时，改后的词每常用 10 倍（超出 wordPriorFree 的部分）加的代价。'),
	wordPriorFree: detectorNumber('改后的词可比原词常用多少个 10 倍而不加代价。'),
});
export type LmTypoParams = Static<typeof lmTypoParams>;

export const lmTypo: Kind = {
	name: 'lm-typo',
	params: lmTypoParams,
	defaultMessage: '疑为错别字：“{context}”中的“{found}”，按上下文应为“{replace}”（“{better}”）',
	compile(entry: RuleEntry, meta: RuleMeta, memory: RulesetMemory): CompiledRule {
		const p = entry as unknown as LmTypoParams;
		// The model is the engine's (the run's options); the newsroom's overlays of it are read
		// from its files once and kept with the rule set.
		const overlayFiles = memory.get('lm overlays', () => new OverlayFiles());
		const params: DetectorParams = {
			...defaultParams,
			threshold: p.threshold ?? defaultParams.threshold,
			suspicion: p.suspicion ?? defaultParams.suspicion,
			pairSuspicion: p.pairSuspicion ?? defaultParams.pairSuspicion,
			prior: p.prior ?? defaultParams.prior,
			wordBonus: p.wordBonus ?? defaultParams.wordBonus,
			wordPrior: p.wordPrior ?? defaultParams.wordPrior,
			wordPriorFree: p.wordPriorFree ?? defaultParams.wordPriorFree,
		};
		/** Margins at or above this are warnings; below it, between the threshold and it, info. */
		const warnAt = p.warnAt ?? params.threshold + 1;
		const rule: LmRule = {
			params: { ...params, warnAt },
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: true,
			check(ctx) {
				const model = ctx.options.model?.get();
				if (!model) return [];
				const text = ctx.paragraph.text;
				const words = ctx.words();
				const overlays = ctx.options.lmOverlay?.length
					? overlayFiles.for(ctx.options.lmOverlay, model, (file, message) => ctx.run.problems.push({ file, line: 0, column: 0, message }))
					: [];
				const hits: Hit[] = [];
				for (const s of typoSuspects(model, text, words, params, params.threshold, overlays, ctx.paragraph.marks)) {
					const from = Math.max(0, s.start - 4);
					const to = Math.min(text.length, s.end + 4);
					const context = text.slice(from, to);
					const better = text.slice(from, s.start) + s.replacement + text.slice(s.end, to);
					hits.push({
						start: s.start,
						end: s.end,
						slots: { context, replace: s.replacement, better },
						fixes: [{ title: `改为“${s.replacement}”`, text: s.replacement }],
						certain: false,
						severity: s.margin >= warnAt ? 'warning' : 'info',
					});
				}
				return hits;
			},
		};
		return rule;
	},
};

interface LmRule extends CompiledRule {
	params: DetectorParams & { warnAt: number };
}

/** The detector parameters of a compiled lm-typo rule (the evaluation sweeps its threshold). */
export function lmParams(rule: CompiledRule): DetectorParams & { warnAt: number } {
	const params = (rule as Partial<LmRule>).params;
	if (!params) throw new Error(`${rule.meta.id} is not an lm-typo rule`);
	return params;
}
