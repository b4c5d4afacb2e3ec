import * as assert from 'node:assert/strict';
import { kneserNey, logProbOf, modifiedDiscounts } from '../../../server/src/engine/lm/kneserNey';
import { writeModelFile } from '../../../server/src/engine/lm/format';
import { LanguageModel, pairMaybe, slotOf, Trace } from '../../../server/src/engine/lm/model';
import { filterHas, fingerprintOf, homeOf, keyHashes, seedA, seedB, stepA, stepB } from '../../../server/src/engine/lm/hash';
import { keyFilter, lookup, modelSections, packTable } from '../../../server/src/engine/lm/pack';

// The counting and smoothing maths on a tiny corpus, against probabilities worked out by
// hand. Ids: 0 <unk>, 1 <s>, 2 </s>, 3 a, 4 b, 5 c. Sentences: "ab", "ac", "b".
const [a, b, c, bos, eos] = [3, 4, 5, 1, 2];
const sentences = [Uint16Array.of(a, b), Uint16Array.of(a, c), Uint16Array.of(b)];
const base = 8;
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('Kneser-Ney smoothing', () => {
	const model = kneserNey(sentences, { order: 2, base, vocabSize: 6, discounts: [0.5, 0.5] });
	const p = (ids: number[], i: number) => 10 ** logProbOf(model, base, ids, i);

	it('counts continuation counts for unigrams and raw counts for the highest order', () => {
		// Bigrams: <s>a ×2, <s>b, ab, ac, b</s> ×2, c</s>.
		assert.deepEqual([...model.orders[1].raw], [2, 1, 1, 1, 2, 1]);
		assert.equal(model.seen[1], 6);
		assert.equal(model.orders[0].raw[a], 2);
	});

	it('gives the unigram probabilities worked out by hand', () => {
		// Continuation counts: a 1 (<s>), b 2 (<s>, a), c 1 (a), </s> 2 (b, c); total 6.
		// Discount 0.5 each leaves 2/6 for the uniform share over the 5 ids other than <s>.
		near(p([a], 0), 0.5 / 6 + 1 / 15, 'p(a)');
		near(p([b], 0), 1.5 / 6 + 1 / 15, 'p(b)');
		near(p([eos], 0), 1.5 / 6 + 1 / 15, 'p(</s>)');
		near(p([0], 0), 1 / 15, 'p(<unk>)');
	});

	it('gives the bigram probabilities worked out by hand, seen and backed off', () => {
		// After <s>: a twice, b once; gamma = 0.5 * 2 / 3.
		near(p([bos, a], 1), 1.5 / 3 + (1 / 3) * 0.15, 'p(a|<s>)');
		near(p([bos, b], 1), 0.5 / 3 + (1 / 3) * (19 / 60), 'p(b|<s>)');
		// After a: b once, c once; gamma = 0.5.
		near(p([a, b], 1), 0.25 + 0.5 * (19 / 60), 'p(b|a)');
		near(p([a, c], 1), 0.25 + 0.5 * 0.15, 'p(c|a)');
		// Unseen after <s>: the backoff weight times the unigram.
		near(p([bos, c], 1), (1 / 3) * 0.15, 'p(c|<s>)');
	});

	it('sums to one over the vocabulary in every context', () => {
		for (const context of [bos, a, b, c]) {
			let sum = 0;
			for (const w of [0, eos, a, b, c]) sum += p([context, w], 1);
			near(sum, 1, `sum after ${context}`);
		}
	});

	it('still sums to one after pruning n-grams seen once', () => {
		const text = [
			[a, b, c],
			[a, b, a],
			[b, c, a, b],
			[c, a, b, c],
		].map((s) => Uint16Array.from(s));
		const pruned = kneserNey(text, { order: 3, base, vocabSize: 6, minCount: [1, 1, 2] });
		assert.ok(pruned.orders[2].keys.length < pruned.seen[2]);
		for (const [x, y] of [
			[a, b],
			[b, c],
			[c, a],
			[bos, a],
		]) {
			let sum = 0;
			for (const w of [0, eos, a, b, c]) sum += 10 ** logProbOf(pruned, base, [x, y, w], 2);
			near(sum, 1, `sum after ${x} ${y}`);
		}
	});

	it('computes modified discounts from counts of counts (Chen & Goodman)', () => {
		// Y = 10 / (10 + 2*5) = 0.5; D1 = 1 - 2Y*5/10; D2 = 2 - 3Y*3/5; D3+ = 3 - 4Y*2/3.
		const [d1, d2, d3] = modifiedDiscounts(10, 5, 3, 2);
		near(d1, 0.5, 'D1');
		near(d2, 1.1, 'D2');
		near(d3, 3 - 4 / 3, 'D3+');
	});

	it('packs into a model file that reads back the same probabilities', () => {
		const vocab = Uint32Array.of(0, 0, 0, 0x7532, 0x4e59, 0x4e19);
		const candidates = { start: new Uint32Array(7), ids: new Uint16Array(0), kinds: new Uint8Array(0) };
		const file = writeModelFile(
			'model',
			{ order: 2 },
			modelSections(model, base, vocab, candidates, [
				{ ids: [a, b], count: 1000 },
				{ ids: [b, c], count: 3 },
			]).arrays,
		);
		const copy = new Uint8Array(new SharedArrayBuffer(file.length));
		copy.set(file);
		const lm = new LanguageModel(copy.buffer as SharedArrayBuffer);
		assert.equal(lm.idOf(0x4e59), b);
		// Values are stored as float32: equal to about 1e-7.
		for (const ids of [
			[bos, a],
			[bos, b],
			[a, b],
			[a, c],
			[bos, c],
			[c, eos],
			[b, a],
		]) {
			const got = lm.logProb(ids, 1);
			const want = logProbOf(model, base, ids, 1);
			assert.ok(Math.abs(got - want) < 1e-6, `${ids.join(' ')}: ${got} ≠ ${want}`);
		}
		assert.ok(lm.isWord([a, b], 0, 2));
		assert.ok(!lm.isWord([b, a], 0, 2));
		// Each word's count, as log10 to a quarter: 1000 is 3, 3 is 0.477… stored as 0.5.
		assert.equal(lm.wordFrequency([a, b], 0, 2), 3);
		assert.equal(lm.wordFrequency([b, c], 0, 2), 0.5);
		assert.equal(lm.wordFrequency([b, a], 0, 2), -1);
		// A file of an earlier build, without the counts: its words are words, of frequency 0.
		const sections = modelSections(model, base, vocab, candidates, [{ ids: [a, b], count: 1000 }]).arrays.filter(([name]) => name !== 'words.frequency');
		const older = new LanguageModel(new Uint8Array(writeModelFile('model', { order: 2 }, sections)).slice().buffer);
		assert.equal(older.wordFrequency([a, b], 0, 2), 0);
		assert.equal(older.wordFrequency([b, a], 0, 2), -1);
	});

	it('scores a sentence and a replaced character as the n-gram sums do, with the search for keys cut short', () => {
		// A pruned 3-gram model over a corpus with repeats, so that keys of every length are kept or dropped.
		const text = [
			[a, b, c],
			[a, b, a],
			[b, c, a, b],
			[c, a, b, c],
			[a, b, c, a],
			[b, b, c],
		].map((s) => Uint16Array.from(s));
		const tri = kneserNey(text, { order: 3, base, vocabSize: 6, minCount: [1, 1, 2] });
		const vocab = Uint32Array.of(0, 0, 0, 0x7532, 0x4e59, 0x4e19);
		const candidates = { start: new Uint32Array(7), ids: new Uint16Array(0), kinds: new Uint8Array(0) };
		const file = writeModelFile('model', { order: 3 }, modelSections(tri, base, vocab, candidates, []).arrays);
		const lm = new LanguageModel(new Uint8Array(file).buffer);
		// Quantised to one byte per value: within the codebook's spacing of the exact values.
		const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 0.02, `${what}: ${got} ≠ ${want}`);
		const trace = new Trace();
		// A long sentence too, of the corpus's sentences and single tokens in a fixed
		// pseudo-random order: the trace looks its keys up order by order over the whole
		// sentence, and must find at every position what a walk would.
		let state = 7;
		const next = (k: number) => (state = (state * 1103515245 + 12345) % 2147483648) % k;
		const long = [bos, ...Array.from({ length: 120 }, () => (next(2) === 0 ? [...text[next(text.length)]] : [[a, b, c][next(3)]])).flat(), eos];
		lm.trace(long, long.length, trace);
		const trigrams = Array.from(trace.matched.subarray(1, long.length)).filter((m) => m === 3).length;
		assert.ok(trigrams >= 40, `${trigrams} positions end a kept 3-gram`);
		for (const sentence of [[bos, a, b, c, eos], [bos, c, c, a, b, a, eos], [bos, b, a, c, b, eos], long]) {
			lm.trace(sentence, sentence.length, trace);
			for (let k = 1; k < sentence.length; k++) close(trace.prob[k], logProbOf(tri, base, sentence, k), `${sentence} at ${k}`);
			for (let j = 1; j < sentence.length - 1; j++) {
				const last = Math.min(sentence.length - 1, j + 2);
				for (const cand of [a, b, c]) {
					const replaced = [...sentence];
					replaced[j] = cand;
					let want = 0;
					for (let k = j; k <= last; k++) want += logProbOf(tri, base, replaced, k);
					close(lm.scoreAt(replaced, j, last, trace, -Infinity), want, `${replaced} at ${j}`);
					// Cut short at a floor above the sum: -Infinity.
					assert.equal(lm.scoreAt(replaced, j, last, trace, want + 0.1), -Infinity);
				}
			}
		}
	});
});

