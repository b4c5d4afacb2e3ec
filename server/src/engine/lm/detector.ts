import { candidateKind, type LanguageModel, Trace } from './model';
import { bos, eos, firstChar, isHan, tokenize } from './tokens';

// Where a character is unlikely in its context while a confusable one is likely. For each
// Han character, the log10 probability of the n-grams that cover it (the character itself
// given the three before it, and the three after it given it) is compared with the same
// sum after putting each candidate in its place. A cheap first pass keeps only positions
// whose own character scores low in its context; in clean copy those are few. A
// third-person pronoun is never put in another's place: the model would choose by whom the
// news usually speaks of, not by whom this sentence does.

export interface DetectorParams {
	/** A candidate must beat the original by this many log10 units (after penalties) to be reported. */
	threshold: number;
	/** Positions whose covering n-grams sum above this (log10) are not examined. */
	suspicion: number;
	/** … nor those where the character and the next one, each given what comes before, sum above this. */
	pairSuspicion: number;
	/** Penalty (log10 units) per candidate kind; a candidate of several kinds takes the smallest. */
	penalty: { tone: number; syllable: number; fuzzy: number; shape: number; list: number };
	/** Weight of the unigram prior: replacing a rare character by a frequent one costs prior × log10(ratio). */
	prior: number;
	/** Taken off a candidate's cost when it turns the segmenter's word (two to four characters) into a dictionary word. */
	wordBonus: number;
	/**
	 * Weight of the word prior: where the segmenter's word and the word the candidate makes
	 * are both dictionary words, each power of ten by which the candidate's word is the more
	 * frequent, past `wordPriorFree`, costs this much (the model prefers 时代 to 世代 and 实际
	 * to 实绩 by taste, not because the writer slipped).
	 */
	wordPrior: number;
	/** Powers of ten of word frequency the candidate's word may gain before the word prior costs anything. */
	wordPriorFree: number;
}

