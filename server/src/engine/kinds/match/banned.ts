import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { compileUserPattern, type UserPattern } from '../../safeRegex';
import type { MarkTable } from '../../marks';
import { applyContext, type ContextParams, draftDate, parseDay } from '../support/context';
import {
	boundary,
	certain,
	contextParams,
	day,
	dict,
	paragraphs,
	params,
	type Static,
	text,
	textOrTexts,
	Type,
	unlessAfter,
	unlessBefore,
} from '../support/params';
import { alreadyCorrect, contextExcluded } from './replace';

// A banned or caution term (新华社禁用词和慎用词, 涉台港澳用语) with the reason it is not
// used and the wording to use instead. Literal `find` terms or a regular expression
// `pattern`; a fix only when `replace` gives one certain wording, or `replaceEach` the
// wording the list prescribes for a term (瞎子: 盲人), otherwise `prefer` is shown as advice. In quoted speech the finding drops to `inQuote` (warning by default)
// with a note, and in a sentence about the years before 1949 to `historical` when set.

export const bannedParams = params({
	find: Type.Optional(textOrTexts({ description: '词表。' })),
	pattern: Type.Optional(text({ description: '正则表达式（与 find 二选一）。' })),
	replace: Type.Optional(
		Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1 })], { description: '正确形式；多个时作为可选修改，不自动应用。' }),
	),
	/** Advice on what to write instead, shown in the message; never applied. */
	prefer: Type.Optional(Type.String({ description: '建议的写法，只作提示。' })),
	/** The wording prescribed for each term of `find` (瞎子: 盲人), offered as that term's fix. */
	replaceEach: Type.Optional(dict(text(), { description: 'find 中各词规定的写法（瞎子: 盲人），作为该词的修改建议。' })),
	/** Why the term is not used, shown in the message. */
	reason: Type.Optional(Type.String({ description: '不用该词的理由，可在 message 中用 {reason}。' })),
	boundary: Type.Optional(boundary()),
	unlessBefore: unlessBefore(),
	unlessAfter: unlessAfter(),
	certain: certain(),
	in: Type.Optional(paragraphs({ description: '检查的段落种类（默认正文与标题）。' })),
	/** Drafts dated before this day (YYYY-MM-DD) are not checked: the wording was current then. */
	since: Type.Optional(day({ description: '早于此日期的稿件不查（当时的规范提法）。' })),
	...contextParams,
});
export type BannedParams = Static<typeof bannedParams>;

/**
 * A term that comes with no fix is reported once per paragraph: the advice is the same every
 * time (a joke that repeats 十字军 five times is one finding). A fix stays with each place.
 */
function oncePerParagraph(hits: Hit[]): Hit[] {
	const seen = new Set<string>();
	return hits.filter((h) => {
		if (h.fixes?.length) return true;
		const term = h.slots?.found ?? '';
		if (seen.has(term)) return false;
		seen.add(term);
		return true;
	});
}

export const banned: Kind = {
	name: 'banned',
	params: bannedParams,
	defaultMessage: '慎用“{found}”：{reason}',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as BannedParams;
		const find = typeof p.find === 'string' ? [p.find] : p.find;
		if ((!find || !find.length) && !p.pattern) {
			throw new RuleDataError('banned 规则需要 find（词表）或 pattern（正则表达式）', 'find');
		}
		if (find?.length && p.pattern) {
			throw new RuleDataError('banned 规则的 find 与 pattern 只能二选一', 'pattern');
		}
		let re: UserPattern | undefined;
		if (p.pattern) {
			try {
				re = compileUserPattern(p.pattern, { trusted: meta.trusted });
			} catch (err) {
				throw new RuleDataError((err as Error).message, 'pattern');
			}
		}
		const choices = p.replace === undefined ? [] : Array.isArray(p.replace) ? p.replace : [p.replace];
		const certain = p.certain ?? choices.length === 1;
		const wordBoundary = p.boundary === 'word';
		const context: ContextParams = { inQuote: p.inQuote ?? 'warning', historical: p.historical, quotedOk: p.quotedOk };
		const since = parseDay(p.since);
		if (p.since !== undefined && !since) {
			throw new RuleDataError(`since 应为 YYYY-MM-DD 日期：${p.since}`, 'since');
		}
		const current = (options: { publicationDate?: Date; path?: string }) => {
			const date = since ? draftDate(options) : undefined;
			return !date || !since || date >= since;
		};
		const baseSlots = { reason: p.reason ?? '', prefer: p.prefer ?? choices.join('”或“'), replace: choices.join('”或“') };

		const each = p.replaceEach ?? {};
		if (Object.keys(each).some((term) => !find?.includes(term))) {
			throw new RuleDataError('replaceEach 的每一项都须是 find 中的词', 'replaceEach');
		}
		const hitFor = (marks: MarkTable, start: number, end: number, found: string, groups?: Record<string, string>): Hit | undefined => {
			const { text } = marks;
			if (choices.some((c) => alreadyCorrect(text, start, end, c, found))) {
				return undefined;
			}
			if (contextExcluded(text, start, end, p.unlessBefore, p.unlessAfter)) {
				return undefined;
			}
			// The title of a published work is cited as it stands: 《“一带一路”战略与周边地缘重塑》.
			if (marks.inTitle(start)) {
				return undefined;
			}
			const own = each[found];
			if (own) {
				const fix = [{ title: `改为“${own}”`, text: own }];
				return applyContext(
					{ start, end, slots: { ...baseSlots, prefer: own, replace: own, found }, fixes: fix, certain: p.certain ?? true },
					marks,
					context,
					meta.severity,
					meta.message,
				);
			}
			const fixes = choices.map((c) => ({ title: c ? `改为“${c}”` : `删除“${found}”`, text: c }));
			return applyContext({ start, end, slots: { ...baseSlots, ...groups, found }, fixes, certain }, marks, context, meta.severity, meta.message);
		};

		const rule: CompiledRule = {
			meta,
			paragraphKinds: p.in ?? ['body', 'headline'],
			needsWords: wordBoundary,
		};
		if (find?.length) {
			rule.terms = find;
			rule.onTerms = (ctx, matches) => {
				if (!current(ctx.options)) return [];
				const words = wordBoundary ? ctx.words() : undefined;
				const hits: Hit[] = [];
				for (const m of matches) {
					if (words && !words.spansWords(m.start, m.end)) continue;
					const hit = hitFor(ctx.paragraph.marks, m.start, m.end, m.term);
					if (hit) hits.push(hit);
				}
				return oncePerParagraph(hits);
			};
		} else if (re) {
			const pattern = re;
			rule.gate = pattern.gate;
			rule.check = (ctx) => {
				if (!current(ctx.options)) return [];
				const text = ctx.paragraph.text;
				const { matches } = pattern.run(text, ctx.run.budget);
				const words = wordBoundary ? ctx.words() : undefined;
				const hits: Hit[] = [];
				for (const m of matches) {
					const start = m.index;
					const end = start + m[0].length;
					if (words && !words.spansWords(start, end)) continue;
					const hit = hitFor(ctx.paragraph.marks, start, end, m[0], m.groups);
					if (hit) hits.push(hit);
				}
				return oncePerParagraph(hits);
			};
		}
		return rule;
	},
};
