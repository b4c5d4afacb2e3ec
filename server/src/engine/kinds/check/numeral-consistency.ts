import { fastHan, han, parseHanziNumber, toHanziNumber } from '../../chars';
import type { CompiledRule, DocumentHit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import type { Paragraph } from '../../textModel';
import { check, params, type Static, texts, Type } from '../support/params';

const hanWord = fastHan(/^\p{Script=Han}+$/u);

// GB/T 15835-2011: the same kind of number takes the same form within a document. Each check
// collects the numbers of one kind across the document, grouped by what makes them the same
// kind; where a group mixes forms, the form used less often is reported (on a tie, the form
// that appeared second) and converted to the other one. The entry's `check` picks what:
//   counts      6个办事处 … 六个办事处 (by measure word and the noun after it)
//   ordinals    第一章 … 第12章 (by the word numbered: 章, 批, 期, 季度)
//   separators  12,560,000 … 8 230 000 (千分撇 against 千分空)
//   units       5km … 8公里 (one name for the kilometre)

const modes = ['counts', 'ordinals', 'separators', 'units'] as const;
export const numeralConsistencyParams = params({
	check: Type.Optional(
		check(
			modes,
			'counts 量词前的数字（默认）、ordinals 同层级序数、separators 千分撇与千分空、units 千米的写法。',
			'numeral-consistency 的 check 只能是 counts、ordinals、separators 或 units',
		),
	),
	/** ordinals: the words numbered at one level (章, 节, 批, 期, 季度). */
	counters: Type.Optional(texts({ minItems: 1, description: '（ordinals）编号的词，如 章、批、期、季度。' })),
});
export type NumeralConsistencyParams = Static<typeof numeralConsistencyParams>;

/** One number of the document, in one of the forms its group can take. */
interface Item {
	paragraph: number;
	start: number;
	end: number;
	form: string;
	key: string;
	/** The same item written in another form of its group. */
	convert(form: string): string;
}

const measure = '个名家项条所座次位支批种类件处间台辆架艘篇部份户';
// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const countPattern = new RegExp(
	`(?=[1-9二三四五六七八九十])(?<![0-9０-９.〇零一二两三四五六七八九十百千万亿几第每数多余近约“‘])(?:([1-9][0-9]{0,2})|([三四五六七八九十][零一二三四五六七八九十百]{0,3}|二[十百][零一二三四五六七八九十百]{0,2}))([${measure}])(${han}{2,3})`,
	'gu',
);

/** Adjacent digits (三四个) and 十几 are approximations, which take Chinese numerals by rule. */
function isApproximation(hanzi: string): boolean {
	return /[一二三四五六七八九][一二三四五六七八九]/.test(hanzi) || hanzi.includes('几');
}

const numberForms = (value: number) => (form: string) => (form === 'arabic' ? String(value) : toHanziNumber(value));

function collectCounts(p: Paragraph, items: Item[]): void {
	for (const m of p.text.matchAll(countPattern)) {
		const arabic = m[1] !== undefined;
		const digits = arabic ? m[1] : m[2];
		if (!arabic && isApproximation(digits)) continue;
		const value = arabic ? Number(digits) : parseHanziNumber(digits);
		// Chinese numerals above 999 and words such as 十分 are out of scope.
		if (value === undefined || value < 2 || value > 999) continue;
		// A closing quote marks a set phrase (“三个代表”).
		const after = p.text[m.index + m[0].length];
		if (after === '”' || after === '’') continue;
		const key = m[3] + m[4];
		items.push({ paragraph: p.index, start: m.index, end: m.index + digits.length, form: arabic ? 'arabic' : 'hanzi', key, convert: numberForms(value) });
	}
}

function collectOrdinals(p: Paragraph, items: Item[], counters: RegExp): void {
	for (const m of p.text.matchAll(counters)) {
		const arabic = /^[0-9]/.test(m[1]);
		const value = arabic ? Number(m[1]) : parseHanziNumber(m[1]);
		if (value === undefined || value < 1 || value > 999 || (!arabic && isApproximation(m[1]))) continue;
		const start = m.index + 1;
		items.push({ paragraph: p.index, start, end: start + m[1].length, form: arabic ? 'arabic' : 'hanzi', key: m[2], convert: numberForms(value) });
	}
}