export const defaultParams: DetectorParams = {
	threshold: 3,
	suspicion: -8,
	pairSuspicion: -5,
	penalty: { tone: 0, syllable: 0, fuzzy: 1, shape: 1.5, list: 0 },
	prior: 1,
	wordBonus: 1,
	wordPrior: 1,
	wordPriorFree: 1,
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

/** What the caller knows about the text around a position (see lm-typo). */
export interface PositionContext {
	/**
	 * True when a position is left alone for what is cheap to see (a numeral, a quotation):
	 * asked first, for every position the first pass keeps.
	 */
	quiet?(start: number): boolean;
	/**
	 * Cost (at least 0) taken off every candidate's margin at a UTF-16 offset; Infinity leaves
	 * the position alone. Asked only where a candidate could win at no cost, since it may
	 * need the segmenter's words.
	 */
	cost(start: number): number;
	/** The segmenter's word around the offset last given to cost, when it has one. */
	word?(): { start: number; end: number } | undefined;
	/** True when the newsroom's own text attests the token at j in its context (see Overlay). */
	attested?(seq: Uint16Array, j: number, length: number): boolean;
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

/** Penalty of each combination of kind bits (penaltyOf), per penalty setting: one read per candidate. */
const penaltyTables = new WeakMap<DetectorParams['penalty'], Float64Array>();

function penaltyTable(p: DetectorParams['penalty']): Float64Array {
	let table = penaltyTables.get(p);
	if (!table) {
		table = new Float64Array(256);
		for (let kind = 0; kind < 256; kind++) table[kind] = penaltyOf(kind, p);
		penaltyTables.set(p, table);
	}
	return table;
}

/**
 * What candidate c of the candidate table costs by itself: the penalty of its kind (from
 * `penalties`, penaltyTable of the params), and the unigram prior against the original (log10
 * probability `prior`). The bound pass and the exact pass both charge it, so that the bound
 * stays a bound.
 */
function candidateCost(model: LanguageModel, c: number, prior: number, penalties: Float64Array, params: DetectorParams): number {
	return penalties[model.candidateKinds[c]] + params.prior * Math.max(0, model.unigram[model.candidateIds[c]] - prior);
}

/** Counters for the benchmark and the tests: how much work the first pass saved. */
export const detectorStats = { positions: 0, examined: 0, candidates: 0 };

const trace = new Trace();
let seq = new Uint16Array(256);
/** Scratch of anyCandidateBeats: the candidates left to score, and their own costs. */
let chance = new Uint16Array(64);
let chanceCost = new Float64Array(64);

/**
 * Whether any candidate at token j (seq holds the sentence, the trace its probabilities)
 * could beat `floor` at no cost for the position, each granted the dictionary bonus
 * (`bonus`) and charged no word prior: a bound on every margin the exact pass can find.
 * A function of its own, so that the exact pass's rarer code does not share its optimised
 * code (V8 would throw both away each time the other's paths first run).
 */
function anyCandidateBeats(
	model: LanguageModel,
	j: number,
	last: number,
	local: number,
	tail: number,
	params: DetectorParams,
	floor: number,
	bonus: number,
): boolean {
	const id = seq[j];
	const prior = model.unigram[id];
	const penalties = penaltyTable(params.penalty);
	const most = model.candidateStart[id + 1] - model.candidateStart[id];
	if (chance.length < most) {
		chance = new Uint16Array(most);
		chanceCost = new Float64Array(most);
	}
	// The candidates their own cost leaves, with that cost; then those the bigram filter's
	// bound leaves, after the filter's blocks for them are read all at once.
	let count = 0;
	const pronoun = model.pronoun[id] === 1;
	for (let c = model.candidateStart[id], to = model.candidateStart[id + 1]; c < to; c++) {
		const cand = model.candidateIds[c];
		if (pronoun && model.pronoun[cand] === 1) continue;
		const cost = candidateCost(model, c, prior, penalties, params) - bonus;
		if (tail - local - cost <= floor) continue;
		chance[count] = cand;
		chanceCost[count++] = cost;
	}
	model.readPairsAhead(seq, j, last, chance, count);
	let left = 0;
	for (let i = 0; i < count; i++) {
		const cost = chanceCost[i];
		seq[j] = chance[i];
		if (!model.boundAt(seq, j, last, trace, floor + local + cost - tail)) continue;
		chance[left] = chance[i];
		chanceCost[left++] = cost;
	}
	seq[j] = id;
	count = left;
	// Their first reads all at once, then each scored.
	model.readAhead(seq, j, last, chance, count);
	let won = false;
	for (let i = 0; i < count; i++) {
		const cost = chanceCost[i];
		seq[j] = chance[i];
		detectorStats.candidates++;
		if (model.scoreAt(seq, j, last, trace, floor + local + cost, tail) - local - cost > floor) {
			won = true;
			break;
		}
	}
	seq[j] = id;
	return won;
}

/**
 * The best candidate at token j whose margin beats `floor`, after the position's cost and
 * each candidate's own. With a word's token range (`word`), the dictionary bonus is granted
 * when the candidate makes that word a dictionary word, and the word prior is charged when
 * the word was one already. Returns the candidate's index in the candidate table, or -1.
 */
function bestCandidate(
	model: LanguageModel,
	j: number,
	last: number,
	local: number,
	tail: number,
	positionCost: number,
	params: DetectorParams,
	floor: number,
	wordFrom: number,
	wordTo: number,
	result: { margin: number },
): number {
	const id = seq[j];
	const prior = model.unigram[id];
	const penalties = penaltyTable(params.penalty);
	const inWord = wordTo - wordFrom >= 2;
	const wordBonus = inWord ? params.wordBonus : 0;
	// The original word's frequency, for the word prior (-1: not a dictionary word).
	const originalFrequency = inWord && params.wordPrior > 0 ? model.wordFrequency(seq, wordFrom, wordTo) : -1;
	let best = floor;
	let bestAt = -1;
	const pronoun = model.pronoun[id] === 1;
	for (let c = model.candidateStart[id], to = model.candidateStart[id + 1]; c < to; c++) {
		const cand = model.candidateIds[c];
		if (pronoun && model.pronoun[cand] === 1) continue;
		// The cost with the dictionary bonus, if the candidate earns it (checked only for a winner).
		const cost = positionCost + candidateCost(model, c, prior, penalties, params) - wordBonus;
		if (tail - local - cost <= best) continue;
		seq[j] = cand;
		if (!model.boundAt(seq, j, last, trace, best + local + cost - tail)) continue;
		detectorStats.candidates++;
		// margin = terms - local - cost must exceed best: the terms must exceed best + local + cost.
		const terms = model.scoreAt(seq, j, last, trace, best + local + cost, tail);
		let margin = terms - local - cost;
		if (margin > best && inWord) {
			const frequency = model.wordFrequency(seq, wordFrom, wordTo);
			if (frequency < 0) margin -= wordBonus;
			else if (originalFrequency >= 0) margin -= params.wordPrior * Math.max(0, frequency - originalFrequency - params.wordPriorFree);
		}
		if (margin > best) {
			best = margin;
			bestAt = c;
		}
	}
	seq[j] = id;
	result.margin = best;
	return bestAt;
}

const found = { margin: 0 };

/**
 * The exact pass at token j, where the bound found a candidate that might win: the
 * position's cost (and the segmenter's word) from the context, then the best candidate with
 * every cost. Its own function because it runs at few positions: its paths' first runs do
 * not throw away the optimised code of the loop over every position.
 */
function examine(
	model: LanguageModel,
	text: string,
	offsets: Uint32Array,
	length: number,
	j: number,
	last: number,
	local: number,
	tail: number,
	params: DetectorParams,
	floor: number,
	context: PositionContext | undefined,
): Suspect | undefined {
	const start = offsets[j - 1];
	const positionCost = context ? context.cost(start) : 0;
	if (tail - local - positionCost <= floor) return undefined;
	// The token range of the word around the character, for the dictionary bonus and the word prior.
	let wordFrom = j;
	let wordTo = j + 1;
	const word = context?.word?.();
	if (word && word.end - word.start >= 2) {
		while (wordFrom > 1 && offsets[wordFrom - 2] >= word.start) wordFrom--;
		while (wordTo <= length && offsets[wordTo - 1] < word.end) wordTo++;
	}
	if (wordTo - wordFrom > 4) {
		wordFrom = j;
		wordTo = j + 1;
	}
	const at = bestCandidate(model, j, last, local, tail, positionCost, params, floor, wordFrom, wordTo, found);
	if (at < 0) return undefined;
	const end = start + (model.vocab[seq[j]] > 0xffff ? 2 : 1);
	const replacement = String.fromCodePoint(model.vocab[model.candidateIds[at]]);
	return { start, end, original: text.slice(start, end), replacement, margin: found.margin, kind: model.candidateKinds[at] };
}

/**
 * Suspects in a text whose best candidate beats the original by more than `floor` (by
 * default the threshold), after the position's cost from `context`.
 */
export function findSuspects(
	model: LanguageModel,
	text: string,
	params: DetectorParams = defaultParams,
	floor = params.threshold,
	context?: PositionContext,
): Suspect[] {
	const { ids: tokens, offsets, length } = tokenize(text, model.idOf);
	const n = length + 2;
	if (seq.length < n) seq = new Uint16Array(Math.max(n, seq.length * 2));
	seq[0] = bos;
	seq.set(tokens.subarray(0, length), 1);
	seq[n - 1] = eos;
	const order = model.order;
	model.trace(seq, n, trace);
	const lp = trace.prob;
	const out: Suspect[] = [];
	detectorStats.positions += length;
	// Whether the caller knows the words: the dictionary bonus and the word prior need them.
	const words = context?.word !== undefined;
	for (let j = 1; j <= length; j++) {
		const id = seq[j];
		if (id < firstChar) continue;
		const code = model.vocab[id];
		if (!isHan(code)) continue;
		const last = Math.min(n - 1, j + order - 1);
		let local = 0;
		for (let k = j; k <= last; k++) local += lp[k];
		if (local > params.suspicion || lp[j] + lp[j + 1] > params.pairSuspicion) continue;
		if (model.candidateStart[id] === model.candidateStart[id + 1]) continue;
		// The most any candidate can gain is -local (every term at most 0).
		if (-local <= floor) continue;
		const start = offsets[j - 1];
		if (context?.quiet?.(start)) continue;
		if (context?.attested?.(seq, j, n)) continue;
		detectorStats.examined++;
		// First at no cost for the position and with the bonus granted to every candidate: a
		// bound on every margin. Only where a candidate beats the floor so is the position's
		// cost asked for (the segmenter cuts the clause then) and the margins computed again.
		// At most what the terms past j+1 can add to any candidate's score: counted instead of 0
		// by the bound, the cost checks and scoring (see LanguageModel.tailBound).
		const tail = model.tailBound(j, last, trace);
		if (context && !anyCandidateBeats(model, j, last, local, tail, params, floor, words ? params.wordBonus : 0)) continue;
		const suspect = examine(model, text, offsets, length, j, last, local, tail, params, floor, context);
		if (suspect) out.push(suspect);
	}
	return out;
}
