import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';

// A date that cannot exist: 2021年11月31日, 2022年2月29日, 13月. Without a year, February
// allows the 29th unless the publication year says otherwise.

const datePattern = /(?<![0-9])(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号]/g;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(month: number, year?: number): number {
	if (month === 2) {
		return year === undefined || isLeapYear(year) ? 29 : 28;
	}
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const dateValidity: Kind = {
	name: 'date-validity',
	defaultMessage: '日期“{found}”不存在：{reason}',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: false,
			check(ctx) {
				const hits: Hit[] = [];
				for (const m of ctx.paragraph.text.matchAll(datePattern)) {
					const year = m[1] ? Number(m[1]) : undefined;
					const month = Number(m[2]);
					const day = Number(m[3]);
					let reason: string | undefined;
					if (month < 1 || month > 12) {
						reason = `没有${month}月`;
					} else if (day < 1 || day > daysInMonth(month, year)) {
						reason =
							month === 2 && day === 29 && year !== undefined
								? `${year}年不是闰年，2月只有28天`
								: `${month}月只有${daysInMonth(month, year)}天`;
					}
					if (reason) {
						hits.push({ start: m.index, end: m.index + m[0].length, slots: { found: m[0], reason } });
					}
				}
				return hits;
			},
		};
	},
};
