import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDictionaries, segmenterFilesIn } from '../../server/src/engine/jieba/runtime';
import { WasmJieba } from '../../server/src/engine/jieba/wasmJieba';
import { trimDictionary } from '../trimDictionary.mjs';

// How much of jieba's dictionary the build keeps (esbuild.mjs, dictionaryWords): each size is
// loaded in a fresh process, which reports its load time, its resident memory and the words
// of a sample of the corpus; word boundaries are compared with those of the full dictionary.

/** Runs in the child: load one dictionary, segment the sample, report. */
export function dictionaryChild(root: string, dict: string, sampleFile: string, outFile: string): void {
	const rss0 = process.memoryUsage().rss;
	const started = process.hrtime.bigint();
	const files = segmenterFilesIn(join(root, 'dist'))!;
	const { contents } = readDictionaries(files);
	contents.set('jieba.dict.utf8', readFileSync(dict));
	const jieba = WasmJieba.load(new WebAssembly.Module(readFileSync(files.wasm)), contents);
	const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
	const rss = process.memoryUsage().rss - rss0;
	const sample = JSON.parse(readFileSync(sampleFile, 'utf8')) as string[];
	const cut = process.hrtime.bigint();
	const lengths = sample.map((p) => jieba.tag(p).map((w) => w.word.length));
	const cutMs = Number(process.hrtime.bigint() - cut) / 1e6;
	writeFileSync(outFile, JSON.stringify({ loadMs, rss, cutMs, lengths }));
}

function boundaries(lengths: number[]): Set<number> {
	const set = new Set<number>();
	let at = 0;
	for (const n of lengths) {
		at += n;
		set.add(at);
	}
	return set;
}

export interface DictionaryRow {
	words: number | 'full';
	loadMs: number;
	rss: number;
	cutMs: number;
	/** F1 of word boundaries against the full dictionary's. */
	f1: number;
	/** Share of paragraphs segmented exactly as with the full dictionary. */
	same: number;
}

export function dictionaryStudy(root: string, bench: string, work: string, paragraphs: string[], sizes: number[]): DictionaryRow[] {
	const full = join(root, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
	if (!existsSync(full)) {
		return [];
	}
	const sampleFile = join(work, 'dictionary-sample.json');
	writeFileSync(sampleFile, JSON.stringify(paragraphs));
	const results = new Map<number | 'full', { loadMs: number; rss: number; cutMs: number; lengths: number[][] }>();
	for (const size of ['full' as const, ...sizes]) {
		const dict = size === 'full' ? full : join(work, `dict-${size}.utf8`);
		if (size !== 'full') writeFileSync(dict, trimDictionary(full, size));
		const out = join(work, `dict-${size}.json`);
		const child = spawnSync(process.execPath, [bench, '--dictionary-child', dict, sampleFile, out], { stdio: 'inherit' });
		if (child.status !== 0) throw new Error(`dictionary study failed for ${size}`);
		results.set(size, JSON.parse(readFileSync(out, 'utf8')));
	}
	const reference = results.get('full')!.lengths;
	return [...results].map(([words, r]) => {
		let agree = 0;
		let ours = 0;
		let theirs = 0;
		let same = 0;
		r.lengths.forEach((lengths, i) => {
			const a = boundaries(lengths);
			const b = boundaries(reference[i]);
			for (const x of a) if (b.has(x)) agree++;
			ours += a.size;
			theirs += b.size;
			if (a.size === b.size && [...a].every((x) => b.has(x))) same++;
		});
		const precision = agree / ours;
		const recall = agree / theirs;
		return { words, loadMs: r.loadMs, rss: r.rss, cutMs: r.cutMs, f1: (2 * precision * recall) / (precision + recall), same: same / r.lengths.length };
	});
}
