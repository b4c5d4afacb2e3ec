import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { compileUserPattern } from '../../safeRegex';
import { certain, dict, paragraphs, params, type Static, text, Type } from '../support/params';

// Character substitution inside a context: 零 -> 〇 in a year written in Chinese numerals
// (二零二一年), ○ (a geometric shape) -> 〇, ０-９ -> 0-9. The pattern finds the context;
// the map rewrites every listed character inside the match, and a match that the map
// leaves unchanged is not reported.

export const charMapParams = params({
	find: text({ description: '正则表达式，找出替换的范围。', errorMessage: 'char-map 规则需要 find（正则表达式）' }),
	map: dict(Type.String(), { description: '匹配范围内逐字替换的对照表，如 零: 〇。', errorMessage: 'char-map 规则需要 map（字符到字符的对照）' }),
	certain: certain(),
	in: Type.Optional(paragraphs({ description: '检查的段落种类（默认正文与标题）。' })),
});
export type CharMapParams = Static<typeof charMapParams>;

export const charMap: Kind = {
	name: 'char-map',
	params: charMapParams,
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as CharMapParams;
		const re = compileUserPattern(p.find, { trusted: meta.trusted });
		const map = new Map(Object.entries(p.map));
		const certain = p.certain ?? true;
		return {
			meta,
			paragraphKinds: p.in ?? ['body', 'headline'],
			needsWords: false,
			gate: re.gate,
			check(ctx) {
				const { matches } = re.run(ctx.paragraph.text, ctx.run.budget);
				const hits: Hit[] = [];
				for (const m of matches) {
					const found = m[0];
					const fixed = [...found].map((c) => map.get(c) ?? c).join('');
					if (fixed === found) continue;
					hits.push({
						start: m.index,
						end: m.index + found.length,
						slots: { found, replace: fixed },
						fixes: [{ title: `改为“${fixed}”`, text: fixed }],
						certain,
					});
				}
				return hits;
			},
		};
	},
};
