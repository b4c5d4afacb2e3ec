import type { LineIndex } from '../../server/src/engine/lineIndex';
import type { Finding } from '../../server/src/engine/types';

// Scoring flags against the corrected twin, per wrong character: a flag is right when it
// covers wrong characters and its fix puts the twin's characters there; any other flag on
// the faulty sentence, and every flag on the twin, is a false alarm.

export interface Flag {
	start: number;
	end: number;
	/** The first fix's text for [start, end). */
	fix: string;
	/** Margin of a model flag; Infinity for a flag of a list rule. */
	margin: number;
}

/**
 * The flag of a list rule's finding (margin Infinity). A finding may span a whole phrase
 * (一阵见血) while its fix replaces one character of it: the flag is judged where the first
 * fix writes. A finding without a fix flags its own range with an empty fix (never right).
 */
export function listFlag(lines: LineIndex, finding: Finding): Flag {
	const edit = finding.fixes[0]?.edits[0];
	if (!edit) return { start: finding.offset.start, end: finding.offset.end, fix: '', margin: Infinity };
	return { start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), fix: edit.newText, margin: Infinity };
}

export interface PairFlags {
	source: string;
	target: string;
	onSource: Flag[];
	onTarget: Flag[];
}

export interface Score {
	errors: number;
	corrected: number;
	detected: number;
	flags: number;
	rightFlags: number;
	twins: number;
	twinsFlagged: number;
	recall: number;
	precision: number;
	twinRate: number;
}

export function scorePairs(pairs: PairFlags[], threshold: number): Score {
	let errors = 0;
	let corrected = 0;
	let detected = 0;
	let flags = 0;
	let rightFlags = 0;
	let twins = 0;
	let twinsFlagged = 0;
	for (const p of pairs) {
		const wrong = new Set<number>();
		for (let i = 0; i < p.source.length; i++) if (p.source[i] !== p.target[i]) wrong.add(i);
		errors += wrong.size;
		const fixedAt = new Set<number>();
		const seenAt = new Set<number>();
		for (const f of p.onSource) {
			if (f.margin < threshold) continue;
			flags++;
			const covered = [...wrong].filter((i) => i >= f.start && i < f.end);
			covered.forEach((i) => seenAt.add(i));
			const right = covered.length > 0 && f.fix.length === f.end - f.start && p.target.slice(f.start, f.end) === f.fix;
			if (right) {
				rightFlags++;
				covered.forEach((i) => fixedAt.add(i));
			}
		}
		corrected += fixedAt.size;
		detected += seenAt.size;
		if (p.source !== p.target) {
			twins++;
			const onTwin = p.onTarget.filter((f) => f.margin >= threshold).length;
			flags += onTwin;
			if (onTwin) twinsFlagged++;
		} else {
			// A correct sentence given as its own twin: its flags are false once.
			if (p.onSource.some((f) => f.margin >= threshold)) twinsFlagged++;
			twins++;
		}
	}
	return {
		errors,
		corrected,
		detected,
		flags,
		rightFlags,
		twins,
		twinsFlagged,
		recall: errors ? corrected / errors : 0,
		precision: flags ? rightFlags / flags : 1,
		twinRate: twins ? twinsFlagged / twins : 0,
	};
}

/**
 * The threshold, among `thresholds`, with the highest recall whose precision reaches
 * `precision` (the lowest such threshold on a tie), with its score; undefined when none does.
 * The evaluation reads the floors off this: the best the model can do at a target precision,
 * whatever threshold the rule ships with.
 */
export function bestRecall(pairs: PairFlags[], precision: number, thresholds: number[]): { threshold: number; score: Score } | undefined {
	let best: { threshold: number; score: Score } | undefined;
	for (const threshold of [...thresholds].sort((a, b) => a - b)) {
		const score = scorePairs(pairs, threshold);
		if (score.precision >= precision && (!best || score.recall > best.score.recall)) best = { threshold, score };
	}
	return best;
}
