import { applyOffsetEdits, chooseFixEdits, type Finding, LineIndex, severityNames } from '../../engine';
import { EditLog, type Hunk } from './editLog';
import type { Note } from './revise';
import { canRevise } from './revise';
import type { WordDraft } from './index';

// --fix for a Word draft: the same passes as for a text draft (apply the certain fixes,
// lint again, until nothing is left), except that a fix is taken only where it can be a
// tracked change. A fix that would join or split paragraphs, or change text inside a field
// result or someone else's revision, is left alone and so remains a finding: it becomes a
// comment like every other finding at warning or above. The text after the passes is then
// exactly what the revised document reads with all changes accepted.

/** applyFixes leaves overlapping fixes for a later pass; a handful of passes settles any draft. */
const maxFixPasses = 10;

export interface WordFixResult {
	/** The text after the fixes (the document with all changes accepted). */
	text: string;
	/** Fixes applied, over all passes. */
	applied: number;
	/** The findings on that text. */
	findings: Finding[];
	/** The fixes as replacements of the document's text, and the comments to write. */
	hunks: Hunk[];
	notes: Note[];
}

/** The comment for a finding: rule and message, then the suggested correction. */
export function noteText(f: Finding): string[] {
	const lines = [`${f.ruleId}（${severityNames[f.severity]}）：${f.message}`];
	if (f.fixes.length) lines.push(`建议：${f.fixes.map((x) => x.title).join('；或 ')}`);
	return lines;
}

/** Findings that become comments: every one at warning or above. */
export const worthAComment = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';

/**
 * Runs the fix passes over a Word draft. `lint` returns the findings wanted (filters
 * applied) for a text; `fix: false` only lints, and makes every finding worth it a comment.
 */
export function fixWordDraft(draft: WordDraft, lint: (text: string) => Finding[], options: { fix?: boolean } = {}): WordFixResult {
	const log = new EditLog(draft.text);
	let findings = lint(draft.text);
	let applied = 0;
	if (options.fix !== false) {
		for (let pass = 0; pass < maxFixPasses; pass++) {
			const text = log.text;
			const lines = new LineIndex(text);
			// Only fixes that stay revisable once merged with the earlier ones.
			const revisable = findings.filter(
				(f) =>
					f.certain &&
					f.fixes.length > 0 &&
					f.fixes[0].edits.every((e) =>
						canRevise(draft.layout, log.preview({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }).hunk),
					),
			);
			const { edits, applied: count } = chooseFixEdits(text, revisable);
			if (!edits.length || applyOffsetEdits(text, edits) === text) break;
			log.apply(edits);
			applied += count;
			findings = lint(log.text);
		}
	}
	const final = new LineIndex(log.text);
	const notes = findings.filter(worthAComment).map((f) => {
		const span = log.toOriginal(final.offsetAt(f.range.start), final.offsetAt(f.range.end));
		return { ...span, paragraphs: noteText(f) };
	});
	return { text: log.text, applied, findings, hunks: log.hunks, notes };
}
