import { type ModelHeader, ModelFileError, readModelFile, type TypedArray, wordFrequencySteps } from './format';
import { finish, seedA, seedB, stepA, stepB } from './hash';
import { unk } from './tokens';

// The language model as loaded: views of one (shared) buffer, nothing parsed but the
// header. log10 p(w | the three tokens before it) in the ARPA reading: the longest kept
// n-gram ending at w, plus the backoff weights of the longer contexts that are kept.
//
// The kept n-grams are closed under taking a part (a kept 4-gram's 3-grams are kept: counts
// only fall as a key grows), so the n-grams ending at a position are found by growing the key
// to the left until one is missing, and the contexts of the next position are exactly the
// n-grams found here (the state passed along, as in KenLM). A trace of a sentence keeps what
// each position found; scoring a candidate character then looks up only the n-grams that
// contain it, and stops growing a key at the first one missing.

/** Candidate kinds, as bits of the candidate table's type byte. */
export const candidateKind = {
	/** Same syllable, same tone. */
	tone: 1,
	/** Same syllable, another tone. */
	syllable: 2,
	/** A similar syllable (zh/z, n/l, an/ang …). */
	fuzzy: 4,
	/** A similar shape. */
	shape: 8,
	/** A pair from the typo rules. */
	list: 16,
} as const;

/**
 * The most a backoff weight of order 2 or more may exceed 0 (log10): interpolated
 * Kneser-Ney weights are below 1, and their one-byte codebooks round the largest of this
 * model to +0.019. A file whose codebooks go past it is refused.
 */
export const backoffSlack = 0.05;

/** The longest n-gram a trace records per position (the model's order is at most this). */
const maxOrder = 4;

/**
 * What each position of a sentence found: the length of the longest kept n-gram ending there
 * (`matched`, at least 1), log10 p of the token in its context (`prob`), and the
 * probability and backoff weight of each kept n-gram ending there (index position × 4 +
 * length - 1). Reused from sentence to sentence: `ensure` grows it.
 */
export class Trace {
	matched = new Uint8Array(0);
	prob = new Float64Array(0);
	entryProb = new Float64Array(0);
	entryBackoff = new Float64Array(0);
	/** Scratch of the order-by-order look-ups (see LanguageModel.trace): hashes, positions, slots, fingerprints and what was read. */
	hashA = new Int32Array(0);
	hashB = new Int32Array(0);
	live = new Int32Array(0);
	home = new Int32Array(0);
	fingerprint = new Int32Array(0);
	read = new Int32Array(0);

	ensure(n: number): void {
		if (this.matched.length >= n) return;
		const size = Math.max(n, this.matched.length * 2, 256);
		this.hashA = new Int32Array(size);
		this.hashB = new Int32Array(size);
		this.live = new Int32Array(size);
		this.home = new Int32Array(size);
		this.fingerprint = new Int32Array(size);
		this.read = new Int32Array(size);
		this.matched = new Uint8Array(size);
		this.prob = new Float64Array(size);
		this.entryProb = new Float64Array(size * maxOrder);
		this.entryBackoff = new Float64Array(size * maxOrder);
	}
}

/**
 * The slot of an n-gram of `length` tokens whose hashes, before the final mix, are a and b,
 * in its order's table (`slots`, the low `bits` of a slot holding its values), or 0. The
 * order's filter, when it has one, is asked first: it rules out most absent keys without
 * reading the table. This runs for every n-gram a candidate's score looks up, and a batch run keeps V8's
 * inlining budget small (see tuneForBatch), so it is one call with no call inside: the
 * final mix (finish) and the filter test (filterHas) of hash.ts are written out here, and
 * the tests check that they agree.
 */
