import { parseXml, prefixFor, type Tag } from './xml';

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

export interface RunInfo {
	part: number;
	/** The run, from its `<` to past its `</w:r>`. */
	start: number;
	end: number;
	/** The raw start tag and run properties, repeated on the pieces a split run becomes. */
	open: string;
	rPr: string;
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
	/** w:t text can be split; a tab, symbol or hyphen only stands whole. */
	splittable: boolean;
	/** The element's XML, for a piece that is not split (written back as it was). */
	raw?: string;
}

export interface WordLine {
	text: string;
	pieces: Piece[];
	part: number;
	where: 'body' | 'table' | 'textbox' | 'footnote' | 'endnote';
	/** A place at run level in the line's (last) paragraph: before its end tag. */
	anchor: number;
}

export interface ExtractedPart {
	lines: WordLine[];
	/** The largest w:id in the part: revisions and comments take ids above every one in use. */
	maxId: number;
	/** The prefix the part binds WordprocessingML to, with its colon ('' for the default namespace). */
	prefix: string;
}

interface LineBuilder {
	text: string;
	pieces: Piece[];
	where: WordLine['where'];
}

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

interface Frame {
	local: string | undefined;
	start: number;
	/** For mc:AlternateContent: whether a choice was read. */
	taken?: boolean;
}

