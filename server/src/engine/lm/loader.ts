import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../builtin';
import { ModelFileError } from './format';
import { LanguageModel } from './model';

// The language model, loaded on first use. The CLI's worker threads are handed the main
// thread's SharedArrayBuffer (adoptModel) instead of reading a copy each.
// A missing, truncated or wrong-version file leaves `error` set; rules that need the model
// then stay silent and every other rule runs.

/** rules/lm/news.lm beside the rule files. */
export function builtinModelPath(): string {
	return join(builtinRulesDir(), 'lm', 'news.lm');
}

/**
 * Reads a file into a SharedArrayBuffer (shared: true), to hand to worker threads, or into
 * a plain ArrayBuffer for a process that shares with nobody (the editor's server, a
 * one-thread CLI run). The detector reads either as fast (a whole lint of the corpus
 * measured the same, docs/typos-lm.md); a plain buffer just asks nothing of the platform.
 */
export function readShared(path: string, shared?: true): SharedArrayBuffer;
export function readShared(path: string, shared: false): ArrayBuffer;
export function readShared(path: string, shared = true): SharedArrayBuffer | ArrayBuffer {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const buffer = shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
		const bytes = new Uint8Array(buffer);
		for (let at = 0; at < size;) {
			const n = readSync(fd, bytes, at, size - at, at);
			if (n <= 0) break;
			at += n;
		}
		return buffer;
	} finally {
		closeSync(fd);
	}
}

// The file's bytes are kept once per process (like the segmenter's compiled module): every
// engine of the process reads the same buffer through its own ModelHolder.
let processBuffer: { path: string; buffer: SharedArrayBuffer | ArrayBuffer } | undefined;

/**
 * The model's bytes in a SharedArrayBuffer, to hand to worker threads (which adopt it): one
 * copy for the whole process. Reads the file that way, or moves the bytes already read into
 * one. Undefined when the file cannot be read (the engines report why).
 */
export function shareableModel(path = builtinModelPath()): SharedArrayBuffer | undefined {
	if (processBuffer?.path === path && processBuffer.buffer instanceof SharedArrayBuffer) return processBuffer.buffer;
	try {
		const shared = readShared(path);
		new LanguageModel(shared);
		processBuffer = { path, buffer: shared };
		return shared;
	} catch {
		return undefined;
	}
}

/** Uses the bytes another thread has read (a CLI worker). */
export function adoptModel(buffer: SharedArrayBuffer, path = builtinModelPath()): void {
	processBuffer = { path, buffer };
}

/** An engine's handle on the language model: loaded on first use, from the process's copy of the bytes. */
export class ModelHolder {
	private model: LanguageModel | undefined;
	private failure: Error | undefined;
	loadMs = 0;

	constructor(private path?: string) {}

	get loaded(): boolean {
		return this.model !== undefined;
	}

	get error(): Error | undefined {
		return this.failure;
	}

	/** What the lint caches key on: the file, and whether it is loaded (results change once it is). */
	toJSON(): string {
		return `${this.path ?? 'builtin'}:${this.model ? 'loaded' : this.failure ? 'failed' : 'not loaded'}`;
	}

	/** Points at another model file (tests, benchmarks) and forgets the loaded one. */
	reset(path?: string): void {
		this.path = path;
		this.model = undefined;
		this.failure = undefined;
	}

	/** The model, loading it now if needed; undefined (with `error` set) when it cannot be loaded. */
	get(): LanguageModel | undefined {
		if (this.model || this.failure) return this.model;
		const started = Date.now();
		const path = this.path ?? builtinModelPath();
		try {
			let buffer = processBuffer?.path === path ? processBuffer.buffer : undefined;
			if (!buffer) {
				buffer = readShared(path, false);
				this.model = new LanguageModel(buffer);
				processBuffer = { path, buffer };
			} else {
				this.model = new LanguageModel(buffer);
			}
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? '文件不存在' : err instanceof ModelFileError ? err.message : `${code ?? ''} ${(err as Error).message}`.trim();
			this.failure = new Error(`语言模型 ${path} 无法使用：${why}`);
		}
		this.loadMs = Date.now() - started;
		return this.model;
	}
}
