import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { ConfigProblem, Engine, Finding } from '../engine';
import { writeAtomically } from '../io/readDraft';
import { defaultWordLimits, lockFileOf, readWordDraft, reviseWordDraft, revisionsPath, type WordDraft, WordError } from '../io/word';
import { fixWordDraft } from '../io/word/fixes';
import { countCharacters, type FileReport, type JobOptions, type JobResult, selects } from './report';

// The work for one Word document: read its text (one paragraph a line), lint it like a
// text draft, and for --fix write a revised copy beside it, NAME.newsproof.docx (the
// document itself with --fix-in-place): the certain fixes as tracked changes, every other
// finding at warning or above as a comment.

export function runWordJob(engine: Engine, path: string, shown: string, options: JobOptions, bytes?: Uint8Array): JobResult {
	let draft: WordDraft;
	try {
		draft = readWordDraft(bytes ?? path, defaultWordLimits());
	} catch (err) {
		if (!(err instanceof WordError)) throw err;
		return { report: { file: shown, diagnostics: [], characters: 0, skipped: err.message }, problems: [] };
	}
	let problems: ConfigProblem[] | undefined;
	const lint = (text: string): Finding[] => {
		const result = engine.lintFile(path, text, { configFile: options.configFile, maxFindings: options.maxFindings });
		problems ??= result.problems;
		return result.findings.filter((f) => selects(options.filter, f));
	};
	const fixed = fixWordDraft(draft, lint, { fix: options.fix !== 'none' });
	// The paragraphs are always kept: every format shows a Word finding with its paragraph.
	const report: FileReport = { file: shown, kind: 'docx', diagnostics: fixed.findings, characters: countCharacters(fixed.text), source: fixed.text };
	if (options.fix !== 'none') {
		report.fix = { applied: fixed.applied, written: false };
		if (options.fix === 'dry-run') {
			if (fixed.text !== draft.text) {
				report.fix.diff = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, draft.text + '\n', fixed.text + '\n', undefined, undefined, { context: 3 }).replace(
					/^=+\n/,
					'',
				);
			}
		} else if (!bytes && (fixed.hunks.length || fixed.notes.length)) {
			const target = options.fixInPlace ? path : revisionsPath(path);
			const lock = options.fixInPlace ? lockFileOf(path) : undefined;
			if (lock) {
				report.fix.error = `修正未写入：文档正在 Word 或 WPS 中打开（有锁文件 ${basename(lock)}）；关闭文档后再修正，或去掉 --fix-in-place 写出修订稿`;
			} else {
				try {
					const revised = reviseWordDraft(draft, { hunks: fixed.hunks, notes: fixed.notes });
					writeAtomically(target, revised.bytes, { path, bytes: draft.bytes });
					report.fix.written = true;
					report.fix.writtenTo = join(dirname(shown), basename(target));
					report.fix.changes = revised.changes;
					report.fix.comments = revised.comments;
				} catch (err) {
					report.fix.error = (err as Error).message;
				}
			}
			if (report.fix.error) {
				// Nothing was written: report the document as it stands.
				const again = fixWordDraft(draft, lint, { fix: false });
				report.diagnostics = again.findings;
				report.characters = countCharacters(draft.text);
				report.source = draft.text;
				report.fix.applied = 0;
			}
		}
	}
	return { report, problems: problems ?? [], segmenterError: engine.segmenter.error?.message, modelError: engine.model.error?.message };
}
