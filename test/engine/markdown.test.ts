import * as assert from 'node:assert/strict';
import { lintFile, sharedSegmenter } from '../helpers/engine';
import { maskMarkdown } from '../../server/src/engine/markdown';

// Markdown drafts: only the prose is proofread, at exact positions.

const draft = [
	'---',
	'title: 全区 6个办事处',
	'---',
	'',
	'# 全区 7个社区',
	'',
	'运行 `全区 8个` 即可，见[说明](<https://example.com/全区 9个>)。<!-- 全区 10个 -->',
	'',
	'```',
	'全区 11个街道',
	'```',
	'',
	'- 本周新增 12个 网点。',
	'',
].join('\n');

describe('Markdown drafts', () => {
	it('are masked one character for one, keeping every line break', () => {
		const { text, spans } = maskMarkdown(draft);
		assert.equal(text.length, draft.length);
		assert.deepEqual(
			text.split('\n').map((l) => l.length),
			draft.split('\n').map((l) => l.length),
		);
		assert.ok(spans.length > 5);
		const lines = text.split('\n');
		assert.equal(lines[1].trim(), '', 'front matter is masked');
		assert.equal(lines[4], '  全区 7个社区', 'the heading marker becomes an indent');
		assert.equal(lines[9].trim(), '', 'code blocks are masked');
		assert.match(lines[6], /^运行 \ufffc+ 即可，见\ufffc说明\ufffc+。 +$/);
		assert.equal(lines[12], '  本周新增 12个 网点。');
	});

	it('report only what stands in the prose, at its place in the source', () => {
		sharedSegmenter.load();
		const { findings } = lintFile('/desk/draft.md', draft, { segmenter: sharedSegmenter });
		const spaces = findings.filter((f) => f.ruleId === 'SPC-001');
		assert.deepEqual(
			spaces.map((f) => [f.range.start.line, f.range.start.character]),
			[
				[12, 6],
				[12, 10],
			],
		);
		// The same text as a plain draft: front matter, inline code, the link target, the
		// comment and the code block report too (the heading's space is a headline's either way).
		const plain = lintFile('/desk/draft.txt', draft, { segmenter: sharedSegmenter }).findings.filter((f) => f.ruleId === 'SPC-001');
		assert.deepEqual(
			plain.map((f) => f.range.start.line),
			[1, 6, 6, 6, 9, 12, 12],
		);
	});
});
