import { applyOffsetEdits } from './lint';
import { LineIndex } from './lineIndex';
import type { Finding } from './types';

/**
 * Applies the preferred fix of every finding whose fix is certain. Fixes that overlap an
 * earlier one are left for a later run, so the result never depends on edit order.
 */
export function applyFixes(source: string, findings: Finding[], options: { certainOnly?: boolean } = {}): { text: string; applied: number } {
	const certainOnly = options.certainOnly ?? true;
	const lines = new LineIndex(source);
	const edits: { start: number; end: number; newText: string }[] = [];
	let reach = -1;
	const candidates = findings
		.filter((f) => f.fixes.length > 0 && (!certainOnly || f.certain))
		.map((f) => {
			const offsets = f.fixes[0].edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
			return { offsets, start: Math.min(...offsets.map((o) => o.start)), end: Math.max(...offsets.map((o) => o.end)) };
		})
		.sort((a, b) => a.start - b.start || a.end - b.end);
	let applied = 0;
	for (const c of candidates) {
		// Two insertions at one point, or any overlap, would make the result depend on order.
		if (c.start < reach || (c.start === reach && c.end === c.start)) {
			continue;
		}
		edits.push(...c.offsets);
		reach = Math.max(c.end, c.start + 0.5);
		applied++;
	}
	return { text: applyOffsetEdits(source, edits), applied };
}
