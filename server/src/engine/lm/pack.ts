import { type TypedArray, wordFrequencySteps } from './format';
import { filterAdd, filterBlockWords, fingerprintOf, homeOf, keyHashes } from './hash';

// Packing an order's n-grams into the model's compact tables: one 32-bit slot per entry in an
// open-addressed table (fingerprint and quantised values together, so that a lookup reads one
// cache line), values quantised to one byte against a 256-entry codebook. Shared by the build
// and the tests.

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

/** Slots per entry: at this load a search that misses reads about eight slots, one cache line. */
export const tableLoad = 0.75;

export interface PackedTable {
	/**
	 * Open addressing with linear probing: each slot holds a fingerprint in its top bits and
	 * the entry's value in its low `valueBits` bits; 0 is an empty slot.
	 */
	slots: Int32Array;
	/** Entries dropped because an earlier entry with the same fingerprint lay on their search path. */
	collisions: number;
}

/** Bits of a table's filter per entry: with three bits set in one cache line, about 3 % of absent keys pass. */
export const filterBits = 8;

/**
 * A blocked Bloom filter of a table's keys, small enough to stay in the processor's cache:
 * a key it rules out costs no read of the table, which is most of a candidate's look-ups
 * (a candidate seldom forms a seen pair with its neighbours).
 */
export function keyFilter(count: number, n: number, idsOf: (i: number, out: number[]) => void): Uint32Array {
	const blocks = Math.max(1, Math.ceil((count * filterBits) / (32 * filterBlockWords)));
	const filter = new Uint32Array(blocks * filterBlockWords);
	const ids: number[] = new Array(n).fill(0);
	for (let i = 0; i < count; i++) {
		idsOf(i, ids);
		const [a, b] = keyHashes(ids, 0, ids.length);
		filterAdd(filter, a, b);
	}
	return filter;
}

/**
 * Packs keys (the ids of entry i: idsOf(i, scratch), n ids, or any number for n 0) with their values
 * (valueOf(i), below 2^valueBits). Entries are placed by descending `weight` (ties: the lower
 * index), so that frequent n-grams sit nearest the start of their search.
 */
export function packTable(
	count: number,
	n: number,
	idsOf: (i: number, out: number[]) => void,
	weight: (i: number) => number,
	valueOf: (i: number) => number,
	valueBits: number,
): PackedTable {
	const size = Math.max(8, Math.ceil(count / tableLoad));
	const home = new Uint32Array(count);
	const fp = new Uint32Array(count);
	const ids: number[] = new Array(n).fill(0);
	for (let i = 0; i < count; i++) {
		idsOf(i, ids);
		const [a, b] = keyHashes(ids, 0, ids.length);
		home[i] = homeOf(a, size);
		fp[i] = fingerprintOf(b, valueBits);
	}
	const order = new Uint32Array(count);
	for (let i = 0; i < count; i++) order[i] = i;
	order.sort((x, y) => weight(y) - weight(x) || x - y);
	const slots = new Int32Array(size);
	let collisions = 0;
	for (let k = 0; k < count; k++) {
		const i = order[k];
		let s = home[i];
		let shadowed = false;
		while (slots[s] !== 0) {
			if (slots[s] >>> valueBits === fp[i]) shadowed = true;
			s = s + 1 === size ? 0 : s + 1;
		}
		if (shadowed) {
			collisions++;
			continue;
		}
		slots[s] = valueBits === 0 ? fp[i] | 0 : (fp[i] << valueBits) | valueOf(i);
	}
	return { slots, collisions };
}

/** The index of the slot for key ids[from, to) in a packed table, or -1 (a fingerprint match: rarely a false one). */
export function lookupIndex(slots: Int32Array, valueBits: number, ids: ArrayLike<number>, from: number, to: number): number {
	const [a, b] = keyHashes(ids, from, to);
	const size = slots.length;
	const fp = fingerprintOf(b, valueBits);
	for (let s = homeOf(a, size); ; s = s + 1 === size ? 0 : s + 1) {
		const slot = slots[s];
		if (slot === 0) return -1;
		if (slot >>> valueBits === fp) return s;
	}
}

