import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/documents';

// Incremental changes from a client are clamped to the document before they are applied.

describe('open documents', () => {
	it('keep their line table in step with the text after edits outside the document', () => {
		const doc = TextDocument.create('file:///a.txt', 'plaintext', 1, '第一行\n第二行');
		applyChanges(doc, [{ range: { start: { line: 38, character: 74 }, end: { line: 39, character: 49 } }, text: '尾\n' }], 2);
		applyChanges(doc, [{ range: { start: { line: -3, character: -1 }, end: { line: 0, character: 1 } }, text: '首' }], 3);
		assert.equal(doc.getText(), '首一行\n第二行尾\n');
		assert.equal(doc.lineCount, 3);
		for (let offset = 0; offset <= doc.getText().length; offset++) {
			const p = doc.positionAt(offset);
			assert.ok(Number.isInteger(p.character) && p.line < doc.lineCount, JSON.stringify(p));
			assert.equal(doc.offsetAt(p), offset);
		}
	});
});
