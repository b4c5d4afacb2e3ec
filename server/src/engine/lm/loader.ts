import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../builtin';
import { ModelFileError } from './format';
import { LanguageModel } from './model';

// The language model, loaded once per process on first use, into a SharedArrayBuffer: the
// CLI's worker threads are handed the same buffer (install) instead of reading a copy each.
// A missing, truncated or wrong-version file leaves `error` set; rules that need the model
// then stay silent and every other rule runs.

/** rules/lm/news.lm beside the rule files. */
export function builtinModelPath(): string {
	return join(builtinRulesDir(), 'lm', 'news.lm');
}

/**
 * Reads a file into a SharedArrayBuffer (shared: true), to hand to worker threads, or into
 * a plain ArrayBuffer: V8 reads typed arrays over a plain buffer about twice as fast, so a
 * process that shares with nobody (the editor's server, a one-thread CLI run) uses one.
 */
export function readShared(path: string, shared?: true): SharedArrayBuffer;
export function readShared(path: string, shared: false): ArrayBuffer;
export function readShared(path: string, shared = true): SharedArrayBuffer | ArrayBuffer {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const buffer = shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
		const bytes = new Uint8Array(buffer);
		for (let at = 0; at < size; ) {
			const n = readSync(fd, bytes, at, size - at, at);
			if (n <= 0) break;
			at += n;
		}
		return buffer;
	} finally {
		closeSync(fd);
	}
}

export class ModelHolder {
	private model: LanguageModel | undefined;
	private failure: Error | undefined;
	private buffer: SharedArrayBuffer | ArrayBuffer | undefined;
	loadMs = 0;

	constructor(private path?: string) {}

	get loaded(): boolean {
		return this.model !== undefined;
	}

	get error(): Error | undefined {
		return this.failure;
	}

	/**
	 * The model in a SharedArrayBuffer, for handing to worker threads (which install it):
	 * one copy for the whole process. Loads it that way, or moves a loaded model into one.
	 */
	shareable(): SharedArrayBuffer | undefined {
		if (this.buffer instanceof SharedArrayBuffer) return this.buffer;
		if (this.failure) return undefined;
		let shared: SharedArrayBuffer;
		try {
			shared = readShared(this.path ?? builtinModelPath());
			this.install(shared);
		} catch {
			// The reason is kept by get(), which the rule calls.
			this.get();
			return undefined;
		}
		return shared;
	}

	/** Uses a buffer another thread has loaded (a CLI worker). */
	install(buffer: SharedArrayBuffer): void {
		this.buffer = buffer;
		this.model = new LanguageModel(buffer);
		this.failure = undefined;
	}

	/** Points at another model file (tests, benchmarks) and forgets the loaded one. */
	reset(path?: string): void {
		this.path = path;
		this.model = undefined;
		this.failure = undefined;
		this.buffer = undefined;
	}

	/** The model, loading it now if needed; undefined (with `error` set) when it cannot be loaded. */
	get(): LanguageModel | undefined {
		if (this.model || this.failure) return this.model;
		const started = Date.now();
		const path = this.path ?? builtinModelPath();
		try {
			const buffer = readShared(path, false);
			this.model = new LanguageModel(buffer);
			this.buffer = buffer;
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? '文件不存在' : err instanceof ModelFileError ? err.message : `${code ?? ''} ${(err as Error).message}`.trim();
			this.failure = new Error(`语言模型 ${path} 无法使用：${why}`);
		}
		this.loadMs = Date.now() - started;
		return this.model;
	}
}

export const sharedModel = new ModelHolder();