export function slotOf(slots: Int32Array, bits: number, filter: Uint32Array | undefined, a: number, b: number, length: number): number {
	a ^= length;
	a ^= a >>> 16;
	a = Math.imul(a, 0x85ebca6b);
	a ^= a >>> 13;
	a = Math.imul(a, 0xc2b2ae35);
	a = (a ^ (a >>> 16)) >>> 0;
	b ^= length;
	b ^= b >>> 16;
	b = Math.imul(b, 0x85ebca6b);
	b ^= b >>> 13;
	b = Math.imul(b, 0xc2b2ae35);
	b = (b ^ (b >>> 16)) >>> 0;
	if (filter !== undefined) {
		const at = Math.floor((a / 4294967296) * (filter.length >>> 4)) << 4;
		if (
			(filter[at + ((b >>> 5) & 15)] & (1 << (b & 31))) === 0 ||
			(filter[at + ((b >>> 14) & 15)] & (1 << ((b >>> 9) & 31))) === 0 ||
			(filter[at + ((b >>> 23) & 15)] & (1 << ((b >>> 18) & 31))) === 0
		) {
			return 0;
		}
	}
	const size = slots.length;
	const fp = b >>> bits || 1;
	let s = Math.floor((a / 4294967296) * size);
	for (;;) {
		const slot = slots[s];
		if (slot === 0) return 0;
		if (slot >>> bits === fp) return slot;
		if (++s === size) s = 0;
	}
}

/**
 * False when the bigram (first, second) is surely not in the bigram filter: stepA and stepB
 * from the seeds over the key's ids from its last back, finish, and filterHas of hash.ts,
 * written out as one call with nothing called inside, since the bound pass asks it for
 * every candidate (the tests check that it agrees with hash.ts).
 */
export function pairMaybe(filter: Uint32Array, first: number, second: number): boolean {
	let a = Math.imul(0x2545f491 ^ second, 0x9e3779b1);
	a = (a << 13) | (a >>> 19);
	a = Math.imul(a ^ first, 0x9e3779b1);
	a = (a << 13) | (a >>> 19);
	let b = Math.imul((0x6a09e667 + second) | 0, 0xcc9e2d51);
	b = (b << 15) | (b >>> 17);
	b = Math.imul(b, 0x1b873593);
	b = Math.imul((b + first) | 0, 0xcc9e2d51);
	b = (b << 15) | (b >>> 17);
	b = Math.imul(b, 0x1b873593);
	a ^= 2;
	a ^= a >>> 16;
	a = Math.imul(a, 0x85ebca6b);
	a ^= a >>> 13;
	a = Math.imul(a, 0xc2b2ae35);
	a = (a ^ (a >>> 16)) >>> 0;
	b ^= 2;
	b ^= b >>> 16;
	b = Math.imul(b, 0x85ebca6b);
	b ^= b >>> 13;
	b = Math.imul(b, 0xc2b2ae35);
	b = (b ^ (b >>> 16)) >>> 0;
	const at = Math.floor((a / 4294967296) * (filter.length >>> 4)) << 4;
	return (
		(filter[at + ((b >>> 5) & 15)] & (1 << (b & 31))) !== 0 &&
		(filter[at + ((b >>> 14) & 15)] & (1 << ((b >>> 9) & 31))) !== 0 &&
		(filter[at + ((b >>> 23) & 15)] & (1 << ((b >>> 18) & 31))) !== 0
	);
}

