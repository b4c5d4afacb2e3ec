import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaryProblem, userDictionary } from './dictionary';
import { dictionaryFiles, JiebaLoadError, WasmJieba } from './wasmJieba';

// Where the segmenter's files live and how they are read in Node: dist/jieba.wasm with its
// checksum, the dictionaries in dist/dict/, and the house terms in rules/dict/*.txt. The
// module is compiled once per process and handed to worker threads (adoptJiebaModule), so a
// thread only instantiates it.

export interface SegmenterFiles {
	/** dist/jieba.wasm; its checksum is jieba.wasm.sha256 beside it. */
	wasm: string;
	/** dist/dict/ */
	dict: string;
	/** rules/dict/, when there is one. */
	house?: string;
}

/**
 * The files in `dir` (jieba.wasm and dict/, with the house terms in rules/dict/ beside it),
 * or undefined when the module or a dictionary file is missing.
 */
export function segmenterFilesIn(dir: string): SegmenterFiles | undefined {
	const wasm = join(dir, 'jieba.wasm');
	const dict = join(dir, 'dict');
	const house = join(dir, '..', 'rules', 'dict');
	const present = existsSync(wasm) && dictionaryFiles.every((name) => name === 'user.dict.utf8' || existsSync(join(dict, name)));
	return present ? { wasm, dict, house: existsSync(house) ? house : undefined } : undefined;
}

/** dist/ beside the bundle, or a parent of it for bundled tests (dist/test/...). */
export function locateSegmenterFiles(): SegmenterFiles | undefined {
	for (let dir = __dirname, i = 0; i < 4; i++, dir = join(dir, '..')) {
		const found = segmenterFilesIn(dir) ?? segmenterFilesIn(join(dir, 'dist'));
		if (found) return found;
	}
	return undefined;
}

export const missingMessage = '未找到分词组件（dist/jieba.wasm 与 dist/dict/），请先运行 npm run build';

const modules = new Map<string, WebAssembly.Module>();

/** Uses a module compiled by another thread for the file at `wasm` (see shareableJiebaModule). */
export function adoptJiebaModule(wasm: string, module: WebAssembly.Module): void {
	modules.set(wasm, module);
}

/** The compiled module for the file at `wasm`, after checking its bytes against the checksum beside it. */
export function jiebaModule(wasm: string): WebAssembly.Module {
	const known = modules.get(wasm);
	if (known) return known;
	const bytes = readFileSync(wasm);
	let expected: string | undefined;
	try {
		expected = /^[0-9a-f]{64}/.exec(readFileSync(`${wasm}.sha256`, 'utf8'))?.[0];
	} catch {
		expected = undefined;
	}
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (actual !== expected) {
		throw new Error(`分词组件已损坏：${wasm} 与校验和 ${wasm}.sha256 不符，请重新运行 npm run build`);
	}
	let module: WebAssembly.Module;
	try {
		module = new WebAssembly.Module(bytes);
	} catch (err) {
		throw new Error(`分词组件已损坏：${wasm}（${(err as Error).message}），请重新运行 npm run build`);
	}
	modules.set(wasm, module);
	return module;
}

/** The module and its path, to post to a worker thread; undefined when it cannot be had. */
export function shareableJiebaModule(): { wasm: string; module: WebAssembly.Module } | undefined {
	const files = locateSegmenterFiles();
	if (!files) return undefined;
	try {
		return { wasm: files.wasm, module: jiebaModule(files.wasm) };
	} catch {
		// The worker finds the same problem and reports it.
		return undefined;
	}
}

/**
 * The five files the module reads, from dist/dict/, with the house terms (rules/dict/*.txt)
 * as its user dictionary. A house line jieba cannot read is reported with its file and line.
 */
export function readDictionaries(files: SegmenterFiles): { contents: Map<string, Uint8Array>; paths: Map<string, string> } {
	const contents = new Map<string, Uint8Array>();
	const paths = new Map<string, string>();
	for (const name of dictionaryFiles) {
		if (name === 'user.dict.utf8') continue;
		const path = join(files.dict, name);
		contents.set(name, readFileSync(path));
		paths.set(name, path);
	}
	const house: Uint8Array[] = [];
	for (const name of files.house
		? readdirSync(files.house)
				.filter((f) => f.endsWith('.txt'))
				.sort()
		: []) {
		const path = join(files.house!, name);
		const bytes = readFileSync(path);
		const problem = userDictionary(bytes);
		if (problem) throw new Error(`分词词典无法读取：${path} 第 ${problem.line} 行：${problem.message}`);
		house.push(bytes, new Uint8Array([0x0a]));
	}
	contents.set('user.dict.utf8', Buffer.concat(house));
	paths.set('user.dict.utf8', files.house ?? join(files.dict, 'user.dict.utf8'));
	return { contents, paths };
}

/** Instantiates the segmenter from `files`; throws an Error whose message is shown to the user. */
export function loadWasmJieba(files: SegmenterFiles): WasmJieba {
	const module = jiebaModule(files.wasm);
	const { contents, paths } = readDictionaries(files);
	try {
		return WasmJieba.load(module, contents);
	} catch (err) {
		if (!(err instanceof JiebaLoadError)) throw err;
		// Name the line when a check finds it, else the file the module was reading.
		for (const name of dictionaryFiles) {
			const problem = dictionaryProblem(name, contents.get(name)!);
			if (problem) throw new Error(`分词词典无法读取：${paths.get(name)} 第 ${problem.line} 行：${problem.message}`);
		}
		throw new Error(
			`分词词典无法读取：${err.file ? (paths.get(err.file) ?? err.file) : files.dict}：${err.output.trim().split('\n').pop() || String(err.cause)}`,
		);
	}
}
