import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { builtLines, docLinesFile, headingLines, headingPlaces } from '../../server/src/lsp/ruleDocLines.mjs';

// The diagnostics link each rule to its heading in docs/rules.md by line. The lines are read
// off the bytes without decoding them: they must be the lines a UTF-8 reading gives. The
// build writes them with each heading's byte offset, and the server takes them only while
// the reference still has its size and every heading at its offset.

const root = join(builtinRulesDir(), '..');

/** The same map, from the decoded text split into lines. */
function decodedLines(text: string): Record<string, number> {
	const lines: Record<string, number> = {};
	text.split('\n').forEach((line, i) => {
		if (line.startsWith('### ')) lines[line.slice(4).trim()] = i + 1;
	});
	return lines;
}

describe('rule reference heading lines', () => {
	it('finds every rule heading of docs/rules.md on the line a UTF-8 reading gives', () => {
		const bytes = readFileSync(join(root, 'docs', 'rules.md'));
		const lines = headingLines(bytes);
		assert.deepEqual(lines, decodedLines(bytes.toString('utf8')));
		assert.ok(Object.keys(lines).length > 400);
		assert.ok(lines['POL-501'] > 1);
	});

	it('counts lines of Chinese, astral characters and CRLF breaks as a UTF-8 reading does', () => {
		const text = '# 规则\r\n\r\n𠮷𠮷 说明：“四个意识”\r\n### TYP-001\r\n正文 𠮷\n### POL-501\n';
		const lines = headingLines(Buffer.from(text, 'utf8'));
		assert.deepEqual(lines, { 'TYP-001': 4, 'POL-501': 6 });
		assert.deepEqual(lines, decodedLines(text));
	});

	it('takes the lines the build wrote for the reference it read, from its bytes alone', () => {
		const bytes = readFileSync(join(root, 'docs', 'rules.md'));
		const built = JSON.parse(readFileSync(join(root, 'dist', docLinesFile), 'utf8'));
		assert.deepEqual(builtLines(bytes, built), headingLines(bytes));
	});

	it('scans a reference changed since the build instead, even one of the same size', () => {
		const text = '# 规则\n\n说明：“四个意识”。\n### TYP-001\n正文\n### POL-501\n末行\n';
		const built = { size: Buffer.byteLength(text), places: headingPlaces(Buffer.from(text, 'utf8')) };
		assert.deepEqual(builtLines(Buffer.from(text, 'utf8'), built), { 'TYP-001': 4, 'POL-501': 6 });
		// A line break added before the headings and a character taken out after them: the
		// same size, every heading a line and a byte further on.
		const sameSize = text.replace('说明', '\n说明').replace('末行', '末行'.slice(0, 1) + 'ab');
		assert.equal(Buffer.byteLength(sameSize), built.size);
		assert.equal(builtLines(Buffer.from(sameSize, 'utf8'), built), undefined);
		assert.deepEqual(headingLines(Buffer.from(sameSize, 'utf8')), { 'TYP-001': 5, 'POL-501': 7 });
		// Another size: scanned without looking further.
		assert.equal(builtLines(Buffer.from(`${text}\n`, 'utf8'), built), undefined);
	});
});
