import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import type { Paragraph, ParagraphKind } from '../../textModel';
import { check, paragraphs, params, type Static, Type } from '../support/params';

// Paired marks (GB/T 15834-2011): quotation marks, brackets and title marks open and close
// within the paragraph; the paragraph is the text model's, so a pair split by a layout
// line break is still one pair. A quotation running over several paragraphs leaves each
// one open and opens the next with “, which is not an error.

export const pairedMarksParams = params({
	/** balance: a mark without its partner; nesting: the same pair inside itself. */
	check: check(['balance', 'nesting'] as const, 'balance 查不成对的标号；nesting 查同种标号套用。', 'paired-marks 规则需要 check: balance 或 nesting'),
	/** For nesting: the outer pair, and the inner form it should take (“” -> ‘’). */
	pair: Type.Optional(Type.String({ minLength: 2, maxLength: 2, description: '（nesting）外层标号，如 “”。' })),
	inner: Type.Optional(Type.String({ minLength: 2, maxLength: 2, description: '（nesting）内层应改用的标号，如 ‘’。' })),
	in: Type.Optional(paragraphs({ description: '检查的段落种类（默认正文与标题）。' })),
});
export type PairedMarksParams = Static<typeof pairedMarksParams>;

const openers: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '(': '）', '《': '》', '【': '】', '〈': '〉', '〔': '〕', '［': '］' };
/** Closers and the openers they accept: half- and full-width round brackets pair with each other. */
const closers: Record<string, string> = { '”': '“', '’': '‘', '）': '（(', ')': '（(', '》': '《', '】': '【', '〉': '〈', '〕': '〔', '］': '［' };
const names: Record<string, string> = {
	'“': '引号',
	'‘': '单引号',
	'（': '括号',
	'(': '括号',
	'《': '书名号',
	'【': '方头括号',
	'〈': '单书名号',
	'〔': '六角括号',
	'［': '方括号',
};

interface Mark {
	char: string;
	at: number;
}

/** 1 for the code units of the marks above; a scan reads one byte per character. */
const isMark = new Uint8Array(0x10000);
for (const c of '“”‘’（）()《》【】〈〉〔〕［］') isMark[c.charCodeAt(0)] = 1;
const latin = /[A-Za-z]/;

/**
 * Unmatched marks of the paragraphs read last. The balance check of one paragraph also reads
 * its neighbours (a quotation running over paragraphs), so every paragraph's marks are asked
 * for several times; each balance rule keeps its own few.
 */
class RecentMarks {
	private readonly kept = new Map<string, Mark[]>();

	of(text: string): Mark[] {
		const known = this.kept.get(text);
		if (known) return known;
		const found = unbalancedMarks(text);
		if (this.kept.size >= 64) this.kept.delete(this.kept.keys().next().value!);
		this.kept.set(text, found);
		return found;
	}
}

/** Unmatched marks of a paragraph. */
export function unbalancedMarks(text: string): Mark[] {
	const stack: Mark[] = [];
	const lost: Mark[] = [];
	for (let i = 0; i < text.length; i++) {
		if (!isMark[text.charCodeAt(i)]) continue;
		const c = text[i];
		// Single quotes touching Latin text are apostrophes or English quoting (China’s, ‘reconciliation’).
		if ((c === '’' || c === '‘') && (latin.test(text[i - 1] ?? '') || latin.test(text[i + 1] ?? ''))) continue;
		if (c in openers) {
			stack.push({ char: c, at: i });
			continue;
		}
		const accepts = closers[c];
		let k = stack.length - 1;
		while (k >= 0 && !accepts.includes(stack[k].char)) k--;
		if (k < 0) {
			if ((c === ')' || c === '）') && /(?:^|[\s；;。：:，,、])[0-9A-Za-z一二三四五六七八九十]{1,2}$/.test(text.slice(Math.max(0, i - 3), i))) continue;
			lost.push({ char: c, at: i });
			continue;
		}
		// Marks opened inside the pair and never closed are lost.
		lost.push(...stack.splice(k + 1));
		stack.pop();
	}
	return [...lost, ...stack].sort((a, b) => a.at - b.at);
}

