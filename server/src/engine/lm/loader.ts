import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../ruleset';
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

/** Reads a file into a SharedArrayBuffer. */
export function readShared(path: string): SharedArrayBuffer {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const shared = new SharedArrayBuffer(size);
		const bytes = new Uint8Array(shared);
		for (let at = 0; at < size; ) {
			const n = readSync(fd, bytes, at, size - at, at);
			if (n <= 0) break;
			at += n;
		}
		return shared;
	} finally {
		closeSync(fd);
	}
}

export class ModelHolder {
	private model: LanguageModel | undefined;
	private failure: Error | undefined;
	private buffer: SharedArrayBuffer | undefined;
	loadMs = 0;

	constructor(private path?: string) {}

	get loaded(): boolean {
		return this.model !== undefined;
	}

	get error(): Error | undefined {
		return this.failure;
	}

	/** The buffer the model reads, for handing to worker threads. */
	get shared(): SharedArrayBuffer | undefined {
		return this.buffer;
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
			const buffer = readShared(path);
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