export class LanguageModel {
	readonly order: number;
	readonly vocabSize: number;
	readonly header: ModelHeader;
	/** Code point of each id (ids below firstChar are <unk>, <s>, </s>). */
	readonly vocab: Uint32Array;
	readonly unigram: Float32Array;
	readonly unigramBackoff: Float32Array;
	/** Raw counts of each id in the corpus (the unigram prior). */
	readonly unigramCount: Uint32Array;
	/** Per order n at index n: the open-addressed slots, the value bits, the codebooks. */
	private readonly slots: Int32Array[] = [];
	/** Per order below the highest: the filter of its keys (see keyFilter), in blocks of one cache line. */
	private readonly filters: (Uint32Array | undefined)[];
	private readonly valueBits: number[] = [];
	private readonly probBook: Float32Array[] = [];
	private readonly backoffBook: Float32Array[] = [];
	private readonly words: Int32Array;
	/** Beside each word's slot, its frequency (see wordFrequency); absent from older files. */
	private readonly wordCounts: Uint8Array | undefined;
	private readonly bmp = new Uint16Array(65536);
	private readonly astral = new Map<number, number>();
	readonly candidateStart: Uint32Array;
	readonly candidateIds: Uint16Array;
	readonly candidateKinds: Uint8Array;
	/**
	 * 1 at the ids of the third-person pronouns (他 她 它 牠 祂): which of them is right
	 * depends on whom the sentence speaks of, which four characters of context do not show,
	 * so the detector never puts one in another's place (see findSuspects).
	 */
	readonly pronoun: Uint8Array;
	/** Bytes of the buffer the views read. */
	readonly bytes: number;
	/** Scratch for candidate scoring: the backoffs and probabilities of the position scored and the one before. */
	private readonly prevBackoff = new Float64Array(maxOrder + 1);
	private readonly curBackoff = new Float64Array(maxOrder + 1);
	private readonly curProb = new Float64Array(maxOrder + 1);
	private readonly scratch = new Trace();
	/** Scratch of readAhead: the bigram slots and trigram filter blocks to read. */
	private aheadSlots = new Int32Array(64);
	private aheadBlocks = new Int32Array(64);
	/** What readAhead read, kept so that the reads are not dropped as unused. */
	aheadSink = 0;

	constructor(buffer: ArrayBuffer | SharedArrayBuffer, byteLength = buffer.byteLength) {
		const { header, arrays } = readModelFile(buffer, byteLength);
		if (header.type !== 'model') throw new ModelFileError('这是本地增补文件，不是语言模型');
		this.header = header;
		this.bytes = byteLength;
		const need = <T extends TypedArray>(name: string, kind: new (...args: never[]) => T): T => {
			const a = arrays.get(name);
			if (!(a instanceof kind)) throw new ModelFileError(`模型文件缺少“${name}”段`);
			return a;
		};
		this.order = Number(header.info.order);
		if (!(this.order >= 2 && this.order <= maxOrder)) throw new ModelFileError(`模型阶数 ${header.info.order} 不受支持`);
		// Every order has an entry (the highest none): slotOf reads them all.
		this.filters = new Array<Uint32Array | undefined>(this.order + 1).fill(undefined);
		this.vocab = need('vocab', Uint32Array);
		this.vocabSize = this.vocab.length;
		this.unigram = need('unigram', Float32Array);
		this.unigramBackoff = need('unigramBackoff', Float32Array);
		this.unigramCount = need('unigramCount', Uint32Array);
		for (let n = 2; n <= this.order; n++) {
			this.slots[n] = need(`o${n}.slots`, Int32Array);
			this.valueBits[n] = n < this.order ? 16 : 8;
			this.probBook[n] = need(`o${n}.probBook`, Float32Array);
			if (n < this.order) {
				this.backoffBook[n] = need(`o${n}.backoffBook`, Float32Array);
				if (this.backoffBook[n].some((w) => w > backoffSlack)) throw new ModelFileError(`模型第 ${n} 阶的回退权重超出范围`);
				this.filters[n] = need(`o${n}.filter`, Uint32Array);
			}
		}
		this.words = need('words.slots', Int32Array);
		const counts = arrays.get('words.frequency');
		if (counts !== undefined && !(counts instanceof Uint8Array && counts.length === this.words.length))
			throw new ModelFileError('模型文件的“words.frequency”段与词表不符');
		this.wordCounts = counts;
		this.candidateStart = need('candidates.start', Uint32Array);
		this.candidateIds = need('candidates.ids', Uint16Array);
		this.candidateKinds = need('candidates.kinds', Uint8Array);
		if (this.unigram.length !== this.vocabSize || this.candidateStart.length !== this.vocabSize + 1) {
			throw new ModelFileError('模型文件各段长度不一致');
		}
		for (let id = 3; id < this.vocabSize; id++) {
			const c = this.vocab[id];
			if (c < 65536) this.bmp[c] = id;
			else this.astral.set(c, id);
		}
		this.pronoun = new Uint8Array(this.vocabSize);
		for (const c of '他她它牠祂') {
			const id = this.idOf(c.codePointAt(0) as number);
			if (id !== unk) this.pronoun[id] = 1;
		}
	}

