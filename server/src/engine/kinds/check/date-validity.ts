import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { daysInMonth, impliedYear } from '../support/dates';
import { noParams } from '../support/params';

// A date that cannot exist: 2021年11月31日, 2022年2月29日, 13月. A date written without
// its year takes a year named earlier in its sentence, then the story's year, then one
// named earlier in the story; with none, February keeps its 29th.

// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const datePattern = /(?=[0-9])(?<![0-9])(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号]/g;

export const dateValidity: Kind = {
	name: 'date-validity',
	params: noParams,
	defaultMessage: '日期“{found}”不存在：{reason}',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: false,
			check(ctx) {
				const hits: Hit[] = [];
				for (const m of ctx.paragraph.text.matchAll(datePattern)) {
					const month = Number(m[2]);
					const day = Number(m[3]);
					let year = m[1] ? Number(m[1]) : undefined;
					let implied = false;
					if (year === undefined && month === 2 && day === 29) {
						year = impliedYear(ctx.model, ctx.paragraph, m.index, ctx.options);
						implied = year !== undefined;
					}
					let reason: string | undefined;
					if (month < 1 || month > 12) {
						reason = `没有${month}月`;
					} else if (day < 1 || day > daysInMonth(month, year)) {
						reason =
							month === 2 && day === 29 && year !== undefined
								? `${year}年不是闰年，2月只有28天${implied ? `（按上下文推定为${year}年）` : ''}`
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
