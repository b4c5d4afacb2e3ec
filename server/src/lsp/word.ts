import { pathToFileURL } from 'node:url';
import { readDraft, writeAtomically } from '../io/readDraft';
import { defaultWordLimits, isLegacyWordPath, isWordPath, readWordDraft, reviseWordDraft, revisionsPath, WordError } from '../io/word';
import { fixWordDraft } from '../io/word/fixes';
import type { WordRevisionsResult } from './protocol';
import { pathOf, type Session } from './session';

// Word documents in the editor. A .docx cannot be shown as text, so its text (one paragraph
// a line, as the command line reads it) is served to the client, which shows it read-only
// under the newsproof-word: scheme; the document's findings are published on that view, and
// a command writes the revised copy (NAME.newsproof.docx) as `newsproof lint --fix` does.

/** Word files a folder lint takes: .docx is read; .doc and .wps are skipped with a message. */
export const isWordFile = (path: string): boolean => isWordPath(path) || isLegacyWordPath(path);

/** A closed draft's text as a folder lint reads it, or why it was skipped (in Chinese). */
export function readClosedDraft(path: string, maxBytes: number): { text?: string; skipped?: string } {
	if (!isWordFile(path)) return readDraft(path, maxBytes);
	try {
		return { text: readWordDraft(path, defaultWordLimits(maxBytes)).text };
	} catch (err) {
		if (err instanceof WordError) return { skipped: err.message };
		throw err;
	}
}

/** The local path of a .docx named by a file URI or by its view's, or an error. */
function docxPath(uri: unknown): string {
	const path = typeof uri === 'string' ? pathOf(uri) : undefined;
	if (!path || !isWordPath(path)) throw new Error('命令参数应为本地 .docx 文档的 URI');
	return path;
}

/** The text of a .docx as newsproof reads it; a document that cannot be read throws its reason. */
export async function wordText(session: Session, uri: unknown): Promise<string> {
	const path = docxPath(uri);
	const settings = await session.settings(pathToFileURL(path).href);
	return readWordDraft(path, defaultWordLimits(settings.maxFileSizeMB * 1048576)).text;
}

/**
 * Writes NAME.newsproof.docx beside a .docx: the certain fixes as tracked changes, every other
 * finding at warning or above as a comment, linted with the editor's settings as its view is.
 */
export async function writeWordRevisions(session: Session, uri: unknown): Promise<WordRevisionsResult> {
	const path = docxPath(uri);
	const fileUri = pathToFileURL(path).href;
	const settings = await session.settings(fileUri);
	const draft = readWordDraft(path, defaultWordLimits(settings.maxFileSizeMB * 1048576));
	const { segmenter } = session.engine;
	segmenter.load();
	const fixed = fixWordDraft(draft, (text) => session.lintText(fileUri, text, settings, !segmenter.error).findings);
	if (!fixed.hunks.length && !fixed.notes.length) return { changes: 0, comments: 0 };
	const revised = reviseWordDraft(draft, { hunks: fixed.hunks, notes: fixed.notes });
	const target = revisionsPath(path);
	writeAtomically(target, revised.bytes, { path, bytes: draft.bytes });
	return { file: target, changes: revised.changes, comments: revised.comments };
}
