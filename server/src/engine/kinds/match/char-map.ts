import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { compileUserPattern } from '../../safeRegex';

// Character substitution inside a context: 零 -> 〇 in a year written in Chinese numerals
// (二零二一年), ○ (a geometric shape) -> 〇, ０-９ -> 0-9. The pattern finds the context;
// the map rewrites every listed character inside the match, and a match that the map
// leaves unchanged is not reported.

export interface CharMapParams {
	find: string;
	map: Record<string, string>;
	certain?: boolean;
	in?: ('body' | 'headline' | 'byline')[];
}

export const charMap: Kind = {
	name: 'char-map',
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as CharMapParams;
		if (typeof p.find !== 'string' || !p.find) {
			throw new RuleDataError('char-map 规则需要 find（正则表达式）', 'find');
		}
		if (!p.map || typeof p.map !== 'object' || Object.values(p.map).some((v) => typeof v !== 'string')) {
			throw new RuleDataError('char-map 规则需要 map（字符到字符的对照）', 'map');
		}
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
					hits.push({ start: m.index, end: m.index + found.length, slots: { found, replace: fixed }, fixes: [{ title: `改为“${fixed}”`, text: fixed }], certain });
				}
				return hits;
			},
		};
	},
};