// Elements whose whole content is not text as the editor sees it.
const skipped = new Set(['del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'rt', 'sdtPr', 'sdtEndPr', 'fldData', 'rPrChange', 'pPrChange']);
// Containers whose runs are text but take no tracked change of ours.
const frozen = new Set(['ins', 'moveTo', 'fldSimple', 'rubyBase', 'ruby']);
// Where a run may stand beside a w:ins or w:del of ours.
const runParents = new Set(['p', 'hyperlink', 'smartTag', 'customXml', 'sdtContent', 'bdo', 'dir']);
// Elements whose start offset is needed (runs' children are asked for theirs too).
const placed = new Set(['p', 'r', 'rPr', 't', 'tbl', 'tab', 'ptab', 'noBreakHyphen', 'sym']);
const separatorNotes = new Set(['separator', 'continuationSeparator', 'continuationNotice']);
const off = new Set(['0', 'false', 'off']);

export function extractPart(xml: string, partIndex: number, partName: string, story: StoryKind): ExtractedPart {
	const lines: WordLine[] = [];
	let w: string | undefined;
	let mc: string | undefined;
	let math: string | undefined;
	const frames: Frame[] = [];
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
	let textOpen = false;
	let text = '';

	const localOf = (name: string): string | undefined => (w !== undefined && name.startsWith(w) && (w !== '' || !name.includes(':')) ? name.slice(w.length) : undefined);
	const where = (): WordLine['where'] => (textboxDepth ? 'textbox' : story === 'footnotes' ? 'footnote' : story === 'endnotes' ? 'endnote' : tableDepth ? 'table' : 'body');
	const newLine = (): LineBuilder => ({ text: '', pieces: [], where: where() });
	const emit = (target: WordLine[], line: LineBuilder, anchor: number) => target.push({ text: line.text, pieces: line.pieces, part: partIndex, where: line.where, anchor });
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
	const add = (run: RunState, value: string, start: number, end: number, splittable: boolean) => {
		const paragraph = paragraphs[paragraphs.length - 1];
		if (!paragraph || run.hidden || fields.some((result) => !result)) return;
		const line = paragraph.lines[paragraph.lines.length - 1];
		if (value) line.pieces.push({ at: line.text.length, text: value, run: run.info, start, end, splittable });
		line.text += value;
	};

	// Attribute names under the part's prefix, made once.
	let idName = 'w:id';
	let typeName = 'w:type';
	let valName = 'w:val';
	let charName = 'w:char';
	let fldCharTypeName = 'w:fldCharType';

	parseXml(xml, partName, {
		open(tag: Tag, end: number, startOf: () => number) {
			if (skip) {
				skip++;
				return;
			}
			if (w === undefined && frames.length === 0) {
				w = prefixFor(tag, wordNamespaces) ?? 'w:';
				mc = prefixFor(tag, [mcNamespace]);
				math = prefixFor(tag, mathNamespaces);
				[idName, typeName, valName, charName, fldCharTypeName] = ['id', 'type', 'val', 'char', 'fldCharType'].map((n) => w + n);
			}
			const local = localOf(tag.name);
			const parent = frames[frames.length - 1];
			const run = runs[runs.length - 1];
			const runChild = run !== undefined && parent === frames[run.depth] && local !== 'rPr';
			// Where the tag starts, looked up only for the elements whose place matters.
			const start = runChild || (local !== undefined && placed.has(local)) ? startOf() : -1;
			const frame: Frame = { local, start };
			frames.push(frame);
			const id = tag.attributes[idName];
			if (id !== undefined) {
				const n = Number(id);
				if (Number.isInteger(n) && n > maxId) maxId = n;
			}
			// The first child of a run is where the run's content starts.
			if (runChild && run.info.firstChild < 0) run.info.firstChild = start;
			if (local === undefined) {
				if (mc !== undefined && tag.name === `${mc}Choice`) {
					if (parent?.taken) skip = 1;
					else if (parent) parent.taken = true;
				} else if (mc !== undefined && tag.name === `${mc}Fallback`) {
					if (parent?.taken) skip = 1;
				} else if (math !== undefined && (tag.name === `${math}oMath` || tag.name === `${math}oMathPara`)) {
					skip = 1;
				}
				return;
			}
			switch (local) {
				case 'p': {
					const depth = frames.length - 1;
					if (pending && pending.depth === depth) {
						paragraphs.push({ lines: [pending.line], after: pending.after, depth, markDeleted: false });
						pending = undefined;
					} else {
						flushPending(start);
						paragraphs.push({ lines: [newLine()], after: [], depth, markDeleted: false });
					}
					return;
				}
				case 'r':
					runs.push({
						info: { part: partIndex, start, end: -1, open: xml.slice(start, end), rPr: '', firstChild: -1, lastChildEnd: -1, editable: frozenDepth === 0 && fields.length === 0 && runParents.has(parent?.local ?? '') },
						hidden: false,
						depth: frames.length - 1,
					});
					return;
				case 'del':
					// In a paragraph's mark properties: the paragraph mark is deleted.
					if (parent?.local === 'rPr' && frames[frames.length - 3]?.local === 'pPr') {
						const paragraph = paragraphs[paragraphs.length - 1];
						if (paragraph) paragraph.markDeleted = true;
					}
					skip = 1;
					return;
				case 't':
					if (run && parent === frames[run.depth]) {
						textOpen = true;
						text = '';
					}
					return;
				case 'tab':
				case 'ptab':
					if (run && parent === frames[run.depth]) add(run, '\t', start, -1, false);
					return;
				case 'noBreakHyphen':
					if (run && parent === frames[run.depth]) add(run, '\u2011', start, -1, false);
					return;
				case 'sym':
					if (run && parent === frames[run.depth]) {
						const code = Number.parseInt(tag.attributes[charName] ?? '', 16);
						if (Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) add(run, String.fromCodePoint(code), start, -1, false);
					}
					return;
				case 'br':
				case 'cr': {
					const type = tag.attributes[typeName];
					const paragraph = paragraphs[paragraphs.length - 1];
					if (run && paragraph && !run.hidden && (type === undefined || type === 'textWrapping')) paragraph.lines.push(newLine());
					return;
				}
				case 'vanish':
					if (run && parent?.local === 'rPr' && frames[frames.length - 3] === frames[run.depth] && !off.has(tag.attributes[valName] ?? 'true')) run.hidden = true;
					return;
				case 'fldChar': {
					const type = tag.attributes[fldCharTypeName];
					if (type === 'begin') fields.push(false);
					else if (type === 'separate' && fields.length) fields[fields.length - 1] = true;
					else if (type === 'end') fields.pop();
					return;
				}
				case 'tbl':
					flushPending(start);
					tableDepth++;
					return;
				case 'txbxContent':
					textboxDepth++;
					return;
				case 'footnote':
				case 'endnote':
					if (separatorNotes.has(tag.attributes[typeName] ?? '')) skip = 1;
					return;
				default:
					if (skipped.has(local)) skip = 1;
					else if (frozen.has(local)) frozenDepth++;
			}
		},
		close(_tag: Tag, end: number, startOf: () => number) {
			if (skip) {
				skip--;
				if (skip) return;
			}
			const frame = frames.pop()!;
			const run = runs[runs.length - 1];
			if (run && frames.length - 1 === run.depth && frame.local !== 'rPr') {
				run.info.lastChildEnd = end;
			}
			if (pending && frames.length < pending.depth) flushPending(startOf());
			const local = frame.local;
			if (local === undefined) return;
			switch (local) {
				case 'p': {
					const paragraph = paragraphs.pop()!;
					const start = startOf();
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
				case 'r':
					if (run) {
						run.info.end = end;
						runs.pop();
					}
					return;
				case 'rPr':
					if (run && frames.length - 1 === run.depth) run.info.rPr = xml.slice(frame.start, end);
					return;
				case 't':
					if (textOpen && run) {
						textOpen = false;
						add(run, text, frame.start, end, true);
					}
					return;
				case 'tab':
				case 'ptab':
				case 'noBreakHyphen':
				case 'sym': {
					// The piece was added at the start tag; its end is known now.
					const paragraph = paragraphs[paragraphs.length - 1];
					const line = paragraph?.lines[paragraph.lines.length - 1];
					const piece = line?.pieces[line.pieces.length - 1];
					if (piece && piece.start === frame.start && piece.end < 0) {
						piece.end = end;
						piece.raw = xml.slice(piece.start, end);
					}
					return;
				}
				case 'tbl':
					tableDepth--;
					return;
				case 'txbxContent':
					textboxDepth--;
					return;
				default:
					if (frozen.has(local)) frozenDepth--;
			}
		},
		text(value: string) {
			if (textOpen && !skip) text += value;
		},
	});
	flushPending(xml.length);
	return { lines, maxId, prefix: w ?? 'w:' };
}
