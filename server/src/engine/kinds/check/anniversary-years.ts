import { escapeRegExp, fastHan, parseHanziNumber, toHanziNumber } from '../../chars';
import type { Hit, RuleEntry } from '../../rule';
import { paragraphDateKind } from '../support/dateKind';
import { type Static, text, texts, Type } from '../support/params';
import { referenceDay, sentenceAt } from '../support/dates';

const hanEnd = fastHan(/\p{Script=Han}$/u);

// DAT-009: 抗战胜利70周年 in 2025. An anniversary counts the years since its event, so the
// number is fixed once the year it is spoken of is known. That year is taken only from
// what binds to the phrase: a year written with it (2025年是…, …80周年（2025年）, a range
// 1945年至2025年), or 今年/明年/去年 read against the story's date. A bare phrase
// (在庆祝建党100周年大会上的讲话) may well speak of a past celebration, so it is read against
// the story's date only where it speaks of the present (值此…之际), and then a year
// either side is allowed and the fix is offered, not applied.

const eventsParam = Type.Array(
	Type.Object(
		{
			name: text(),
			year: Type.Integer({ minimum: 1000, maximum: 2999 }),
			/** Short names (建党) count only after one of these words, not after a name (劳动党建党). */
			after: Type.Optional(texts({ description: '简称只在这些词之后才算（“庆祝建党”，不含“劳动党建党”）。' })),
		},
		{ additionalProperties: false, errorMessage: 'anniversary 的 events 每项需要 name 和 year（四位年份）' },
	),
	{ minItems: 1, description: '事件名称与起始年份。', errorMessage: 'anniversary 规则需要 events（事件名称与起始年份）' },
);
export type AnniversaryEvent = Static<typeof eventsParam>[number];

interface Binding {
	year: number;
	/** Whether the number follows from the binding alone (a written year, 今年). */
	certain: boolean;
	/** Years either side that are accepted as well (a bare phrase read against the story's date). */
	tolerance: number;
}

const numberPattern = '([0-9]{1,3}|[一二三四五六七八九十百零]{1,5})周年';
const copula = '(?:是|为|正值|正逢|适逢|恰逢|恰值|恰是|正是|也是|又是|既是|迎来|将迎来|即将迎来|将是)';
const monthDay = '(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?';
/** 2025年是…, 2025年9月3日是…: a year that the rest of the sentence is about. */
// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const writtenYear = new RegExp(`(?=[12])(?<![0-9])((?:19|20)[0-9]{2})年${monthDay}${copula}`, 'g');
const relativeYear = new RegExp(`(今年|明年|去年|今天|今日)${monthDay}`, 'g');
const relativeShift: Record<string, number> = { 今年: 0, 今天: 0, 今日: 0, 明年: 1, 去年: -1 };
const yearRange = /(?=[12])(?<![0-9])((?:19|20)[0-9]{2})年?(?:至|到|—|～|~|－|-)((?:19|20)[0-9]{2})年/g;
/** Words that move the time the sentence speaks of, so that a binding before them no longer holds. */
const timeShift = /(?<![0-9])(?:19|20)[0-9]{2}年|今年|明年|去年|当年|那年|前年|后年|届时/;

function valueOf(written: string): number | undefined {
	return /^[0-9]+$/.test(written) ? Number(written) : parseHanziNumber(written.replace(/^百/, '一百'));
}

