import { parseXml, prefixFor, type StartTag, xmlText } from './xml';

// The text of one story part (the body, the footnotes, the endnotes) as the editor sees it
// with every tracked change accepted, one line per paragraph, and for every character of
// every line the XML element it came from, so that findings can be put back as revisions
// and comments. The choices, deliberately:
// - runs are read across: formatting changes never split a line or a word;
// - tables are read cell by cell, row by row, each cell paragraph a line of its own;
// - text boxes (w:txbxContent) are read where they are anchored, their paragraphs as lines
//   right after the paragraph that holds them; of mc:AlternateContent only the first
//   mc:Choice is read (mc:Fallback repeats the same box for older readers);
// - tracked insertions (w:ins, w:moveTo) are read as text, tracked deletions (w:del,
//   w:moveFrom) are not, and a paragraph whose mark is deleted runs on into the next;
// - of a field, the result the document shows is read and the instruction is not (both
//   complex fields and w:fldSimple); hyperlinks are read as their text;
// - w:tab is a tab, w:noBreakHyphen U+2011, w:softHyphen nothing, w:sym the character it
//   names; a manual line break (w:br, w:cr) starts a new line, as it looks on the page;
//   page and column breaks are not text;
// - hidden text (w:vanish), ruby annotations (w:rt), equations, field instructions and
//   content-control properties are not read.
// Headers, footers and comments are not part of the text.

export const wordNamespaces = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const mcNamespace = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const mathNamespaces = ['http://schemas.openxmlformats.org/officeDocument/2006/math', 'http://purl.oclc.org/ooxml/officeDocument/math'];

export type StoryKind = 'body' | 'footnotes' | 'endnotes';

/** Offsets are byte offsets into the part's UTF-8 XML. */
export interface RunInfo {
	part: number;
	/** The run, from its `<` to past its `</w:r>`. */
	start: number;
	end: number;
	/** The start tag ends here, and the run properties span rPrStart to rPrEnd (equal when there are none): repeated on the pieces a split run becomes. */
	openEnd: number;
	rPrStart: number;
	rPrEnd: number;
	/** The first and last child elements other than w:rPr. */
	firstChild: number;
	lastChildEnd: number;
	/** Whether the run may take tracked changes: plain text, not inside another revision, field or ruby. */
	editable: boolean;
}

/** One child element of a run that shows as text. */
export interface Piece {
	/** Where its text starts in the line. */
	at: number;
	text: string;
	run: RunInfo;
	/** The element, from its `<` to past its end tag. */
	start: number;
	end: number;
	/** w:t text can be split; a tab, symbol or hyphen only stands whole (its element written back as it was). */
	splittable: boolean;
}

export interface WordLine {
	text: string;
	pieces: Piece[];
	part: number;
	where: 'body' | 'table' | 'textbox' | 'footnote' | 'endnote';
	/** A place at run level in the line's (last) paragraph: before its end tag (a byte offset). */
	anchor: number;
}

export interface ExtractedPart {
	lines: WordLine[];
	/** The largest w:id in the part (read with positions only): revisions and comments take ids above every one in use. */
	maxId: number;
	/** The prefix the part binds WordprocessingML to, with its colon ('' for the default namespace). */
	prefix: string;
}

interface LineBuilder {
	pieces: Piece[];
	where: WordLine['where'];
	/**
	 * The line's text as it was found, decoded when the line is done: a stretch of the part's
	 * bytes as two offsets, or a string (a tab, a symbol, text with references).
	 */
	segments: (number | string)[];
	/** With positions: each piece's first segment (a piece ends where the next begins). */
	firsts: number[];
}

/**
 * The text of a part's lines (or, with positions, of their pieces), copied side by side as
 * UTF-8 with a NUL after each item (XML text never holds one) and decoded in one call: a
 * part holds hundreds of lines and runs, and a decoder call for each costs more than the
 * rest of reading them.
 */
class Gathered {
	private bytes = new Uint8Array(16384);
	private used = 0;
	private count = 0;

