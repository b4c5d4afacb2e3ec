import { locateSegmenterFiles, loadWasmJieba, missingMessage, segmenterFilesIn } from './jieba/runtime';
import type { WasmJieba } from './jieba/wasmJieba';
import type { Word } from './types';

// Word segmentation and parts of speech through nodejieba's segmenter compiled to
// WebAssembly (engine/jieba/), loaded lazily: rules that do not need word boundaries never
// wait for the dictionary. Words come with UTF-16 offsets into the text they were cut from.

export type { Word } from './types';

/**
 * Where jieba's cutting restarts: right after a ， or 。 (it splits its input at those marks
 * itself), so a clause cut alone yields the same words as inside its paragraph. Ends of
 * clauses, the last one ending the text.
 */
export function clauseEnds(text: string): number[] {
	const ends: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0xff0c || c === 0x3002) ends.push(i + 1);
	}
	if (!ends.length || ends[ends.length - 1] !== text.length) ends.push(text.length);
	return ends;
}

/**
 * Words of one paragraph, cut clause by clause on demand: a rule asking whether 截止 is a
 * word pays for its clause only, and a paragraph whose words nobody asks for is never cut.
 */
export class WordIndex {
	private readonly ends: number[];
	/** Words per clause, once cut. */
	private readonly clauses: (Word[] | undefined)[];
	private all: Word[] | undefined;

	constructor(
		private readonly text: string,
		private readonly cutClauses: (text: string, from: number, to: number) => Word[][],
	) {
		this.ends = clauseEnds(text);
		this.clauses = new Array(this.ends.length);
	}

	/** Every word of the paragraph in order. */
	get words(): Word[] {
		if (!this.all) {
			this.all = this.wordsIn(0, this.text.length);
		}
		return this.all;
	}

	/** Index of the clause holding the character at offset. */
	private clauseOf(offset: number): number {
		let lo = 0;
		let hi = this.ends.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.ends[mid] <= offset) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private ensure(first: number, last: number): void {
		for (let i = first; i <= last; i++) {
			if (this.clauses[i]) continue;
			// Cut the run of clauses not cut yet in one call.
			let j = i;
			while (j < last && !this.clauses[j + 1]) j++;
			const cut = this.cutClauses(this.text, i === 0 ? 0 : this.ends[i - 1], this.ends[j]);
			for (let k = i; k <= j; k++) this.clauses[k] = cut[k - i];
			i = j;
		}
	}

	/** Words of the clauses overlapping [start, end), with paragraph offsets. */
	wordsIn(start: number, end: number): Word[] {
		if (!this.text.length) return [];
		const first = this.clauseOf(start);
		const last = this.clauseOf(Math.max(start, end - 1));
		this.ensure(first, last);
		const out: Word[] = [];
		for (let i = first; i <= last; i++) {
			for (const w of this.clauses[i]!) out.push(w);
		}
		return out;
	}

	isBoundary(offset: number): boolean {
		if (offset <= 0 || offset >= this.text.length) {
			return offset === 0 || offset === this.text.length;
		}
		const clause = this.clauseOf(offset);
		// A clause starts on a boundary: the ， or 。 before it is a word of its own.
		if (clause > 0 && this.ends[clause - 1] === offset) return true;
		return this.wordsIn(offset, offset + 1).some((w) => w.start === offset);
	}

	/** True when [start, end) starts and ends on word boundaries. */
	spansWords(start: number, end: number): boolean {
		return this.isBoundary(start) && this.isBoundary(end);
	}

	wordAt(offset: number): Word | undefined {
		return this.wordsIn(offset, offset + 1).find((w) => w.start <= offset && offset < w.end);
	}
}

export class Segmenter {
	private jieba: WasmJieba | undefined;
	private failure: Error | undefined;
	private readonly pending = new Set<string>();
	private readonly known = new Set<string>();
	private readonly added = new WeakMap<object, number>();
	/** Words of clauses cut before, offsets from the clause start. */
	private readonly cache = new Map<string, Word[]>();
	loadMs = 0;
	/** Bumped whenever added words may change how a text is cut (results keyed by text use it). */
	generation = 0;

	/** `dir`: a folder holding jieba.wasm and dict/ (by default dist/ beside the bundle). */
	constructor(private readonly dir?: string) {}

	get loaded(): boolean {
		return this.jieba !== undefined;
	}

	get error(): Error | undefined {
		return this.failure;
	}

	/** Adds house terms so that they stay whole (十九届六中全会, 新的社会阶层人士). */
	addWords(words: ReadonlySet<string> | readonly string[]): void {
		// The same collection at the same size again (a rule set's words, draft after draft):
		// sets and word lists only grow, so there is nothing new in it.
		const size = 'size' in words ? words.size : words.length;
		if (size === 0 || this.added.get(words) === size) {
			return;
		}
		this.added.set(words, size);
		let added = false;
		for (const w of words) {
			if (this.known.has(w)) {
				continue;
			}
			this.known.add(w);
			added = true;
			if (this.jieba) {
				this.jieba.insertWord(w, 'nz');
			} else {
				this.pending.add(w);
			}
		}
		if (added) {
			this.cache.clear();
			this.generation++;
		}
	}

