import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta, RuleOptions } from '../rule';

// House byline form: each role, one space, its names separated by single spaces, a photo
// credit last (记者 王赛华 通讯员 李磊 文/图). No colon after a role, no missing space, roles
// in house order. The same parser serves bylines in brackets after a dateline
// (本报讯（记者 王赛华）), the staff check and the story checks.

const rolePattern = /^(?:本报)?(?:见习|特约|摄影)?记者|^通讯员|^实习生/;
const gluedRole = /(?:本报)?(?:见习|特约|摄影)?记者|通讯员|实习生/;
const credit = /^(?:文[/／]图|图[/／]文|摄影?|图)$/;

export interface BylineGroup {
	role: string;
	names: string[];
}

export interface ParsedByline {
	groups: BylineGroup[];
	/** A photo or text credit written last (文/图, 摄). */
	credit?: string;
}

/** House byline style from config `style:`; each key has the sample page's value as default. */
export interface BylineStyle {
	/** Roles in the order they are written; a role not listed goes last. */
	roles: string[];
	/** What stands between a role and a name, and between items. */
	separator: string;
	/**
	 * Where a 本报 story carries its byline: on its own line at the end, or in brackets after
	 * the dateline; `any` (the default) accepts either, and BYL-504 exists only when one is set.
	 */
	position: 'end' | 'dateline' | 'any';
	/** What stands between 本报讯 and the text. */
	datelineSeparator: string;
	/** True when config sets the separator, which then applies inside dateline brackets too. */
	explicitSeparator?: boolean;
}

export const defaultBylineStyle: BylineStyle = { roles: ['记者', '通讯员', '实习生'], separator: ' ', position: 'any', datelineSeparator: ' ' };

export function bylineStyle(options: RuleOptions): BylineStyle {
	const s = options.style ?? {};
	const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
	const roles = Array.isArray(s.bylineRoles) && s.bylineRoles.every((r) => typeof r === 'string') ? (s.bylineRoles as string[]) : defaultBylineStyle.roles;
	return {
		roles,
		separator: str(s.bylineSeparator, defaultBylineStyle.separator),
		position: s.bylinePosition === 'dateline' || s.bylinePosition === 'end' ? s.bylinePosition : 'any',
		datelineSeparator: str(s.datelineSeparator, defaultBylineStyle.datelineSeparator),
		explicitSeparator: typeof s.bylineSeparator === 'string',
	};
}

/** Splits a byline into role groups and a credit; undefined when the text is not a byline. */
export function parseByline(text: string): ParsedByline | undefined {
	const tokens: string[] = [];
	let rest = text.trim();
	while (rest) {
		const r = rolePattern.exec(rest);
		if (r) {
			tokens.push(r[0]);
			rest = rest.slice(r[0].length).replace(/^[ \u3000]*[:：]?[ \u3000]*/, '');
			continue;
		}
		const token = /^[^ \u3000:：]+/.exec(rest);
		if (!token) {
			return undefined;
		}
		// A role glued to the next name (记者王赛华通讯员李磊) is split off the token, and so
		// is a credit glued to the last name (王赛华摄).
		const glued = gluedRole.exec(token[0].slice(1));
		let word = glued ? token[0].slice(0, glued.index + 1) : token[0];
		const gluedCredit = /^(.{2,})(文[/／]图|摄)$/.exec(word);
		if (gluedCredit && !glued && word === rest.trimEnd()) {
			word = gluedCredit[1];
		}
		tokens.push(word);
		rest = rest.slice(word.length).replace(/^[ \u3000]+/, '');
	}
	if (!tokens.length || !rolePattern.test(tokens[0])) {
		return undefined;
	}
	const parsed: ParsedByline = { groups: [] };
	for (const t of tokens) {
		const group = parsed.groups[parsed.groups.length - 1];
		const last = group?.names[group.names.length - 1];
		if (credit.test(t)) {
			parsed.credit = t;
		} else if (rolePattern.exec(t)?.[0] === t) {
			parsed.groups.push({ role: t, names: [] });
		} else if (last?.length === 1 && t.length === 1) {
			// A two-character name padded to line up with three-character ones (邢　拓).
			group.names[group.names.length - 1] = last + t;
		} else {
			group.names.push(t);
		}
	}
	// A credit anywhere but last, or a role with no name, is something else.
	if (tokens.some((t, i) => credit.test(t) && i !== tokens.length - 1) || parsed.groups.some((g) => !g.names.length)) {
		return undefined;
	}
	return parsed;
}

/** The base role (记者 for 见习记者), by which house order is decided. */
function baseRole(role: string): string {
	return role.replace(/^本报/, '').replace(/^(?:见习|特约|摄影)/, '');
}

/** Groups in house order; stable for roles of equal rank. */
export function orderGroups(groups: BylineGroup[], roles: string[]): BylineGroup[] {
	const rank = (g: BylineGroup) => {
		const i = roles.indexOf(baseRole(g.role));
		return i < 0 ? roles.length : i;
	};
	return groups
		.map((g, i) => ({ g, i }))
		.sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
		.map((x) => x.g);
}

export function formatByline(parsed: ParsedByline, style: Pick<BylineStyle, 'separator'>): string {
	const sep = style.separator;
	const items = parsed.groups.map((g) => [g.role, ...g.names].join(sep));
	return [...items, ...(parsed.credit ? [parsed.credit.replace('／', '/')] : [])].join(sep);
}

/** The byline written in house form and order, or undefined when it is not a byline. */
export function canonicalByline(text: string, style: Pick<BylineStyle, 'separator' | 'roles'> = defaultBylineStyle): string | undefined {
	const parsed = parseByline(text);
	if (!parsed) {
		return undefined;
	}
	return formatByline({ ...parsed, groups: orderGroups(parsed.groups, style.roles) }, style);
}

