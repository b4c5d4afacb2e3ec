import { createTwoFilesPatch } from 'diff';
import { applyFixes, type Engine, type Finding } from '../engine';
import { type DraftFile, decodeDraft, readDraft, writeDraft } from '../io/readDraft';
import { isLegacyWordPath, isLockFile, isWordPath } from '../io/word';
import { countCharacters, type FileReport, type JobOptions, type JobResult, selects } from './report';
import { runWordJob } from './wordJob';

// The work done for one file, the same in the main thread and in a worker: read, decode,
// lint, and for --fix apply the certain fixes until none is left, then write back.

export type { FixMode, JobOptions, JobResult } from './report';

/**
 * applyFixes leaves overlapping fixes for a later pass; a handful of passes settles any draft.
 * The limit only guards against two rules that undo each other.
 */
const maxFixPasses = 50;

/** Lints the file at `path` (shown as `shown`), or given bytes (standard input). */
export function runJob(engine: Engine, path: string, shown: string, options: JobOptions, bytes?: Uint8Array): JobResult {
	if (isLockFile(path)) {
		return { report: { file: shown, diagnostics: [], characters: 0, skipped: 'Word 或 WPS 的锁文件（文档打开时生成），不是稿件，已跳过' }, problems: [] };
	}
	if (isWordPath(path) || isLegacyWordPath(path)) return runWordJob(engine, path, shown, options, bytes);
	const draft: DraftFile = bytes ? decodeDraft(bytes) : readDraft(path);
	if (draft.text === undefined) {
		return { report: { file: shown, diagnostics: [], characters: 0, skipped: draft.skipped }, problems: [] };
	}
	const original = draft.text;
	// The fix passes see every finding; the report is capped.
	const lint = (text: string, capped = true) =>
		engine.lintFile(path, text, { configFile: options.configFile, maxFindings: capped ? options.maxFindings : undefined });
	const chosen = (findings: Finding[]) => findings.filter((f) => selects(options.filter, f));

	let result = lint(original, options.fix === 'none');
	const problems = [...result.problems];
	let text = original;
	let applied = 0;
	if (options.fix !== 'none') {
		for (let pass = 0; pass < maxFixPasses; pass++) {
			const next = applyFixes(text, chosen(result.findings));
			if (!next.applied || next.text === text) break;
			applied += next.applied;
			text = next.text;
			result = lint(text, false);
		}
		result = lint(text);
	}
	const report: FileReport = {
		file: shown,
		diagnostics: chosen(result.findings),
		characters: countCharacters(text),
		encoding: draft.encoding,
		...(options.keepSource ? { source: text } : {}),
	};
	if (options.fix !== 'none') {
		report.fix = { applied, written: false };
		if (text !== original && options.fix === 'dry-run') {
			report.fix.diff = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, original, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
		} else if (text !== original && !bytes) {
			try {
				writeDraft(path, text, draft);
				report.fix.written = true;
			} catch (err) {
				// Nothing was written: report the draft as it stands on disk.
				report.fix.error = (err as Error).message;
				const again = lint(original);
				report.diagnostics = chosen(again.findings);
				report.characters = countCharacters(original);
				if (options.keepSource) report.source = original;
			}
		}
	}
	return { report, problems, segmenterError: engine.segmenter.error?.message, modelError: engine.model.error?.message };
}

/** A file that is not linted, for the reason given. */
export function skippedJob(shown: string, reason: string): JobResult {
	return { report: { file: shown, diagnostics: [], characters: 0, skipped: reason }, problems: [] };
}

/** A file whose job threw: reported like an unreadable file, never a crash of the run. */
export function failedJob(shown: string, err: unknown): JobResult {
	return skippedJob(shown, `检查时出错：${(err as Error)?.message ?? String(err)}`);
}
