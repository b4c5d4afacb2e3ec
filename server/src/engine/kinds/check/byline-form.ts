import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta, RuleOptions } from '../../rule';
import { type BylineGroup, type Paragraph, type ParsedByline, parseByline } from '../../textModel';
import { params, type Static, Type, words } from '../support/params';

// House byline form: each role, one space, its names separated by single spaces, a photo
// credit last (记者 王赛华 通讯员 李磊 文/图). No colon after a role, no missing space, roles
// in house order. The parser lives in the text model, which finds bylines by it; the same
// parse serves bylines in brackets after a dateline (本报讯（记者 王赛华）), the staff check
// and the story checks.

export type { BylineGroup, ParsedByline };
export { parseByline };

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
	/**
	 * Pad a two-character name with a full-width space when the byline also has a longer
	 * one (新华社记者　邢　拓　余俊杰), as Xinhua does; off by default (BYL-012).
	 */
	padNames?: boolean;
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
		padNames: s.bylinePadNames === true,
	};
}

/** The base role (记者 for 见习记者), by which house order is decided. */
function baseRole(role: string): string {
	return role.replace(/^本报/, '').replace(/^(?:见习|特约|摄影|实习)/, '');
}

/** Groups in house order; stable for roles of equal rank. */
export function orderGroups(groups: BylineGroup[], roles: string[]): BylineGroup[] {
	// Credits without a role (张玉东/文 廖谦/图) stay where they are written.
	if (groups.some((g) => !g.role)) {
		return groups;
	}
	const rank = (g: BylineGroup) => {
		const i = roles.indexOf(baseRole(g.role));
		return i < 0 ? roles.length : i;
	};
	return groups
		.map((g, i) => ({ g, i }))
		.sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
		.map((x) => x.g);
}

export function formatByline(parsed: ParsedByline, style: Pick<BylineStyle, 'separator' | 'padNames'>): string {
	const sep = style.separator;
	const longer = style.padNames && parsed.groups.some((g) => g.names.some((n) => n.length > 2 && !n.includes('·')));
	const name = (n: string) => (longer && n.length === 2 ? `${n[0]}\u3000${n[1]}` : n);
	const items = parsed.groups.map((g) =>
		g.credit !== undefined ? `${name(g.names[0])}/${g.credit}` : [...(g.role ? [g.role] : []), ...g.names.map(name)].join(sep),
	);
	return [...items, ...(parsed.credit ? [parsed.credit.replace('／', '/')] : [])].join(sep);
}

/** The byline written in house form and order, or undefined when it is not a byline. */
export function canonicalByline(text: string, style: Pick<BylineStyle, 'separator' | 'roles' | 'padNames'> = defaultBylineStyle): string | undefined {
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

/**
 * The lines of a byline paragraph as view ranges. The text model stands a virtual space for
 * each break between byline lines; line content is trimmed, so a space at a run's edge is one.
 */
function bylineLines(paragraph: Paragraph): { start: number; end: number }[] {
	const { text } = paragraph;
	const lines: { start: number; end: number }[] = [];
	let start = 0;
	for (let i = 1; i < text.length - 1; i++) {
		if (text[i] === ' ' && paragraph.crossesBreak(i - 1, i + 1)) {
			lines.push({ start, end: i });
			start = i + 1;
		}
	}
	lines.push({ start, end: text.length });
	return lines;
}

/** A photo credit written 拍摄 or 摄影 at the end of a byline (记者 张三 拍摄): the house writes 摄. */
function checkCredit(text: string): Hit[] {
	const credit = parseByline(text)?.credit;
	if (credit !== '拍摄' && credit !== '摄影') {
		return [];
	}
	const start = text.length - credit.length;
	return [{ start, end: text.length, slots: { found: credit, replace: '摄' }, fixes: [{ title: '改为“摄”', text: '摄' }] }];
}

export const bylineFormParams = params({
	check: Type.Optional(words(['form', 'order', 'credit'] as const, { description: 'form（默认）、order 或 credit。' })),
});

export const bylineForm: Kind = {
	name: 'byline-form',
	params: bylineFormParams,
	defaultMessage: '署名格式应为“{replace}”（职务与姓名之间空一格，不加冒号）',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const { check } = entry as unknown as Static<typeof bylineFormParams>;
		if (check === 'credit') {
			return { meta, paragraphKinds: ['byline'], needsWords: false, check: (ctx) => checkCredit(ctx.paragraph.text) };
		}
		const mode = check === 'order' ? 'order' : 'form';
		return {
			meta,
			paragraphKinds: ['byline', 'body'],
			needsWords: false,
			check(ctx) {
				const style = bylineStyle(ctx.options);
				const { text, kind, datelineLength } = ctx.paragraph;
				if (kind === 'byline') {
					if (mode === 'order') {
						return checkForm(text, 0, style, false, mode);
					}
					// A byline over several lines is held to the form line by line, so that
					// the fix keeps the line breaks (记者王赛华 / 通讯员李磊).
					return bylineLines(ctx.paragraph).flatMap((l) => checkForm(text.slice(l.start, l.end), l.start, style, false, mode));
				}
				// Agency copy keeps the agency's own byline form (新华社…电（记者刘晨　陆佳飞）).
				const bracketed = datelineLength > 0 && text.startsWith('本报') ? bracketedByline(text, datelineLength) : undefined;
				return bracketed ? checkForm(bracketed.inner, bracketed.start + 1, style, true, mode) : [];
			},
		};
	},
};