	private reserve(more: number): void {
		if (this.used + more <= this.bytes.length) return;
		const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + more));
		grown.set(this.bytes.subarray(0, this.used));
		this.bytes = grown;
	}

	/** One item: segments [from, to) of a line. */
	add(xml: Uint8Array, segments: (number | string)[], from: number, to: number): void {
		for (let i = from; i < to; i++) {
			const segment = segments[i];
			if (typeof segment === 'string') {
				this.reserve(segment.length * 3);
				this.used += encoder.encodeInto(segment, this.bytes.subarray(this.used)).written;
			} else {
				const end = segments[++i] as number;
				this.reserve(end - segment);
				this.bytes.set(xml.subarray(segment, end), this.used);
				this.used += end - segment;
			}
		}
		this.reserve(1);
		this.bytes[this.used++] = 0;
		this.count++;
	}

	/** The items' texts, in the order they were added. */
	texts(): string[] {
		return this.count ? decoder.decode(this.bytes.subarray(0, this.used - 1)).split('\0') : [];
	}
}
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

interface ParagraphState {
	lines: LineBuilder[];
	/** Lines of text boxes anchored in this paragraph, emitted after it. */
	after: WordLine[];
	depth: number;
	markDeleted: boolean;
}

interface RunState {
	info: RunInfo;
	hidden: boolean;
	depth: number;
}

// What the reader does with each element, by kind (elements outside WordprocessingML are OTHER).
const OTHER = 0;
const PLAIN = 1;
const P = 2;
const R = 3;
const RPR = 4;
const PPR = 5;
const DEL = 6;
const T = 7;
const TAB = 8;
const NO_BREAK_HYPHEN = 9;
const SYM = 10;
const BR = 11;
const VANISH = 12;
const FLD_CHAR = 13;
const TBL = 14;
const TEXT_BOX = 15;
const NOTE = 16;
/** Elements whose whole content is not text as the editor sees it. */
const SKIPPED = 17;
/** Containers whose runs are text but take no tracked change of ours. */
const FROZEN = 18;
/** Containers beside which a run may take a w:ins or w:del of ours (w:p is one too). */
const RUN_PARENT = 19;
const CHOICE = 20;
const FALLBACK = 21;
const MATH = 22;

const wordKinds = new Map<string, number>([
	['p', P],
	['r', R],
	['rPr', RPR],
	['pPr', PPR],
	['del', DEL],
	['t', T],
	['tab', TAB],
	['ptab', TAB],
	['noBreakHyphen', NO_BREAK_HYPHEN],
	['sym', SYM],
	['br', BR],
	['cr', BR],
	['vanish', VANISH],
	['fldChar', FLD_CHAR],
	['tbl', TBL],
	['txbxContent', TEXT_BOX],
	['footnote', NOTE],
	['endnote', NOTE],
	...['moveFrom', 'delText', 'instrText', 'delInstrText', 'rt', 'sdtPr', 'sdtEndPr', 'fldData', 'rPrChange', 'pPrChange'].map((n): [string, number] => [
		n,
		SKIPPED,
	]),
	...['ins', 'moveTo', 'fldSimple', 'rubyBase', 'ruby'].map((n): [string, number] => [n, FROZEN]),
	...['hyperlink', 'smartTag', 'customXml', 'sdtContent', 'bdo', 'dir'].map((n): [string, number] => [n, RUN_PARENT]),
]);
const separatorNotes = new Set(['separator', 'continuationSeparator', 'continuationNotice']);
const off = new Set(['0', 'false', 'off']);

/** The last item of a list; read this way, an empty list costs no out-of-bounds read. */
const top = <T>(list: T[]): T | undefined => (list.length ? list[list.length - 1] : undefined);

/**
 * The lines of a story part. With `positions` false only their text is read (every line
 * with no pieces): what linting needs, without an object for every run and piece of text.
 */