export const anniversaryYears = paragraphDateKind(
	'anniversary',
	'{event}在{start}年，{year}年应为{replace}周年，不是{found}周年',
	['body', 'headline'],
	(entry: RuleEntry) => {
		const events = entry.events as AnniversaryEvent[];
		const byName = new Map(events.map((e) => [e.name, e]));
		const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
		const eventPattern = new RegExp(`(${names.join('|')})${numberPattern}`, 'g');
		// A number in the clause after a year range, with or without a known event: 1995年至2025年的30周年.
		const rangedPattern = new RegExp(
			`(?=[12])(?<![0-9])((?:19|20)[0-9]{2})年?(?:至|到|—|～|~|－|-)((?:19|20)[0-9]{2})年[^，。；！？：0-9]{0,15}?${numberPattern}`,
			'g',
		);

		return (ctx) => {
			const text = ctx.paragraph.text;
			const hits: Hit[] = [];
			const report = (numberAt: number, written: string, right: number, slots: Record<string, string>, certain: boolean, message?: string) => {
				const replace = /^[0-9]/.test(written) ? String(right) : toHanziNumber(right);
				hits.push({
					start: numberAt,
					end: numberAt + written.length,
					slots: { ...slots, replace },
					message,
					fixes: [{ title: `改为“${replace}”${certain ? '' : '（如年份无误）'}`, text: replace }],
					certain,
				});
			};
			const reported = new Set<number>();

			for (const m of text.matchAll(rangedPattern)) {
				const from = Number(m[1]);
				const to = Number(m[2]);
				const written = m[3];
				const n = valueOf(written);
				const numberAt = m.index + m[0].length - written.length - 2;
				if (n === undefined || to <= from || n === to - from) continue;
				reported.add(numberAt);
				report(numberAt, written, to - from, { start: String(from), year: String(to) }, true, '{start}年至{year}年应为{replace}周年，不是{found}周年');
			}

			for (const m of text.matchAll(eventPattern)) {
				const event = byName.get(m[1])!;
				const written = m[2];
				const n = valueOf(written);
				const numberAt = m.index + m[1].length;
				if (n === undefined || reported.has(numberAt)) continue;
				if (event.after) {
					const before = text.slice(0, m.index);
					if (hanEnd.test(before) && !event.after.some((w) => before.endsWith(w))) continue;
				}
				const sentence = sentenceAt(text, m.index);
				const from = sentence.start;
				let found = bind(from, m.index, numberAt + written.length + 2, event.year);
				if (!found) {
					// A bare phrase: only where it speaks of the present, against the story's date.
					const after = text.slice(numberAt + written.length + 2, numberAt + written.length + 4);
					// 即将迎来建党100周年 may look further ahead than a year; 之际 speaks of now.
					// A work's title (《写在……诞辰110周年之际》) names a past occasion.
					const inTitle = text.lastIndexOf('《', m.index) > text.lastIndexOf('》', m.index);
					const present = /^之际/.test(after) && !inTitle;
					const ref = present && !timeShift.test(text.slice(from, sentence.end)) ? referenceDay(ctx.model, ctx.paragraph, ctx.options) : undefined;
					if (ref?.year !== undefined) found = { year: ref.year, certain: false, tolerance: 1 };
				}
				if (!found || found.year <= event.year) continue;
				const right = found.year - event.year;
				if (Math.abs(n - right) <= found.tolerance) continue;
				report(
					numberAt,
					written,
					right,
					{ event: m[1], start: String(event.year), year: String(found.year) },
					found.certain,
					found.certain ? undefined : '{event}在{start}年，按稿件日期（{year}年）应为{replace}周年左右，“{found}周年”请核对',
				);
			}
			return hits.sort((a, b) => a.start - b.start);

			function bind(from: number, at: number, end: number, start: number): Binding | undefined {
				// 纪念抗战胜利80周年（2025年）.
				const bracketed = /^[（(]((?:19|20)[0-9]{2})年[）)]/.exec(text.slice(end));
				if (bracketed) return { year: Number(bracketed[1]), certain: true, tolerance: 0 };
				const before = text.slice(from, at);
				// The last binding before the phrase, with nothing between that moves the time.
				let best: { index: number; length: number; binding: Binding } | undefined;
				for (const r of before.matchAll(yearRange)) {
					if (Number(r[1]) === start) best = { index: r.index, length: r[0].length, binding: { year: Number(r[2]), certain: true, tolerance: 0 } };
				}
				for (const w of before.matchAll(writtenYear)) {
					if (Number(w[1]) === start) continue;
					if (!best || w.index > best.index) best = { index: w.index, length: w[0].length, binding: { year: Number(w[1]), certain: true, tolerance: 0 } };
				}
				for (const r of before.matchAll(relativeYear)) {
					if (best && r.index < best.index) continue;
					const ref = referenceDay(ctx.model, ctx.paragraph, ctx.options);
					if (ref?.year === undefined) {
						best = undefined;
						continue;
					}
					best = { index: r.index, length: r[0].length, binding: { year: ref.year + relativeShift[r[1]], certain: true, tolerance: 0 } };
				}
				if (!best) return undefined;
				const between = before.slice(best.index + best.length);
				if (timeShift.test(between) || /[；]/.test(between)) return undefined;
				return best.binding;
			}
		};
	},
	{ gate: () => ['周年'], params: { events: eventsParam } },
);
