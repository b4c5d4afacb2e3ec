import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';

// House byline form: each role, one space, its names separated by single spaces, a photo
// credit last (记者 王赛华 通讯员 李磊 文/图). No colon after a role, no missing space.

const role = /^(?:本报)?(?:见习|特约|摄影)?记者|^通讯员|^实习生/;
const credit = /^(?:文[/／]图|图[/／]文|摄影?|图)$/;

/** Splits a byline into roles, names and a credit, and writes it back in house form. */
export function canonicalByline(text: string): string | undefined {
	const parts: string[] = [];
	let rest = text.trim();
	while (rest) {
		const r = role.exec(rest);
		if (r) {
			parts.push(r[0]);
			rest = rest.slice(r[0].length).replace(/^[ \u3000]*[:：]?[ \u3000]*/, '');
			continue;
		}
		const token = /^[^ \u3000:：]+/.exec(rest);
		if (!token) {
			return undefined;
		}
		// A role glued to the next name (记者王赛华通讯员李磊) is split off the token.
		const glued = /(?:(?:本报)?(?:见习|特约|摄影)?记者|通讯员|实习生)/.exec(token[0].slice(1));
		const word = glued ? token[0].slice(0, glued.index + 1) : token[0];
		parts.push(word);
		rest = rest.slice(word.length).replace(/^[ \u3000]+/, '');
	}
	if (!parts.length || !role.test(parts[0]) || parts.some((p, i) => credit.test(p) && i !== parts.length - 1)) {
		return undefined;
	}
	return parts.join(' ');
}

export const bylineForm: Kind = {
	name: 'byline-form',
	defaultMessage: '署名格式应为“{replace}”（职务与姓名之间空一格，不加冒号）',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['byline'],
			needsWords: false,
			check(ctx) {
				const text = ctx.paragraph.text;
				const fixed = canonicalByline(text);
				if (!fixed || fixed === text) {
					return [];
				}
				return [{ start: 0, end: text.length, slots: { found: text, replace: fixed }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] }];
			},
		};
	},
};
