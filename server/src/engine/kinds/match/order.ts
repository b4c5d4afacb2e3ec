import { fastHan } from '../../chars';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { draftDate, parseDay } from '../support/context';
import { day, dict, params, type Static, text, texts, Type } from '../support/params';
import { editDistance } from '../../editDistance';

const hanWord = fastHan(/^\p{Script=Han}+$/u);
const hanRunStart = fastHan(/^\p{Script=Han}+/u);
const hanRunEnd = fastHan(/\p{Script=Han}+$/u);

// A fixed enumeration (道路自信、理论自信、制度自信、文化自信) written out of order. The fix
// reorders the members and keeps the separators the author used. A list that names some
// members but not all, or one member misspelt (看起意识), is reported without a fix: what
// is missing needs a person. Members may come in groups (社会主义核心价值观: 富强、民主、
// 文明、和谐，自由、…), joined by 、 inside a group and ， between groups.

export const orderParams = params({
	/** The members in order; a list of lists for grouped enumerations. */
	members: Type.Array(Type.Union([text(), texts({ minItems: 1 })]), {
		minItems: 2,
		description: '按规范顺序排列的成员；分组时为列表的列表（组内顿号、组间逗号）。',
		errorMessage: 'order 规则需要 members（至少两项非空文字）',
	}),
	/** How many members must appear in one list before an incomplete list is reported. */
	minMembers: Type.Optional(Type.Integer({ minimum: 2, description: '一处列出至少几项时才查是否缺项。' })),
	separators: Type.Optional(Type.String({ description: '成员之间的分隔符（默认 、，,和与及）。' })),
	/** True when any subset may be listed, as long as its relative order holds. */
	partial: Type.Optional(Type.Boolean({ description: '可只列部分成员，相对顺序须一致。' })),
	/** Older wordings of a member, accepted in its place (全面建成小康社会 before 2020). */
	variants: Type.Optional(dict(texts(), { description: '成员的旧表述，可代替该成员。' })),
	/** Date after which a variant is out of date (YYYY-MM-DD). */
	variantsUntil: Type.Optional(day({ description: '旧表述停用日期。' })),
	label: Type.Optional(Type.String({ description: '提法名称，如“四个自信”。' })),
});
export type OrderParams = Static<typeof orderParams>;

export { editDistance };

interface Item {
	start: number;
	end: number;
	/** The member this item stands for; undefined for an unknown item (a possible misspelling). */
	member?: string;
	text: string;
	variant?: boolean;
}

