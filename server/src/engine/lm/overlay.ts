import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { ModelFileError, readModelFile, type TypedArray, writeModelFile } from './format';
import { countOrder, find } from './kneserNey';
import { readShared } from './loader';
import type { LanguageModel } from './model';
import { tokenize } from './tokens';

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

/** Counts the texts' n-grams against the model's vocabulary and writes an overlay file. */
export function buildOverlay(model: LanguageModel, texts: string[], info: Omit<OverlayInfo, 'vocabulary' | 'base' | 'kept' | 'characters'>): Buffer {
	const base = Number(model.header.info.base);
	const sentences: Uint16Array[] = [];
	let characters = 0;
	for (const text of texts) {
		for (const line of text.split('\n')) {
			const { ids, length } = tokenize(line, model.idOf);
			if (!length) continue;
			sentences.push(ids.slice(0, length));
			characters += length;
		}
	}
	const arrays: [string, TypedArray][] = [];
	const kept: number[] = [];
	for (const n of orders) {
		const { keys, counts } = countOrder(sentences, n, base);
		const pick: number[] = [];
		for (let i = 0; i < keys.length; i++) if (counts[i] >= overlayMinCount) pick.push(i);
		// Keys are below 2^52, stored exactly as two 32-bit halves.
		const high = new Uint32Array(pick.length);
		const low = new Uint32Array(pick.length);
		const count = new Uint16Array(pick.length);
		pick.forEach((i, k) => {
			high[k] = Math.floor(keys[i] / 4294967296);
			low[k] = keys[i] % 4294967296;
			count[k] = Math.min(65535, counts[i]);
		});
		arrays.push([`o${n}.high`, high], [`o${n}.low`, low], [`o${n}.count`, count]);
		kept.push(pick.length);
	}
	const full: OverlayInfo = { ...info, vocabulary: vocabularyId(model), base, characters, kept };
	return writeModelFile('overlay', full as unknown as Record<string, unknown>, arrays);
}

export class Overlay {
	readonly info: OverlayInfo;
	private readonly keys = new Map<number, Float64Array>();
	private readonly counts = new Map<number, Uint16Array>();

	constructor(buffer: ArrayBuffer | SharedArrayBuffer, model: LanguageModel, path: string) {
		const { header, arrays } = readModelFile(buffer);
		if (header.type !== 'overlay') throw new ModelFileError(`${path} 不是本地增补文件`);
		this.info = header.info as unknown as OverlayInfo;
		if (this.info.vocabulary !== vocabularyId(model)) {
			throw new ModelFileError(`${path} 是按另一版语言模型统计的，请重新运行 newsproof lm add`);
		}
		for (const n of orders) {
			const high = arrays.get(`o${n}.high`) as Uint32Array | undefined;
			const low = arrays.get(`o${n}.low`) as Uint32Array | undefined;
			const count = arrays.get(`o${n}.count`) as Uint16Array | undefined;
			if (!high || !low || !count) throw new ModelFileError(`${path} 缺少 ${n} 元组`);
			const keys = new Float64Array(high.length);
			for (let i = 0; i < keys.length; i++) keys[i] = high[i] * 4294967296 + low[i];
			this.keys.set(n, keys);
			this.counts.set(n, count);
		}
	}

	/** How often the archive has ids[from, to) (3 or 4 tokens); 0 when fewer than overlayMinCount. */
	count(ids: ArrayLike<number>, from: number, to: number): number {
		const keys = this.keys.get(to - from);
		if (!keys) return 0;
		let key = 0;
		for (let i = from; i < to; i++) key = key * this.info.base + ids[i];
		const at = find(keys, key);
		return at < 0 ? 0 : this.counts.get(to - from)![at];
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
			let stamp: string;
			try {
				const s = statSync(path);
				stamp = `${s.size}:${s.mtimeMs}`;
			} catch {
				stamp = 'missing';
			}
			let entry = this.loaded.get(path);
			if (!entry || entry.stamp !== stamp || entry.model !== model) {
				entry = { stamp, model };
				try {
					entry.overlay = new Overlay(readShared(path), model, path);
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
