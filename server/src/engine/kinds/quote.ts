import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';
import { RuleDataError } from '../rule';

// A formulation that must stand in quotation marks: “四个意识”. Quiet when the term is
// already wrapped in quotes, stands inside 《》, or is part of a longer quoted phrase.

export interface QuoteParams {
	terms: string[];
	unlessBefore?: string[];
	unlessAfter?: string[];
}

const wrapOpen = new Set(['“', '‘', '「', '『', '"', '\'', '〈']);
const wrapClose = new Set(['”', '’', '」', '』', '"', '\'', '〉']);

/** Depth of “” and 《》 nesting at each offset, computed once per paragraph. */
function enclosures(text: string, offset: number): { quote: number; title: number } {
	let quote = 0;
	let title = 0;
	for (let i = 0; i < offset; i++) {
		const c = text[i];
		if (c === '“' || c === '「') quote++;
		else if ((c === '”' || c === '」') && quote > 0) quote--;
		else if (c === '《') title++;
		else if (c === '》' && title > 0) title--;
	}
	return { quote, title };
}

export const quote: Kind = {
	name: 'quote',
	defaultMessage: '“{found}”是专有提法，应加引号',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as QuoteParams;
		if (!Array.isArray(p.terms) || p.terms.length === 0) {
			throw new RuleDataError('quote 规则需要 terms（非空列表）', 'terms');
		}
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: false,
			terms: p.terms,
			onTerms(ctx, matches) {
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				for (const m of matches) {
					if (wrapOpen.has(text[m.start - 1]) && wrapClose.has(text[m.end])) {
						continue;
					}
					if (p.unlessBefore?.some((b) => text.endsWith(b, m.start)) || p.unlessAfter?.some((a) => text.startsWith(a, m.end))) {
						continue;
					}
					const { quote: depth, title } = enclosures(text, m.start);
					if (title > 0) {
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