/** The slot value for key ids[from, to) in a packed table, or 0. */
export function lookup(slots: Int32Array, valueBits: number, ids: ArrayLike<number>, from: number, to: number): number {
	const at = lookupIndex(slots, valueBits, ids, from, to);
	return at < 0 ? 0 : slots[at];
}

/** What a model file holds besides the n-grams: the candidates of each id. */
export interface CandidateTable {
	start: Uint32Array;
	ids: Uint16Array;
	kinds: Uint8Array;
}

/** Value bits of a slot: probability and backoff bytes below the highest order, the probability byte at it. */
export function valueBitsOf(n: number, order: number): number {
	return n < order ? 16 : 8;
}

/** A word of the dictionary: its token ids and its count there. */
export interface DictionaryWord {
	ids: number[];
	count: number;
}

/**
 * Each word's frequency in the byte beside its slot (words.frequency): round(log10(count) ×
 * 4), at least 1 (0 marks an empty slot). A word whose fingerprint another took first (a
 * collision, dropped from the table) leaves the other's frequency alone.
 */
function wordFrequencies(slots: Int32Array, words: DictionaryWord[]): Uint8Array {
	const frequency = new Uint8Array(slots.length);
	for (const w of words) {
		const at = lookupIndex(slots, 0, w.ids, 0, w.ids.length);
		if (at >= 0 && frequency[at] === 0) frequency[at] = Math.min(255, Math.max(1, Math.round(Math.log10(Math.max(1, w.count)) * wordFrequencySteps)));
	}
	return frequency;
}

/**
 * The sections of a model file for a smoothed model: the vocabulary, dense unigrams, one
 * packed table per higher order, the candidate table and the dictionary's words (token ids
 * of each, a set). Returns the sections and the fingerprint collisions per order (the
 * words' last).
 */
export function modelSections(
	model: { orders: { keys: Float64Array; raw: Uint32Array; logProb: Float64Array; logBackoff: Float64Array }[] },
	base: number,
	vocab: Uint32Array,
	candidates: CandidateTable,
	words: DictionaryWord[],
): { arrays: [string, TypedArray][]; collisions: number[] } {
	const order = model.orders.length;
	const arrays: [string, TypedArray][] = [['vocab', vocab]];
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
		const probBook = codebook(t.logProb);
		const boBook = n < order ? codebook(t.logBackoff) : undefined;
		const valueOf = (i: number) => (boBook ? (nearest(probBook, t.logProb[i]) << 8) | nearest(boBook, t.logBackoff[i]) : nearest(probBook, t.logProb[i]));
		const packed = packTable(
			t.keys.length,
			n,
			(i, out) => digits(t.keys[i], out),
			(i) => t.raw[i],
			valueOf,
			valueBitsOf(n, order),
		);
		collisions.push(packed.collisions);
		arrays.push([`o${n}.slots`, packed.slots], [`o${n}.probBook`, probBook]);
		if (n < order) arrays.push([`o${n}.filter`, keyFilter(t.keys.length, n, (i, out) => digits(t.keys[i], out))]);
		if (boBook) arrays.push([`o${n}.backoffBook`, boBook]);
	}
	arrays.push(['candidates.start', candidates.start], ['candidates.ids', candidates.ids], ['candidates.kinds', candidates.kinds]);
	const packed = packTable(
		words.length,
		0,
		(i, out) => {
			out.length = 0;
			out.push(...words[i].ids);
		},
		() => 0,
		() => 0,
		0,
	);
	collisions.push(packed.collisions);
	arrays.push(['words.slots', packed.slots], ['words.frequency', wordFrequencies(packed.slots, words)]);
	return { arrays, collisions };
}
