import type { Word } from '../types';
import { MemoryWasi } from './wasi';

// nodejieba's segmenter compiled to WebAssembly (server/wasm/jieba.cpp, built by
// scripts/buildJiebaWasm.mjs): the same cppjieba code nodejieba runs natively, driven through
// a handful of exported functions. Text goes in as UTF-8 in the module's memory; words come
// back as byte ranges and tag numbers, so that a clause costs no string per word on the way
// out, only the slices the caller keeps.

interface Exports {
	memory: WebAssembly.Memory;
	_initialize(): void;
	np_alloc(size: number): number;
	np_free(pointer: number): void;
	np_load(): number;
	np_insert_word(word: number, wordLength: number, tag: number, tagLength: number): number;
	np_tag(text: number, length: number): number;
	np_result(): number;
	np_tag_count(): number;
	np_tag_name(id: number): number;
	np_tag_name_length(id: number): number;
}

/** The files nodejieba's load() reads, by the names the module opens them under. */
export const dictionaryFiles = ['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8', 'idf.utf8', 'stop_words.utf8'] as const;

/** The module gave up while loading the dictionaries: the file it was reading and what it said. */
export class JiebaLoadError extends Error {
	constructor(
		readonly file: string | undefined,
		readonly output: string,
		cause: unknown,
	) {
		super(`${file ?? '初始化'}：${output.trim().split('\n').pop() || String(cause)}`, { cause });
	}
}

const encoder = new TextEncoder();
// Keeps a leading U+FEFF, as nodejieba's strings do.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** True when text has no lone surrogate (String.prototype.isWellFormed, Node 20 and every current browser). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

export class WasmJieba {
	/** A buffer in the module's memory that texts are written to, grown as needed. */
	private input = 0;
	private capacity = 0;
	private readonly tags: string[] = [];

	private constructor(private readonly exports: Exports) {}

	/**
	 * Instantiates `module` and loads the dictionaries from `files` (by the names in
	 * dictionaryFiles). Throws JiebaLoadError when the C++ stops on a file it cannot parse.
	 */
	static load(module: WebAssembly.Module, files: ReadonlyMap<string, Uint8Array>): WasmJieba {
		const wasi = new MemoryWasi('/dict', files);
		const instance = new WebAssembly.Instance(module, wasi.imports(module));
		const exports = instance.exports as unknown as Exports;
		wasi.attach(exports.memory);
		try {
			exports._initialize();
			exports.np_load();
		} catch (err) {
			throw new JiebaLoadError(wasi.lastOpened, wasi.output, err);
		}
		return new WasmJieba(exports);
	}

	/** Bytes of the module's memory (a fresh view: the memory grows). */
	private memory(): Uint8Array {
		return new Uint8Array(this.exports.memory.buffer);
	}

	/** Writes text as UTF-8 into the input buffer; returns its length in bytes. */
	private write(text: string): number {
		// At most three bytes per UTF-16 unit.
		const needed = text.length * 3 + 1;
		if (needed > this.capacity) {
			if (this.input) this.exports.np_free(this.input);
			this.capacity = Math.max(needed, 4096);
			this.input = this.exports.np_alloc(this.capacity);
		}
		return encoder.encodeInto(text, this.memory().subarray(this.input, this.input + this.capacity)).written;
	}

	private tagName(id: number): string {
		if (id >= this.tags.length) {
			const bytes = this.memory();
			for (let i = this.tags.length, n = this.exports.np_tag_count(); i < n; i++) {
				const at = this.exports.np_tag_name(i);
				this.tags.push(decoder.decode(bytes.subarray(at, at + this.exports.np_tag_name_length(i))));
			}
		}
		return this.tags[id];
	}

	/** Tags text; the ranges are [start, end, tag] per word, in bytes of its UTF-8. */
	private run(text: string): { bytes: number; ranges: Uint32Array } {
		const bytes = this.write(text);
		const count = this.exports.np_tag(this.input, bytes);
		return { bytes, ranges: new Uint32Array(this.exports.memory.buffer, this.exports.np_result(), count * 3) };
	}

	/** nodejieba's insertWord(word, tag). */
	insertWord(word: string, tag = 'x'): boolean {
		const w = encoder.encode(word);
		const t = encoder.encode(tag);
		const at = this.exports.np_alloc(w.length + t.length + 1);
		try {
			this.memory().set(w, at);
			this.memory().set(t, at + w.length);
			return this.exports.np_insert_word(at, w.length, at + w.length, t.length) === 1;
		} finally {
			this.exports.np_free(at);
		}
	}

	/** nodejieba's tag(text): the words as jieba returns them, lone surrogates as U+FFFD. */
	tag(text: string): { word: string; tag: string }[] {
		const { ranges } = this.run(text);
		const memory = this.memory();
		const out: { word: string; tag: string }[] = [];
		for (let i = 0; i < ranges.length; i += 3) {
			const bytes = memory.subarray(this.input + ranges[i], this.input + ranges[i + 1]);
			out.push({ word: decoder.decode(bytes), tag: this.tagName(ranges[i + 2]) });
		}
		return out;
	}

	/**
	 * The words of text with UTF-16 offsets, as align(text, tag(text)) places them; undefined
	 * for a text with a lone surrogate, whose words jieba returns altered (use tag and align).
	 */
	words(text: string): Word[] | undefined {
		if (!isWellFormed(text)) return undefined;
		const { ranges } = this.run(text);
		const words: Word[] = new Array(ranges.length / 3);
		// Byte offset and UTF-16 offset of the same place, walked forward word by word.
		let byte = 0;
		let unit = 0;
		const advance = (to: number) => {
			while (byte < to) {
				const c = text.charCodeAt(unit);
				if (c < 0x80) byte += 1;
				else if (c < 0x800) byte += 2;
				else if (c >= 0xd800 && c < 0xdc00) {
					// A pair (the text is well formed): four bytes, two units.
					byte += 4;
					unit++;
				} else byte += 3;
				unit++;
			}
		};
		for (let i = 0, k = 0; i < ranges.length; i += 3, k++) {
			advance(ranges[i]);
			const start = unit;
			advance(ranges[i + 1]);
			words[k] = { start, end: unit, word: text.slice(start, unit), tag: this.tagName(ranges[i + 2]) };
		}
		return words;
	}
}