	/** The id of a token (see tokenOf); <unk> for a character the model never saw. */
	readonly idOf = (token: number): number => (token < 65536 ? this.bmp[token] : (this.astral.get(token) ?? unk));

	/** The slot of the dictionary word ids[from, to) (2 to 4 characters), or -1. */
	private wordSlot(ids: ArrayLike<number>, from: number, to: number): number {
		let a = seedA;
		let b = seedB;
		for (let i = to - 1; i >= from; i--) {
			a = stepA(a, ids[i]);
			b = stepB(b, ids[i]);
		}
		a = finish(a, to - from);
		b = finish(b, to - from);
		const slots = this.words;
		const size = slots.length;
		const fp = b || 1;
		for (let s = Math.floor((a / 4294967296) * size); ; s = s + 1 === size ? 0 : s + 1) {
			const slot = slots[s];
			if (slot === 0) return -1;
			if (slot >>> 0 === fp) return s;
		}
	}

	/** True when ids[from, to) spell a word of the dictionary the model was built with (2 to 4 characters). */
	isWord(ids: ArrayLike<number>, from: number, to: number): boolean {
		return this.wordSlot(ids, from, to) >= 0;
	}

	/**
	 * log10 of the dictionary's count of the word ids[from, to), to a quarter; -1 when it is
	 * not a word of the dictionary. A file without the counts gives every word 0.
	 */
	wordFrequency(ids: ArrayLike<number>, from: number, to: number): number {
		const at = this.wordSlot(ids, from, to);
		if (at < 0) return -1;
		return this.wordCounts ? this.wordCounts[at] / wordFrequencySteps : 0;
	}

	/**
	 * Fills the trace for seq[0, n) (seq[0] is <s>): for each position from 1, the longest
	 * kept n-gram ending there, its log10 probability in context, and the entries found.
	 *
	 * Order by order, not position by position: the keys of one order at every position are
	 * hashed first, then their slots are read in a loop with no branch that depends on what
	 * it reads, so that the processor has many reads of the (large, uncached) tables in
	 * flight at once instead of waiting for each; only then is each read resolved. The
	 * n-gram of length L ending at k is looked up only where the one of length L-1 ending at
	 * k was found and so was the one of length L-1 ending at k-1 (the context, as the state
	 * passed along): the same keys, in another order, as a walk position by position. The
	 * filters are not asked: nearly every key looked up here is in the table.
	 */
	trace(seq: ArrayLike<number>, n: number, t: Trace): void {
		t.ensure(n);
		const { matched, prob, entryProb, entryBackoff, hashA, hashB, live, home, fingerprint, read } = t;
		const order = this.order;
		matched[0] = 1;
		prob[0] = 0;
		entryProb[0] = this.unigram[seq[0]];
		entryBackoff[0] = this.unigramBackoff[seq[0]];
		let count = 0;
		for (let k = 1; k < n; k++) {
			const id = seq[k];
			matched[k] = 1;
			entryProb[k * maxOrder] = this.unigram[id];
			entryBackoff[k * maxOrder] = this.unigramBackoff[id];
			hashA[k] = stepA(seedA, id);
			hashB[k] = stepB(seedB, id);
			live[count++] = k;
		}
		for (let len = 2; len <= order; len++) {
			const slots = this.slots[len];
			const bits = this.valueBits[len];
			const size = slots.length;
			// The keys of this length, where the shorter key here and the context before were found.
			let keys = 0;
			for (let i = 0; i < count; i++) {
				const k = live[i];
				if (k < len - 1 || matched[k - 1] < len - 1) continue;
				const left = seq[k - len + 1];
				const a0 = stepA(hashA[k], left);
				const b0 = stepB(hashB[k], left);
				hashA[k] = a0;
				hashB[k] = b0;
				let a = a0 ^ len;
				a ^= a >>> 16;
				a = Math.imul(a, 0x85ebca6b);
				a ^= a >>> 13;
				a = Math.imul(a, 0xc2b2ae35);
				a = (a ^ (a >>> 16)) >>> 0;
				let b = b0 ^ len;
				b ^= b >>> 16;
				b = Math.imul(b, 0x85ebca6b);
				b ^= b >>> 13;
				b = Math.imul(b, 0xc2b2ae35);
				b = (b ^ (b >>> 16)) >>> 0;
				home[keys] = Math.floor((a / 4294967296) * size);
				fingerprint[keys] = b >>> bits || 1;
				live[keys++] = k;
			}
			// The reads, with nothing waiting on them.
			for (let i = 0; i < keys; i++) read[i] = slots[home[i]];
			count = 0;
			for (let i = 0; i < keys; i++) {
				const fp = fingerprint[i];
				let slot = read[i];
				if (slot >>> bits !== fp) {
					if (slot === 0) continue;
					let s = home[i];
					for (;;) {
						if (++s === size) s = 0;
						slot = slots[s];
						if (slot === 0 || slot >>> bits === fp) break;
					}
					if (slot === 0) continue;
				}
				const k = live[i];
				matched[k] = len;
				const at = k * maxOrder + len - 1;
				if (len < order) {
					entryProb[at] = this.probBook[len][(slot >>> 8) & 0xff];
					entryBackoff[at] = this.backoffBook[len][slot & 0xff];
				} else {
					entryProb[at] = this.probBook[len][slot & 0xff];
				}
				live[count++] = k;
			}
		}
		for (let k = 1; k < n; k++) {
			const m = matched[k];
			let p = entryProb[k * maxOrder + m - 1];
			const contexts = Math.min(order - 1, matched[k - 1]);
			for (let len = m; len <= contexts; len++) p += entryBackoff[(k - 1) * maxOrder + len - 1];
			prob[k] = p;
		}
	}

