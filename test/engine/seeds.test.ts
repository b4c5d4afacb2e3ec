import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { lintFile, sharedSegmenter } from '../helpers/engine';
import { applyFixes } from '../../server/src/engine/fixes';
import { formatCompact } from '../../server/src/cli/stylish';

// Golden output for the sample pages: a reviewer reads the diff of `file:line:col  severity
// id  message`. UPDATE_GOLDEN=1 npm test rewrites the .expected files.

const seedsDir = join(builtinRulesDir(), '..', 'seeds');
const pages = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));

describe('sample pages (seeds/)', () => {
	it('has at least one page', () => assert.ok(pages.length > 0));

	for (const page of pages) {
		const path = join(seedsDir, page);
		const text = readFileSync(path, 'utf8');
		const result = lintFile(path, text, { segmenter: sharedSegmenter });
		const expectedPath = path.replace(/\.txt$/, '.expected');

		it(`${page} matches its golden output`, () => {
			const actual = formatCompact([{ file: `seeds/${page}`, diagnostics: result.findings, characters: [...text].filter((c) => !/\s/.test(c)).length }]);
			if (process.env.UPDATE_GOLDEN) {
				writeFileSync(expectedPath, actual);
			}
			assert.equal(actual, readFileSync(expectedPath, 'utf8'));
		});

		it(`${page}: every finding above info has a certain fix, and fixing all leaves none`, () => {
			const serious = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
			for (const f of serious) {
				assert.ok(f.certain, `${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1} has no certain fix`);
			}
			const fixed = applyFixes(text, result.findings).text;
			const again = lintFile(path, fixed, { segmenter: sharedSegmenter }).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
			assert.deepEqual(
				again.map((f) => `${f.ruleId} ${f.text}`),
				[],
			);
			// Layout survives: the fixes change no line breaks.
			assert.equal(fixed.split('\n').length, text.split('\n').length);
		});
	}

	it('finds the known problems of the 2021 district page', () => {
		const path = join(seedsDir, '000_0d5ab8225625b065.txt');
		const { findings } = lintFile(path, readFileSync(path, 'utf8'), { segmenter: sharedSegmenter });
		const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
		const spaces = serious.filter((f) => f.ruleId === 'SPC-001').map((f) => f.message);
		assert.deepEqual(spaces, [
			'多余的空格：“全区 6个”',
			'多余的空格：“自 2019年”',
			'多余的空格：“2019年 10月”',
			'多余的空格：“开展 6轮”',
			'多余的空格：“巡察 64个”',
			'多余的空格：“占比 100%”',
		]);
		assert.deepEqual(
			serious.filter((f) => f.ruleId === 'PUN-001').map((f) => f.text),
			['(社区)'],
		);
		assert.deepEqual(
			serious.filter((f) => f.ruleId === 'POL-501').map((f) => f.text),
			['新的阶层人士', '新阶层人士'],
		);
		assert.equal(serious.length, 9);
	});
});
