import type { Hit, RuleOptions } from '../../rule';
import type { MarkTable } from '../../marks';
import type { Severity } from '../../types';

// Where a match stands in its paragraph: inside a quotation (a quoted term or direct
// speech), inside a title 《》, in a narrative about the years before 1949. Sensitive-term
// rules lower their severity there instead of staying silent (catalog 0.2).

/**
 * True when [start, end) is inside a quotation that is a name or a term rather than
 * speech: short, and without sentence punctuation (“两学一做学习教育”, “不忘初心、牢记使命”).
 */
export function insideQuotedTerm(marks: MarkTable, start: number, end: number): boolean {
	const { text } = marks;
	const e = marks.at(start);
	if (!e.quote || e.quoteStart === undefined) return false;
	const close = marks.quotationEnd(e.quoteStart);
	if (close < end || close - e.quoteStart > 24) return false;
	const inner = text.slice(e.quoteStart, close);
	return inner.length <= 24 && !/[，。！？；：,!?;:]/.test(inner);
}

/** True when the match is wrapped exactly in quotation marks: “台独”, ‘立法院’. */
export function exactlyQuoted(text: string, start: number, end: number): boolean {
	return /[“‘「『"']/.test(text[start - 1] ?? '') && /[”’」』"']/.test(text[end] ?? '');
}

/** Bounds of the sentence around [start, end). */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
	// At most 200 characters either way: a run-on paragraph is not one sentence.
	let s = start;
	while (s > 0 && start - s < 200 && !/[。！？!?；;]/.test(text[s - 1])) s--;
	let e = end;
	while (e < text.length && e - end < 200 && !/[。！？!?；;]/.test(text[e])) e++;
	return { start: s, end: Math.min(text.length, e + 1) };
}

// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const earlyYear = /(?=1)(?<![0-9])(1[0-8][0-9]{2}|19[0-3][0-9]|194[0-8])年/;
const lateYear = /(?=[12])(?<![0-9])(19[5-9][0-9]|2[0-9]{3}|1949)年/;
const earlyEra = /民国[一二三四五六七八九十0-9]{1,3}年|抗战时期|抗日战争时期|辛亥革命|北伐|国共合作|解放战争时期|孙中山|临时大总统|清政府|清朝|晚清/;

/** A sentence about the years before 1949: it names such a year (or era) and no later one. */
export function preNineteenFortyNine(text: string, start: number, end: number): boolean {
	const s = sentenceAround(text, start, end);
	const sentence = text.slice(s.start, s.end);
	return (earlyYear.test(sentence) || earlyEra.test(sentence)) && !lateYear.test(sentence);
}

export type ContextLevel = Severity | 'off';

export interface ContextParams {
	/** Level inside a quotation longer than the match (direct speech); 'off' skips. */
	inQuote?: ContextLevel;
	/** Level in a sentence about the years before 1949 (Taiwan titles); 'off' skips. */
	historical?: ContextLevel;
	/** When true, the term wrapped exactly in quotation marks is accepted (“立法院”). */
	quotedOk?: boolean;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function lower(a: Severity, b: Severity): Severity {
	return rank[a] >= rank[b] ? a : b;
}

/**
 * Applies the context parameters to a hit: returns undefined to skip it, or the hit with
 * its severity lowered and a note added to its message.
 */
/**
 * Whether the term is glossed the way Xinhua prescribes when a quotation must keep a foreign
 * name: a bracket right after it that gives our name (“尖阁诸岛（即我钓鱼岛及其附属岛屿）”).
 */
export function glossedAfter(text: string, end: number, ours: string[]): boolean {
	const m = /^[（(]([^（）()]{1,40})[）)]/.exec(text.slice(end, end + 44));
	return m !== null && (/^(?:即|指|系|我|中方称|我国称)/.test(m[1]) || ours.some((w) => w && m[1].includes(w)));
}

/** `marks` is the paragraph's table (Paragraph.marks), and its text the paragraph's. */
export function applyContext(hit: Hit, marks: MarkTable, p: ContextParams, severity: Severity, message: string): Hit | undefined {
	const { text } = marks;
	if (p.quotedOk && exactlyQuoted(text, hit.start, hit.end)) {
		return undefined;
	}
	if (
		glossedAfter(
			text,
			hit.end,
			(hit.fixes ?? []).map((f) => f.text),
		)
	) {
		return undefined;
	}
	if (p.historical && preNineteenFortyNine(text, hit.start, hit.end)) {
		if (p.historical === 'off') return undefined;
		return { ...hit, severity: lower(severity, p.historical), certain: false, message: `${message}（1949年以前的史实叙述，请核对）` };
	}
	if (p.inQuote && marks.quoted(hit.start) && !exactlyQuoted(text, hit.start, hit.end)) {
		if (p.inQuote === 'off') return undefined;
		// A direct quotation is never rewritten: the finding says so and offers no fix.
		return {
			...hit,
			severity: lower(severity, p.inQuote),
			fixes: [],
			certain: false,
			message: `${message}（引语内，不改动原话；核对是否已按要求括注或改为转述）`,
		};
	}
	return hit;
}

/** The draft's date: the configured publication date, or yyyymmdd in the file name. */
export function draftDate(options: RuleOptions): Date | undefined {
	if (options.publicationDate) return options.publicationDate;
	const m = options.path ? /(?<![0-9])(20[0-9]{2})(0[1-9]|1[0-2])([0-2][0-9]|3[01])(?![0-9])/.exec(options.path.split(/[\\/]/).pop() ?? '') : null;
	return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** Parses YYYY-MM-DD (or YYYY-MM) as a UTC date. */
export function parseDay(value: unknown): Date | undefined {
	if (value instanceof Date) return value;
	if (typeof value !== 'string') return undefined;
	const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
	return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1))) : undefined;
}