describe('packed n-gram tables', () => {
	it('find every packed n-gram with its value, and miss others', () => {
		const rows: number[][] = [];
		for (let i = 0; i < 500; i++) rows.push([3 + (i % 97), 3 + ((i * 7) % 89), 3 + ((i * 13) % 83)]);
		const unique = [...new Map(rows.map((r) => [r.join(','), r])).values()];
		const packed = packTable(
			unique.length,
			3,
			(i, out) => unique[i].forEach((v, k) => (out[k] = v)),
			() => 1,
			(i) => i & 0xff,
			8,
		);
		let found = 0;
		for (let i = 0; i < unique.length; i++) {
			const slot = lookup(packed.slots, 8, Uint16Array.from(unique[i]), 0, 3);
			if (slot === 0) continue;
			found++;
			assert.equal(slot & 0xff, i & 0xff, unique[i].join(','));
			const [h, f] = keyHashes(unique[i], 0, 3);
			assert.equal(slot >>> 8, fingerprintOf(f, 8));
			// At or after the slot where its search starts.
			assert.ok(packed.slots.indexOf(slot, homeOf(h, packed.slots.length)) >= 0 || packed.slots.indexOf(slot) < homeOf(h, packed.slots.length));
		}
		assert.equal(found + packed.collisions, unique.length);
		assert.ok(packed.collisions < 3);
		assert.equal(lookup(packed.slots, 8, Uint16Array.of(4000, 4001, 4002), 0, 3), 0);
	});

	it('filter the keys: every key passes, and most absent keys do not', () => {
		const keys: number[][] = [];
		for (let i = 0; i < 3000; i++) keys.push([3 + (i % 211), 3 + ((i * 31) % 199)]);
		const unique = [...new Map(keys.map((k) => [k.join(','), k])).values()];
		const filter = keyFilter(unique.length, 2, (i, out) => unique[i].forEach((v, k) => (out[k] = v)));
		for (const key of unique) assert.ok(filterHas(filter, ...keyHashes(key, 0, 2)), key.join(','));
		const present = new Set(unique.map((k) => k.join(',')));
		let absent = 0;
		let passed = 0;
		for (let x = 3; x < 400; x++) {
			for (const y of [5000, 5001, 5002]) {
				if (present.has(`${x},${y}`)) continue;
				absent++;
				if (filterHas(filter, ...keyHashes([x, y], 0, 2))) passed++;
			}
		}
		assert.ok(passed / absent < 0.1, `${passed} of ${absent} absent keys passed`);
	});

	it('find a key the same way in the scoring loop, where the final mix and the filter are written out', () => {
		const rows: number[][] = [];
		for (let i = 0; i < 400; i++) rows.push([3 + (i % 97), 3 + ((i * 7) % 89)]);
		const unique = [...new Map(rows.map((r) => [r.join(','), r])).values()];
		const packed = packTable(
			unique.length,
			2,
			(i, out) => unique[i].forEach((v, k) => (out[k] = v)),
			() => 1,
			(i) => i & 0xffff,
			16,
		);
		const filter = keyFilter(unique.length, 2, (i, out) => unique[i].forEach((v, k) => (out[k] = v)));
		// The hashes before the final mix, grown from the key's last token back, as the scoring loop grows them.
		const unfinished = (key: number[]) => key.reduceRight(([a, b], id) => [stepA(a, id), stepB(b, id)], [seedA, seedB]);
		let agreed = 0;
		for (const key of [...unique, [4000, 4001], [5, 4002], [4003, 6]]) {
			const [a, b] = unfinished(key);
			const expected = lookup(packed.slots, 16, Uint16Array.from(key), 0, 2);
			assert.equal(slotOf(packed.slots, 16, undefined, a, b, 2), expected, key.join(','));
			// With the filter: the same slot, or 0 where the filter rules the key out.
			const [h, f] = keyHashes(key, 0, 2);
			assert.equal(slotOf(packed.slots, 16, filter, a, b, 2), filterHas(filter, h, f) ? expected : 0, key.join(','));
			if (expected) agreed++;
		}
		assert.ok(agreed > unique.length - 3);
	});

	it('test a pair against the bigram filter the same way in the bound pass, where the hashing is written out', () => {
		const pairs: number[][] = [];
		for (let i = 0; i < 3000; i++) pairs.push([3 + ((i * 31) % 5000), 3 + ((i * 17) % 4999)]);
		const filter = keyFilter(pairs.length, 2, (i, out) => pairs[i].forEach((v, k) => (out[k] = v)));
		let maybe = 0;
		let checked = 0;
		// Ids across the model's range, the largest (65535) and the astral ids' range included.
		for (const first of [0, 1, 3, 4, 97, 5000, 40000, 65535]) {
			for (let second = 0; second < 6000; second += 7) {
				const expected = filterHas(filter, ...keyHashes([first, second], 0, 2));
				assert.equal(pairMaybe(filter, first, second), expected, `${first},${second}`);
				checked++;
				if (expected) maybe++;
			}
		}
		for (const [first, second] of pairs) assert.ok(pairMaybe(filter, first, second), `${first},${second} was added`);
		assert.ok(maybe > 0 && maybe < checked);
	});
});
