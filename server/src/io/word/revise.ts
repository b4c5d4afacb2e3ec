import type { Hunk } from './editLog';
import type { Piece, RunInfo, WordLine } from './extract';
import { asBuffer } from './container';
import { escapeAttr, escapeXml } from './xml';

// Turns replacements of the extracted text into tracked changes, and notes into comments,
// in the XML of the parts they fall in. Only the w:t elements where something happens are
// rewritten: the run around such an element is closed before the change and opened again
// after it with the very same start tag and run properties (their bytes, copied), so the
// text keeps its formatting, and every run the revisions do not touch stays byte for byte
// as it was.

/** A piece of XML to write: markup of ours, or bytes copied from the part. */
type Chunk = string | Uint8Array;

function joinChunks(chunks: Chunk[]): Buffer {
	return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}

export interface Note {
	/** UTF-16 offsets into the extracted text. */
	start: number;
	end: number;
	/** The comment's paragraphs. */
	paragraphs: string[];
}

export interface Revision {
	author: string;
	/** ISO 8601 without fractions, as Word writes it. */
	date: string;
}

/** The text of a document laid out as lines, with the offsets where each line starts. */
export interface Layout {
	text: string;
	lines: WordLine[];
	starts: number[];
}

export function layoutOf(lines: WordLine[]): Layout {
	const starts: number[] = [];
	let at = 0;
	for (const line of lines) {
		starts.push(at);
		at += line.text.length + 1;
	}
	return { text: lines.map((l) => l.text).join('\n'), lines, starts };
}

