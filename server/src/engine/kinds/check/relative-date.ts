import type { Hit } from '../../rule';
import { addDays, type Day, formatDay, isValidDay, referenceDay, weekdayOf } from '../support/dates';
import { paragraphDateKind, weekdayIndex } from '../support/dateKind';
import { firstPersonSpeech, reportedSpeech } from '../support/speech';

const relativeDayWords: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1 };
const relativePattern = /(今天|今日|昨天|昨日|前天|明天|明日)|([本这上下])(?:周|星期|礼拜)([一二三四五六日天])|([本上下])月([0-9]{1,2})日/g;
/** Words that hold a relative word without meaning a date (前天津市, 今日头条, 明日之星, 今天的中国). */
const notADate = /^(?:前天津|今日(?:头条|说法|中国|关注|美国|俄罗斯|亚洲|印度|新闻)|明日之|昨日之|昨日黄花|(?:今天|明天|昨天|今日|明日|昨日)的)/;
/** The date already given in brackets: 今天（8月1日）, 昨天（3日）上午, 今天上午（5日）. */
const bracketedDate = /^(?:上午|下午|中午|凌晨|早上|晚上|晚间|傍晚|夜间)?[（(](?:(?:19|20)[0-9]{2}年)?(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}[日号]/;
/**
 * Whether the words at `start` are reported or figurative rather than a date of the story:
 * reported speech, speech in the first person, or 今天 as the present (美国的昨天和中国的
 * 今天, 在信息技术飞速发展的今天, 更加美好的明天).
 */
function notTheStorysDay(text: string, start: number): boolean {
	if (text[start - 1] === '的' || /的(?:昨天|今天|明天)[和与、]$/.test(text.slice(Math.max(0, start - 5), start))) return true;
	return reportedSpeech(text, start) || firstPersonSpeech(text, start);
}

export const relativeDate = paragraphDateKind('relative-date', '“{found}”指{date}（按{basis}{ref}推算），宜写明具体日期', ['body'], () => {
	return (ctx) => {
		const ref = referenceDay(ctx.model, ctx.paragraph, ctx.options);
		if (!ref) {
			return [];
		}
		const text = ctx.paragraph.text;
		const hits: Hit[] = [];
		const refText = formatDay(ref);
		for (const m of text.matchAll(relativePattern)) {
			const start = m.index;
			// 走到今天, 直到今天: the present, not a day.
			if (
				notADate.test(text.slice(start, start + 5)) ||
				/(?:到|至|于)$/.test(text.slice(0, start)) ||
				ctx.paragraph.marks.quoted(start) ||
				ctx.paragraph.marks.inTitle(start)
			) {
				continue;
			}
			// 表明日本, 说明日本: the 明 ends a word before it.
			if (m[1] === '明日' && text[start + 2] === '本' && /[表说证声查阐申标注显发透鲜分讲指写载光文简英精清聪开高严昌黎辨挑言]$/.test(text.slice(0, start))) {
				continue;
			}
			// Already explained in brackets: 今天（22日）, 今天（8月1日）.
			if (bracketedDate.test(text.slice(start + m[0].length, start + m[0].length + 16))) {
				continue;
			}
			if (notTheStorysDay(text, start)) {
				continue;
			}
			let target: Day | undefined;
			const year = ref.year ?? 2001;
			if (m[1]) {
				const t = addDays({ year, month: ref.month, day: ref.day }, relativeDayWords[m[1]]);
				// Without the year, a step across the end of February is unknown.
				if (ref.year === undefined && t.month === 2 && t.day >= 28) continue;
				target = { ...t, year: ref.year === undefined ? undefined : t.year };
			} else if (m[2]) {
				if (ref.year === undefined) continue;
				const monday = -((weekdayOf(ref.year, ref.month, ref.day) + 6) % 7);
				const week = m[2] === '上' ? -7 : m[2] === '下' ? 7 : 0;
				const wd = weekdayIndex[m[3]] === 0 ? 6 : weekdayIndex[m[3]] - 1;
				target = addDays({ year: ref.year, month: ref.month, day: ref.day }, monday + week + wd);
			} else {
				const shift = m[4] === '上' ? -1 : m[4] === '下' ? 1 : 0;
				let month = ref.month + shift;
				let y = ref.year;
				if (month < 1) {
					month = 12;
					y = y === undefined ? undefined : y - 1;
				} else if (month > 12) {
					month = 1;
					y = y === undefined ? undefined : y + 1;
				}
				const day = Number(m[5]);
				if (!isValidDay(y, month, day)) continue;
				target = { year: y, month, day };
			}
			const sameYear = target.year === undefined || target.year === ref.year;
			const date = formatDay(target, !sameYear);
			hits.push({
				start,
				end: start + m[0].length,
				slots: { date: formatDay(target), basis: ref.basis, ref: refText, replace: date },
				fixes: [{ title: `改为“${date}”`, text: date }],
				certain: false,
			});
		}
		return hits;
	};
});