/** The bracketed byline right after a dateline: 本报讯（记者 王赛华）, with its offsets. */
export function bracketedByline(text: string, datelineLength: number): { start: number; end: number; inner: string; halfwidth: boolean } | undefined {
	const m = /^[ \u3000]*([（(])([^（）()]{2,40})([）)])/.exec(text.slice(datelineLength));
	if (!m || !parseByline(m[2])) {
		return undefined;
	}
	const start = datelineLength + m.index + m[0].length - m[1].length - m[2].length - m[3].length;
	return { start, end: start + m[1].length + m[2].length + m[3].length, inner: m[2], halfwidth: m[1] === '(' || m[3] === ')' };
}

/**
 * Checks one byline text; `offset` places the hit inside the paragraph. Form and order are
 * separate rules, so a newsroom may switch either off: the form fix keeps the written order.
 */
function checkForm(text: string, offset: number, style: BylineStyle, brackets: boolean, mode: 'form' | 'order'): Hit[] {
	const parsed = parseByline(text);
	if (!parsed) {
		return [];
	}
	const ordered = orderGroups(parsed.groups, style.roles);
	const reordered = ordered.some((g, i) => g !== parsed.groups[i]);
	const fixed = mode === 'order' ? formatByline({ ...parsed, groups: ordered }, style) : formatByline(parsed, style);
	if ((mode === 'order' && !reordered) || (mode === 'form' && fixed === text)) {
		return [];
	}
	// Papers differ on spaces inside the brackets (本报讯（记者曹玲娟）); unless the house
	// separator is set, a bracketed byline is held only to the no-colon rule.
	if (mode === 'form' && brackets && !style.explicitSeparator && !/[:：]/.test(text)) {
		return [];
	}
	const hit: Hit = {
		start: offset,
		end: offset + text.length,
		slots: { found: text, replace: fixed },
		fixes: [{ title: `改为“${fixed}”`, text: fixed }],
	};
	if (mode === 'order') {
		hit.message = `署名顺序应为${style.roles.join('、')}：“${fixed}”`;
		// Whose photo is it once the names move? A credit makes the new order a suggestion only.
		hit.certain = !parsed.credit;
	} else if (brackets) {
		hit.message = `电头后括号内署名应为“${fixed}”（职务与姓名之间空一格，不加冒号）`;
	}
	return [hit];
}

export const bylineForm: Kind = {
	name: 'byline-form',
	defaultMessage: '署名格式应为“{replace}”（职务与姓名之间空一格，不加冒号）',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const mode = entry.mode === 'order' ? 'order' : 'form';
		return {
			meta,
			paragraphKinds: ['byline', 'body'],
			needsWords: false,
			check(ctx) {
				const style = bylineStyle(ctx.options);
				const { text, kind, datelineLength } = ctx.paragraph;
				if (kind === 'byline') {
					return checkForm(text, 0, style, false, mode);
				}
				// Agency copy keeps the agency's own byline form (新华社…电（记者刘晨　陆佳飞）).
				const bracketed = datelineLength > 0 && text.startsWith('本报') ? bracketedByline(text, datelineLength) : undefined;
				return bracketed ? checkForm(bracketed.inner, bracketed.start + 1, style, true, mode) : [];
			},
		};
	},
};

/** Edit distance one by substitution: same length, one character apart. */
function oneApart(a: string, b: string): boolean {
	if (a.length !== b.length || a === b) {
		return false;
	}
	let diff = 0;
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i] && ++diff > 1) {
			return false;
		}
	}
	return diff === 1;
}

/** Names in a byline with their offsets in `text`. */
function namesWithOffsets(text: string, offset: number): { name: string; start: number }[] {
	const parsed = parseByline(text);
	if (!parsed) {
		return [];
	}
	const out: { name: string; start: number }[] = [];
	let from = 0;
	for (const g of parsed.groups) {
		from = text.indexOf(g.role, from) + g.role.length;
		for (const n of g.names) {
			const at = text.indexOf(n, from);
			if (at < 0) {
				continue;
			}
			out.push({ name: n, start: offset + at });
			from = at + n.length;
		}
	}
	return out;
}

// A name that is not on the staff list but one character from a name that is (王赛化 for
// 王赛华) is almost always a typo. Several close names make several choices, none preferred.
export const bylineStaff: Kind = {
	name: 'byline-staff',
	defaultMessage: '署名“{found}”不在本报人员名单中，是否为“{replace}”',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['byline', 'body'],
			needsWords: false,
			check(ctx) {
				const staff = ctx.options.staff ?? [];
				if (!staff.length) {
					return [];
				}
				const { text, kind, datelineLength } = ctx.paragraph;
				let names: { name: string; start: number }[] = [];
				if (kind === 'byline') {
					names = namesWithOffsets(text, 0);
				} else if (datelineLength > 0) {
					const b = bracketedByline(text, datelineLength);
					names = b ? namesWithOffsets(b.inner, b.start + 1) : [];
				}
				const known = new Set(staff);
				const hits: Hit[] = [];
				for (const { name, start } of names) {
					if (known.has(name)) {
						continue;
					}
					const close = staff.filter((s) => oneApart(name, s));
					if (!close.length) {
						continue;
					}
					hits.push({
						start,
						end: start + name.length,
						slots: { replace: close.join('”或“') },
						fixes: close.map((c) => ({ title: `改为“${c}”`, text: c })),
						certain: close.length === 1,
					});
				}
				return hits;
			},
		};
	},
};