	/** Loads the dictionary now; returns false (and keeps the reason) when it cannot. */
	load(): boolean {
		if (this.jieba || this.failure) {
			return this.jieba !== undefined;
		}
		const started = Date.now();
		try {
			const files = this.dir ? segmenterFilesIn(this.dir) : locateSegmenterFiles();
			if (!files) {
				throw new Error(missingMessage);
			}
			const jieba = loadWasmJieba(files);
			for (const w of this.pending) {
				jieba.insertWord(w, 'nz');
			}
			this.pending.clear();
			this.jieba = jieba;
		} catch (err) {
			this.failure = err instanceof Error ? err : new Error(String(err));
		}
		this.loadMs = Date.now() - started;
		return this.jieba !== undefined;
	}

	/** Forgets the words of every text seen so far (the benchmark times passes from cold). */
	clearCache(): void {
		this.cache.clear();
	}

	/** Words of a text with UTF-16 offsets, or undefined when segmentation is unavailable. */
	words(text: string): WordIndex | undefined {
		if (!this.load()) {
			return undefined;
		}
		return new WordIndex(text, this.cutClauses);
	}

	/**
	 * Words of text[from, to), grouped by clause (see clauseEnds), with offsets in text.
	 * Clauses seen before come from the cache; the others are cut in as few calls as possible.
	 */
	private readonly cutClauses = (text: string, from: number, to: number): Word[][] => {
		const ends = clauseEnds(text.slice(from, to)).map((e) => e + from);
		const out: Word[][] = new Array(ends.length);
		const startOf = (slot: number) => (slot === 0 ? from : ends[slot - 1]);
		const shift = (words: Word[], by: number) => words.map((w) => ({ ...w, start: w.start + by, end: w.end + by }));
		// Slots of consecutive clauses not in the cache, cut together.
		let run: number[] = [];
		const cutRun = () => {
			if (!run.length) return;
			const spanFrom = startOf(run[0]);
			const span = text.slice(spanFrom, ends[run[run.length - 1]]);
			const words = this.tagSpan(span);
			let w = 0;
			for (const slot of run) {
				const cFrom = startOf(slot) - spanFrom;
				const cTo = ends[slot] - spanFrom;
				const mine: Word[] = [];
				for (; w < words.length && words[w].start < cTo; w++) {
					if (words[w].start >= cFrom) mine.push(words[w]);
				}
				this.remember(span.slice(cFrom, cTo), shift(mine, -cFrom));
				out[slot] = shift(mine, spanFrom);
			}
			run = [];
		};
		for (let slot = 0; slot < ends.length; slot++) {
			const known = this.cache.get(text.slice(startOf(slot), ends[slot]));
			if (known) {
				cutRun();
				out[slot] = shift(known, startOf(slot));
			} else {
				run.push(slot);
			}
		}
		cutRun();
		return out;
	};

	/**
	 * Words of a span, in pieces jieba tags at their natural speed. A span with a lone
	 * surrogate goes the long way, as jieba's words through align, which drops the altered ones.
	 */
	private tagSpan(span: string): Word[] {
		const jieba = this.jieba!;
		const parts = pieces(span);
		const fast: Word[] = [];
		let offset = 0;
		try {
			for (const part of parts) {
				const words = jieba.words(part);
				if (!words) {
					return align(
						span,
						parts.flatMap((p) => jieba.tag(p)),
					);
				}
				for (const w of words) fast.push(offset ? { ...w, start: w.start + offset, end: w.end + offset } : w);
				offset += part.length;
			}
		} catch (err) {
			// The module stopped mid-call (out of memory): its state is not to be trusted again.
			this.jieba = undefined;
			this.failure = new Error(`分词组件运行出错：${(err as Error).message}`);
			throw err;
		}
		return fast;
	}

	private remember(clause: string, words: Word[]): void {
		if (this.cache.size > 20000) {
			this.cache.clear();
		}
		this.cache.set(clause, words);
	}
}

/**
 * Longest text handed to jieba in one call. Its tagger slows down on very long inputs: one
 * OCR block of 330,000 characters took 1.7 to 5 times as long in one call as in pieces.
 */
const maxPiece = 10000;

/**
 * Cuts a long text for jieba right after a ， or 。: jieba splits its input at those marks
 * itself, so the words come out the same as for the whole text. A run of maxPiece characters
 * without either (tables, lists) is cut after its last space, or at maxPiece.
 */
export function pieces(text: string): string[] {
	if (text.length <= maxPiece) {
		return [text];
	}
	const out: string[] = [];
	let start = 0;
	while (text.length - start > maxPiece) {
		let cut = -1;
		for (let i = start + maxPiece - 1; i > start; i--) {
			const c = text.charCodeAt(i);
			if (c === 0xff0c || c === 0x3002) {
				cut = i + 1;
				break;
			}
		}
		if (cut < 0) {
			const space = text.lastIndexOf(' ', start + maxPiece - 1);
			cut = space > start ? space + 1 : start + maxPiece;
			// Never split a surrogate pair.
			if (/[\udc00-\udfff]/.test(text[cut])) cut--;
		}
		out.push(text.slice(start, cut));
		start = cut;
	}
	out.push(text.slice(start));
	return out;
}

/** Lays jieba's words onto the text; a word jieba altered or dropped is skipped, not guessed. */
export function align(text: string, tagged: { word: string; tag: string }[]): Word[] {
	const words: Word[] = [];
	let offset = 0;
	for (const { word, tag } of tagged) {
		if (text.startsWith(word, offset)) {
			words.push({ start: offset, end: offset + word.length, word, tag });
			offset += word.length;
			continue;
		}
		const found = text.indexOf(word, offset);
		if (found < 0) {
			continue;
		}
		words.push({ start: found, end: found + word.length, word, tag });
		offset = found + word.length;
	}
	return words;
}
