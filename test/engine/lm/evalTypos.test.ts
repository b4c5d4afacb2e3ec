import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinRulesDir, Engine } from '../../../server/src/engine';
import { LineIndex } from '../../../server/src/engine/lineIndex';
import { readDataset } from '../../../scripts/lm/datasets';
import { bestRecall, listFlag, type PairFlags, scorePairs } from '../../../scripts/lm/score';

// npm run eval:typos on a small fixture: the three dataset formats, and the scoring per
// wrong character with the corrected twin's flags counted as false alarms.

const fixtures = join(builtinRulesDir(), '..', 'test', 'fixtures', 'typos');

describe('typo evaluation', () => {
	it('reads the three dataset formats into pairs of equal length', () => {
		const csc = readDataset('csc', join(fixtures, 'sample.jsonl'));
		assert.equal(csc.length, 3);
		assert.equal(csc[0].target, '会议对明年的工作作出了部署。');
		const lemon = readDataset('lemon', join(fixtures, 'sample-lemon.tsv'));
		assert.equal(lemon[0].source, '会议对明年的工作作出了不署。');
		assert.equal(lemon[1].source, lemon[1].target);
		const tsv = readDataset('tsv', join(fixtures, 'sample.tsv'));
		// The pair of different lengths cannot be scored per character and is left out.
		assert.equal(tsv.length, 2);
	});

	it('scores per wrong character, with flags on the twin as false alarms', () => {
		const [wrong1, wrong2, clean] = readDataset('csc', join(fixtures, 'sample.jsonl'));
		const pairs: PairFlags[] = [
			// Right place, right fix, margin 5; and a false flag on the twin at margin 2.
			{ ...wrong1, onSource: [{ start: 11, end: 12, fix: '部', margin: 5 }], onTarget: [{ start: 3, end: 4, fix: '名', margin: 2 }] },
			// Right place, wrong fix: detected, not corrected.
			{ ...wrong2, onSource: [{ start: 12, end: 13, fix: '裂', margin: 4 }], onTarget: [] },
			// A correct sentence flagged at margin 3.
			{ ...clean, onSource: [{ start: 0, end: 1, fix: '权', margin: 3 }], onTarget: [] },
		];
		const all = scorePairs(pairs, 0);
		assert.equal(all.errors, 2);
		assert.equal(all.corrected, 1);
		assert.equal(all.detected, 2);
		assert.equal(all.flags, 4);
		assert.equal(all.rightFlags, 1);
		assert.equal(all.recall, 0.5);
		assert.equal(all.precision, 0.25);
		assert.equal(all.twinsFlagged, 2);
		assert.equal(all.twins, 3);
		const strict = scorePairs(pairs, 3.5);
		assert.equal(strict.flags, 2);
		assert.equal(strict.precision, 0.5);
		assert.equal(strict.twinsFlagged, 0);
	});

	it('finds the threshold with the most recall at a target precision', () => {
		const [wrong1, wrong2, clean] = readDataset('csc', join(fixtures, 'sample.jsonl'));
		const pairs: PairFlags[] = [
			// Both errors fixed, at margins 5 and 3; false flags at 2 (twin) and 4 (clean sentence).
			{ ...wrong1, onSource: [{ start: 11, end: 12, fix: '部', margin: 5 }], onTarget: [{ start: 3, end: 4, fix: '名', margin: 2 }] },
			{ ...wrong2, onSource: [{ start: 12, end: 13, fix: wrong2.target[12], margin: 3 }], onTarget: [] },
			{ ...clean, onSource: [{ start: 0, end: 1, fix: '权', margin: 4 }], onTarget: [] },
		];
		const thresholds = [0, 1, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6];
		// Precision 1 only above the clean sentence's flag: one error of two.
		const exact = bestRecall(pairs, 1, thresholds)!;
		assert.equal(exact.threshold, 4.5);
		assert.equal(exact.score.recall, 0.5);
		// Two right of three flags from 2.5 up to 3: both errors, the lowest such threshold.
		const loose = bestRecall(pairs, 0.6, thresholds)!;
		assert.equal(loose.threshold, 2.5);
		assert.equal(loose.score.recall, 1);
		assert.equal(loose.score.precision, 2 / 3);
		assert.equal(bestRecall(pairs, 1, [0, 1, 2]), undefined);
	});

	it('judges a list rule where its fix writes, not over the whole phrase it flags', () => {
		const source = '董路走心点评一阵见血。';
		const target = '董路走心点评一针见血。';
		const engine = new Engine({ batch: true });
		const findings = engine.lintFile(undefined, source, { overrides: { rules: { 'TYP-900': 'off' } } }).findings.filter((f) => f.category === 'typo');
		assert.equal(findings.length, 1);
		// The finding covers the idiom; its fix replaces the one wrong character.
		assert.equal(source.slice(findings[0].offset.start, findings[0].offset.end), '一阵见血');
		const flag = listFlag(new LineIndex(source), findings[0]);
		assert.deepEqual(flag, { start: 7, end: 8, fix: '针', margin: Infinity });
		const score = scorePairs([{ source, target, onSource: [flag], onTarget: [] }], 4.5);
		assert.equal(score.corrected, 1);
		assert.equal(score.precision, 1);
	});
});
