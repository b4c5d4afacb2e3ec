import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Word segmentation and parts of speech through nodejieba, loaded lazily: rules that do
// not need word boundaries never wait for the dictionary. jieba returns words, not
// offsets, so offsets are rebuilt by adding up word lengths in UTF-16 units.

interface Jieba {
	load(dict: string, hmm: string, user: string, idf: string, stop: string): unknown;
	cut(text: string, hmm: boolean): string[];
	tag(text: string): { word: string; tag: string }[];
	insertWord(word: string, tag?: string): boolean;
}

export interface Word {
	start: number;
	end: number;
	word: string;
	tag?: string;
}

export class WordIndex {
	/** 1 at every offset where a word starts or ends: one byte per character, no hashing. */
	private readonly boundaries: Uint8Array;

	constructor(readonly words: Word[]) {
		let size = 0;
		for (const w of words) size = Math.max(size, w.end + 1);
		this.boundaries = new Uint8Array(size);
		for (const w of words) {
			this.boundaries[w.start] = 1;
			this.boundaries[w.end] = 1;
		}
	}

	isBoundary(offset: number): boolean {
		return this.boundaries[offset] === 1;
	}

	/** True when [start, end) starts and ends on word boundaries. */
	spansWords(start: number, end: number): boolean {
		return this.isBoundary(start) && this.isBoundary(end);
	}

	wordAt(offset: number): Word | undefined {
		let lo = 0;
		let hi = this.words.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const w = this.words[mid];
			if (offset < w.start) {
				hi = mid - 1;
			} else if (offset >= w.end) {
				lo = mid + 1;
			} else {
				return w;
			}
		}
		return undefined;
	}
}

/** Where the dictionary and the native binary live: dist/ beside the bundle. */
function locateRuntime(): { binary: string; dict: string } | undefined {
	// dist/ itself for the bundles, a parent of it for bundled tests (dist/test/...).
	const candidates: string[] = [];
	for (let dir = __dirname, i = 0; i < 4; i++, dir = join(dir, '..')) {
		candidates.push(dir, join(dir, 'dist'));
	}
	for (const dir of candidates) {
		const binary = join(dir, 'native', 'nodejieba.node');
		const dict = join(dir, 'dict');
		if (existsSync(binary) && existsSync(join(dict, 'jieba.dict.utf8'))) {
			return { binary, dict };
		}
	}
	return undefined;
}

export class Segmenter {
	private jieba: Jieba | undefined;
	private failure: Error | undefined;
	private readonly pending = new Set<string>();
	private readonly known = new Set<string>();
	private readonly cache = new Map<string, WordIndex>();
	loadMs = 0;
	/** Bumped whenever added words may change how a text is cut (results keyed by text use it). */
	generation = 0;

	get loaded(): boolean {
		return this.jieba !== undefined;
	}

	get error(): Error | undefined {
		return this.failure;
	}

	/** Adds house terms so that they stay whole (十九届六中全会, 新的社会阶层人士). */
	addWords(words: Iterable<string>): void {
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
			const runtime = locateRuntime();
			if (!runtime) {
				throw new Error('未找到分词组件（dist/native/nodejieba.node 与 dist/dict/），请先运行 npm run build');
			}
			// A plain require through a variable keeps esbuild from bundling the native module.
			const load = require;
			const jieba = load(runtime.binary) as Jieba;
			const d = runtime.dict;
			jieba.load(
				join(d, 'jieba.dict.utf8'),
				join(d, 'hmm_model.utf8'),
				join(d, 'user.dict.utf8'),
				join(d, 'idf.utf8'),
				join(d, 'stop_words.utf8'),
			);
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
		const cached = this.cache.get(text);
		if (cached) {
			return cached;
		}
		const parts = pieces(text);
		let tagged = this.jieba!.tag(parts[0]);
		for (let i = 1; i < parts.length; i++) {
			for (const w of this.jieba!.tag(parts[i])) tagged.push(w);
		}
		const index = new WordIndex(align(text, tagged));
		if (this.cache.size > 2000) {
			this.cache.clear();
		}
		this.cache.set(text, index);
		return index;
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
function align(text: string, tagged: { word: string; tag: string }[]): Word[] {
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

export const sharedSegmenter = new Segmenter();
