import { bos } from './tokens';

// Counting and smoothing for a character n-gram model: interpolated modified Kneser-Ney
// (Chen & Goodman), written out ARPA-style as a log10 probability per kept n-gram and a
// log10 backoff weight per context. Used by the build (npm run lm:build) and by the tests,
// which check it against probabilities worked out by hand on a tiny corpus.
//
// An n-gram is a key: its token ids as digits in base `base` (base^order must stay below
// 2^53, so 13-bit ids allow order 4). Sentences are wrapped in <s> … </s>.

export interface OrderTable {
	/** Sorted keys of the n-grams of this order that are kept. */
	keys: Float64Array;
	/** Raw counts (occurrences in the text). */
	raw: Uint32Array;
	/** log10 p(w | context), interpolated. */
	logProb: Float64Array;
	/** log10 backoff weight when the n-gram is a context of the next order (0 otherwise). */
	logBackoff: Float64Array;
}

export interface KneserNeyOptions {
	order: number;
	/** Ids are below this; keys are numbers in this base. */
	base: number;
	/** Size of the vocabulary (ids 0 … vocabSize-1), <s> included. */
	vocabSize: number;
	/** Fixed discount per order (index 0 = unigrams); modified Kneser-Ney discounts from counts of counts when absent. */
	discounts?: number[];
	/** Minimum raw count to keep an n-gram, per order (index 0 = unigrams, which are all kept). Non-decreasing. */
	minCount?: number[];
}

export interface KneserNeyModel {
	/** Index 0: unigrams (dense, by id), 1: bigrams, … */
	orders: OrderTable[];
	/** Discounts per order: [D1, D2, D3+]. */
	discounts: [number, number, number][];
	/** Distinct n-grams per order before pruning. */
	seen: number[];
}

/** Sorted distinct keys of all n-grams of length n in the sentences, with raw counts. */
export function countOrder(sentences: Uint16Array[], n: number, base: number): { keys: Float64Array; counts: Uint32Array } {
	let total = 0;
	for (const s of sentences) total += Math.max(0, s.length + 2 - n + 1);
	const all = new Float64Array(total);
	let m = 0;
	const padded: number[] = [];
	for (const s of sentences) {
		padded.length = 0;
		padded.push(bos);
		for (let i = 0; i < s.length; i++) padded.push(s[i]);
		padded.push(2);
		for (let p = 0; p + n <= padded.length; p++) {
			let key = 0;
			for (let j = 0; j < n; j++) key = key * base + padded[p + j];
			all[m++] = key;
		}
	}
	all.sort();
	return runs(all.subarray(0, m));
}

/** Distinct values of a sorted array, with how often each occurs. */
export function runs(sorted: Float64Array): { keys: Float64Array; counts: Uint32Array } {
	let distinct = 0;
	for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
	const keys = new Float64Array(distinct);
	const counts = new Uint32Array(distinct);
	let k = -1;
	for (let i = 0; i < sorted.length; i++) {
		if (i === 0 || sorted[i] !== sorted[i - 1]) keys[++k] = sorted[i];
		counts[k]++;
	}
	return { keys, counts };
}