/** Inner pairs of `pair` that stand inside the same pair: “…“…”…”. */
export function nestedPairs(text: string, open: string, close: string): [number, number][] {
	const found: [number, number][] = [];
	const stack: number[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === open) {
			stack.push(i);
		} else if (text[i] === close && stack.length) {
			const start = stack.pop()!;
			if (stack.length) found.push([start, i]);
		}
	}
	// Only a paragraph whose marks balance can be read this way; otherwise balance reports it.
	return stack.length ? [] : found;
}

function nextStartsQuote(paragraphs: Paragraph[], index: number): boolean {
	const next = paragraphs[index + 1];
	return next !== undefined && next.kind === 'body' && /^[“‘]/.test(next.text);
}

/** How far a quotation may run over paragraphs (a list of points inside one quoted speech). */
const quoteReach = 12;

/**
 * Whether an open quote at the end of paragraph `index` is closed by a lone ” in one of the
 * following body paragraphs, or (looking back) a lone ” closes a quote left open earlier.
 */
function closedAcrossParagraphs(paragraphs: Paragraph[], index: number, forward: boolean, recent: RecentMarks): boolean {
	for (let k = 1; k <= quoteReach; k++) {
		const p = paragraphs[forward ? index + k : index - k];
		if (!p || p.kind !== 'body') return false;
		const marks = recent.of(p.text).filter((m) => m.char === '“' || m.char === '”');
		if (forward && marks.length) return marks[0].char === '”';
		if (!forward && marks.length) return marks[marks.length - 1].char === '“';
	}
	return false;
}

export const pairedMarks: Kind = {
	name: 'paired-marks',
	params: pairedMarksParams,
	defaultMessage: '{name}“{found}”不成对',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as PairedMarksParams;
		if (p.check === 'nesting' && (typeof p.pair !== 'string' || p.pair.length !== 2 || typeof p.inner !== 'string' || p.inner.length !== 2)) {
			throw new RuleDataError('nesting 检查需要 pair 与 inner（各两个字符，如 “” 与 ‘’）', 'pair');
		}
		const paragraphKinds = Array.isArray(entry.in) ? (entry.in as ParagraphKind[]) : (['body', 'headline'] as ParagraphKind[]);
		const recent = new RecentMarks();
		return {
			meta,
			paragraphKinds,
			needsWords: false,
			// Nothing to report in a paragraph without the marks in question.
			gate: p.check === 'balance' ? [...Object.keys(openers), ...Object.keys(closers)] : [p.pair![0]],
			check(ctx) {
				const text = ctx.paragraph.text;
				const hits: Hit[] = [];
				if (p.check === 'balance') {
					const paragraphs = ctx.model.paragraphs;
					const index = ctx.paragraph.index;
					const marks = recent.of(text);
					const lastOpen = [...marks].reverse().find((m) => m.char === '“');
					const firstClose = marks.find((m) => m.char === '”');
					const continued = lastOpen !== undefined && (nextStartsQuote(paragraphs, index) || closedAcrossParagraphs(paragraphs, index, true, recent));
					const closesEarlier = firstClose !== undefined && closedAcrossParagraphs(paragraphs, index, false, recent);
					for (const mark of marks) {
						// A quotation that goes on into the following paragraphs and closes there.
						if (mark === lastOpen && continued) continue;
						if ((mark.char === '“' || mark.char === '‘') && nextStartsQuote(paragraphs, index)) continue;
						if (mark === firstClose && closesEarlier) continue;
						const opener = mark.char in openers ? mark.char : closers[mark.char][0];
						const side = mark.char in openers ? '缺少后半' : '缺少前半';
						hits.push({ start: mark.at, end: mark.at + 1, slots: { name: names[opener] ?? '标号', side } });
					}
					return hits;
				}
				const [open, close] = [...p.pair!];
				const [innerOpen, innerClose] = [...p.inner!];
				for (const [s, e] of nestedPairs(text, open, close)) {
					const fixed = innerOpen + text.slice(s + 1, e) + innerClose;
					hits.push({
						start: s,
						end: e + 1,
						slots: { replace: `${innerOpen}${innerClose}` },
						fixes: [{ title: `内层改用${innerOpen}${innerClose}`, text: fixed }],
					});
				}
				return hits;
			},
		};
	},
};
