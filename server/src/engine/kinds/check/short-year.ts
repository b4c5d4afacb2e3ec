import type { Hit } from '../../rule';
import { referenceDay } from '../support/dates';
import { paragraphDateKind } from '../support/dateKind';

const shortYearPattern = /(?=[0-9])(?<![0-9０-９.．/\-－—~～'’第])([0-9]{2})年(?=(?:1[0-2]|0?[1-9])月)/g;

/** NUM-010: 21年11月 for 2021年11月. The century comes from the story's date or a year in the text. */
export const shortYear = paragraphDateKind('short-year', '年份应写全：“{found}”应为“{replace}”', ['body', 'headline'], () => (ctx) => {
	const text = ctx.paragraph.text;
	const hits: Hit[] = [];
	for (const m of text.matchAll(shortYearPattern)) {
		const yy = Number(m[1]);
		const ref = referenceDay(ctx.model, ctx.paragraph, ctx.options)?.year;
		let full: number | undefined;
		if (ref !== undefined) {
			full = Math.floor(ref / 100) * 100 + yy;
			if (full > ref + 1) full -= 100;
		} else {
			const written = [...ctx.model.source.matchAll(/(?<![0-9])((?:19|20)[0-9]{2})年/g)].map((y) => Number(y[1]));
			full = written.find((y) => y % 100 === yy);
		}
		const choices = full !== undefined ? [full] : [2000 + yy, 1900 + yy];
		hits.push({
			start: m.index,
			end: m.index + m[0].length,
			slots: { replace: choices.map((c) => `${c}年`).join('”或“') },
			fixes: choices.map((c) => ({ title: `改为“${c}年”`, text: `${c}年` })),
			certain: full !== undefined,
		});
	}
	return hits;
});
