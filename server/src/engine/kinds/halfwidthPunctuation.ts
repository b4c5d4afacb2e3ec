import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';

// GB/T 15834-2011: Chinese running text takes full-width marks. A half-width mark next to
// a Han character is a typing slip; decimals (3.5), times (15:40) and Latin text are not.

const fullwidth: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const markBetweenHan = /(?<=\p{Script=Han}[)）”’]?)[,.;:?!](?=[“‘《（]?\p{Script=Han}|[”’）]?$)/gu;
// A bracket pair whose content holds Han text and which touches Han text outside.
const bracketPair = /\(([^()\n]{0,40})\)/gu;

export const halfwidthPunctuation: Kind = {
	name: 'halfwidth-punctuation',
	defaultMessage: '中文语句中应使用全角标点“{replace}”',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			check(ctx) {
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				for (const m of text.matchAll(markBetweenHan)) {
					const mark = m[0];
					hits.push({ start: m.index, end: m.index + 1, slots: { found: mark, replace: fullwidth[mark] }, fixes: [{ title: `改为“${fullwidth[mark]}”`, text: fullwidth[mark] }] });
				}
				for (const m of text.matchAll(bracketPair)) {
					const inner = m[1];
					const before = text[m.index - 1];
					const after = text[m.index + m[0].length];
					const hanInside = /\p{Script=Han}/u.test(inner);
					const hanOutside = /\p{Script=Han}/u.test(before ?? '') || /\p{Script=Han}/u.test(after ?? '');
					if (!hanInside || !hanOutside) {
						continue;
					}
					const fixed = `（${inner}）`;
					hits.push({ start: m.index, end: m.index + m[0].length, slots: { found: m[0], replace: '（）' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
				}
				return hits;
			},
		};
	},
};
