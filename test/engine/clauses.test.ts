import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleFiles, builtinRulesDir, loadRuleset, parseDraft, Segmenter } from '../../server/src/engine';
import { clauseEnds } from '../../server/src/engine/segmenter';

// Words are cut clause by clause, on demand. That is only right if a clause cut alone gives
// the words it gets inside its paragraph: checked here on the sample page and on every
// rule example, against a cut of each whole paragraph in one call.

const root = join(builtinRulesDir(), '..');
const seed = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
const ruleset = loadRuleset(builtinRuleFiles());
const paragraphs = [
	...parseDraft(seed).paragraphs.map((p) => p.text),
	...ruleset.rules.flatMap((r) => [...r.meta.examples.bad.map((b) => b.text), ...r.meta.examples.good]),
].filter((t) => t.length > 0);

function fresh(): Segmenter {
	const s = new Segmenter();
	s.addWords(ruleset.words);
	assert.ok(s.load(), `segmenter loads: ${s.error?.message}`);
	return s;
}

describe('words cut by clause', () => {
	it('clause ends fall after each ， and 。 and at the end', () => {
		assert.deepEqual(clauseEnds('会议指出，要坚持。继续'), [5, 9, 11]);
		assert.deepEqual(clauseEnds('一句。'), [3]);
		assert.deepEqual(clauseEnds(''), [0]);
	});

	it('give every paragraph the same words as cutting it whole', () => {
		const whole = fresh();
		const byClause = fresh();
		let clauses = 0;
		for (const text of paragraphs) {
			// No clause is cached in `whole`: the paragraph goes to jieba in one call.
			const expected = whole.words(text)!.words;
			const index = byClause.words(text)!;
			let from = 0;
			const got = [];
			for (const end of clauseEnds(text)) {
				got.push(...index.wordsIn(from, end));
				from = end;
				clauses++;
			}
			assert.deepEqual(got, expected, text);
			whole.clearCache();
		}
		assert.ok(clauses > paragraphs.length, `${clauses} clauses in ${paragraphs.length} paragraphs`);
	});

	it('answer boundary questions like the whole cut', () => {
		const whole = fresh();
		const lazy = fresh();
		for (const text of paragraphs.slice(0, 200)) {
			const all = whole.words(text)!.words;
			const starts = new Set(all.flatMap((w) => [w.start, w.end]));
			const index = lazy.words(text)!;
			for (let i = 0; i <= text.length; i++) {
				assert.equal(index.isBoundary(i), starts.has(i), `${text} @${i}`);
			}
			whole.clearCache();
			lazy.clearCache();
		}
	});

	it('cut only the clauses a rule asks about', () => {
		const s = fresh();
		const text = '会议强调，要坚持以人民为中心。全区上下积极行动，认真的学习了文件。';
		const index = s.words(text)!;
		const asked = index.wordsIn(26, 27);
		assert.ok(asked.length > 0);
		assert.ok(
			asked.every((w) => w.start >= 24),
			JSON.stringify(asked),
		);
		assert.equal(text.slice(asked[0].start, asked[asked.length - 1].end), '认真的学习了文件。');
	});
});
