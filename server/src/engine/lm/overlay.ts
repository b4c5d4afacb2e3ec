import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileRefusal, maxOverlayBytes } from '../dataFile';
import { ModelFileError, readModelFile, type TypedArray, writeModelFile } from './format';
import { runs } from './kneserNey';
import { readShared } from './loader';
import type { LanguageModel } from './model';
import { bos, eos, tokenize } from './tokens';

// A newsroom's own text folded into the model as a local overlay (`newsproof lm add`,
// config `lmOverlay:`): the 3- and 4-grams its archive uses at least twice. Where the paper
// itself writes a character in the same context again and again (its district and street
// names, its people, its local terms), the model does not flag it.

/** N-grams seen fewer times in the archive are not kept: one use is no usage. */
export const overlayMinCount = 2;
const orders = [3, 4];

/** What identifies the model an overlay was counted for: its vocabulary decides the ids. */
export function vocabularyId(model: LanguageModel): string {
	return createHash('sha1')
		.update(new Uint8Array(model.vocab.buffer, model.vocab.byteOffset, model.vocab.byteLength))
		.digest('hex')
		.slice(0, 16);
}

export interface OverlayInfo {
	vocabulary: string;
	base: number;
	/** Folders the overlay was built from, so that the next `lm add` folds the new one in. */
	folders: string[];
	files: number;
	characters: number;
	kept: number[];
}

/**
 * One order's n-grams over sentences given one at a time, in memory bounded by the distinct
 * n-grams rather than by the text: occurrences are gathered into a chunk, which is sorted,
 * run-length counted and merged into the sorted distinct keys counted so far. A paper's
 * archive of many years is folded in without ever being held whole.
 */
export class NgramCounter {
	private readonly chunk: Float64Array;
	private filled = 0;
	/** The distinct keys so far, in order, in keys[0, size); the arrays may be longer. */
	private keys = new Float64Array(0);
	/** Counts saturate at 65535, as the overlay stores them. */
	private counts = new Uint16Array(0);
	private size = 0;

	constructor(
		readonly n: number,
		private readonly base: number,
		chunkSize = 1 << 22,
	) {
		this.chunk = new Float64Array(Math.max(chunkSize, n));
	}

	/** Counts the n-grams of ids[0, length), between <s> and </s> (as countOrder does). */
	add(ids: ArrayLike<number>, length: number): void {
		const { n, base, chunk } = this;
		const at = (p: number) => (p === 0 ? bos : p === length + 1 ? eos : ids[p - 1]);
		for (let p = 0; p + n <= length + 2; p++) {
			let key = 0;
			for (let j = 0; j < n; j++) key = key * base + at(p + j);
			if (this.filled === chunk.length) this.flush();
			chunk[this.filled++] = key;
		}
	}

	/** The distinct keys in order, with their counts (at most 65535). */
	result(): { keys: Float64Array; counts: Uint16Array } {
		this.flush();
		return { keys: this.keys.subarray(0, this.size), counts: this.counts.subarray(0, this.size) };
	}

	/** Drops what has been counted (the arrays go to the collector). */
	clear(): void {
		this.keys = new Float64Array(0);
		this.counts = new Uint16Array(0);
		this.size = 0;
		this.filled = 0;
	}

	private flush(): void {
		if (!this.filled) return;
		const fresh = runs(this.chunk.subarray(0, this.filled).sort());
		this.filled = 0;
		const b = fresh.keys;
		const bc = fresh.counts;
		// The fresh keys not counted yet: the merge needs room for these only.
		let added = b.length;
		for (let i = 0, j = 0; i < this.size && j < b.length;) {
			const x = this.keys[i];
			const y = b[j];
			if (x < y) i++;
			else if (y < x) j++;
			else {
				added--;
				i++;
				j++;
			}
		}
		// Grown by half again when short, so that the merge runs in place and the arrays are
		// copied only when they grow (an archive that repeats itself grows them no more).
		if (this.keys.length < this.size + added) {
			const room = Math.max(this.size + added, Math.floor(this.keys.length * 1.5));
			const keys = new Float64Array(room);
			const counts = new Uint16Array(room);
			keys.set(this.keys.subarray(0, this.size));
			counts.set(this.counts.subarray(0, this.size));
			this.keys = keys;
			this.counts = counts;
		}
		const { keys, counts } = this;
		// From the back, into [0, size + added): w - i is the number of new keys of b not yet
		// written, so the write position never overtakes an old key not yet read, and the old
		// keys left when b is done are already in place.
		let i = this.size - 1;
		let j = b.length - 1;
		let w = this.size + added - 1;
		while (j >= 0) {
			if (i >= 0 && keys[i] > b[j]) {
				keys[w] = keys[i];
				counts[w--] = counts[i--];
			} else if (i >= 0 && keys[i] === b[j]) {
				keys[w] = keys[i];
				counts[w--] = Math.min(65535, counts[i--] + bc[j--]);
			} else {
				keys[w] = b[j];
				counts[w--] = Math.min(65535, bc[j--]);
			}
		}
		this.size += added;
	}
}

