// Where a paragraph's paired marks open and close: quotation marks (“” and 「」『』, one
// family), titles 《》, banners 【】 and brackets （）(). Built once per paragraph, on first
// use (Paragraph.marks), and read by every rule that asks "is this offset inside quotes,
// a title or brackets?". Marks pair within their family, innermost first; a closing mark
// with nothing open is ignored, and an opening mark never closed spans to the end.

export type MarkFamily = 'quote' | 'title' | 'banner' | 'bracket';

export interface MarkSpan {
	family: MarkFamily;
	/** The opening mark as written. */
	open: string;
	/** Offset of the opening mark. */
	start: number;
	/** Offset of the closing mark; -1 when the paragraph never closes it. */
	end: number;
}

/** What stands around an offset: the depth of each family, and the innermost quotation's start. */
export interface Enclosure {
	/** Nesting depth of “” (and 「」『』). */
	quote: number;
	/** Nesting depth of 《》. */
	title: number;
	/** Depth of 【】 (a column banner). */
	banner: number;
	/** Offset just after the innermost open quotation mark, when inside one. */
	quoteStart?: number;
}

const families: MarkFamily[] = ['quote', 'title', 'banner', 'bracket'];
/** By UTF-16 code: 1 + the family's index for an opening mark, 5 + it for a closing one, 0 for any other. */
const markCode = new Uint8Array(0x10000);
for (const [marks, family] of [['“「『', 0], ['《', 1], ['【', 2], ['（(', 3]] as const) for (const c of marks) markCode[c.charCodeAt(0)] = 1 + family;
for (const [marks, family] of [['”」』', 0], ['》', 1], ['】', 2], ['）)', 3]] as const) for (const c of marks) markCode[c.charCodeAt(0)] = 5 + family;

/** The depth of quotes, titles and banners before each offset, and the innermost quotation's start + 1 (0 outside). */
interface Depths {
	quote: Uint16Array;
	title: Uint16Array;
	banner: Uint16Array;
	quoteStart: Int32Array;
}

export class MarkTable {
	/** Every span, by the offset of its opening mark. */
	readonly spans: MarkSpan[] = [];
	private depths: Depths | undefined;

	constructor(readonly text: string) {
		const open: MarkSpan[][] = [[], [], [], []];
		for (let i = 0; i < text.length; i++) {
			const code = markCode[text.charCodeAt(i)];
			if (!code) continue;
			if (code < 5) {
				const span: MarkSpan = { family: families[code - 1], open: text[i], start: i, end: -1 };
				this.spans.push(span);
				open[code - 1].push(span);
			} else {
				const span = open[code - 5].pop();
				if (span) span.end = i;
			}
		}
	}

	/** The spans open at `offset` (opened before it, closed at or after it), outermost first. */
	around(offset: number, family?: MarkFamily): MarkSpan[] {
		const out: MarkSpan[] = [];
		for (const s of this.spans) {
			if (s.start >= offset) break;
			if ((s.end < 0 || s.end >= offset) && (!family || s.family === family)) out.push(s);
		}
		return out;
	}

	/** What stands around `offset`. */
	at(offset: number): Enclosure {
		const d = this.depthsByOffset();
		const i = this.clamp(offset);
		const start = d.quoteStart[i];
		return { quote: d.quote[i], title: d.title[i], banner: d.banner[i], quoteStart: start ? start : undefined };
	}

	/** Whether `offset` stands inside a quotation. */
	quoted(offset: number): boolean {
		return this.depthsByOffset().quote[this.clamp(offset)] > 0;
	}

	/** Whether `offset` stands inside a title 《》. */
	inTitle(offset: number): boolean {
		return this.depthsByOffset().title[this.clamp(offset)] > 0;
	}

	/** End of the quotation whose text starts at `contentStart` (its closing mark's offset), or the paragraph's end. */
	quotationEnd(contentStart: number): number {
		const span = this.spans.find((s) => s.start === contentStart - 1 && s.family === 'quote');
		return span && span.end >= 0 ? span.end : this.text.length;
	}

	private clamp(offset: number): number {
		return Math.max(0, Math.min(offset, this.text.length));
	}

	/** Built from the spans on the first question by offset. */
	private depthsByOffset(): Depths {
		if (this.depths) return this.depths;
		const n = this.text.length;
		const d: Depths = { quote: new Uint16Array(n + 1), title: new Uint16Array(n + 1), banner: new Uint16Array(n + 1), quoteStart: new Int32Array(n + 1) };
		// Each span counts from just after its opening mark up to and including its closing mark.
		for (const s of this.spans) {
			if (s.family === 'bracket') continue;
			const depth = d[s.family];
			const end = s.end < 0 ? n : s.end;
			for (let i = s.start + 1; i <= end; i++) {
				depth[i]++;
				if (s.family === 'quote') d.quoteStart[i] = s.start + 1;
			}
		}
		this.depths = d;
		return d;
	}
}
