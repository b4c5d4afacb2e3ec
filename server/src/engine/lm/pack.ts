import { bucketOf, hashA, hashB } from './hash';

// Packing an order's n-grams into the model's compact tables: entries grouped by bucket
// (first hash), sorted by 16-bit fingerprint (second hash) within it, values quantised to
// one byte against a 256-entry codebook. Shared by the build and by `newsproof lm add`.

/** Entries per bucket on average: a lookup compares about this many fingerprints. */
export const bucketLoad = 4;

/** 256 centres for the values: equal-population bins, each the mean of its bin. */
export function codebook(values: Float64Array): Float32Array {
	const sorted = Float64Array.from(values).sort();
	const book = new Float32Array(256);
	const n = sorted.length;
	if (!n) return book;
	for (let b = 0; b < 256; b++) {
		const from = Math.floor((b * n) / 256);
		const to = Math.max(from + 1, Math.floor(((b + 1) * n) / 256));
		let sum = 0;
		for (let i = from; i < Math.min(to, n); i++) sum += sorted[i];
		book[b] = sum / (Math.min(to, n) - from);
	}
	return book.sort();
}

/** The index of the nearest centre of a sorted codebook. */
export function nearest(book: Float32Array, value: number): number {
	let lo = 0;
	let hi = book.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (book[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	if (lo > 0 && value - book[lo - 1] <= book[lo] - value) return lo - 1;
	return lo;
}

export function quantize(values: Float64Array, book: Float32Array, pick: Uint32Array): Uint8Array {
	const out = new Uint8Array(pick.length);
	for (let i = 0; i < pick.length; i++) out[i] = nearest(book, values[pick[i]]);
	return out;
}

export interface PackedTable {
	/** Bucket b holds slots buckets[b] … buckets[b+1]-1. */
	buckets: Uint32Array;
	fingerprints: Uint16Array;
	/** For each slot, the index of the entry it holds. */
	entry: Uint32Array;
	/** Entries dropped because another entry of the same bucket had the same fingerprint. */
	collisions: number;
}

/**
 * Packs n-grams of one order (ids of entry i: idsOf(i, scratch)) into buckets. Where two
 * entries share bucket and fingerprint, the one with the higher `weight` stays (ties: the
 * lower index).
 */
export function packTable(count: number, n: number, idsOf: (i: number, out: number[]) => void, weight: (i: number) => number): PackedTable {
	const nb = Math.max(1, Math.ceil(count / bucketLoad));
	const bucket = new Uint32Array(count);
	const fp = new Uint16Array(count);
	const ids: number[] = new Array(n).fill(0);
	for (let i = 0; i < count; i++) {
		idsOf(i, ids);
		bucket[i] = bucketOf(hashA(ids, 0, n), nb);
		fp[i] = hashB(ids, 0, n) & 0xffff;
	}
	const order = new Uint32Array(count);
	for (let i = 0; i < count; i++) order[i] = i;
	order.sort((a, b) => bucket[a] - bucket[b] || fp[a] - fp[b] || weight(b) - weight(a) || a - b);
	const slots: number[] = [];
	let collisions = 0;
	for (let k = 0; k < count; k++) {
		const i = order[k];
		const last = slots.length ? slots[slots.length - 1] : -1;
		if (last >= 0 && bucket[last] === bucket[i] && fp[last] === fp[i]) {
			collisions++;
			continue;
		}
		slots.push(i);
	}
	const buckets = new Uint32Array(nb + 1);
	for (const i of slots) buckets[bucket[i] + 1]++;
	for (let b = 0; b < nb; b++) buckets[b + 1] += buckets[b];
	const fingerprints = new Uint16Array(slots.length);
	const entry = new Uint32Array(slots.length);
	slots.forEach((i, s) => {
		fingerprints[s] = fp[i];
		entry[s] = i;
	});
	return { buckets, fingerprints, entry, collisions };
}

/**
 * The slot holding ids[from, to) in a packed table, or -1 (a fingerprint match: rarely a
 * false one). Both hashes of hash.ts in one loop: this is the model's innermost call.
 */
export function lookup(buckets: Uint32Array, fingerprints: Uint16Array, ids: ArrayLike<number>, from: number, to: number): number {
	let a = 0x2545f491;
	let b = 0x6a09e667;
	for (let i = from; i < to; i++) {
		const id = ids[i];
		a = Math.imul(a ^ id, 0x9e3779b1);
		a = (a << 13) | (a >>> 19);
		b = Math.imul(b + id, 0xcc9e2d51);
		b = (b << 15) | (b >>> 17);
		b = Math.imul(b, 0x1b873593);
	}
	a ^= to - from;
	a ^= a >>> 16;
	a = Math.imul(a, 0x85ebca6b);
	a ^= a >>> 13;
	a = Math.imul(a, 0xc2b2ae35);
	a ^= a >>> 16;
	b += to - from;
	b ^= b >>> 16;
	b = Math.imul(b, 0x85ebca6b);
	b ^= b >>> 13;
	b = Math.imul(b, 0xc2b2ae35);
	b ^= b >>> 16;
	const nb = buckets.length - 1;
	const bucket = Math.floor(((a >>> 0) / 4294967296) * nb);
	const fp = b & 0xffff;
	const end = buckets[bucket + 1];
	for (let s = buckets[bucket]; s < end; s++) {
		const f = fingerprints[s];
		if (f === fp) return s;
		if (f > fp) return -1;
	}
	return -1;
}

/** What a model file holds besides the n-grams: the candidates of each id. */
export interface CandidateTable {
	start: Uint32Array;
	ids: Uint16Array;
	kinds: Uint8Array;
}

/**
 * The sections of a model file for a smoothed model: the vocabulary, dense unigrams, one
 * packed table per higher order, the candidate table. Returns the sections and the
 * fingerprint collisions per order.
 */
export function modelSections(
	model: { orders: { keys: Float64Array; raw: Uint32Array; logProb: Float64Array; logBackoff: Float64Array }[] },
	base: number,
	vocab: Uint32Array,
	candidates: CandidateTable,
): { arrays: [string, Uint8Array | Uint16Array | Uint32Array | Float32Array][]; collisions: number[] } {
	const order = model.orders.length;
	const arrays: [string, Uint8Array | Uint16Array | Uint32Array | Float32Array][] = [['vocab', vocab]];
	arrays.push(['unigram', Float32Array.from(model.orders[0].logProb)]);
	arrays.push(['unigramBackoff', Float32Array.from(model.orders[0].logBackoff)]);
	arrays.push(['unigramCount', Uint32Array.from(model.orders[0].raw)]);
	const collisions: number[] = [];
	for (let n = 2; n <= order; n++) {
		const t = model.orders[n - 1];
		const digits = (key: number, out: number[]) => {
			for (let j = n - 1; j >= 0; j--) {
				out[j] = key % base;
				key = Math.floor(key / base);
			}
		};
		const packed = packTable(t.keys.length, n, (i, out) => digits(t.keys[i], out), (i) => t.raw[i]);
		collisions.push(packed.collisions);
		const probBook = codebook(t.logProb);
		arrays.push([`o${n}.buckets`, packed.buckets], [`o${n}.fingerprints`, packed.fingerprints]);
		arrays.push([`o${n}.prob`, quantize(t.logProb, probBook, packed.entry)], [`o${n}.probBook`, probBook]);
		if (n < order) {
			const boBook = codebook(t.logBackoff);
			arrays.push([`o${n}.backoff`, quantize(t.logBackoff, boBook, packed.entry)], [`o${n}.backoffBook`, boBook]);
		}
	}
	arrays.push(['candidates.start', candidates.start], ['candidates.ids', candidates.ids], ['candidates.kinds', candidates.kinds]);
	return { arrays, collisions };
}
