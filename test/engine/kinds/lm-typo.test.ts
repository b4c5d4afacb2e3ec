import * as assert from 'node:assert/strict';
import { applyFixes, builtinRuleFiles, lintText, loadRuleset } from '../../../server/src/engine';
import { rulesetFromYaml, sharedSegmenter, testEngine } from '../../helpers/engine';
import { lmParams, typoSuspects } from '../../../server/src/engine/kinds/check/lm-typo';
import { defaultParams, detectorStats, findSuspects } from '../../../server/src/engine/lm/detector';
import { type LanguageModel, Trace } from '../../../server/src/engine/lm/model';
import { bos, eos, firstChar, tokenize } from '../../../server/src/engine/lm/tokens';

/**
 * Calls `visit` at every token of each text that has an id of its own, with the sentence's
 * ids between <s> and </s> (`seq`, which visit may change at j if it puts it back), the last
 * token a candidate there changes, and the trace of the sentence.
 */
function eachTracedPosition(
	model: LanguageModel,
	texts: string[],
	visit: (text: string, seq: Uint16Array, j: number, last: number, trace: Trace) => void,
): void {
	const trace = new Trace();
	for (const text of texts) {
		const { ids, length } = tokenize(text, model.idOf);
		const seq = new Uint16Array(length + 2);
		seq[0] = bos;
		seq.set(ids.subarray(0, length), 1);
		seq[length + 1] = eos;
		model.trace(seq, seq.length, trace);
		for (let j = 1; j <= length; j++) {
			if (seq[j] < firstChar) continue;
			visit(text, seq, j, Math.min(seq.length - 1, j + model.order - 1), trace);
		}
	}
}

// TYP-900 with the shipped model: a wrong character in context is flagged with the better
// reading; names, quotations, book titles, numerals and rare but correct words are left alone.
// The sentences are written for these tests.

const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);
const typ900 = (text: string) =>
	lintText(text, { ruleset, segmenter: sharedSegmenter, reuse: false, ruleOptions: { model: testEngine.model } }).findings.filter(
		(f) => f.ruleId === 'TYP-900',
	);

