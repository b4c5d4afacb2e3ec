import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { applyContext } from '../support/context';
import { boundary, certain, contextParams, params, type Static, textOrTexts, Type, unlessAfter, unlessBefore } from '../support/params';

// Wrong form -> right form for literal terms. With `boundary: word` the match must start
// and end on jieba word boundaries, so that a typo string inside correct text stays quiet.

export const replaceParams = params({
	find: textOrTexts({ description: '错误形式列表。', errorMessage: 'replace 规则需要 find（非空列表）' }),
	/** One replacement is a certain fix; several are titled choices, none preferred. */
	replace: Type.Optional(
		Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1 })], { description: '正确形式；多个时作为可选修改，不自动应用。' }),
	),
	boundary: Type.Optional(boundary()),
	/** Context exceptions: the match is skipped when the text right before or after it is one of these. */
	unlessBefore: unlessBefore(),
	unlessAfter: unlessAfter(),
	certain: certain(),
	...contextParams,
});
/** The loader turns a single `find` into a list before compiling. */
export type ReplaceParams = Static<typeof replaceParams> & { find: string[] };

export function alreadyCorrect(text: string, start: number, end: number, replacement: string, found: string): boolean {
	// A replacement that contains the wrong form (习总书记 inside 习近平总书记 does not, but
	// 六中全会 inside 十九届六中全会 would) must not fire on text already corrected.
	for (let k = replacement.indexOf(found); k >= 0; k = replacement.indexOf(found, k + 1)) {
		if (text.startsWith(replacement, start - k)) {
			return true;
		}
	}
	return false;
}

export function contextExcluded(text: string, start: number, end: number, before?: string[], after?: string[]): boolean {
	return (before?.some((b) => text.endsWith(b, start)) ?? false) || (after?.some((a) => text.startsWith(a, end)) ?? false);
}

export const replace: Kind = {
	name: 'replace',
	params: replaceParams,
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as ReplaceParams;
		const choices = p.replace === undefined ? [] : Array.isArray(p.replace) ? p.replace : [p.replace];
		const certain = p.certain ?? choices.length === 1;
		const wordBoundary = p.boundary === 'word';
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: wordBoundary,
			terms: p.find,
			onTerms(ctx, matches) {
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				const words = wordBoundary ? ctx.words() : undefined;
				for (const m of matches) {
					if (choices.some((c) => alreadyCorrect(text, m.start, m.end, c, m.term))) {
						continue;
					}
					if (contextExcluded(text, m.start, m.end, p.unlessBefore, p.unlessAfter)) {
						continue;
					}
					if (words && !words.spansWords(m.start, m.end)) {
						continue;
					}
					const hit = applyContext(
						{
							start: m.start,
							end: m.end,
							slots: { found: m.term, replace: choices.join('”或“') },
							fixes: choices.map((c) => ({ title: `改为“${c}”`, text: c })),
							certain,
						},
						ctx.paragraph.marks,
						p,
						meta.severity,
						meta.message,
					);
					if (hit) hits.push(hit);
				}
				return hits;
			},
		};
	},
};
