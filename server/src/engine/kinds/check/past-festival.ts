import { escapeRegExp } from '../../chars';
import type { Hit, RuleEntry } from '../../rule';
import { RuleDataError } from '../../rule';
import { paragraphDateKind } from '../support/dateKind';
import { day, type Static, texts, Type } from '../support/params';
import { addDays, formatDay, referenceDay, sentenceAt } from '../support/dates';

// DAT-007: 为迎接五一 in a story dated 5月8日. A story written from old material keeps the
// wording of before the festival. Fixed-date festivals need only the story's month and day;
// lunar festivals take their Gregorian date from a table by year, so they need the year too.
// Only the days just after the festival count: months later the words more likely speak of
// the next one, or of the run-up told in the past.

const festivalsParam = Type.Array(
	Type.Object(
		{
			names: texts({ minItems: 1 }),
			/** A fixed Gregorian date. */
			month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
			day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
			/** A lunar festival: its Gregorian date in each year the table covers (2025-01-29). */
			dates: Type.Optional(Type.Array(day(), { description: '农历节日：各年对应的公历日期。' })),
		},
		{ additionalProperties: false },
	),
	{
		minItems: 1,
		description: '节日名称与日期（公历固定日期用 month、day，农历节日用 dates）。',
		errorMessage: 'past-festival 规则需要 festivals（节日名称与日期）',
	},
);
export type Festival = Static<typeof festivalsParam>[number];

const before = '迎接|喜迎|即将到来的|即将来临的|就要到来的';
const after = '即将到来|即将来临|就要到了|来临之际|到来之际';
/** Words that put the sentence in another year or in the past. */
const otherTime = /(?<![0-9])(?:19|20)[0-9]{2}年|去年|前年|往年|当年|那年|此前|当时|曾经|曾/;
/** How many days after a festival its run-up wording is still reported. */
const window = 45;

const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;

export const pastFestival = paragraphDateKind(
	'past-festival',
	'稿件日期为{ref}（{basis}），{festival}（{date}）已过，“{found}”请核对',
	['body', 'headline'],
	(entry: RuleEntry) => {
		const festivals = entry.festivals as Festival[];
		const byName = new Map<string, { month?: number; day?: number; dates: Map<number, [number, number]> }>();
		for (const f of festivals) {
			const fixed = Number.isInteger(f?.month) && Number.isInteger(f?.day);
			const dates = new Map<number, [number, number]>();
			for (const d of f?.dates ?? []) {
				const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)!;
				dates.set(Number(m[1]), [Number(m[2]), Number(m[3])]);
			}
			if (!Array.isArray(f?.names) || !f.names.length || (!fixed && !dates.size)) {
				throw new RuleDataError('past-festival 的 festivals 每项需要 names，以及 month 和 day 或 dates', 'festivals');
			}
			for (const name of f.names) byName.set(name, { month: f.month, day: f.day, dates });
		}
		const names = [...byName.keys()]
			.sort((a, b) => b.length - a.length)
			.map(escapeRegExp)
			.join('|');
		const phrase = new RegExp(`(?:${before})(${names})|(${names})(?:${after})`, 'g');

		return (ctx) => {
			const text = ctx.paragraph.text;
			const hits: Hit[] = [];
			let ref: ReturnType<typeof referenceDay> | null = null;
			for (const m of text.matchAll(phrase)) {
				ref ??= referenceDay(ctx.model, ctx.paragraph, ctx.options) ?? undefined;
				if (!ref) break;
				const name = m[1] ?? m[2];
				const festival = byName.get(name)!;
				const sentence = sentenceAt(text, m.index);
				if (otherTime.test(text.slice(sentence.start, sentence.end))) continue;
				// The festival's last date on or before the story's date: this year's, else last year's.
				const year = ref.year ?? 2001;
				const on = (y: number): [number, number] | undefined =>
					festival.month !== undefined ? [festival.month, festival.day!] : ref!.year !== undefined ? festival.dates.get(y) : undefined;
				const today = dayNumber(year, ref.month, ref.day);
				let passed: number | undefined;
				for (const y of [year, year - 1]) {
					const d = on(y);
					if (d && dayNumber(y, d[0], d[1]) < today) {
						passed = today - dayNumber(y, d[0], d[1]);
						break;
					}
				}
				if (passed === undefined || passed > window) continue;
				const date = addDays({ year, month: ref.month, day: ref.day }, -passed);
				hits.push({
					start: m.index,
					end: m.index + m[0].length,
					slots: { ref: formatDay(ref), basis: ref.basis, festival: name, date: formatDay({ ...date, year: ref.year === undefined ? undefined : date.year }) },
				});
			}
			return hits;
		};
	},
	{
		// No festival named, nothing to report.
		gate: (entry) => ((entry.festivals as { names?: string[] }[] | undefined) ?? []).flatMap((f) => f?.names ?? []),
		params: { festivals: festivalsParam },
	},
);
