import type { Hit } from '../../rule';
import { isValidDay, referenceDay, weekdayNames, weekdayOf, yearInSentence, yearInText } from '../support/dates';
import { paragraphDateKind, weekdayIndex } from '../support/dateKind';

// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const weekdayPattern = /(?=[0-9])(?<![0-9])(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号][，,]?([（(]?)(星期|礼拜|周)([一二三四五六日天])(?=[）)]?)/g;

/** DAT-001: 2021年11月18日（星期三）, when the 18th was a Thursday. */
export const dateWeekday = paragraphDateKind('date-weekday', '{date}是{actual}，不是“{found}”', ['body', 'headline'], () => (ctx) => {
	const text = ctx.paragraph.text;
	const hits: Hit[] = [];
	for (const m of text.matchAll(weekdayPattern)) {
		const month = Number(m[2]);
		const day = Number(m[3]);
		const written = weekdayIndex[m[6]];
		// The year: written with the date, else the last one named before it, else the
		// publication year (and the year before, for a December date read in January).
		let years: number[];
		if (m[1]) {
			years = [Number(m[1])];
		} else {
			const inSentence = yearInSentence(text, m.index);
			const ref = referenceDay(ctx.model, ctx.paragraph, ctx.options);
			const before = yearInText(ctx.model, ctx.paragraph, m.index);
			years =
				inSentence !== undefined
					? [inSentence]
					: ref?.year !== undefined
						? month > ref.month
							? [ref.year, ref.year - 1]
							: [ref.year]
						: before !== undefined
							? [before]
							: [];
		}
		years = years.filter((y) => isValidDay(y, month, day));
		if (!years.length || years.some((y) => weekdayOf(y, month, day) === written)) {
			continue;
		}
		const year = years[0];
		const actual = weekdayOf(year, month, day);
		const wordStart = m.index + m[0].length - m[5].length - m[6].length;
		const right = `${m[5]}${weekdayNames[actual]}`;
		hits.push({
			start: wordStart,
			end: m.index + m[0].length,
			slots: { date: `${year}年${month}月${day}日`, actual: `星期${weekdayNames[actual]}`, replace: right },
			fixes: [{ title: `改为“${right}”（如日期无误）`, text: right }],
			certain: false,
		});
	}
	return hits;
});
