// What a series of fix passes did to a text, as replacements of spans of the original:
// pass two's edits are made on pass one's result, and a document takes its revisions
// against the text it holds. Each edit is carried back through the earlier ones; an edit
// that touches an earlier replacement merges with it, so that the log stays a set of
// separate, ordered replacements whose result is exactly the text after the last pass.

export interface Hunk {
	/** UTF-16 offsets into the original text. */
	start: number;
	end: number;
	/** What replaces original.slice(start, end). */
	text: string;
}

export interface Edit {
	start: number;
	end: number;
	newText: string;
}

interface Placed {
	/** Offsets of the hunk's text in the current text. */
	cStart: number;
	cEnd: number;
	/** Current minus original, for positions after the hunk. */
	deltaAfter: number;
}

export class EditLog {
	hunks: Hunk[] = [];
	private current: string;

	constructor(readonly original: string) {
		this.current = original;
	}

	/** The text with every hunk applied. */
	get text(): string {
		return this.current;
	}

	private placed(): Placed[] {
		let delta = 0;
		return this.hunks.map((h) => {
			const cStart = h.start + delta;
			delta += h.text.length - (h.end - h.start);
			return { cStart, cEnd: cStart + h.text.length, deltaAfter: delta };
		});
	}

	/**
	 * The replacement of the original that an edit of the current text amounts to, merged
	 * with the hunks it overlaps or touches, and which hunks those are.
	 */
	preview(edit: Edit): { hunk: Hunk; first: number; count: number } {
		const placed = this.placed();
		let first = -1;
		let last = -1;
		let before = 0;
		for (let i = 0; i < placed.length; i++) {
			const p = placed[i];
			if (p.cEnd < edit.start) {
				before = p.deltaAfter;
				continue;
			}
			if (p.cStart > edit.end) break;
			if (first < 0) first = i;
			last = i;
		}
		if (first < 0) {
			return { hunk: { start: edit.start - before, end: edit.end - before, text: edit.newText }, first: this.insertionIndex(edit.start - before), count: 0 };
		}
		const regionStart = Math.min(edit.start, placed[first].cStart);
		const regionEnd = Math.max(edit.end, placed[last].cEnd);
		const start = edit.start < placed[first].cStart ? edit.start - before : this.hunks[first].start;
		const end = edit.end > placed[last].cEnd ? edit.end - placed[last].deltaAfter : this.hunks[last].end;
		const text = this.current.slice(regionStart, edit.start) + edit.newText + this.current.slice(edit.end, regionEnd);
		return { hunk: { start, end, text }, first, count: last - first + 1 };
	}

	private insertionIndex(originalStart: number): number {
		let i = 0;
		while (i < this.hunks.length && this.hunks[i].start < originalStart) i++;
		return i;
	}

	/** Records the edits of one pass (offsets into the current text, not overlapping). */
	apply(edits: Edit[]): void {
		for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
			const { hunk, first, count } = this.preview(edit);
			const unchanged = hunk.text === this.original.slice(hunk.start, hunk.end);
			this.hunks.splice(first, count, ...(unchanged ? [] : [hunk]));
			this.current = this.current.slice(0, edit.start) + edit.newText + this.current.slice(edit.end);
		}
	}

	/** A span of the current text as a span of the original: inside a replacement, the whole of it. */
	toOriginal(start: number, end: number): { start: number; end: number } {
		const placed = this.placed();
		let from = start;
		let to = end;
		let startDone = false;
		let endDone = false;
		let before = 0;
		for (let i = 0; i < placed.length; i++) {
			const p = placed[i];
			if (!startDone) {
				if (start < p.cStart) {
					from = start - before;
					startDone = true;
				} else if (start < p.cEnd || (start === p.cStart && p.cStart === p.cEnd)) {
					from = this.hunks[i].start;
					startDone = true;
				}
			}
			if (!endDone) {
				if (end <= p.cStart && !(end === p.cStart && p.cStart === p.cEnd && end > start)) {
					to = end - before;
					endDone = true;
				} else if (end <= p.cEnd) {
					to = this.hunks[i].end;
					endDone = true;
				}
			}
			before = p.deltaAfter;
			if (startDone && endDone) break;
		}
		if (!startDone) from = start - before;
		if (!endDone) to = end - before;
		return { start: from, end: Math.max(from, to) };
	}
}
