import { LineIndex } from './lineIndex';

// Drafts arrive as OCR'd newspaper columns: lines break inside words (违\n法建设), blank
// lines can fall inside a sentence (积\n\n极做好), a file holds several stories, and
// headlines float between them. Rules see each paragraph as one string with the layout
// breaks removed; every offset in that string maps back to the exact source offset.

export type ParagraphKind = 'body' | 'headline' | 'byline';

/** A run of view text copied from the source, or one virtual character standing for a break. */
interface Run {
	view: number;
	source: number;
	length: number;
	virtual: boolean;
}

export class Paragraph {
	text = '';
	story = -1;
	/** Length of a dateline at the start of a body paragraph (本报讯, 新华社北京11月27日电). */
	datelineLength = 0;
	private readonly runs: Run[] = [];
	/**
	 * The last few characters of the view text. Reading a character of `text` while it is
	 * being built joins the whole string, so a one-block OCR page of 14,000 lines would be
	 * copied once per line; the parser reads this instead.
	 */
	tail = '';

	constructor(
		public kind: ParagraphKind,
		readonly index: number,
	) {}

	appendSource(source: string, start: number, end: number): void {
		if (end <= start) {
			return;
		}
		const last = this.runs[this.runs.length - 1];
		if (last && !last.virtual && last.source + last.length === start) {
			last.length += end - start;
		} else {
			this.runs.push({ view: this.text.length, source: start, length: end - start, virtual: false });
		}
		const added = source.slice(start, end);
		this.text += added;
		this.tail = added.length >= 32 ? added.slice(-32) : (this.tail + added).slice(-32);
	}

	/** A character that is in the view but not in the source, standing for the break at `source`. */
	appendVirtual(char: string, source: number): void {
		this.runs.push({ view: this.text.length, source, length: 1, virtual: true });
		this.text += char;
		this.tail = (this.tail + char).slice(-32);
	}

	get sourceStart(): number {
		return this.runs.length ? this.runs[0].source : 0;
	}

	get sourceEnd(): number {
		const last = this.runs[this.runs.length - 1];
		return last ? last.source + last.length : 0;
	}

	/** Source offset of the view character at `offset` (the start of a span). */
	toSourceStart(offset: number): number {
		if (offset >= this.text.length) {
			return this.sourceEnd;
		}
		const run = this.runAt(offset);
		return run.source + (run.virtual ? 0 : offset - run.view);
	}

	/** Source offset just after the view character at `offset - 1` (the end of a span). */
	toSourceEnd(offset: number): number {
		if (offset <= 0) {
			return this.sourceStart;
		}
		const run = this.runAt(offset - 1);
		return run.virtual ? run.source : run.source + (offset - run.view);
	}

	/** True when the view text between the two offsets crosses a layout break. */
	crossesBreak(start: number, end: number): boolean {
		return end > start && this.runAt(start) !== this.runAt(end - 1);
	}

	/**
	 * Where the layout breaks fall in the view text, as a short string: two paragraphs with
	 * the same text and layout give any paragraph-local check the same answers.
	 */
	layoutKey(): string {
		let key = '';
		for (const run of this.runs) {
			key += run.virtual ? `v${run.view},` : `${run.view},`;
		}
		return key;
	}

	private runAt(offset: number): Run {
		let lo = 0;
		let hi = this.runs.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.runs[mid].view <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return this.runs[lo];
	}
}

export interface Story {
	index: number;
	/** Paragraph indices, opener first. */
	paragraphs: number[];
	byline?: number;
}

export interface DraftModel {
	source: string;
	lines: LineIndex;
	paragraphs: Paragraph[];
	stories: Story[];
}

const space = /[\s\u3000\u00a0\ufeff\u200b]/;
const datelinePattern =
	/^(?:本报讯|(?:本报|新华社|中新社)[\u3400-\u9fff]{0,8}\d{1,2}月\d{1,2}日电|(?:本报|新华社|中新社)[\u3400-\u9fff]{0,8}[一二三四五六七八九十〇]{1,3}月[一二三四五六七八九十]{1,3}日电)/;
const role = '(?:本报)?(?:见习|特约|摄影)?记者|通讯员|实习生';
const name = '[\\u3400-\\u9fff]{2,4}|[\\u3400-\\u9fff]{1,6}·[\\u3400-\\u9fff]{1,8}';
const credit = '文[/／]图|图[/／]文|摄影?|图';
const bylineBody = `(?:${role})[ \\u3000]*[:：]?[ \\u3000]*(?:${name})(?:[ \\u3000]+(?:(?:${role})[ \\u3000]*[:：]?[ \\u3000]*)?(?:${name}))*(?:[ \\u3000]*(?:${credit}))?`;
/** A whole line that is a byline. */
export const bylineLine = new RegExp(`^${bylineBody}$`);
/** A byline standing after the last sentence on the same line: `工作。 记者 王赛华`. */
const trailingByline = new RegExp(`(?<=[。！？!?”」』])[ \\u3000]+(${bylineBody})$`);
/** OCR column lines are shorter than this; longer lines are typed paragraphs. */
const columnWidth = 40;
const sentencePunctuation = /[，。；：！？、,;:!?]/;
const closers = /[”’」』）)】》\]]+$/;
const sentenceEnd = /[。！？!?…；;：:]$/;

