import * as assert from 'node:assert/strict';
import { kneserNey, logProbOf, modifiedDiscounts } from '../../../server/src/engine/lm/kneserNey';
import { writeModelFile } from '../../../server/src/engine/lm/format';
import { LanguageModel } from '../../../server/src/engine/lm/model';
import { bucketOf, hashA, hashB } from '../../../server/src/engine/lm/hash';
import { lookup, modelSections, packTable } from '../../../server/src/engine/lm/pack';

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
		const text = [[a, b, c], [a, b, a], [b, c, a, b], [c, a, b, c]].map((s) => Uint16Array.from(s));
		const pruned = kneserNey(text, { order: 3, base, vocabSize: 6, minCount: [1, 1, 2] });
		assert.ok(pruned.orders[2].keys.length < pruned.seen[2]);
		for (const [x, y] of [[a, b], [b, c], [c, a], [bos, a]]) {
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
		const file = writeModelFile('model', { order: 2 }, modelSections(model, base, vocab, candidates).arrays);
		const copy = new Uint8Array(new SharedArrayBuffer(file.length));
		copy.set(file);
		const lm = new LanguageModel(copy.buffer as SharedArrayBuffer);
		assert.equal(lm.idOf(0x4e59), b);
		// Values are stored as float32: equal to about 1e-7.
		for (const ids of [[bos, a], [bos, b], [a, b], [a, c], [bos, c], [c, eos], [b, a]]) {
			const got = lm.logProb(ids, 1);
			const want = logProbOf(model, base, ids, 1);
			assert.ok(Math.abs(got - want) < 1e-6, `${ids.join(' ')}: ${got} ≠ ${want}`);
		}
	});
});

describe('packed n-gram tables', () => {
	it('find every packed n-gram by the inlined hashes, and miss others', () => {
		const rows: number[][] = [];
		for (let i = 0; i < 500; i++) rows.push([3 + (i % 97), 3 + ((i * 7) % 89), 3 + ((i * 13) % 83)]);
		const unique = [...new Map(rows.map((r) => [r.join(','), r])).values()];
		const packed = packTable(unique.length, 3, (i, out) => unique[i].forEach((v, k) => (out[k] = v)), () => 1);
		const found = new Set<number>();
		for (let i = 0; i < unique.length; i++) {
			const slot = lookup(packed.buckets, packed.fingerprints, Uint16Array.from(unique[i]), 0, 3);
			assert.ok(slot >= 0, unique[i].join(','));
			// The same slot as the build's hashes put it in.
			const b = bucketOf(hashA(unique[i], 0, 3), packed.buckets.length - 1);
			assert.ok(packed.buckets[b] <= slot && slot < packed.buckets[b + 1]);
			assert.equal(packed.fingerprints[slot], hashB(unique[i], 0, 3) & 0xffff);
			found.add(packed.entry[slot]);
		}
		assert.equal(found.size + packed.collisions, unique.length);
		assert.equal(lookup(packed.buckets, packed.fingerprints, Uint16Array.of(4000, 4001, 4002), 0, 3), -1);
	});
});