	/**
	 * Reads ahead what scoring the candidates ids[0, count) at token j will read first: the
	 * bigram slot of (seq[j-1], c) and the trigram filter's block of (seq[j-2], seq[j-1], c),
	 * and, where j is not the last token scored, the bigram slot of (c, seq[j+1]) and the
	 * trigram block of (seq[j-1], c, seq[j+1]). The reads decide nothing and wait on nothing,
	 * so the processor has them all in flight at once; scoreAt, which waits on each of its
	 * reads in turn, then finds them in the cache. Nothing it computes changes. (Reading ahead
	 * either half alone, or the trigram slots too, measured slower: docs/typos-lm.md.)
	 */
	readAhead(seq: ArrayLike<number>, j: number, last: number, ids: Uint16Array, count: number): void {
		const filter = this.filters[3];
		if (filter === undefined) return;
		const bigrams = this.slots[2];
		if (this.aheadSlots.length < count * 2) {
			this.aheadSlots = new Int32Array(count * 2);
			this.aheadBlocks = new Int32Array(count * 2);
		}
		const { aheadSlots, aheadBlocks } = this;
		const blocks = filter.length >>> 4;
		const before = seq[j - 1];
		const after = j < last ? seq[j + 1] : -1;
		const twoBefore = j >= 2 ? seq[j - 2] : -1;
		let slots = 0;
		let reads = 0;
		for (let i = 0; i < count; i++) {
			const cand = ids[i];
			let a = stepA(stepA(seedA, cand), before);
			aheadSlots[slots++] = Math.floor((finish(a, 2) / 4294967296) * bigrams.length);
			if (twoBefore >= 0) aheadBlocks[reads++] = Math.floor((finish(stepA(a, twoBefore), 3) / 4294967296) * blocks) << 4;
			if (after >= 0) {
				a = stepA(stepA(seedA, after), cand);
				aheadSlots[slots++] = Math.floor((finish(a, 2) / 4294967296) * bigrams.length);
				aheadBlocks[reads++] = Math.floor((finish(stepA(a, before), 3) / 4294967296) * blocks) << 4;
			}
		}
		let sink = 0;
		for (let i = 0; i < slots; i++) sink = (sink + bigrams[aheadSlots[i]]) | 0;
		for (let i = 0; i < reads; i++) sink = (sink + filter[aheadBlocks[i]]) | 0;
		this.aheadSink ^= sink;
	}

