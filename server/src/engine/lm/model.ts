import { type ModelHeader, ModelFileError, readModelFile, type TypedArray } from './format';
import { lookup } from './pack';
import { unk } from './tokens';

// The language model as loaded: views of one (shared) buffer, nothing parsed but the
// header. log10 p(w | the three tokens before it) in the ARPA reading: the longest kept
// n-gram ending at w, plus the backoff weights of the longer contexts that are kept.

interface Table {
	buckets: Uint32Array;
	fingerprints: Uint16Array;
	prob: Uint8Array;
	probBook: Float32Array;
	backoff?: Uint8Array;
	backoffBook?: Float32Array;
}

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
	/** Index n-2 holds order n. */
	private readonly tables: Table[] = [];
	private readonly bmp = new Uint16Array(65536);
	private readonly astral = new Map<number, number>();
	readonly candidateStart: Uint32Array;
	readonly candidateIds: Uint16Array;
	readonly candidateKinds: Uint8Array;
	/** Bytes of the buffer the views read. */
	readonly bytes: number;

	constructor(buffer: ArrayBuffer | SharedArrayBuffer, byteLength = buffer.byteLength) {
		const { header, arrays } = readModelFile(buffer, byteLength);
		if (header.type !== 'model') throw new ModelFileError('这是本地增补文件，不是语言模型');
		this.header = header;
		this.bytes = byteLength;
		const need = <T extends TypedArray>(name: string): T => {
			const a = arrays.get(name);
			if (!a) throw new ModelFileError(`模型文件缺少“${name}”段`);
			return a as T;
		};
		this.order = Number(header.info.order);
		this.vocab = need<Uint32Array>('vocab');
		this.vocabSize = this.vocab.length;
		this.unigram = need<Float32Array>('unigram');
		this.unigramBackoff = need<Float32Array>('unigramBackoff');
		this.unigramCount = need<Uint32Array>('unigramCount');
		for (let n = 2; n <= this.order; n++) {
			this.tables.push({
				buckets: need(`o${n}.buckets`),
				fingerprints: need(`o${n}.fingerprints`),
				prob: need(`o${n}.prob`),
				probBook: need(`o${n}.probBook`),
				backoff: n < this.order ? need<Uint8Array>(`o${n}.backoff`) : undefined,
				backoffBook: n < this.order ? need<Float32Array>(`o${n}.backoffBook`) : undefined,
			});
		}
		this.candidateStart = need('candidates.start');
		this.candidateIds = need('candidates.ids');
		this.candidateKinds = need('candidates.kinds');
		for (let id = 0; id < this.vocabSize; id++) {
			const c = this.vocab[id];
			if (id < 3) continue;
			if (c < 65536) this.bmp[c] = id;
			else this.astral.set(c, id);
		}
	}

	/** The id of a token (see tokenOf); <unk> for a character the model never saw. */
	readonly idOf = (token: number): number => (token < 65536 ? this.bmp[token] : (this.astral.get(token) ?? unk));

	/**
	 * The backoff weights of the contexts ending before position i, longest first, as
	 * logProb would add them: out[n] for the context of order n+1 (out[1] for one token
	 * before i, …); NaN where that context is not kept (nor any longer one). For scoring
	 * many candidates in the same place: the contexts do not change.
	 */
	contextBackoffs(ids: ArrayLike<number>, i: number, out: Float64Array): void {
		out.fill(Number.NaN);
		for (let n = 2; n <= this.order && i - n + 1 >= 0; n++) {
			const start = i - n + 1;
			if (n === 2) {
				out[1] = this.unigramBackoff[ids[start]];
				continue;
			}
			const t = this.tables[n - 3];
			const c = lookup(t.buckets, t.fingerprints, ids, start, i);
			if (c < 0) break;
			out[n - 1] = t.backoffBook![t.backoff![c]];
		}
	}

	/** logProb(ids, i) with the context backoffs already known (see contextBackoffs). */
	logProbWith(ids: ArrayLike<number>, i: number, backoffs: Float64Array): number {
		let result = this.unigram[ids[i]];
		let backoff = 0;
		const tables = this.tables;
		for (let n = 2; n <= this.order && i - n + 1 >= 0; n++) {
			const contextBackoff = backoffs[n - 1];
			if (contextBackoff !== contextBackoff) break;
			const t = tables[n - 2];
			const g = lookup(t.buckets, t.fingerprints, ids, i - n + 1, i + 1);
			if (g >= 0) {
				result = t.probBook[t.prob[g]];
				backoff = 0;
			} else {
				backoff += contextBackoff;
			}
		}
		return result + backoff;
	}

	/** True when the bigram ids[i], ids[i+1] is in the model (seen in the corpus). */
	hasBigram(ids: ArrayLike<number>, i: number): boolean {
		const t = this.tables[0];
		return lookup(t.buckets, t.fingerprints, ids, i, i + 2) >= 0;
	}

	/** log10 p(ids[i] | ids[from … i-1]), with at most order-1 tokens of context. */
	logProb(ids: ArrayLike<number>, i: number, from = 0): number {
		let result = this.unigram[ids[i]];
		let backoff = 0;
		const tables = this.tables;
		for (let n = 2; n <= this.order && i - n + 1 >= from; n++) {
			const start = i - n + 1;
			let contextBackoff: number;
			if (n === 2) {
				contextBackoff = this.unigramBackoff[ids[start]];
			} else {
				const t = tables[n - 3];
				const c = lookup(t.buckets, t.fingerprints, ids, start, i);
				if (c < 0) break;
				contextBackoff = t.backoffBook![t.backoff![c]];
			}
			const t = tables[n - 2];
			const g = lookup(t.buckets, t.fingerprints, ids, start, i + 1);
			if (g >= 0) {
				result = t.probBook[t.prob[g]];
				backoff = 0;
			} else {
				backoff += contextBackoff;
			}
		}
		return result + backoff;
	}
}
