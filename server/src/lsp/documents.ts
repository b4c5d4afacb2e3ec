import { type TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

// Open documents as the client edits them. An incremental change whose range lies outside the
// document (a line past the end, a negative character) is clamped to the document first, one
// change at a time: the text library clamps the offsets but not the lines, and would
// otherwise keep a line table that no longer matches the text.

/** The change with its range moved inside `doc` (positionAt(offsetAt(p)) clamps both parts). */
export function clampChange(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
	if (!('range' in change)) return change;
	const at = (p: { line: number; character: number }) =>
		doc.positionAt(doc.offsetAt({ line: Number.isFinite(p.line) ? p.line : 0, character: Number.isFinite(p.character) ? p.character : 0 }));
	return { range: { start: at(change.range.start), end: at(change.range.end) }, text: change.text };
}

/** Applies changes in order, each clamped to the document as the previous ones left it. */
export function applyChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
	for (const change of changes) TextDocument.update(doc, [clampChange(doc, change)], version);
	return doc;
}

export function openDocuments(): TextDocuments<TextDocument> {
	return new TextDocuments({ create: TextDocument.create, update: applyChanges });
}
