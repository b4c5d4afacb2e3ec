import { applyOffsetEdits } from './lint';
import { LineIndex } from './lineIndex';
import type { Finding } from './types';

interface Span {
	start: number;
	end: number;
	newText: string;
}

/** Accepted edits, kept sorted, so that a new finding's edits can be checked for overlap. */
class EditSet {
	readonly spans: Span[] = [];

	private clashes(e: Span): boolean {
		let lo = 0;
		let hi = this.spans.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.spans[mid].end < e.start || (this.spans[mid].end === e.start && this.spans[mid].start < e.start)) lo = mid + 1;
			else hi = mid;
		}
		for (let i = lo; i < this.spans.length && this.spans[i].start <= e.end; i++) {
			const s = this.spans[i];
			// Overlap, or two insertions at one point: the result would depend on order.
			if ((s.start < e.end && e.start < s.end) || (s.start === e.start && (s.start === s.end || e.start === e.end))) {
				return true;
			}
		}
		return false;
	}

	tryAdd(edits: Span[]): boolean {
		if (edits.some((e) => this.clashes(e))) {
			return false;
		}
		for (const e of edits) {
			// Binary search for the place; fixes arrive in order, so it is almost always the end.
			let lo = 0;
			let hi = this.spans.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				const s = this.spans[mid];
				if (s.start > e.start || (s.start === e.start && s.end > e.end)) hi = mid;
				else lo = mid + 1;
			}
			if (lo === this.spans.length) this.spans.push(e);
			else this.spans.splice(lo, 0, e);
		}
		return true;
	}
}

/** An edit by UTF-16 offsets into the source. */
export type OffsetEdit = Span;

/**
 * The edits of the preferred fix of every finding whose fix is certain, as applyFixes
 * chooses them: a fix whose edits overlap one already taken is left for a later run, so the
 * result never depends on edit order; edits of one fix that surround another's (brackets
 * around a typo) do not clash. Sorted by start.
 */
export function chooseFixEdits(source: string, findings: Finding[], options: { certainOnly?: boolean } = {}): { edits: OffsetEdit[]; applied: number } {
	const certainOnly = options.certainOnly ?? true;
	const lines = new LineIndex(source);
	const accepted = new EditSet();
	let applied = 0;
	const candidates = findings
		.filter((f) => f.fixes.length > 0 && (!certainOnly || f.certain))
		.map((f) => f.fixes[0].edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })))
		.sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
	for (const edits of candidates) {
		if (accepted.tryAdd(edits)) {
			applied++;
		}
	}
	return { edits: accepted.spans, applied };
}

/** Applies the preferred fix of every finding whose fix is certain (see chooseFixEdits). */
export function applyFixes(source: string, findings: Finding[], options: { certainOnly?: boolean } = {}): { text: string; applied: number } {
	const { edits, applied } = chooseFixEdits(source, findings, options);
	return { text: applyOffsetEdits(source, edits), applied };
}