describe('TYP-900 (lm-typo)', () => {
	it('flags a homophone that breaks its word and offers the better reading', () => {
		const text = '他们在会上对下一步工作作出了具体的不署。';
		const [f] = typ900(text);
		assert.ok(f, 'no finding');
		assert.equal(f.text, '不');
		assert.match(f.message, /应为“部”/);
		assert.match(f.message, /具体的部署/);
		assert.equal(f.certain, false, 'a model finding is never applied unasked');
		assert.equal(applyFixes(text, [f]).text, text);
		assert.equal(applyFixes(text, [f], { certainOnly: false }).text, '他们在会上对下一步工作作出了具体的部署。');
	});

	it('is a warning from warnAt up and info below it', () => {
		const rule = ruleset.byId.get('TYP-900')!;
		const params = lmParams(rule);
		const model = testEngine.model.get()!;
		for (const text of ['他们在会上对下一步工作作出了具体的不署。', '会议要求各地认真落实防汛责任，确保安全渡汛。', '代表们在分组会上进行了热列讨论。']) {
			const suspects = typoSuspects(model, text, sharedSegmenter.words(text), params);
			const findings = typ900(text);
			assert.equal(findings.length, suspects.length, text);
			findings.forEach((f, i) => assert.equal(f.severity, suspects[i].margin >= params.warnAt ? 'warning' : 'info', text));
		}
		assert.ok(params.warnAt > params.threshold);
	});

	it('leaves a rare word alone where the model only prefers a far more frequent one (实绩, not 实际)', () => {
		const text = '各地要用实绩检验学习教育成效。';
		assert.deepEqual(typ900(text), []);
		// It is the word prior that keeps it quiet: without it the model would offer 实际.
		const params = lmParams(ruleset.byId.get('TYP-900')!);
		const model = testEngine.model.get()!;
		const without = typoSuspects(model, text, sharedSegmenter.words(text), { ...params, wordPrior: 0 });
		assert.deepEqual(
			without.map((s) => `${s.original}→${s.replacement}`),
			['绩→际'],
		);
		// Both are words of the dictionary, 实际 the more frequent by more than a power of ten.
		const ids = (word: string) => [...word].map((c) => model.idOf(c.codePointAt(0)!));
		assert.ok(model.wordFrequency(ids('实际'), 0, 2) - model.wordFrequency(ids('实绩'), 0, 2) > 1);
		assert.equal(model.wordFrequency(ids('不署'), 0, 2), -1);
	});

	it('stays quiet inside quotations and book titles', () => {
		assert.deepEqual(typ900('他说：“要对下一步工作作出具体的不署。”'), []);
		assert.deepEqual(typ900('《关于对下一步工作作出具体不署的通知》印发。'), []);
	});

	it('stays quiet on names, numerals and rare but correct words', () => {
		assert.deepEqual(typ900('市委书记王建康主持会议。'), []);
		assert.deepEqual(typ900('其四，要对下一步工作作出具体部署。'), []);
		assert.deepEqual(typ900('3.1医美机构发展现状'), []);
		assert.deepEqual(typ900('3.2 医美机构盈利结构'), []);
		assert.deepEqual(typ900('公司将开展提现业务。'), []);
		assert.deepEqual(typ900('要坚持以人民为中心的发展思想。'), []);
	});

	it('examines only the positions the first pass finds unlikely', () => {
		const before = { ...detectorStats };
		typ900('国务院总理主持召开国务院常务会议，部署进一步做好稳就业工作，听取关于食品安全工作情况的汇报。');
		const positions = detectorStats.positions - before.positions;
		const examined = detectorStats.examined - before.examined;
		assert.ok(positions > 40, `${positions} positions`);
		assert.ok(examined < positions / 4, `${examined} of ${positions} examined`);
	});

	it('declares its detector numbers: a house entry with a word for a number is reported at its line, numbers are read', () => {
		const entry = (extra: string) =>
			`rules:\n  - id: HSE-900\n    kind: lm-typo\n    category: typo\n${extra}    examples: { bad: [具体的不署。], good: [具体的部署。] }\n`;
		const wrong = rulesetFromYaml(entry('    threshold: high\n'));
		assert.equal(wrong.rules.length, 0);
		assert.deepEqual(
			wrong.problems.map((p) => p.line),
			[5],
		);
		assert.match(wrong.problems[0].message, /HSE-900：threshold：应为数字/);
		const right = rulesetFromYaml(entry('    threshold: 5\n    warnAt: 7\n'));
		assert.deepEqual(right.problems, []);
		const params = lmParams(right.rules[0]);
		assert.equal(params.threshold, 5);
		assert.equal(params.warnAt, 7);
		// The first pass's second test, off: more positions are examined, none fewer.
		const wider = lmParams(rulesetFromYaml(entry('    pairSuspicion: 0\n')).rules[0]);
		assert.equal(wider.pairSuspicion, 0);
		const model = testEngine.model.get()!;
		const text = '代表们在分组会上进行了热列讨论，一至认为报告实事求是，卡帕多奇亚的来宾也发了言。';
		const examined = (p: typeof wider) => {
			const before = detectorStats.examined;
			typoSuspects(model, text, sharedSegmenter.words(text), p);
			return detectorStats.examined - before;
		};
		const shipped = examined(lmParams(ruleset.byId.get('TYP-900')!));
		assert.ok(examined(wider) > shipped, `${examined(wider)} against ${shipped}`);
	});

	it('never cuts a candidate with the bigram bound that would score above the floor', () => {
		const model = testEngine.model.get()!;
		let cut = 0;
		let candidates = 0;
		const texts = [
			'他们在会上对下一步工作作出了具体的不署。',
			'代表们在分组会上进行了热列讨论，一至认为报告实事求是。',
			'𠮷野家在本市新开三家门店，市民排起长队。',
		];
		eachTracedPosition(model, texts, (text, seq, j, last, trace) => {
			const id = seq[j];
			for (let c = model.candidateStart[id]; c < model.candidateStart[id + 1]; c++) {
				seq[j] = model.candidateIds[c];
				const exact = model.scoreAt(seq, j, last, trace, -Infinity);
				candidates++;
				// The bound may not fall below the exact sum: asked just under it, it must let the candidate through.
				assert.ok(model.boundAt(seq, j, last, trace, exact - 1e-9), `${text} at ${j}`);
				if (!model.boundAt(seq, j, last, trace, exact + 3)) cut++;
			}
			seq[j] = id;
		});
		assert.ok(candidates > 500, `${candidates} candidates`);
		// And it does cut: some candidates are ruled out three units above their score.
		assert.ok(cut > candidates / 20, `${cut} of ${candidates} cut`);
	});

	it('bounds the terms a candidate cannot change from above, and stops scoring only below the floor with them', () => {
		const model = testEngine.model.get()!;
		let positions = 0;
		let low = 0;
		let exits = 0;
		const texts = [
			'他们在会上对下一步工作作出了具体的不署。',
			'代表们在分组会上进行了热列讨论，一至认为报告实事求是，卡帕多奇亚的来宾也发了言。',
			'𠮷野家在本市新开三家门店，市民排起长队，Wi-Fi信号覆盖全店。',
		];
		eachTracedPosition(model, texts, (text, seq, j, last, trace) => {
			const id = seq[j];
			const tail = model.tailBound(j, last, trace);
			positions++;
			if (tail < -2) low++;
			// The original itself is one of the texts the bound covers.
			for (const cand of [id, ...model.candidateIds.subarray(model.candidateStart[id], model.candidateStart[id + 1])]) {
				seq[j] = cand;
				const all = model.scoreAt(seq, j, last, trace, -Infinity);
				const firstTwo = model.scoreAt(seq, j, Math.min(last, j + 1), trace, -Infinity);
				assert.ok(all - firstTwo <= tail + 1e-9, `${text} at ${j}: ${all - firstTwo} above ${tail}`);
				// With the bound, a floor just under the exact sum still lets the candidate through ...
				assert.equal(model.scoreAt(seq, j, last, trace, all - 1e-9, tail), all);
				// ... and one above it stops it.
				assert.equal(model.scoreAt(seq, j, last, trace, all + 1e-9, tail), -Infinity);
				if (firstTwo + tail <= all + 1 && firstTwo > all + 1) exits++;
			}
			seq[j] = id;
		});
		assert.ok(positions > 60, `${positions} positions`);
		// The bound is worth having: at some positions the terms no candidate can change already cost two units.
		assert.ok(low > positions / 20, `${low} of ${positions} positions below -2`);
		// And it stops early some candidates that the floor alone would have scored on.
		assert.ok(exits > 0, 'no early exit thanks to the bound');
	});

	it('asks for the words around a position only where a candidate could still win', () => {
		const model = testEngine.model.get()!;
		const text = '据悉，该款新机搭载骁龙芯片，续航达到二十四小时，对下一步工作作出了具体的不署。';
		let quiet = 0;
		let costs = 0;
		const suspects = findSuspects(model, text, defaultParams, defaultParams.threshold, {
			quiet: () => (quiet++, false),
			cost: () => (costs++, 0),
			word: () => undefined,
		});
		assert.ok(suspects.some((s) => s.original === '不' && s.replacement === '部'));
		assert.ok(quiet > 3, `${quiet} positions examined`);
		assert.ok(costs < quiet, `cost asked at ${costs} of ${quiet} positions`);
	});
});