export function extractPart(part: Uint8Array, partIndex: number, partName: string, story: StoryKind, positions = true): ExtractedPart {
	// A plain view: a Buffer's subarray is a slower call.
	const xml = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
	const lines: WordLine[] = [];
	let w: string | undefined;
	let mc: string | undefined;
	let math: string | undefined;
	// The open elements: their kinds and where their start tags begin.
	const kinds: number[] = [];
	const starts: number[] = [];
	/** Depths of the mc:AlternateContent elements whose first choice was read. */
	const taken: number[] = [];
	let skip = 0;
	let frozenDepth = 0;
	let tableDepth = 0;
	let textboxDepth = 0;
	let maxId = 0;
	/** Complex fields open: true once past their separator (showing their result). */
	const fields: boolean[] = [];
	const paragraphs: ParagraphState[] = [];
	const runs: RunState[] = [];
	/** A paragraph whose mark is deleted: its last line goes on in the next paragraph at the same depth. */
	let pending: { line: LineBuilder; depth: number; after: WordLine[] } | undefined;
	/** The line a w:t's text goes to, while one is open, and where its text starts there. */
	let textLine: LineBuilder | undefined;
	let textFrom = 0;

	// Kinds of the elements, by the reader's number for each name, worked out once per name.
	const kindById: number[] = [];
	const kindOf = (tag: StartTag): number => {
		let kind = kindById[tag.id];
		if (kind === undefined) {
			const name = tag.name;
			if (w !== undefined && name.startsWith(w) && (w !== '' || !name.includes(':'))) kind = wordKinds.get(name.slice(w.length)) ?? PLAIN;
			else if (mc !== undefined && name === `${mc}Choice`) kind = CHOICE;
			else if (mc !== undefined && name === `${mc}Fallback`) kind = FALLBACK;
			else if (math !== undefined && (name === `${math}oMath` || name === `${math}oMathPara`)) kind = MATH;
			else kind = OTHER;
			kindById[tag.id] = kind;
		}
		return kind;
	};
	const where = (): WordLine['where'] =>
		textboxDepth ? 'textbox' : story === 'footnotes' ? 'footnote' : story === 'endnotes' ? 'endnote' : tableDepth ? 'table' : 'body';
	const newLine = (): LineBuilder => ({ pieces: [], where: where(), segments: [], firsts: [] });
	// Reading text only, every run writes its positions here, and they are not kept.
	const scratch: RunInfo = { part: partIndex, start: -1, end: -1, openEnd: -1, rPrStart: -1, rPrEnd: -1, firstChild: -1, lastChildEnd: -1, editable: false };
	// The text of every line (or piece), decoded once the part is read; lines in the order gathered.
	const gathered = new Gathered();
	const emitted: WordLine[] = [];
	const emit = (target: WordLine[], built: LineBuilder, anchor: number) => {
		const { pieces, segments, firsts } = built;
		if (positions) {
			for (let i = 0; i < pieces.length; i++) gathered.add(xml, segments, firsts[i], i + 1 < pieces.length ? firsts[i + 1] : segments.length);
		} else {
			gathered.add(xml, segments, 0, segments.length);
		}
		const line: WordLine = { text: '', pieces, part: partIndex, where: built.where, anchor };
		emitted.push(line);
		target.push(line);
	};
	/** Where finished lines go: after the enclosing paragraph (a text box), or the part's list. */
	const sink = (): WordLine[] => (paragraphs.length ? paragraphs[paragraphs.length - 1].after : lines);
	const flushPending = (anchor: number) => {
		if (!pending) return;
		const p = pending;
		pending = undefined;
		const target = sink();
		emit(target, p.line, anchor);
		target.push(...p.after);
	};
	/** Whether the run's text shows in the current line: not hidden, nor a field's instruction. */
	const shows = (run: RunState): boolean => paragraphs.length > 0 && !run.hidden && !fields.some((result) => !result);
	const currentLine = (): LineBuilder => {
		const paragraph = paragraphs[paragraphs.length - 1];
		return paragraph.lines[paragraph.lines.length - 1];
	};
	/** A piece of the line: its segments from `from` on (text and place filled in when the line is done). */
	const add = (line: LineBuilder, run: RunState, from: number, start: number, end: number, splittable: boolean) => {
		if (line.segments.length === from || !positions) return;
		line.pieces.push({ at: 0, text: '', run: run.info, start, end, splittable });
		line.firsts.push(from);
	};
	/** A piece that stands for one character: a tab, a non-breaking hyphen, a symbol. */
	const addCharacter = (run: RunState, value: string, start: number) => {
		if (!shows(run)) return;
		const line = currentLine();
		line.segments.push(value);
		add(line, run, line.segments.length - 1, start, -1, false);
	};

	// Attribute names under the part's prefix, made once.
	let idName = 'w:id';
	let typeName = 'w:type';
	let valName = 'w:val';
	let charName = 'w:char';
	let fldCharTypeName = 'w:fldCharType';

	parseXml(xml, partName, {
		open(tag: StartTag, start: number, end: number) {
			if (skip) {
				skip++;
				return;
			}
			if (w === undefined) {
				w = prefixFor(tag, wordNamespaces) ?? 'w:';
				mc = prefixFor(tag, [mcNamespace]);
				math = prefixFor(tag, mathNamespaces);
				[idName, typeName, valName, charName, fldCharTypeName] = ['id', 'type', 'val', 'char', 'fldCharType'].map((n) => w + n);
			}
			const kind = kindOf(tag);
			const depth = kinds.length;
			const parentKind = depth ? kinds[depth - 1] : OTHER;
			const run = top(runs);
			// A direct child of the run: one of the run's children, but for its properties.
			const inRun = run !== undefined && run.depth === depth - 1;
			kinds.push(kind);
			starts.push(start);
			// Ids matter only to revisions, which read the part again with positions.
			if (positions) {
				const id = tag.attr(idName);
				if (id !== undefined) {
					const n = Number(id);
					if (Number.isInteger(n) && n > maxId) maxId = n;
				}
			}
			// The first child of a run is where the run's content starts.
			if (inRun && kind !== RPR && run.info.firstChild < 0) run.info.firstChild = start;
			switch (kind) {
				case OTHER:
				case PLAIN:
					return;
				case CHOICE:
					if (top(taken) === depth - 1) skip = 1;
					else taken.push(depth - 1);
					return;
				case FALLBACK:
					if (top(taken) === depth - 1) skip = 1;
					return;
				case MATH:
					skip = 1;
					return;
				case P:
					if (pending && pending.depth === depth) {
						paragraphs.push({ lines: [pending.line], after: pending.after, depth, markDeleted: false });
						pending = undefined;
					} else {
						flushPending(start);
						paragraphs.push({ lines: [newLine()], after: [], depth, markDeleted: false });
					}
					return;
				case R:
					runs.push({
						info: positions
							? {
									part: partIndex,
									start,
									end: -1,
									openEnd: end,
									rPrStart: end,
									rPrEnd: end,
									firstChild: -1,
									lastChildEnd: -1,
									editable: frozenDepth === 0 && fields.length === 0 && (parentKind === P || parentKind === RUN_PARENT),
								}
							: scratch,
						hidden: false,
						depth,
					});
					return;
				case DEL:
					// In a paragraph's mark properties: the paragraph mark is deleted.
					if (parentKind === RPR && depth >= 2 && kinds[depth - 2] === PPR) {
						const paragraph = top(paragraphs);
						if (paragraph) paragraph.markDeleted = true;
					}
					skip = 1;
					return;
				case T:
					if (inRun && shows(run)) {
						textLine = currentLine();
						textFrom = textLine.segments.length;
					}
					return;
				case TAB:
					if (inRun) addCharacter(run, '\t', start);
					return;
				case NO_BREAK_HYPHEN:
					if (inRun) addCharacter(run, '\u2011', start);
					return;
				case SYM:
					if (inRun) {
						const code = Number.parseInt(tag.attr(charName) ?? '', 16);
						if (Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff))
							addCharacter(run, String.fromCodePoint(code), start);
					}
					return;
				case BR: {
					const type = tag.attr(typeName);
					const paragraph = top(paragraphs);
					if (run && paragraph && !run.hidden && (type === undefined || type === 'textWrapping')) paragraph.lines.push(newLine());
					return;
				}
				case VANISH:
					// In the run's own properties.
					if (run && parentKind === RPR && run.depth === depth - 2 && !off.has(tag.attr(valName) ?? 'true')) run.hidden = true;
					return;
				case FLD_CHAR: {
					const type = tag.attr(fldCharTypeName);
					if (type === 'begin') fields.push(false);
					else if (type === 'separate' && fields.length) fields[fields.length - 1] = true;
					else if (type === 'end') fields.pop();
					return;
				}
				case TBL:
					flushPending(start);
					tableDepth++;
					return;
				case TEXT_BOX:
					textboxDepth++;
					return;
				case NOTE:
					if (separatorNotes.has(tag.attr(typeName) ?? '')) skip = 1;
					return;
				case SKIPPED:
					skip = 1;
					return;
				case FROZEN:
					frozenDepth++;
					return;
			}
		},
		close(_name: string, start: number, end: number) {
			if (skip) {
				skip--;
				if (skip) return;
			}
			const kind = kinds.pop()!;
			const elementStart = starts.pop()!;
			const depth = kinds.length;
			if (top(taken) === depth) taken.pop();
			const run = top(runs);
			if (run && run.depth === depth - 1 && kind !== RPR) run.info.lastChildEnd = end;
			if (pending && depth < pending.depth) flushPending(start);
			switch (kind) {
				case P: {
					const paragraph = paragraphs.pop()!;
					if (paragraph.markDeleted) {
						// Accepted, the deletion joins this paragraph's last line to the next paragraph.
						const last = paragraph.lines.pop()!;
						const target = sink();
						for (const line of paragraph.lines) emit(target, line, start);
						pending = { line: last, depth: paragraph.depth, after: paragraph.after };
					} else {
						const target = sink();
						for (const line of paragraph.lines) emit(target, line, start);
						target.push(...paragraph.after);
					}
					return;
				}
				case R:
					if (run) {
						run.info.end = end;
						runs.pop();
					}
					return;
				case RPR:
					if (run && run.depth === depth - 1) {
						run.info.rPrStart = elementStart;
						run.info.rPrEnd = end;
					}
					return;
				case T:
					if (textLine && run) {
						add(textLine, run, textFrom, elementStart, end, true);
						textLine = undefined;
					}
					return;
				case TAB:
				case NO_BREAK_HYPHEN:
				case SYM: {
					// The piece was added at the start tag; its end is known now.
					const paragraph = top(paragraphs);
					const line = paragraph && top(paragraph.lines);
					const piece = line && top(line.pieces);
					if (piece && piece.start === elementStart && piece.end < 0) piece.end = end;
					return;
				}
				case TBL:
					tableDepth--;
					return;
				case TEXT_BOX:
					textboxDepth--;
					return;
				case FROZEN:
					frozenDepth--;
					return;
			}
		},
		text(start: number, end: number, cdata: boolean, plain: boolean) {
			if (!textLine || skip) return;
			if (plain) {
				textLine.segments.push(start, end);
			} else {
				const value = xmlText(xml, start, end, cdata);
				if (value) textLine.segments.push(value);
			}
		},
	});
	flushPending(xml.length);
	const texts = gathered.texts();
	if (positions) {
		let next = 0;
		for (const line of emitted) {
			let at = 0;
			for (const piece of line.pieces) {
				piece.text = texts[next++];
				piece.at = at;
				at += piece.text.length;
			}
			line.text = line.pieces.length === 1 ? line.pieces[0].text : line.pieces.map((piece) => piece.text).join('');
		}
	} else {
		for (let i = 0; i < emitted.length; i++) emitted[i].text = texts[i];
	}
	return { lines, maxId, prefix: w ?? 'w:' };
}