/**
 * Counts a paper's texts, one at a time, against the model's vocabulary (`newsproof lm add`),
 * then writes the overlay file: the 3- and 4-grams seen at least overlayMinCount times.
 */
export class OverlayBuilder {
	private readonly base: number;
	private readonly counters: NgramCounter[];
	private characters = 0;

	constructor(
		private readonly model: LanguageModel,
		chunkSize?: number,
	) {
		this.base = Number(model.header.info.base);
		this.counters = orders.map((n) => new NgramCounter(n, this.base, chunkSize));
	}

	/** Folds one text in, line by line (a line is a sentence of the model). */
	add(text: string): void {
		for (const line of text.split('\n')) {
			const { ids, length } = tokenize(line, this.model.idOf);
			if (!length) continue;
			for (const counter of this.counters) counter.add(ids, length);
			this.characters += length;
		}
	}

	/** The overlay file's bytes, and the facts its header records. */
	finish(info: Omit<OverlayInfo, 'vocabulary' | 'base' | 'kept' | 'characters'>): { data: Buffer; info: OverlayInfo } {
		const arrays: [string, TypedArray][] = [];
		const kept: number[] = [];
		for (const counter of this.counters) {
			const { keys, counts } = counter.result();
			let picked = 0;
			for (let i = 0; i < keys.length; i++) if (counts[i] >= overlayMinCount) picked++;
			// Keys are below 2^52, stored exactly as two 32-bit halves.
			const high = new Uint32Array(picked);
			const low = new Uint32Array(picked);
			const count = new Uint16Array(picked);
			for (let i = 0, k = 0; i < keys.length; i++) {
				if (counts[i] < overlayMinCount) continue;
				high[k] = Math.floor(keys[i] / 4294967296);
				low[k] = keys[i] % 4294967296;
				count[k++] = counts[i];
			}
			arrays.push([`o${counter.n}.high`, high], [`o${counter.n}.low`, low], [`o${counter.n}.count`, count]);
			kept.push(picked);
			// Each order's counts go as soon as its kept n-grams are copied out.
			counter.clear();
		}
		const full: OverlayInfo = { ...info, vocabulary: vocabularyId(this.model), base: this.base, characters: this.characters, kept };
		return { data: writeModelFile('overlay', full as unknown as Record<string, unknown>, arrays), info: full };
	}
}

/** Counts the texts' n-grams against the model's vocabulary and writes an overlay file. */
export function buildOverlay(model: LanguageModel, texts: Iterable<string>, info: Omit<OverlayInfo, 'vocabulary' | 'base' | 'kept' | 'characters'>): Buffer {
	const builder = new OverlayBuilder(model);
	for (const text of texts) builder.add(text);
	return builder.finish(info).data;
}

export class Overlay {
	readonly info: OverlayInfo;
	/** Per order, the key halves and counts: views of the file's buffer, searched in place. */
	private readonly tables = new Map<number, { high: Uint32Array; low: Uint32Array; count: Uint16Array }>();

	constructor(buffer: ArrayBuffer | SharedArrayBuffer, model: LanguageModel, path: string) {
		const { header, arrays } = readModelFile(buffer);
		if (header.type !== 'overlay') throw new ModelFileError(`${path} 不是本地增补文件`);
		this.info = header.info as unknown as OverlayInfo;
		if (this.info.vocabulary !== vocabularyId(model)) {
			throw new ModelFileError(`${path} 是按另一版语言模型统计的，请重新运行 newsproof lm add`);
		}
		for (const n of orders) {
			const high = arrays.get(`o${n}.high`);
			const low = arrays.get(`o${n}.low`);
			const count = arrays.get(`o${n}.count`);
			if (!(high instanceof Uint32Array) || !(low instanceof Uint32Array) || !(count instanceof Uint16Array)) {
				throw new ModelFileError(`${path} 缺少 ${n} 元组`);
			}
			if (low.length !== high.length || count.length !== high.length) throw new ModelFileError(`${path} 的 ${n} 元组各段长度不一`);
			this.tables.set(n, { high, low, count });
		}
	}