	/**
	 * Reads ahead, for each candidate ids[0, count) at token j, the bigram filter's blocks
	 * that boundAt asks about: those of (seq[j-1], c) and, where j is not the last token
	 * scored, of (c, seq[j+1]); as readAhead does for scoring.
	 */
	readPairsAhead(seq: ArrayLike<number>, j: number, last: number, ids: Uint16Array, count: number): void {
		const filter = this.filters[2];
		if (filter === undefined) return;
		if (this.aheadSlots.length < count * 2) {
			this.aheadSlots = new Int32Array(count * 2);
			this.aheadBlocks = new Int32Array(count * 2);
		}
		const blocks = filter.length >>> 4;
		const home = this.aheadBlocks;
		const before = seq[j - 1];
		const after = j < last ? seq[j + 1] : -1;
		const afterHash = after >= 0 ? stepA(seedA, after) : 0;
		let reads = 0;
		for (let i = 0; i < count; i++) {
			const cand = ids[i];
			home[reads++] = Math.floor((finish(stepA(stepA(seedA, cand), before), 2) / 4294967296) * blocks) << 4;
			if (after >= 0) home[reads++] = Math.floor((finish(stepA(afterHash, cand), 2) / 4294967296) * blocks) << 4;
		}
		let sink = 0;
		for (let i = 0; i < reads; i++) sink = (sink + filter[home[i]]) | 0;
		this.aheadSink ^= sink;
	}

	/**
	 * Whether scoreAt's sum may exceed `floor`, from an upper bound read off the bigram filter alone (no table read): where
	 * seq[j] never follows seq[j-1], the first term is known from the trace (the unigram and
	 * the backoffs of the contexts before j); where seq[j+1] never follows seq[j], the
	 * second is at most the unigram of seq[j+1] plus the backoffs of contexts ending at j,
	 * which are at most backoffSlack each. The other terms count as 0. False when that bound
	 * is at or below `floor`: the candidate cannot score above it.
	 */
	boundAt(seq: ArrayLike<number>, j: number, last: number, t: Trace, floor: number): boolean {
		const filter = this.filters[2];
		// A model of order 2 keeps no filter of its bigrams: no bound then.
		if (filter === undefined) return true;
		const id = seq[j];
		let bound = 0;
		const left = seq[j - 1];
		if (!pairMaybe(filter, left, id)) {
			bound = this.unigram[id];
			const contexts = Math.min(this.order - 1, t.matched[j - 1]);
			for (let len = 1; len <= contexts; len++) bound += t.entryBackoff[(j - 1) * maxOrder + len - 1];
			if (bound <= floor) return false;
		}
		if (j < last) {
			const next = seq[j + 1];
			// Worth asking only when an absent bigram would bring the bound down to the floor.
			const without = bound + this.unigram[next] + this.unigramBackoff[id] + (this.order - 2) * backoffSlack;
			if (without <= floor && !pairMaybe(filter, id, next)) return false;
		}
		return true;
	}

