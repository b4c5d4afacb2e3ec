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
for (const [marks, family] of [
	['“「『', 0],
	['《', 1],
	['【', 2],
	['（(', 3],
] as const)
	for (const c of marks) markCode[c.charCodeAt(0)] = 1 + family;
for (const [marks, family] of [
	['”」』', 0],
	['》', 1],
	['】', 2],
	['）)', 3],
] as const)
	for (const c of marks) markCode[c.charCodeAt(0)] = 5 + family;

export class MarkTable {
	/** Every span, by the offset of its opening mark. */
	readonly spans: MarkSpan[] = [];
	/**
	 * The spans open at `cursor.at`, by family. Rules ask in text order, so each question goes
	 * on from the last one instead of starting again at the paragraph's beginning.
	 */
	private cursor = { at: 0, next: 0, open: [[], [], [], []] as MarkSpan[][] };

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
		const open = this.openAt(offset);
		const out = family ? [...open[families.indexOf(family)]] : open.flat();
		return family ? out : out.sort((a, b) => a.start - b.start);
	}

	/** What stands around `offset`. */
	at(offset: number): Enclosure {
		const [quote, title, banner] = this.openAt(offset);
		const inner = quote[quote.length - 1];
		return { quote: quote.length, title: title.length, banner: banner.length, quoteStart: inner ? inner.start + 1 : undefined };
	}

	/** Whether `offset` stands inside a quotation. */
	quoted(offset: number): boolean {
		return this.openAt(offset)[0].length > 0;
	}

	/** Whether `offset` stands inside a title 《》. */
	inTitle(offset: number): boolean {
		return this.openAt(offset)[1].length > 0;
	}

	/** End of the quotation whose text starts at `contentStart` (its closing mark's offset), or the paragraph's end. */
	quotationEnd(contentStart: number): number {
		const span = this.spans.find((s) => s.start === contentStart - 1 && s.family === 'quote');
		return span && span.end >= 0 ? span.end : this.text.length;
	}

	/** The open spans at `offset` by family, innermost last. */
	private openAt(offset: number): MarkSpan[][] {
		if (offset < this.cursor.at) this.cursor = { at: 0, next: 0, open: [[], [], [], []] };
		const { open } = this.cursor;
		const closedBefore = (stack: MarkSpan[], at: number) => {
			while (stack.length && stack[stack.length - 1].end >= 0 && stack[stack.length - 1].end < at) stack.pop();
		};
		for (; this.cursor.next < this.spans.length && this.spans[this.cursor.next].start < offset; this.cursor.next++) {
			const span = this.spans[this.cursor.next];
			const stack = open[families.indexOf(span.family)];
			closedBefore(stack, span.start);
			stack.push(span);
		}
		for (const stack of open) closedBefore(stack, offset);
		this.cursor.at = offset;
		return open;
	}
}