export const order: Kind = {
	name: 'order',
	params: orderParams,
	defaultMessage: '{label}的顺序应为：{replace}',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as OrderParams;
		const grouped = p.members.some((m) => Array.isArray(m));
		const groups = p.members.map((m) => (Array.isArray(m) ? m : [m]));
		const members = groups.flat();
		const canonical = grouped ? groups.map((g) => g.join('、')).join('，') : members.join('、');
		const separators = p.separators ?? '、，,和与及';
		const minMembers = p.minMembers ?? Math.max(2, members.length - 1);
		const label = p.label ?? members.join('、');
		const variantOf = new Map<string, string>();
		for (const [member, alts] of Object.entries(p.variants ?? {})) {
			if (!members.includes(member)) {
				throw new RuleDataError(`variants 中的“${member}”不是 members 的成员`, 'variants');
			}
			for (const alt of alts) variantOf.set(alt, member);
		}
		const variantsUntil = parseDay(p.variantsUntil);
		const longest = Math.max(...members.map((m) => m.length));
		const isSeparator = (s: string) => s.length === 1 && separators.includes(s);
		// Quoted members may stand side by side without a 顿号: “一国两制”“港人治港”.
		const joined = (text: string, prev: Item, item: Item) =>
			isSeparator(text.slice(prev.end, item.start)) || (prev.end === item.start && text[prev.end - 1] === '”' && text[item.start] === '“');
		// An unknown item between separators: Han text about as long as a member.
		const unknownAt = (text: string, from: number, to: number): Item | undefined => {
			const t = text.slice(from, to);
			return hanWord.test(t) && t.length <= longest + 1 ? { start: from, end: to, text: t } : undefined;
		};
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			terms: [...members, ...variantOf.keys()],
			onTerms(ctx, matches) {
				const text = ctx.paragraph.text;
				// Prefer the longest match at each start, and drop matches inside another.
				const known: Item[] = [];
				for (const m of [...matches].sort((a, b) => a.start - b.start || b.end - a.end)) {
					const prev = known[known.length - 1];
					if (prev && m.start < prev.end) continue;
					const member = variantOf.get(m.term) ?? m.term;
					known.push({ start: m.start, end: m.end, member, text: m.term, variant: variantOf.has(m.term) });
				}
				// Group items into lists: members joined by one separator, allowing one
				// unknown item (a misspelt member) between separators or at either end.
				const lists: Item[][] = [];
				for (const item of known) {
					const list = lists[lists.length - 1];
					const prev = list?.[list.length - 1];
					if (prev && joined(text, prev, item)) {
						list.push(item);
						continue;
					}
					if (prev && list.every((i) => i.member) && item.start - prev.end >= 3 && isSeparator(text[prev.end]) && isSeparator(text[item.start - 1])) {
						const unknown = unknownAt(text, prev.end + 1, item.start - 1);
						if (unknown) {
							list.push(unknown, item);
							continue;
						}
					}
					lists.push([item]);
				}
				const hits: Hit[] = [];
				for (const list of lists) {
					const knownItems = list.filter((i) => i.member);
					const names = knownItems.map((i) => i.member as string);
					const distinct = new Set(names);
					if (distinct.size !== names.length) {
						continue;
					}
					// A misspelt member at either end of an almost complete list.
					if (list.length === members.length - 1 && list.every((i) => i.member)) {
						const missing = members.find((x) => !distinct.has(x)) as string;
						const first = list[0];
						const last = list[list.length - 1];
						const after = hanRunStart.exec(text.slice(last.end + 1, last.end + 2 + longest));
						const before = hanRunEnd.exec(text.slice(Math.max(0, first.start - 2 - longest), first.start - 1));
						if (members.indexOf(missing) === members.length - 1 && isSeparator(text[last.end]) && after) {
							const t = after[0].slice(0, missing.length);
							if (editDistance(t, missing) === 1) list.push({ start: last.end + 1, end: last.end + 1 + t.length, text: t });
						} else if (members.indexOf(missing) === 0 && isSeparator(text[first.start - 1]) && before) {
							const t = before[0].slice(-missing.length);
							if (editDistance(t, missing) === 1) list.unshift({ start: first.start - 1 - t.length, end: first.start - 1, text: t });
						}
					}
					const unknown = list.find((i) => !i.member);
					const start = list[0].start;
					const end = list[list.length - 1].end;
					const slots = { label, replace: canonical, found: text.slice(start, end) };
					if (unknown) {
						const missing = members.filter((x) => !distinct.has(x));
						if (
							missing.length === 1 &&
							names.length === members.length - 1 &&
							editDistance(unknown.text, missing[0]) <= Math.max(1, Math.floor(missing[0].length / 3))
						) {
							hits.push({
								start: unknown.start,
								end: unknown.end,
								severity: 'warning',
								slots: { ...slots, found: unknown.text, missing: missing[0] },
								message: `${label}中的“${unknown.text}”疑为“${missing[0]}”之误`,
							});
						}
						continue;
					}
					if (names.length < 2) {
						continue;
					}
					const expected = members.filter((x) => distinct.has(x));
					const inOrder = expected.every((x, i) => x === names[i]);
					const complete = names.length === members.length;
					if ((complete || p.partial) && !inOrder) {
						let fixed = '';
						list.forEach((item, i) => {
							const target = expected[i];
							const original = list.find((x) => x.member === target) as Item;
							fixed += original.text;
							if (i + 1 < list.length) fixed += text.slice(item.end, list[i + 1].start);
						});
						hits.push({
							start,
							end,
							slots: { ...slots, replace: p.partial ? expected.join('、') : canonical },
							fixes: [{ title: '按规范顺序排列', text: fixed }],
						});
						continue;
					}
					if (complete && grouped && inOrder) {
						// Right order, wrong joins: 、 inside a group, ， between groups.
						let fixed = '';
						let k = 0;
						groups.forEach((g) => {
							g.forEach((_, mi) => {
								fixed += list[k].text;
								if (k + 1 < list.length) fixed += mi + 1 < g.length ? '、' : '，';
								k++;
							});
						});
						if (fixed !== slots.found) {
							hits.push({
								start,
								end,
								severity: 'warning',
								slots,
								message: `${label}组内用顿号、组间用逗号：${canonical}`,
								fixes: [{ title: '改正分隔符号', text: fixed }],
							});
						}
					}
					if (!complete && !p.partial && names.length >= minMembers) {
						const missing = members.filter((x) => !distinct.has(x));
						hits.push({
							start,
							end,
							severity: 'warning',
							slots: { ...slots, missing: missing.join('、') },
							message: `${label}应完整列出，缺少：${missing.join('、')}${inOrder ? '' : '；顺序也应为：' + canonical}`,
						});
						continue;
					}
					const old = list.filter((i) => i.variant);
					if (complete && inOrder && old.length) {
						const date = draftDate(ctx.options);
						if (!date || !variantsUntil || date > variantsUntil) {
							for (const o of old) {
								hits.push({
									start: o.start,
									end: o.end,
									severity: date ? 'info' : 'hint',
									slots: { ...slots, found: o.text },
									message: `“${o.text}”是${label}的旧表述，现行表述为“${o.member}”${date ? '' : '（如为当时的表述可忽略）'}`,
								});
							}
						}
					}
				}
				return hits;
			},
		};
	},
};
