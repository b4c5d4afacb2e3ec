import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';

// Spaces inside Chinese running text are OCR or typing residue: 全区 6个, 2019年 10月.
// Layout spaces are not: the one after the dateline (本报讯 按照…), those in bylines and
// headlines, and spaces at line ends, which the text model has already dropped.

const spaces = '[ \\u3000\\u00a0]+';
const hanOrDigit = '[\\p{Script=Han}0-9]';
const strayAfterHan = new RegExp(`(?<=\\p{Script=Han})${spaces}(?=${hanOrDigit})`, 'gu');
const strayAfterDigit = new RegExp(`(?<=[0-9%])${spaces}(?=\\p{Script=Han})`, 'gu');

/** The words either side of the space: 全区 6个, 自 2019年, 占比 100%. */
function contextAround(text: string, start: number, end: number): string {
	const before = /(?:[0-9]+[年月日%]?|\p{Script=Han}{1,2})$/u.exec(text.slice(Math.max(0, start - 12), start))?.[0] ?? '';
	const after = /^(?:[0-9.]+[%\p{Script=Han}]?|\p{Script=Han}{1,2})/u.exec(text.slice(end, end + 12))?.[0] ?? '';
	return before + text.slice(start, end) + after;
}

export const straySpace: Kind = {
	name: 'stray-space',
	defaultMessage: '中文之间或中文与数字之间多了空格',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			check(ctx) {
				const { text, datelineLength } = ctx.paragraph;
				const hits: Hit[] = [];
				for (const re of [strayAfterHan, strayAfterDigit]) {
					for (const m of text.matchAll(re)) {
						const start = m.index;
						if (datelineLength && start === datelineLength) {
							continue;
						}
						const name = m[0].includes('\u3000') ? '全角空格' : m[0].includes('\u00a0') ? '不换行空格' : '空格';
						hits.push({
							start,
							end: start + m[0].length,
							slots: { space: name, context: contextAround(text, start, start + m[0].length) },
							fixes: [{ title: '删除空格', text: '' }],
						});
					}
				}
				return hits;
			},
		};
	},
};