	/**
	 * An upper bound, from the trace alone, on what the terms j+2 … last add to the score of
	 * any candidate put at token j. The term at k uses the longest kept n-gram ending at k;
	 * where that n-gram stops short of j (its length m is below k - j), the one a token longer
	 * does not reach j either, so it is absent whatever stands there: the candidate's term is
	 * the same probability, plus the backoffs of the contexts ending at k-1. Those that stop
	 * short of j are the trace's; the longer ones reach j and are the candidate's own, at most
	 * backoffSlack each, and only where the context one shorter was found. A term whose
	 * n-gram reaches j may change freely and counts as 0 (no term is above 0). At a suspicious
	 * position the low terms are often such fixed ones, far from j: no candidate can then
	 * gain enough, and none needs a read of the tables.
	 */
	tailBound(j: number, last: number, t: Trace): number {
		const { matched, entryProb, entryBackoff } = t;
		const contexts = this.order - 1;
		let sum = 0;
		for (let k = j + 2; k <= last; k++) {
			const m = matched[k];
			const reach = k - j;
			if (m >= reach) continue;
			let p = entryProb[k * maxOrder + m - 1];
			const before = matched[k - 1];
			const fixed = Math.min(contexts, before, reach - 1);
			for (let len = m; len <= fixed; len++) p += entryBackoff[(k - 1) * maxOrder + len - 1];
			// The candidate's own contexts at k-1 (lengths reach … contexts) exist only where the
			// original's reached reach - 1; otherwise the candidate's match at k-1 is the original's.
			if (before >= reach - 1 && contexts >= reach) p += (contexts - reach + 1) * backoffSlack;
			sum += p;
		}
		return sum;
	}

	/**
	 * The sum of log10 p over positions j … last with seq[j] replaced (the caller has put the
	 * candidate there), the trace being that of the sentence before the replacement. Returns
	 * -Infinity as soon as the sum falls to `floor` or below (every term is at most 0), or,
	 * over the first two terms, to `floor` less `tail` (tailBound's bound on the terms after
	 * them; 0 when not known).
	 */
	scoreAt(seq: ArrayLike<number>, j: number, last: number, t: Trace, floor: number, tail = 0): number {
		const { matched, entryProb, entryBackoff } = t;
		const order = this.order;
		let prev = this.prevBackoff;
		let cur = this.curBackoff;
		const curProb = this.curProb;
		let prevMatched = matched[j - 1];
		for (let len = 1; len <= prevMatched; len++) prev[len] = entryBackoff[(j - 1) * maxOrder + len - 1];
		let total = 0;
		for (let k = j; k <= last; k++) {
			const id = seq[k];
			curProb[1] = this.unigram[id];
			cur[1] = this.unigramBackoff[id];
			let a = stepA(seedA, id);
			let b = stepB(seedB, id);
			let m = 1;
			// Keys shorter than this do not reach back to j: the trace has them.
			const reach = k - j + 1;
			const known = matched[k];
			const longest = Math.min(order, prevMatched + 1);
			for (let len = 2; len <= longest; len++) {
				const left = seq[k - len + 1];
				a = stepA(a, left);
				b = stepB(b, left);
				if (len < reach) {
					if (len > known) break;
					curProb[len] = entryProb[k * maxOrder + len - 1];
					cur[len] = entryBackoff[k * maxOrder + len - 1];
				} else {
					const slot = slotOf(this.slots[len], this.valueBits[len], this.filters[len], a, b, len);
					if (slot === 0) break;
					if (len < order) {
						curProb[len] = this.probBook[len][(slot >>> 8) & 0xff];
						cur[len] = this.backoffBook[len][slot & 0xff];
					} else {
						curProb[len] = this.probBook[len][slot & 0xff];
					}
				}
				m = len;
			}
			let p = curProb[m];
			const contexts = Math.min(order - 1, prevMatched);
			for (let len = m; len <= contexts; len++) p += prev[len];
			total += p;
			if (total <= (k < j + 2 ? floor - tail : floor)) return -Infinity;
			const swap = prev;
			prev = cur;
			cur = swap;
			prevMatched = m;
		}
		return total;
	}

	/** log10 p(ids[i] | ids[from … i-1]), with at most order-1 tokens of context (for tests and overlays; detection uses trace). */
	logProb(ids: ArrayLike<number>, i: number, from = 0): number {
		const start = Math.max(from, i - this.order + 1);
		if (start >= i) return this.unigram[ids[i]];
		const window = Array.from({ length: i - start + 1 }, (_, k) => ids[start + k]);
		this.trace(window, window.length, this.scratch);
		return this.scratch.prob[window.length - 1];
	}
}
