import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { headingLines } from '../../server/src/lsp/ruleDocLines.mjs';

// The diagnostics link each rule to its heading in docs/rules.md by line. The lines are read
// off the bytes without decoding them: they must be the lines a UTF-8 reading gives.

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
});