	/** How often the archive has ids[from, to) (3 or 4 tokens); 0 when fewer than overlayMinCount. */
	count(ids: ArrayLike<number>, from: number, to: number): number {
		const table = this.tables.get(to - from);
		if (!table) return 0;
		let key = 0;
		for (let i = from; i < to; i++) key = key * this.info.base + ids[i];
		const keyHigh = Math.floor(key / 4294967296);
		const keyLow = key % 4294967296;
		const { high, low, count } = table;
		let lo = 0;
		let hi = high.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			const h = high[mid];
			const l = low[mid];
			if (h === keyHigh && l === keyLow) return count[mid];
			if (h < keyHigh || (h === keyHigh && l < keyLow)) lo = mid + 1;
			else hi = mid - 1;
		}
		return 0;
	}

	/** True when the archive uses the token at j in one of the 3- or 4-token windows around it. */
	attests(seq: ArrayLike<number>, j: number, length: number): boolean {
		for (const n of orders) {
			for (let from = Math.max(0, j - n + 1); from <= j && from + n <= length; from++) {
				if (this.count(seq, from, from + n) > 0) return true;
			}
		}
		return false;
	}
}

/** A file's stamp: its size and modification time, or 'missing'. */
export function overlayStamp(path: string): string {
	try {
		const s = statSync(path);
		return `${s.size}:${s.mtimeMs}`;
	} catch {
		return 'missing';
	}
}

/** An overlay file's bytes, read once for the process, with the stamp they were read at. */
export interface SharedOverlay {
	path: string;
	stamp: string;
	buffer: SharedArrayBuffer;
}

/**
 * The overlay files the CLI's main thread has read for its worker threads, or a worker has
 * adopted from it, by path: one copy per process, not one per thread. Only these are kept for
 * the process; an overlay read for a config (the language server's) goes with its config.
 */
const processOverlays = new Map<string, SharedOverlay>();

/** The bytes of an overlay file at `stamp`: the process's shared copy when it has that one, else read now. */
function overlayBytes(path: string, stamp: string): ArrayBuffer | SharedArrayBuffer {
	const kept = processOverlays.get(path);
	if (kept?.stamp === stamp && stamp !== 'missing') return kept.buffer;
	const refused = fileRefusal(path, maxOverlayBytes);
	if (refused) throw refused;
	return readShared(path);
}

/** The overlay files of `paths` that can be read, read once for this process, to hand to worker threads. */
export function shareableOverlays(paths: readonly string[]): SharedOverlay[] {
	const out: SharedOverlay[] = [];
	for (const path of paths) {
		const stamp = overlayStamp(path);
		let shared = processOverlays.get(path);
		if (shared?.stamp !== stamp) {
			// One that cannot be read is left to the lint, which reports it with the config's problems.
			if (stamp === 'missing' || fileRefusal(path, maxOverlayBytes)) continue;
			try {
				shared = { path, stamp, buffer: readShared(path) };
			} catch {
				continue;
			}
			processOverlays.set(path, shared);
		}
		out.push(shared);
	}
	return out;
}

/** In a worker thread: the main thread's copies of the overlay files, used while their files stay as they were. */
export function adoptOverlays(overlays: readonly SharedOverlay[]): void {
	for (const o of overlays) processOverlays.set(o.path, o);
}

/**
 * The overlays of a config, read once and again when a file changes or the model is another;
 * broken ones are reported once and skipped. Held by the rule set that runs lm-typo (its
 * RulesetMemory), so that it goes with the rule set.
 */
export class OverlayFiles {
	private readonly loaded = new Map<string, { stamp: string; model: LanguageModel; overlay?: Overlay; error?: string }>();

	for(paths: readonly string[], model: LanguageModel, report: (path: string, message: string) => void): Overlay[] {
		const out: Overlay[] = [];
		for (const path of paths) {
			const stamp = overlayStamp(path);
			let entry = this.loaded.get(path);
			if (!entry || entry.stamp !== stamp || entry.model !== model) {
				entry = { stamp, model };
				try {
					// The size is checked again when the file is read: it may have changed since the config named it.
					entry.overlay = new Overlay(overlayBytes(path, stamp), model, path);
				} catch (err) {
					const code = (err as NodeJS.ErrnoException).code;
					entry.error = `本地增补文件 ${path} 无法使用：${code === 'ENOENT' ? '文件不存在' : (err as Error).message}`;
					report(path, entry.error);
				}
				this.loaded.set(path, entry);
			}
			if (entry.overlay) out.push(entry.overlay);
		}
		return out;
	}
}
