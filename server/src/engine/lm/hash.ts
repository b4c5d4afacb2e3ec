// The n-gram hash, shared by the build and the loader. An n-gram is looked up in its
// order's table by two independent 32-bit hashes of its token ids: the first picks the
// bucket, the second gives a 16-bit fingerprint that is compared within the bucket.

function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** First hash of ids[from, to): picks the bucket. */
export function hashA(ids: ArrayLike<number>, from: number, to: number): number {
	let h = 0x2545f491;
	for (let i = from; i < to; i++) {
		h = Math.imul(h ^ ids[i], 0x9e3779b1);
		h = (h << 13) | (h >>> 19);
	}
	return fmix(h ^ (to - from));
}

/** Second hash of ids[from, to): the fingerprint is its low 16 bits. */
export function hashB(ids: ArrayLike<number>, from: number, to: number): number {
	let h = 0x6a09e667;
	for (let i = from; i < to; i++) {
		h = Math.imul(h + ids[i], 0xcc9e2d51);
		h = (h << 15) | (h >>> 17);
		h = Math.imul(h, 0x1b873593);
	}
	return fmix(h + (to - from));
}

/** The bucket of a first hash among `buckets` buckets (any count, not only powers of two). */
export function bucketOf(h: number, buckets: number): number {
	return Math.floor((h / 4294967296) * buckets);
}
