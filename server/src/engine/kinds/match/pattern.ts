import { toHalfwidth, toHanziNumber } from '../../chars';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { compileUserPattern } from '../../safeRegex';
import { certain, paragraphs, params, type Static, text, Type } from '../support/params';

// A regular expression with an optional replacement template. Templates name groups as
// $1 or $<name>, and may convert a group: ${1:hanzi} turns 6 into 六 (十九届6中全会).

export const patternParams = params({
	find: text({ description: '正则表达式。', errorMessage: 'pattern 规则需要 find（正则表达式）' }),
	replace: Type.Optional(
		Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1 })], { description: '替换模板，可用 $1、$<名称>、${1:hanzi}；多个时作为可选修改。' }),
	),
	certain: certain(),
	/** Paragraph kinds to read; body by default. */
	in: Type.Optional(paragraphs({ description: '检查的段落种类（默认只查正文）。' })),
});
export type PatternParams = Static<typeof patternParams>;

const conversions: Record<string, (s: string) => string> = {
	hanzi: (s) => toHanziNumber(Number(s)),
	halfwidth: toHalfwidth,
};

export function expandTemplate(template: string, m: RegExpExecArray): string {
	return template.replace(/\$(?:(\d+)|<(\w+)>|\{(\w+)(?::(\w+))?\})/g, (_all, num: string, named: string, braced: string, conv: string) => {
		const key = num ?? named ?? braced;
		const value = (/^\d+$/.test(key) ? m[Number(key)] : m.groups?.[key]) ?? '';
		return conv ? (conversions[conv]?.(value) ?? value) : value;
	});
}

export const pattern: Kind = {
	name: 'pattern',
	params: patternParams,
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as PatternParams;
		const re = compileUserPattern(p.find, { trusted: meta.trusted });
		const templates = p.replace === undefined ? [] : Array.isArray(p.replace) ? p.replace : [p.replace];
		for (const t of templates) {
			for (const [, conv] of t.matchAll(/\$\{\w+:(\w+)\}/g)) {
				if (!conversions[conv]) {
					throw new RuleDataError(`未知的替换转换“${conv}”，可用：${Object.keys(conversions).join('、')}`, 'replace');
				}
			}
		}
		const certain = p.certain ?? templates.length === 1;
		return {
			meta,
			paragraphKinds: p.in ?? ['body'],
			needsWords: false,
			gate: re.gate,
			check(ctx) {
				const hits: Hit[] = [];
				// A run stopped by the budget keeps its matches; the lint switches the rule off after it.
				const { matches } = re.run(ctx.paragraph.text, ctx.run.budget);
				for (const m of matches) {
					const found = m[0];
					const choices = templates.map((t) => expandTemplate(t, m)).filter((c) => c !== found);
					if (templates.length && !choices.length) {
						continue;
					}
					hits.push({
						start: m.index,
						end: m.index + found.length,
						slots: { found, replace: choices.join('”或“'), ...(m.groups ?? {}) },
						fixes: choices.map((c) => ({ title: c ? `改为“${c}”` : `删除“${found}”`, text: c })),
						certain,
					});
				}
				return hits;
			},
		};
	},
};
