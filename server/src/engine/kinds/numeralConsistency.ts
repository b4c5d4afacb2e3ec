import { parseHanziNumber, toHanziNumber } from '../chars';
import type { CompiledRule, DocumentHit, Kind, RuleEntry, RuleMeta } from '../rule';

// GB/T 15835-2011: the same kind of number takes the same form within a document. Counts
// of the same thing (6个办事处 … 六个办事处) are grouped by measure word and the noun
// after it; when both forms occur, the form used less often is reported (on a tie, the
// form that appeared second) and converted to the other one.

const measure = '个名家项条所座次位支批种类件处间台辆架艘篇部份户';
const countPattern = new RegExp(
	`(?<![0-9０-９.〇零一二两三四五六七八九十百千万亿几第每数多余近约“‘])(?:([1-9][0-9]{0,2})|([三四五六七八九十][零一二三四五六七八九十百]{0,3}|二[十百][零一二三四五六七八九十百]{0,2}))([${measure}])(\\p{Script=Han}{2,3})`,
	'gu',
);

interface Count {
	paragraph: number;
	start: number;
	end: number;
	arabic: boolean;
	value: number;
	key: string;
}

/** Adjacent digits (三四个) and 十几 are approximations, which take Chinese numerals by rule. */
function isApproximation(hanzi: string): boolean {
	return /[一二三四五六七八九][一二三四五六七八九]/.test(hanzi) || hanzi.includes('几');
}

export const numeralConsistency: Kind = {
	name: 'numeral-consistency',
	defaultMessage: '同一文稿中“{key}…”前的数字写法不一：此处“{found}”，宜统一为“{replace}”',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			checkDocument(ctx) {
				const counts: Count[] = [];
				for (const p of ctx.model.paragraphs) {
					if (p.kind !== 'body') continue;
					for (const m of p.text.matchAll(countPattern)) {
						const arabic = m[1] !== undefined;
						const digits = arabic ? m[1] : m[2];
						if (!arabic && isApproximation(digits)) continue;
						const value = arabic ? Number(digits) : parseHanziNumber(digits);
						// Chinese numerals above 999 and words such as 十分 are out of scope.
						if (value === undefined || value < 2 || value > 999) continue;
						// A count followed by 多/余 is approximate; a closing quote marks a set phrase (“三个代表”).
						const after = p.text[m.index + m[0].length];
						if (after === '”' || after === '’') continue;
						counts.push({ paragraph: p.index, start: m.index, end: m.index + digits.length, arabic, value, key: m[3] + m[4] });
					}
				}
				const byKey = new Map<string, Count[]>();
				for (const c of counts) {
					const list = byKey.get(c.key) ?? [];
					list.push(c);
					byKey.set(c.key, list);
				}
				const hits: DocumentHit[] = [];
				for (const [key, list] of byKey) {
					const arabic = list.filter((c) => c.arabic);
					const hanzi = list.filter((c) => !c.arabic);
					if (!arabic.length || !hanzi.length) continue;
					// The minority form is reported; on a tie, the form that came second.
					const arabicFirst = list[0].arabic;
					const reportArabic = arabic.length < hanzi.length || (arabic.length === hanzi.length && !arabicFirst);
					for (const c of reportArabic ? arabic : hanzi) {
						const replace = reportArabic ? toHanziNumber(c.value) : String(c.value);
						hits.push({
							paragraph: c.paragraph,
							start: c.start,
							end: c.end,
							slots: { key, replace },
							fixes: [{ title: `改为“${replace}”`, text: replace }],
						});
					}
				}
				return hits;
			},
		};
	},
};