function lineAt(layout: Layout, offset: number): number {
	let lo = 0;
	let hi = layout.starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (layout.starts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

interface Point {
	piece: Piece;
	/** Offset within the piece's text: 0 before it, its length after it. */
	local: number;
}

/** The piece holding the character at `c` (a point before it), else the one before `c`. */
function pointBefore(line: WordLine, c: number): Point | undefined {
	const piece = line.pieces.find((p) => p.at <= c && c < p.at + p.text.length);
	return piece ? { piece, local: c - piece.at } : pointAfter(line, c, false);
}

/** The piece holding the character before `c` (a point after it), else the one at `c`. */
function pointAfter(line: WordLine, c: number, fallBack = true): Point | undefined {
	const piece = line.pieces.find((p) => p.at < c && c <= p.at + p.text.length);
	if (piece) return { piece, local: c - piece.at };
	return fallBack ? pointBefore(line, c) : undefined;
}

/** The pieces a deletion of [start, end) of one line covers, each with its part. */
function covered(line: WordLine, start: number, end: number): { piece: Piece; from: number; to: number }[] {
	return line.pieces
		.filter((p) => p.at < end && start < p.at + p.text.length)
		.map((piece) => ({ piece, from: Math.max(start, piece.at) - piece.at, to: Math.min(end, piece.at + piece.text.length) - piece.at }));
}

/** Where a replacement's inserted text goes, if anywhere a tracked change can stand. */
function insertionPoint(line: WordLine, start: number, end: number): Point | undefined {
	if (end > start) return pointAfter(line, end);
	for (const point of [pointAfter(line, start, false), pointBefore(line, start)]) {
		if (point?.piece.run.editable) return point;
	}
	return undefined;
}

/**
 * Whether a replacement can be a tracked change: within one paragraph, and deleting only
 * plain text of runs that are not inside another revision, a field result or ruby.
 */
export function canRevise(layout: Layout, hunk: Hunk): boolean {
	if (hunk.text.includes('\n') || layout.text.slice(hunk.start, hunk.end).includes('\n')) return false;
	const index = lineAt(layout, hunk.start);
	const line = layout.lines[index];
	const start = hunk.start - layout.starts[index];
	const end = hunk.end - layout.starts[index];
	if (!covered(line, start, end).every(({ piece }) => piece.splittable && piece.run.editable)) return false;
	return !hunk.text || insertionPoint(line, start, end) !== undefined;
}

/** Something put at a point of a piece: a tracked insertion, or where a comment starts or ends. */
interface Op {
	local: number;
	order: number;
	xml: (n: Names, ids: Ids) => Chunk[];
}

interface Names {
	/** The WordprocessingML prefix the part uses, with its colon. */
	w: string;
}

/** Revision ids, handed out as the XML is written: every w:ins and w:del has its own. */
interface Ids {
	next(): number;
}

interface PieceWork {
	piece: Piece;
	ops: Op[];
	/** Spans of the piece's text deleted. */
	deletions: { from: number; to: number }[];
}

export interface PartEdits {
	/** Replacements of byte ranges of the part's XML, not overlapping. */
	replace: { start: number; end: number; xml: Uint8Array }[];
}

/** Where each part's XML changes, and the comments to write into the comments part. */
export interface RevisionResult {
	parts: Map<number, PartEdits>;
	comments: { id: number; paragraphs: string[] }[];
	/** Replacements written as tracked changes. */
	changes: number;
}

// At one point: inserted text first (it follows what was deleted before the point), then
// the ends of comments, then their starts.
const order = { insert: 0, end: 1, start: 2 };

/** `parts`: the UTF-8 XML of each part; `prefixes`: the WordprocessingML prefix of each, with its colon. */
export function plan(
	layout: Layout,
	hunks: Hunk[],
	notes: Note[],
	revision: Revision,
	firstId: number,
	parts: Uint8Array[],
	prefixes: string[],
): RevisionResult {
	const work = new Map<Piece, PieceWork>();
	const anchors: { part: number; at: number; xml: (n: Names) => string }[] = [];
	const workFor = (piece: Piece) => {
		let w = work.get(piece);
		if (!w) work.set(piece, (w = { piece, ops: [], deletions: [] }));
		return w;
	};
	let changes = 0;
	for (const hunk of hunks) {
		if (!canRevise(layout, hunk)) continue;
		const index = lineAt(layout, hunk.start);
		const line = layout.lines[index];
		const start = hunk.start - layout.starts[index];
		const end = hunk.end - layout.starts[index];
		for (const { piece, from, to } of covered(line, start, end)) workFor(piece).deletions.push({ from, to });
		if (hunk.text) {
			const point = insertionPoint(line, start, end)!;
			const text = hunk.text;
			const run = point.piece.run;
			const rPr = parts[run.part].subarray(run.rPrStart, run.rPrEnd);
			workFor(point.piece).ops.push({
				local: point.local,
				order: order.insert,
				xml: (n, ids) => [
					`<${n.w}ins ${stamp(n, ids.next(), revision)}><${n.w}r>`,
					rPr,
					`<${n.w}t xml:space="preserve">${escapeXml(text)}</${n.w}t></${n.w}r></${n.w}ins>`,
				],
			});
		}
		changes++;
	}
	let id = firstId;
	const comments: RevisionResult['comments'] = [];
	for (const note of notes) {
		const commentId = id++;
		const startLine = lineAt(layout, note.start);
		const endLine = lineAt(layout, Math.max(note.start, note.end));
		const startPoint = pointBefore(layout.lines[startLine], note.start - layout.starts[startLine]);
		const endPoint = note.end > note.start ? pointAfter(layout.lines[endLine], note.end - layout.starts[endLine]) : startPoint;
		const rangeStart = (n: Names) => [`<${n.w}commentRangeStart ${n.w}id="${commentId}"/>`];
		const rangeEnd = (n: Names) => [`<${n.w}commentRangeEnd ${n.w}id="${commentId}"/><${n.w}r><${n.w}commentReference ${n.w}id="${commentId}"/></${n.w}r>`];
		if (!startPoint || !endPoint) {
			// An empty paragraph: the comment stands at its end.
			const line = layout.lines[startLine];
			anchors.push({ part: line.part, at: line.anchor, xml: (n) => rangeStart(n)[0] + rangeEnd(n)[0] });
		} else if (note.end > note.start) {
			workFor(startPoint.piece).ops.push({ local: startPoint.local, order: order.start, xml: rangeStart });
			workFor(endPoint.piece).ops.push({ local: endPoint.local, order: order.end, xml: rangeEnd });
		} else {
			workFor(startPoint.piece).ops.push({ local: startPoint.local, order: order.start, xml: (n) => [...rangeStart(n), ...rangeEnd(n)] });
		}
		comments.push({ id: commentId, paragraphs: note.paragraphs });
	}

	const ids: Ids = { next: () => id++ };
	const edits = new Map<number, PartEdits>();
	const editsOf = (part: number) => {
		let e = edits.get(part);
		if (!e) edits.set(part, (e = { replace: [] }));
		return e;
	};
	for (const w of work.values()) {
		const run = w.piece.run;
		const bytes = parts[run.part];
		const first = w.piece.start === run.firstChild;
		const last = w.piece.end === run.lastChildEnd;
		const xml = joinChunks(rewrite(w, bytes, namesOf(bytes, run), ids, first, last, revision));
		editsOf(run.part).replace.push({ start: first ? run.start : w.piece.start, end: last ? run.end : w.piece.end, xml });
	}
	for (const a of anchors) {
		editsOf(a.part).replace.push({ start: a.at, end: a.at, xml: Buffer.from(a.xml({ w: prefixes[a.part] ?? 'w:' }), 'utf8') });
	}
	return { parts: edits, comments, changes };
}

function stamp(n: Names, id: number, revision: Revision): string {
	return `${n.w}id="${id}" ${n.w}author="${escapeAttr(revision.author)}" ${n.w}date="${revision.date}"`;
}

/** The prefix of the run's own name (w:r, or r in the default namespace). */
function namesOf(bytes: Uint8Array, run: RunInfo): Names {
	const open = asBuffer(bytes).toString('utf8', run.start, run.openEnd);
	const name = /^<([^\s/>]+)/.exec(open)?.[1] ?? 'w:r';
	return { w: name.slice(0, name.length - 1) };
}

/**
 * The XML that replaces one piece, and the run's start tag when the piece is its first
 * child and its end tag when it is the last: the run is closed before each change and
 * opened again after it with the same start tag and properties.
 */
function rewrite(w: PieceWork, bytes: Uint8Array, n: Names, ids: Ids, first: boolean, last: boolean, revision: Revision): Chunk[] {
	const run = w.piece.run;
	const start = bytes.subarray(run.start, run.openEnd);
	const rPr = bytes.subarray(run.rPrStart, run.rPrEnd);
	const out: Chunk[] = [];
	let inRun = !first;
	const close = () => {
		if (inRun) out.push(`</${n.w}r>`);
		inRun = false;
	};
	const open = () => {
		if (!inRun) out.push(start, rPr);
		inRun = true;
	};
	const text = w.piece.text;
	const ops = [...w.ops].sort((a, b) => a.local - b.local || a.order - b.order);
	const cuts = new Set<number>([0, text.length]);
	for (const op of ops) cuts.add(op.local);
	for (const d of w.deletions) {
		cuts.add(d.from);
		cuts.add(d.to);
	}
	const points = [...cuts].sort((a, b) => a - b);
	for (let i = 0; i < points.length; i++) {
		const at = points[i];
		for (const op of ops) {
			if (op.local !== at) continue;
			close();
			out.push(...op.xml(n, ids));
		}
		if (i + 1 >= points.length) break;
		const slice = text.slice(at, points[i + 1]);
		if (!w.piece.splittable) {
			open();
			out.push(bytes.subarray(w.piece.start, w.piece.end));
		} else if (w.deletions.some((d) => d.from <= at && at < d.to)) {
			close();
			out.push(
				`<${n.w}del ${stamp(n, ids.next(), revision)}><${n.w}r>`,
				rPr,
				`<${n.w}delText xml:space="preserve">${escapeXml(slice)}</${n.w}delText></${n.w}r></${n.w}del>`,
			);
		} else {
			open();
			out.push(`<${n.w}t xml:space="preserve">${escapeXml(slice)}</${n.w}t>`);
		}
	}
	if (last) close();
	else open();
	return out;
}

/** One w:comment element, its paragraphs as plain runs. */
export function commentXml(w: string, id: number, paragraphs: string[], revision: Revision): string {
	const body = paragraphs.map((p) => `<${w}p><${w}r><${w}t xml:space="preserve">${escapeXml(p)}</${w}t></${w}r></${w}p>`).join('');
	return `<${w}comment ${stamp({ w }, id, revision)} ${w}initials="NP">${body}</${w}comment>`;
}

/** The part's XML with its replacements made. */
export function applyPartEdits(xml: Uint8Array, edits: PartEdits): Buffer {
	const sorted = [...edits.replace].sort((a, b) => a.start - b.start || a.end - b.end);
	const out: Uint8Array[] = [];
	let at = 0;
	for (const r of sorted) {
		if (r.start < at) throw new Error(`overlapping revisions at ${r.start}`);
		out.push(xml.subarray(at, r.start), r.xml);
		at = r.end;
	}
	out.push(xml.subarray(at));
	return Buffer.concat(out);
}
