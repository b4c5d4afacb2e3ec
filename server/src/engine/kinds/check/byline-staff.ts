import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { parseByline } from '../../textModel';
import { bracketedByline } from './byline-form';
import { noParams } from '../support/params';

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
	params: noParams,
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