export function endsSentence(text: string): boolean {
	return sentenceEnd.test(text.replace(closers, ''));
}

export function startsWithDateline(text: string): number {
	const m = datelinePattern.exec(text);
	return m ? m[0].length : 0;
}

interface LineInfo {
	line: number;
	/** Content bounds in the source, without the layout spaces at either end. */
	start: number;
	end: number;
	text: string;
	indented: boolean;
}

function contentOf(lines: LineIndex, line: number): LineInfo | undefined {
	const lineStart = lines.starts[line];
	const lineEnd = lines.lineEnd(line);
	let start = lineStart;
	let end = lineEnd;
	const src = lines.text;
	while (start < end && space.test(src[start])) {
		start++;
	}
	while (end > start && space.test(src[end - 1])) {
		end--;
	}
	if (start === end) {
		return undefined;
	}
	return { line, start, end, text: src.slice(start, end), indented: start > lineStart };
}

const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

export function parseDraft(source: string): DraftModel {
	const lines = new LineIndex(source);
	const blocks: LineInfo[][] = [];
	let current: LineInfo[] = [];
	for (let i = 0; i < lines.lineCount; i++) {
		const info = contentOf(lines, i);
		if (info) {
			current.push(info);
		} else if (current.length) {
			blocks.push(current);
			current = [];
		}
	}
	if (current.length) {
		blocks.push(current);
	}

	const paragraphs: Paragraph[] = [];
	const open = (kind: ParagraphKind) => {
		const p = new Paragraph(kind, paragraphs.length);
		paragraphs.push(p);
		return p;
	};
	// Appends a line to a paragraph, standing a virtual space for a break between two Latin letters.
	const append = (p: Paragraph, start: number, end: number, breakAt: number) => {
		if (p.tail.length && isAsciiLetter(p.tail[p.tail.length - 1]) && isAsciiLetter(source[start])) {
			p.appendVirtual(' ', breakAt);
		}
		p.appendSource(source, start, end);
	};

	let previousEndedMidSentence = false;
	for (const block of blocks) {
		const firstText = block[0].text;
		const isHeadline =
			!previousEndedMidSentence &&
			block.length <= 4 &&
			// No length limit: a fix must never turn a headline into body text or back.
			block.every((l) => !sentencePunctuation.test(l.text)) &&
			!startsWithDateline(firstText) &&
			!bylineLine.test(firstText);
		if (isHeadline) {
			for (const l of block) {
				open('headline').appendSource(source, l.start, l.end);
			}
			previousEndedMidSentence = false;
			continue;
		}

		// A block that continues a sentence cut by a blank line joins the previous paragraph.
		const last = paragraphs[paragraphs.length - 1];
		let para: Paragraph | undefined =
			previousEndedMidSentence && last?.kind === 'body' && !startsWithDateline(firstText) ? last : undefined;
		let breakAt = last ? last.sourceEnd : 0;

		block.forEach((l, i) => {
			const isLastLine = i === block.length - 1;
			const nextOpens = !isLastLine && startsWithDateline(block[i + 1].text) > 0;
			if (bylineLine.test(l.text) && (isLastLine || nextOpens)) {
				open('byline').appendSource(source, l.start, l.end);
				para = undefined;
				return;
			}
			const dateline = startsWithDateline(l.text);
			// Drafts typed with one paragraph per line (not OCR columns, whose lines are short)
			// break paragraphs at line ends that close a sentence; so does an indented line.
			const previous = i > 0 ? block[i - 1] : undefined;
			const closesParagraph =
				para?.kind === 'body' && endsSentence(para.tail) && (l.indented || (previous !== undefined && previous.text.length > columnWidth));
			const startsParagraph = !para || dateline > 0 || closesParagraph;
			if (startsParagraph) {
				para = open('body');
				para.datelineLength = dateline;
			}
			const trailing = isLastLine || nextOpens ? trailingByline.exec(l.text) : null;
			if (trailing) {
				const bylineStart = l.start + trailing.index + trailing[0].length - trailing[1].length;
				let sentenceEndAt = l.start + trailing.index;
				append(para!, l.start, sentenceEndAt, breakAt);
				open('byline').appendSource(source, bylineStart, l.end);
				para = undefined;
				return;
			}
			append(para!, l.start, l.end, breakAt);
			breakAt = l.end;
		});
		const tail = paragraphs[paragraphs.length - 1];
		previousEndedMidSentence = tail.kind === 'body' && !endsSentence(tail.tail);
	}

	// Stories: a dateline opens one, a byline closes it. Headlines stand outside stories.
	const stories: Story[] = [];
	let story: Story | undefined;
	for (const p of paragraphs) {
		if (p.kind === 'headline') {
			continue;
		}
		if (p.kind === 'body' && p.datelineLength > 0) {
			story = { index: stories.length, paragraphs: [] };
			stories.push(story);
		}
		if (!story) {
			continue;
		}
		p.story = story.index;
		story.paragraphs.push(p.index);
		if (p.kind === 'byline') {
			story.byline = p.index;
			story = undefined;
		}
	}
	return { source, lines, paragraphs, stories };
}
