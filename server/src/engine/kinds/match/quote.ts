import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { insideQuotedTerm } from '../support/context';
import { boundary, params, type Static, texts, Type, unlessAfter, unlessBefore } from '../support/params';

// A formulation that must stand in quotation marks: “四个意识”. Quiet when the term is
// already wrapped in quotes, stands inside 《》, is part of a longer quoted name
// (“两学一做学习教育”), or is part of a longer word (the segmenter decides, with
// `boundary: word`). Inside direct speech the fix uses single quotes.

export const quoteParams = params({
	terms: texts({ minItems: 1, description: '须加引号的提法。', errorMessage: 'quote 规则需要 terms（非空列表）' }),
	unlessBefore: unlessBefore(),
	unlessAfter: unlessAfter(),
	boundary: Type.Optional(boundary()),
});
export type QuoteParams = Static<typeof quoteParams>;

const wrapOpen = new Set(['“', '‘', '「', '『', '"', "'", '〈']);
const wrapClose = new Set(['”', '’', '」', '』', '"', "'", '〉']);

export const quote: Kind = {
	name: 'quote',
	params: quoteParams,
	defaultMessage: '“{found}”是专有提法，应加引号',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as QuoteParams;
		const wordBoundary = p.boundary === 'word';
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: wordBoundary,
			terms: p.terms,
			onTerms(ctx, matches) {
				const text = ctx.paragraph.text;
				const words = wordBoundary ? ctx.words() : undefined;
				const hits: Hit[] = [];
				for (const m of matches) {
					if (wrapOpen.has(text[m.start - 1]) && wrapClose.has(text[m.end])) {
						continue;
					}
					if (p.unlessBefore?.some((b) => text.endsWith(b, m.start)) || p.unlessAfter?.some((a) => text.startsWith(a, m.end))) {
						continue;
					}
					if (words && !words.spansWords(m.start, m.end)) {
						continue;
					}
					const { quote: depth, title, banner } = ctx.paragraph.marks.at(m.start);
					// 【】 frames a column banner, written as a title.
					if (title > 0 || banner > 0 || insideQuotedTerm(ctx.paragraph.marks, m.start, m.end)) {
						continue;
					}
					// Inside a quotation the inner marks are single quotes (GB/T 15834-2011, 4.4).
					const [open, close] = depth > 0 ? ['‘', '’'] : ['“', '”'];
					const fixed = `${open}${m.term}${close}`;
					hits.push({ start: m.start, end: m.end, slots: { found: m.term, replace: fixed }, fixes: [{ title: `改为${fixed}`, text: fixed }] });
				}
				return hits;
			},
		};
	},
};
