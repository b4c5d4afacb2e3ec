// The n-gram hash, shared by the build and the loader. A key of token ids is hashed from its
// last id back to its first, in two independent 32-bit streams: the first picks the slot
// where a search starts, the second gives the fingerprint stored in the slot. Hashing from
// the end lets a search for the n-grams ending at one position extend the key one id to the
// left at a time without starting over.

export const seedA = 0x2545f491;
export const seedB = 0x6a09e667;

export function stepA(h: number, id: number): number {
	h = Math.imul(h ^ id, 0x9e3779b1);
	return (h << 13) | (h >>> 19);
}

export function stepB(h: number, id: number): number {
	h = Math.imul(h + id, 0xcc9e2d51);
	h = (h << 15) | (h >>> 17);
	return Math.imul(h, 0x1b873593);
}

/** Final mix of a stream with the key's length: every bit of the input reaches every bit. */
export function finish(h: number, length: number): number {
	h ^= length;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Both hashes of ids[from, to), as [slot hash, fingerprint hash]. */
export function keyHashes(ids: ArrayLike<number>, from: number, to: number): [number, number] {
	let a = seedA;
	let b = seedB;
	for (let i = to - 1; i >= from; i--) {
		a = stepA(a, ids[i]);
		b = stepB(b, ids[i]);
	}
	return [finish(a, to - from), finish(b, to - from)];
}

/** Where a search for a key with slot hash `h` starts in a table of `size` slots (any size). */
export function homeOf(h: number, size: number): number {
	return Math.floor((h / 4294967296) * size);
}

/** The fingerprint kept in a slot's top bits: never 0, which marks an empty slot. */
export function fingerprintOf(h: number, valueBits: number): number {
	return h >>> valueBits || 1;
}

/** Words (32 bits) per block of a filter: one 64-byte cache line. */
export const filterBlockWords = 16;

/** The block of a filter of `blocks` blocks that may hold a key with slot hash `a`. */
export function filterBlock(a: number, blocks: number): number {
	return Math.floor((a / 4294967296) * blocks) * filterBlockWords;
}

/** False when a key with hashes a and b is surely not in the filter (see keyFilter). */
export function filterHas(filter: Uint32Array, a: number, b: number): boolean {
	const at = filterBlock(a, filter.length / filterBlockWords);
	return (
		(filter[at + ((b >>> 5) & 15)] & (1 << (b & 31))) !== 0 &&
		(filter[at + ((b >>> 14) & 15)] & (1 << ((b >>> 9) & 31))) !== 0 &&
		(filter[at + ((b >>> 23) & 15)] & (1 << ((b >>> 18) & 31))) !== 0
	);
}

/** Sets a key's three bits (from its fingerprint hash `b`) in its block of a filter. */
export function filterAdd(filter: Uint32Array, a: number, b: number): void {
	const at = filterBlock(a, filter.length / filterBlockWords);
	for (let k = 0, h = b; k < 3; k++, h >>>= 9) filter[at + ((h >>> 5) & 15)] |= 1 << (h & 31);
}