// A group of three digits after a separator; the space forms are the space, the thin space and
// the no-break spaces that typesetting puts there.
const groupedNumber = /(?=[0-9])(?<![0-9.,，])[0-9]{1,3}(?:(,)[0-9]{3}(?:,[0-9]{3})*|([ \u2009\u202f\u00a0])[0-9]{3}(?:\2[0-9]{3})*)(?![0-9]|[,.][0-9])/g;

function collectSeparators(p: Paragraph, items: Item[]): void {
	for (const m of p.text.matchAll(groupedNumber)) {
		const found = m[0];
		// The form is the separator itself: a comma, or one of the spaces.
		items.push({
			paragraph: p.index,
			start: m.index,
			end: m.index + found.length,
			form: m[1] ?? m[2],
			key: '分节',
			convert: (to) => found.replace(/[, \u2009\u202f\u00a0]/g, to),
		});
	}
}

const lengthUnit = /(?=k|千|公)(?<=[0-9][万亿]? ?)(km|千米|公里)(?![/²³23a-zA-Z])/g;

function collectUnits(p: Paragraph, items: Item[]): void {
	for (const m of p.text.matchAll(lengthUnit)) {
		// 平方公里 is an area: the digit stands before 平方, so it never reaches here.
		items.push({ paragraph: p.index, start: m.index, end: m.index + m[0].length, form: m[0], key: '千米', convert: (to) => to });
	}
}

export const numeralConsistency: Kind = {
	name: 'numeral-consistency',
	params: numeralConsistencyParams,
	defaultMessage: '同一文稿中“{key}…”前的数字写法不一：此处“{found}”，宜统一为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as NumeralConsistencyParams;
		const mode = p.check ?? 'counts';
		let counters: RegExp | undefined;
		if (mode === 'ordinals') {
			if (!Array.isArray(p.counters) || !p.counters.length || p.counters.some((c) => typeof c !== 'string' || !hanWord.test(c))) {
				throw new RuleDataError('numeral-consistency（ordinals）需要 counters（汉字量词列表，如 章、批、期）', 'counters');
			}
			const words = [...p.counters].sort((a, b) => b.length - a.length).join('|');
			counters = new RegExp(`第([0-9]{1,3}|[一二三四五六七八九十百]{1,4})(${words})`, 'g');
		}
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			checkDocument(ctx) {
				const items: Item[] = [];
				for (const para of ctx.model.paragraphs) {
					if (para.kind !== 'body') continue;
					if (mode === 'counts') collectCounts(para, items);
					else if (mode === 'ordinals') collectOrdinals(para, items, counters!);
					else if (mode === 'separators') collectSeparators(para, items);
					else collectUnits(para, items);
				}
				return minorityHits(items, mode !== 'counts');
			},
		};
	},
};

/**
 * The items whose form is not the group's most frequent one (on a tie, the one seen first),
 * with the conversion as fix. With `strict`, the fix is certain only when one form is used
 * more often than every other; a tie leaves the choice to the editor.
 */
function minorityHits(items: Item[], strict: boolean): DocumentHit[] {
	const groups = new Map<string, Item[]>();
	for (const item of items) {
		const list = groups.get(item.key);
		if (list) list.push(item);
		else groups.set(item.key, [item]);
	}
	const hits: DocumentHit[] = [];
	for (const [key, list] of groups) {
		const counts = new Map<string, number>();
		for (const item of list) counts.set(item.form, (counts.get(item.form) ?? 0) + 1);
		if (counts.size < 2) continue;
		// Map order is first appearance, so a tie keeps the form seen first.
		let major = list[0].form;
		for (const [form, n] of counts) if (n > counts.get(major)!) major = form;
		const clear = [...counts].every(([form, n]) => form === major || n < counts.get(major)!);
		for (const item of list) {
			if (item.form === major) continue;
			const replace = item.convert(major);
			hits.push({
				paragraph: item.paragraph,
				start: item.start,
				end: item.end,
				slots: { key, replace },
				fixes: [{ title: `改为“${replace}”`, text: replace }],
				certain: strict ? clear : true,
			});
		}
	}
	return hits;
}
