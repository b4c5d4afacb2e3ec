import type { TermMatch } from '../automaton';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../rule';
import { RuleDataError } from '../rule';

// A fixed enumeration (道路自信、理论自信、制度自信、文化自信) written out of order. The fix
// reorders the members and keeps the separators the author used. A list that names some
// members but not all is reported without a fix: what is missing needs a person.

export interface OrderParams {
	members: string[];
	/** How many members must appear in one list before an incomplete list is reported. */
	minMembers?: number;
	separators?: string;
}

export const order: Kind = {
	name: 'order',
	defaultMessage: '{label}的顺序应为：{replace}',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as OrderParams;
		if (!Array.isArray(p.members) || p.members.length < 2) {
			throw new RuleDataError('order 规则需要 members（至少两项）', 'members');
		}
		const members = p.members;
		const separators = p.separators ?? '、，,和与及';
		const minMembers = p.minMembers ?? Math.max(2, members.length - 1);
		const label = typeof entry.label === 'string' ? entry.label : members.join('、');
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			terms: members,
			onTerms(ctx, matches) {
				const text = ctx.paragraph.text;
				// Group matches into lists: consecutive members joined by one separator.
				const lists: TermMatch<CompiledRule>[][] = [];
				for (const m of matches) {
					const list = lists[lists.length - 1];
					const prev = list?.[list.length - 1];
					const gap = prev ? text.slice(prev.end, m.start) : undefined;
					if (prev && gap !== undefined && gap.length === 1 && separators.includes(gap)) {
						list.push(m);
					} else {
						lists.push([m]);
					}
				}
				const hits: Hit[] = [];
				for (const list of lists) {
					const names = list.map((m) => m.term);
					const distinct = new Set(names);
					if (distinct.size !== names.length || names.length < 2) {
						continue;
					}
					const expected = members.filter((x) => distinct.has(x));
					const inOrder = expected.every((x, i) => x === names[i]);
					const start = list[0].start;
					const end = list[list.length - 1].end;
					const slots = { label, replace: members.join('、'), found: text.slice(start, end) };
					if (names.length === members.length && !inOrder) {
						let fixed = '';
						list.forEach((m, i) => {
							fixed += expected[i];
							if (i + 1 < list.length) fixed += text.slice(m.end, list[i + 1].start);
						});
						hits.push({ start, end, slots, fixes: [{ title: '按规范顺序排列', text: fixed }] });
					} else if (names.length < members.length && names.length >= minMembers) {
						const missing = members.filter((x) => !distinct.has(x));
						hits.push({ start, end, severity: 'warning', slots: { ...slots, missing: missing.join('、') }, message: `${label}应完整列出，缺少：${missing.join('、')}${inOrder ? '' : '；顺序也应为：' + members.join('、')}` });
					}
				}
				return hits;
			},
		};
	},
};
