import { fastHan, hanRe } from '../../chars';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';

// GB/T 15834-2011: Chinese running text takes full-width marks. A half-width mark next to
// a Han character is a typing slip; decimals (3.5), times (15:40) and Latin text are not.
// With `quotes: true` the kind looks at quotation marks instead: straight quotes around
// Chinese text ("暖心工程") and the corner quotes of vertical setting (「」『』).

const fullwidth: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
// After Han (or a percentage, or a closing mark after Han) and before Han or the paragraph end.
// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const markBetweenHan = fastHan(/(?=[,.;:?!])(?<=(?:\p{Script=Han}|[0-9]%)[)）”’]?)[,.;:?!](?=[“‘《（]?\p{Script=Han}|[”’）]?$)/gu);
// A bracket pair whose content holds Han text and which touches Han text outside.
const bracketPair = /\(([^()\n]{0,40})\)/gu;
const straightPair = /"([^"\n]{1,60})"/g;
const singlePair = fastHan(/(?=')(?<=\p{Script=Han}|^)'([^'\n]{1,30})'(?=\p{Script=Han}|[，。；：！？、]|$)/gu);
const corner: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };

function hanIn(s: string | undefined): boolean {
	return s !== undefined && hanRe.test(s);
}

function checkMarks(text: string): Hit[] {
	const hits: Hit[] = [];
	for (const m of text.matchAll(markBetweenHan)) {
		const mark = m[0];
		// 3.5, 1.2万 and 15:40 never reach here (a digit precedes). A point between two Han
		// characters may be a stop or a mistyped name separator (卡尔.马克思): two choices.
		if (mark === '.' && hanIn(text[m.index + 1])) {
			hits.push({ start: m.index, end: m.index + 1, slots: { found: mark, replace: '。' }, fixes: [{ title: '改为“。”', text: '。' }, { title: '改为间隔号“·”', text: '·' }], certain: false });
			continue;
		}
		hits.push({ start: m.index, end: m.index + 1, slots: { found: mark, replace: fullwidth[mark] }, fixes: [{ title: `改为“${fullwidth[mark]}”`, text: fullwidth[mark] }] });
	}
	for (const m of text.matchAll(bracketPair)) {
		const inner = m[1];
		const before = text[m.index - 1];
		const after = text[m.index + m[0].length];
		if (!hanIn(inner) || !(hanIn(before) || hanIn(after))) {
			continue;
		}
		const fixed = `（${inner}）`;
		hits.push({ start: m.index, end: m.index + m[0].length, slots: { found: m[0], replace: '（）' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
	}
	return hits;
}

function checkQuotes(text: string): Hit[] {
	const hits: Hit[] = [];
	// Straight double quotes pair up in order; an odd count leaves the direction unknown.
	const even = (text.match(/"/g)?.length ?? 0) % 2 === 0;
	for (const m of text.matchAll(straightPair)) {
		const inner = m[1];
		const before = text[m.index - 1];
		const after = text[m.index + m[0].length];
		if (!hanIn(inner) && !(hanIn(before) && hanIn(after))) {
			continue;
		}
		const fixed = `“${inner}”`;
		hits.push({ start: m.index, end: m.index + m[0].length, slots: { replace: '“”' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }], certain: even });
	}
	for (const m of text.matchAll(singlePair)) {
		if (!hanIn(m[1])) continue;
		const fixed = `‘${m[1]}’`;
		hits.push({ start: m.index, end: m.index + m[0].length, slots: { replace: '‘’' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
	}
	for (const m of text.matchAll(/[「」『』]/g)) {
		hits.push({ start: m.index, end: m.index + 1, slots: { replace: corner[m[0]] }, fixes: [{ title: `改为“${corner[m[0]]}”`, text: corner[m[0]] }] });
	}
	return hits;
}

export const halfwidthPunctuation: Kind = {
	name: 'halfwidth-punctuation',
	defaultMessage: '中文语句中应使用全角标点“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const quotes = entry.quotes === true;
		return {
			meta,
			paragraphKinds: Array.isArray(entry.in) ? (entry.in as CompiledRule['paragraphKinds']) : ['body'],
			needsWords: false,
			// Every shape it reports holds one of these marks.
			gate: [...',.;:?!()"\'「」『』'],
			check(ctx) {
				return quotes ? checkQuotes(ctx.paragraph.text) : checkMarks(ctx.paragraph.text);
			},
		};
	},
};
