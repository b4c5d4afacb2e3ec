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

const opening: Record<string, MarkFamily> = { '“': 'quote', '「': 'quote', '『': 'quote', '《': 'title', '【': 'banner', '（': 'bracket', '(': 'bracket' };
const closing: Record<string, MarkFamily> = { '”': 'quote', '」': 'quote', '』': 'quote', '》': 'title', '】': 'banner', '）': 'bracket', ')': 'bracket' };

export class MarkTable {
	/** Every span, by the offset of its opening mark. */
	readonly spans: MarkSpan[] = [];
	/** By offset: the depth of quotes, titles and banners before it, and the innermost quotation's start + 1 (0 outside). */
	private readonly quoteDepth: Uint16Array;
	private readonly titleDepth: Uint16Array;
	private readonly bannerDepth: Uint16Array;
	private readonly quoteStart: Int32Array;

	constructor(readonly text: string) {
		const n = text.length;
		this.quoteDepth = new Uint16Array(n + 1);
		this.titleDepth = new Uint16Array(n + 1);
		this.bannerDepth = new Uint16Array(n + 1);
		this.quoteStart = new Int32Array(n + 1);
		const open: Record<MarkFamily, MarkSpan[]> = { quote: [], title: [], banner: [], bracket: [] };
		for (let i = 0; i < n; i++) {
			this.record(i, open);
			const c = text[i];
			const opens = opening[c];
			if (opens) {
				const span: MarkSpan = { family: opens, open: c, start: i, end: -1 };
				this.spans.push(span);
				open[opens].push(span);
				continue;
			}
			const closes = closing[c];
			if (closes) {
				const span = open[closes].pop();
				if (span) span.end = i;
			}
		}
		this.record(n, open);
	}

	private record(offset: number, open: Record<MarkFamily, MarkSpan[]>): void {
		const quotes = open.quote;
		this.quoteDepth[offset] = Math.min(quotes.length, 0xffff);
		this.titleDepth[offset] = Math.min(open.title.length, 0xffff);
		this.bannerDepth[offset] = Math.min(open.banner.length, 0xffff);
		this.quoteStart[offset] = quotes.length ? quotes[quotes.length - 1].start + 1 : 0;
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
		const i = Math.max(0, Math.min(offset, this.text.length));
		const start = this.quoteStart[i];
		return { quote: this.quoteDepth[i], title: this.titleDepth[i], banner: this.bannerDepth[i], quoteStart: start ? start : undefined };
	}

	/** Whether `offset` stands inside a quotation. */
	quoted(offset: number): boolean {
		return this.quoteDepth[Math.max(0, Math.min(offset, this.text.length))] > 0;
	}

	/** Whether `offset` stands inside a title 《》. */
	inTitle(offset: number): boolean {
		return this.titleDepth[Math.max(0, Math.min(offset, this.text.length))] > 0;
	}

	/** End of the quotation whose text starts at `contentStart` (its closing mark's offset), or the paragraph's end. */
	quotationEnd(contentStart: number): number {
		const span = this.spans.find((s) => s.start === contentStart - 1 && s.family === 'quote');
		return span && span.end >= 0 ? span.end : this.text.length;
	}
}
