import type { CheckContext, Hit, Kind, RuleEntry } from '../rule';
import { RuleDataError } from '../rule';
import type { ParagraphKind } from '../textModel';
import {
	addDays,
	type Day,
	formatDay,
	isValidDay,
	publicationDay,
	referenceDay,
	weekdayNames,
	weekdayOf,
	yearInSentence,
	yearInText,
	yearsIn,
} from './dateContext';

// Checks that compute: a weekday against its date, a date range that runs backwards, a
// relative date resolved against the story's date, a two-digit year, a 干支 year name.

function kindsOf(entry: RuleEntry, fallback: ParagraphKind[]): ParagraphKind[] {
	return Array.isArray(entry.in) ? (entry.in as ParagraphKind[]) : fallback;
}

/**
 * A date kind that checks one paragraph at a time, in the paragraphs `in:` names (else
 * `fallback`). `setup` reads and validates the entry once and returns the check.
 */
export function paragraphDateKind(
	name: string,
	defaultMessage: string,
	fallback: ParagraphKind[],
	setup: (entry: RuleEntry) => (ctx: CheckContext) => Hit[],
	/** Strings one of which a paragraph must hold for the check to find anything (CompiledRule.gate). */
	gate?: (entry: RuleEntry) => string[],
): Kind {
	return {
		name,
		defaultMessage,
		compile(entry, meta) {
			return { meta, paragraphKinds: kindsOf(entry, fallback), needsWords: false, check: setup(entry), gate: gate?.(entry) };
		},
	};
}

/** For each offset, whether it stands inside “…” (direct speech, quoted names). */
export function quotedAt(text: string): (offset: number) => boolean {
	const depth = new Int8Array(text.length + 1);
	let d = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '“' || c === '「') d++;
		else if ((c === '”' || c === '」') && d > 0) d--;
		depth[i + 1] = d;
	}
	return (offset) => depth[Math.min(offset, text.length)] > 0;
}

// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const weekdayPattern =
	/(?=[0-9])(?<![0-9])(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号][，,]?([（(]?)(星期|礼拜|周)([一二三四五六日天])(?=[）)]?)/g;
const weekdayIndex: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

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

const rangePattern = /(?=[0-9])(?<![0-9])([0-9]{1,2})月([0-9]{1,2})日?[—～~\-－至到](?:([0-9]{1,2})月)?([0-9]{1,2})日/g;

/** DAT-008: 3月15日—10日, a range that ends before it starts. */
export const dateRange = paragraphDateKind('date-range', '日期区间“{found}”起止倒置，请核对', ['body', 'headline'], () => (ctx) => {
	const hits: Hit[] = [];
	for (const m of ctx.paragraph.text.matchAll(rangePattern)) {
		const m1 = Number(m[1]);
		const m2 = m[3] ? Number(m[3]) : m1;
		// A later month that is smaller runs into the next year (12月20日至1月5日).
		if (m1 === m2 && Number(m[4]) < Number(m[2])) {
			hits.push({ start: m.index, end: m.index + m[0].length });
		}
	}
	return hits;
});

const relativeDayWords: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1 };
const relativePattern = /(今天|今日|昨天|昨日|前天|明天|明日)|([本这上下])(?:周|星期|礼拜)([一二三四五六日天])|([本上下])月([0-9]{1,2})日/g;
/** Words that hold a relative word without meaning a date (前天津市, 今日头条, 明日之星). */
const notADate = /^(?:前天津|今日(?:头条|说法|中国|关注|美国|俄罗斯|亚洲|印度|新闻)|明日之|昨日之|昨日黄花|今天的|明天的)/;

export interface RelativeDateParams {
	/** day: 昨天、本周三、下月18日 (default); year: 今年 in a story dated in one of `months`. */
	scope?: 'day' | 'year';
	months?: number[];
}

/** DAT-004, DAT-006, DAT-014: relative dates, resolved against the story's date. */
export const relativeDate = paragraphDateKind('relative-date', '“{found}”指{date}（按{basis}{ref}推算），宜写明具体日期', ['body'], (entry) => {
	const p = entry as unknown as RelativeDateParams;
	if (p.scope !== undefined && p.scope !== 'day' && p.scope !== 'year') {
		throw new RuleDataError('relative-date 的 scope 只能是 day 或 year', 'scope');
	}
	const months = p.months ?? [1];
	return (ctx) => {
		const ref = referenceDay(ctx.model, ctx.paragraph, ctx.options);
		if (!ref) {
			return [];
		}
		const text = ctx.paragraph.text;
		const quoted = quotedAt(text);
		const inTitle = (i: number) => text.lastIndexOf('《', i) > text.lastIndexOf('》', i);
		const hits: Hit[] = [];
		const refText = formatDay(ref);
		if (p.scope === 'year') {
			if (!months.includes(ref.month)) {
				return [];
			}
			for (const m of text.matchAll(/今年/g)) {
				if (quoted(m.index) || inTitle(m.index)) continue;
				hits.push({
					start: m.index,
					end: m.index + 2,
					slots: { basis: ref.basis, ref: refText },
				});
			}
			return hits;
		}
		for (const m of text.matchAll(relativePattern)) {
			const start = m.index;
			// 走到今天, 直到今天: the present, not a day.
			if (notADate.test(text.slice(start, start + 5)) || /(?:到|至|于)$/.test(text.slice(0, start)) || quoted(start) || inTitle(start)) {
				continue;
			}
			// Already explained in brackets: 今天（22日）.
			if (/^[（(][0-9]{1,2}[日号]/.test(text.slice(start + m[0].length, start + m[0].length + 5))) {
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

const stems = '甲乙丙丁戊己庚辛壬癸';
const branches = '子丑寅卯辰巳午未申酉戌亥';
const ganzhiPattern = /(?=[12])(?<![0-9])((?:19|20)[0-9]{2})年(?:是|为|即|，)?(?:中国)?(?:农历)?([甲乙丙丁戊己已庚辛壬癸][子丑寅卯辰巳已午未申酉戌戍亥])年/g;

export function ganzhiOf(year: number): string {
	return stems[(((year - 4) % 10) + 10) % 10] + branches[(((year - 4) % 12) + 12) % 12];
}

/** DAT-010: 2019年是已亥年 for 己亥年; the Gregorian year names its 干支 year. */
export const ganzhiYear = paragraphDateKind('ganzhi-year', '{year}年是农历{replace}年，不是“{found}”年', ['body', 'headline'], () => (ctx) => {
	const hits: Hit[] = [];
	for (const m of ctx.paragraph.text.matchAll(ganzhiPattern)) {
		const right = ganzhiOf(Number(m[1]));
		if (m[2] === right) continue;
		const start = m.index + m[0].length - 3;
		hits.push({ start, end: start + 2, slots: { year: m[1], replace: right }, fixes: [{ title: `改为“${right}”`, text: right }] });
	}
	return hits;
}, () => ['年']);

export { publicationDay };
