import { candidateKind, type LanguageModel } from './model';
import { bos, eos, firstChar, isHan, tokenize, unk } from './tokens';

// Where a character is unlikely in its context while a confusable one is likely. For each
// Han character, the log10 probability of the n-grams that cover it (the character itself
// given the three before it, and the three after it given it) is compared with the same
// sum after putting each candidate in its place. A cheap first pass keeps only positions
// whose own character scores low in its context; in clean copy those are few.

export interface DetectorParams {
	/** A candidate must beat the original by this many log10 units (after penalties) to be reported. */
	threshold: number;
	/** Positions whose covering n-grams sum above this (log10) are not examined. */
	suspicion: number;
	/** … nor those where the character and the next one, each given what comes before, sum above this. */
	pairSuspicion: number;
	/** Penalty (log10 units) per candidate kind; a candidate of several kinds takes the smallest. */
	penalty: { tone: number; syllable: number; fuzzy: number; shape: number; list: number };
	/** At most this many candidates per character, the most frequent first. */
	maxCandidates: number;
	/** Weight of the unigram prior: replacing a rare character by a frequent one costs prior × log10(ratio). */
	prior: number;
}

export const defaultParams: DetectorParams = {
	threshold: 3,
	suspicion: -8,
	pairSuspicion: -5,
	maxCandidates: 1000,
	penalty: { tone: 0, syllable: 0, fuzzy: 1, shape: 1.5, list: 0 },
	prior: 1,
};

export interface Suspect {
	/** UTF-16 offsets of the character in the text. */
	start: number;
	end: number;
	original: string;
	replacement: string;
	/** How far the best candidate beats the original, after penalties (log10 units). */
	margin: number;
	kind: number;
}

function penaltyOf(kind: number, p: DetectorParams['penalty']): number {
	let best = Infinity;
	if (kind & candidateKind.list) best = Math.min(best, p.list);
	if (kind & candidateKind.tone) best = Math.min(best, p.tone);
	if (kind & candidateKind.syllable) best = Math.min(best, p.syllable);
	if (kind & candidateKind.shape) best = Math.min(best, p.shape);
	if (kind & candidateKind.fuzzy) best = Math.min(best, p.fuzzy);
	return best;
}

/** Counters for the benchmark and the tests: how much work the first pass saved. */
export const detectorStats = { positions: 0, examined: 0, candidates: 0 };

/**
 * Suspects in a text whose best candidate beats the original by more than `floor` (by
 * default the threshold). `skip(start, end)` leaves positions alone (quotations, names).
 */
export function findSuspects(
	model: LanguageModel,
	text: string,
	params: DetectorParams = defaultParams,
	floor = params.threshold,
	skip?: (start: number, end: number) => boolean,
	/** True when the newsroom's own text attests the token at j in its context (see Overlay). */
	attested?: (seq: Uint16Array, j: number, length: number) => boolean,
): Suspect[] {
	const { ids: tokens, offsets, length } = tokenize(text, model.idOf);
	const n = length + 2;
	const seq = new Uint16Array(n);
	seq[0] = bos;
	seq.set(tokens.subarray(0, length), 1);
	seq[n - 1] = eos;
	const order = model.order;
	const lp = new Float64Array(n);
	for (let j = 1; j < n; j++) lp[j] = model.logProb(seq, j);
	const out: Suspect[] = [];
	const backoffs = new Float64Array(order);
	detectorStats.positions += length;
	for (let j = 1; j <= length; j++) {
		const id = seq[j];
		if (id < firstChar) continue;
		const code = model.vocab[id];
		if (!isHan(code)) continue;
		const last = Math.min(n - 1, j + order - 1);
		let local = 0;
		for (let k = j; k <= last; k++) local += lp[k];
		if (local > params.suspicion || lp[j] + lp[j + 1] > params.pairSuspicion) continue;
		const from = model.candidateStart[id];
		// Candidates are stored by id, and ids by frequency: the first are the most frequent.
		const to = Math.min(model.candidateStart[id + 1], from + params.maxCandidates);
		if (from === to) continue;
		const start = offsets[j - 1];
		const end = start + (code > 0xffff ? 2 : 1);
		if (skip?.(start, end)) continue;
		if (attested?.(seq, j, n)) continue;
		detectorStats.examined++;
		// Only candidates above the floor matter: a candidate's score only falls as the
		// n-grams after it are added, so it is dropped as soon as it falls to the floor.
		let best = floor;
		let bestId = unk;
		let bestKind = 0;
		const prior = model.unigram[id];
		// The character's own n-grams share their contexts: looked up once for all candidates.
		model.contextBackoffs(seq, j, backoffs);
		for (let c = from; c < to; c++) {
			const cand = model.candidateIds[c];
			seq[j] = cand;
			// A candidate that forms no seen pair with either neighbour cannot read better.
			if (!model.hasBigram(seq, j - 1) && !model.hasBigram(seq, j)) continue;
			const kind = model.candidateKinds[c];
			const cost = penaltyOf(kind, params.penalty) + params.prior * Math.max(0, model.unigram[cand] - prior);
			let score = -cost - local + model.logProbWith(seq, j, backoffs);
			for (let k = j + 1; k <= last && score > best; k++) score += model.logProb(seq, k);
			detectorStats.candidates++;
			if (score > best) {
				best = score;
				bestId = cand;
				bestKind = kind;
			}
		}
		seq[j] = id;
		if (best > floor && bestId !== unk) {
			out.push({ start, end, original: text.slice(start, end), replacement: String.fromCodePoint(model.vocab[bestId]), margin: best, kind: bestKind });
		}
	}
	return out;
}