/** Index of key in sorted keys, or -1. */
export function find(keys: Float64Array, key: number): number {
	let lo = 0;
	let hi = keys.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const k = keys[mid];
		if (k === key) return mid;
		if (k < key) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/** Modified Kneser-Ney discounts from the counts of counts n1 … n4 (Chen & Goodman 1998). */
export function modifiedDiscounts(n1: number, n2: number, n3: number, n4: number): [number, number, number] {
	if (!n1 || !n2 || !n3 || !n4) return [0.5, 1, 1.5];
	const y = n1 / (n1 + 2 * n2);
	const clamp = (d: number, max: number) => Math.min(max, Math.max(0.05, d));
	return [clamp(1 - 2 * y * (n2 / n1), 1), clamp(2 - 3 * y * (n3 / n2), 2), clamp(3 - 4 * y * (n4 / n3), 3)];
}

function discountOf(d: [number, number, number], c: number): number {
	return c <= 0 ? 0 : c === 1 ? d[0] : c === 2 ? d[1] : d[2];
}

/** The first id of a key of n tokens. */
function firstId(key: number, n: number, base: number): number {
	return Math.floor(key / base ** (n - 1));
}

export function kneserNey(sentences: Uint16Array[], options: KneserNeyOptions): KneserNeyModel {
	const { order: N, base, vocabSize } = options;
	const minCount = options.minCount ?? new Array(N).fill(1);
	const counted = [];
	for (let n = 1; n <= N; n++) counted.push(countOrder(sentences, n, base));
	const seen = counted.map((c) => c.keys.length);

	// Adjusted counts: the highest order keeps raw counts; a lower-order n-gram counts the
	// distinct words seen before it (its continuation count), unless it starts with <s>.
	const adjusted: Uint32Array[] = [];
	for (let n = 1; n <= N; n++) {
		const { keys, counts } = counted[n - 1];
		if (n === N) {
			adjusted.push(counts.slice());
			continue;
		}
		const longer = counted[n].keys;
		const mod = base ** n;
		const suffixes = new Float64Array(longer.length);
		for (let i = 0; i < longer.length; i++) suffixes[i] = longer[i] % mod;
		suffixes.sort();
		const cont = runs(suffixes);
		const a = new Uint32Array(keys.length);
		for (let i = 0; i < keys.length; i++) {
			if (firstId(keys[i], n, base) === bos) a[i] = n === 1 ? 0 : counts[i];
			else {
				const j = find(cont.keys, keys[i]);
				a[i] = j < 0 ? 0 : cont.counts[j];
			}
		}
		adjusted.push(a);
	}

	const discounts: [number, number, number][] = adjusted.map((a, i) => {
		if (options.discounts) {
			const d = options.discounts[i];
			return [d, d, d];
		}
		const cc = [0, 0, 0, 0, 0];
		for (const c of a) if (c >= 1 && c <= 4) cc[c]++;
		return modifiedDiscounts(cc[1], cc[2], cc[3], cc[4]);
	});

	// Unigrams: interpolated with the uniform distribution over the vocabulary less <s>.
	const orders: OrderTable[] = [];
	{
		const { keys } = counted[0];
		const a = adjusted[0];
		let total = 0;
		let mass = 0;
		for (let i = 0; i < keys.length; i++) {
			total += a[i];
			mass += discountOf(discounts[0], a[i]);
		}
		const uniform = mass / total / (vocabSize - 1);
		const logProb = new Float64Array(vocabSize);
		const raw = new Uint32Array(vocabSize);
		for (let id = 0; id < vocabSize; id++) logProb[id] = Math.log10(uniform);
		for (let i = 0; i < keys.length; i++) {
			raw[keys[i]] = counted[0].counts[i];
			logProb[keys[i]] = Math.log10((a[i] - discountOf(discounts[0], a[i])) / total + uniform);
		}
		logProb[bos] = -99;
		const ids = new Float64Array(vocabSize);
		for (let id = 0; id < vocabSize; id++) ids[id] = id;
		orders.push({ keys: ids, raw, logProb, logBackoff: new Float64Array(vocabSize) });
	}

	for (let n = 2; n <= N; n++) {
		const { keys, counts } = counted[n - 1];
		const a = adjusted[n - 1];
		const d = discounts[n - 1];
		const lower = orders[n - 2];
		const mod = base ** (n - 1);
		const prob = new Float64Array(keys.length);
		// Groups of n-grams sharing a context are contiguous in key order.
		for (let start = 0; start < keys.length;) {
			const context = Math.floor(keys[start] / base);
			let end = start;
			let total = 0;
			let mass = 0;
			while (end < keys.length && Math.floor(keys[end] / base) === context) {
				total += a[end];
				mass += discountOf(d, a[end]);
				end++;
			}
			const gamma = mass / total;
			for (let i = start; i < end; i++) {
				const s = find(lower.keys, keys[i] % mod);
				const pLower = 10 ** lower.logProb[s];
				prob[i] = (a[i] - discountOf(d, a[i])) / total + gamma * pLower;
			}
			start = end;
		}
		// Pruning, then the backoff weight of each context over what is left:
		// bo(c) = (1 - sum of kept p(w|c)) / (1 - sum of the lower order's p(w|c') for the same w).
		const keep = minCount[n - 1] ?? 1;
		let kept = 0;
		for (let i = 0; i < keys.length; i++) if (counts[i] >= keep) kept++;
		const table: OrderTable = { keys: new Float64Array(kept), raw: new Uint32Array(kept), logProb: new Float64Array(kept), logBackoff: new Float64Array(kept) };
		let k = 0;
		for (let start = 0; start < keys.length;) {
			const context = Math.floor(keys[start] / base);
			let end = start;
			let num = 1;
			let den = 1;
			while (end < keys.length && Math.floor(keys[end] / base) === context) {
				if (counts[end] >= keep) {
					num -= prob[end];
					den -= 10 ** lower.logProb[find(lower.keys, keys[end] % mod)];
					table.keys[k] = keys[end];
					table.raw[k] = counts[end];
					table.logProb[k] = Math.log10(prob[end]);
					k++;
				}
				end++;
			}
			const c = find(lower.keys, context);
			if (c >= 0) lower.logBackoff[c] = Math.log10(Math.max(num, 1e-12) / Math.max(den, 1e-12));
			start = end;
		}
		orders.push(table);
	}
	return { orders, discounts, seen };
}

/**
 * log10 p(ids[i] | the n-1 ids before it) under the ARPA reading of the tables: the longest
 * kept n-gram ending at i, plus the backoff weights of the longer contexts. For the tests
 * and the build's own checks; the loader has its own, over the packed tables.
 */
export function logProbOf(model: KneserNeyModel, base: number, ids: number[], i: number): number {
	const N = model.orders.length;
	let result = model.orders[0].logProb[ids[i]];
	let backoff = 0;
	for (let n = 2; n <= N && i - n + 1 >= 0; n++) {
		let context = 0;
		for (let j = i - n + 1; j < i; j++) context = context * base + ids[j];
		const c = find(model.orders[n - 2].keys, context);
		if (c < 0) break;
		const g = find(model.orders[n - 1].keys, context * base + ids[i]);
		if (g >= 0) {
			result = model.orders[n - 1].logProb[g];
			backoff = 0;
		} else {
			backoff += model.orders[n - 2].logBackoff[c];
		}
	}
	return result + backoff;
}
