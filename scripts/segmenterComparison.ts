import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDictionaries, type SegmenterFiles } from '../server/src/engine/jieba/runtime';
import { WasmJieba } from '../server/src/engine/jieba/wasmJieba';
import { align, type Word } from '../server/src/engine/segmenter';

// Two builds of the segmenter over the same texts: the shipped WebAssembly against
// nodejieba's native build (npm run eval:corpus) or against a WebAssembly module rebuilt
// from source (CI, scripts/compareSegmenters.ts). Both load the same dictionaries.

export interface Tagger {
	tag(text: string): { word: string; tag: string }[];
	insertWord(word: string, tag: string): boolean;
	/** Words with offsets, where the build computes them itself (the WebAssembly build). */
	words?(text: string): Word[] | undefined;
}

/** A native nodejieba binary: NEWSPROOF_NATIVE_JIEBA, or the one nodejieba's install script built. */
export function nativeBinary(root: string): string | undefined {
	const candidates = [process.env.NEWSPROOF_NATIVE_JIEBA, join(root, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node')];
	return candidates.find((c): c is string => !!c && existsSync(c));
}

export function nativeTagger(binary: string, files: SegmenterFiles): Tagger {
	const { contents, paths } = readDictionaries(files);
	const scratch = mkdtempSync(join(tmpdir(), 'newsproof-native-'));
	try {
		// The house terms as one user dictionary, as the WebAssembly build gets them.
		const user = join(scratch, 'user.dict.utf8');
		writeFileSync(user, contents.get('user.dict.utf8')!);
		const jieba = createRequire(__filename)(binary) as Tagger & { load(...paths: string[]): unknown };
		jieba.load(paths.get('jieba.dict.utf8')!, paths.get('hmm_model.utf8')!, user, paths.get('idf.utf8')!, paths.get('stop_words.utf8')!);
		return jieba;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

export function wasmTagger(wasm: string, files: SegmenterFiles): Tagger {
	return WasmJieba.load(new WebAssembly.Module(readFileSync(wasm)), readDictionaries(files).contents);
}

export interface Comparison {
	texts: number;
	differing: number;
	/** The first few differences, as text and both results. */
	samples: string[];
}

/** The units compared: every line, and every clause of it (jieba restarts at ， and 。). */
export function unitsOf(text: string): string[] {
	const lines = text.split('\n');
	return [...lines, ...lines.flatMap((l) => (/[，。]/.test(l) ? l.split(/[，。]/) : []))];
}

/** Tags every text with both; where `b` computes offsets itself, they must equal align over `a`'s words. */
export function compareTaggers(a: Tagger, b: Tagger, texts: Iterable<string>): Comparison {
	const result: Comparison = { texts: 0, differing: 0, samples: [] };
	const show = (words: { word: string; tag?: string }[]) => words.map((w) => `${w.word}/${w.tag}`).join(' ');
	for (const text of texts) {
		result.texts++;
		const ta = a.tag(text);
		const tb = b.tag(text);
		let same = JSON.stringify(ta) === JSON.stringify(tb);
		let detail = same ? '' : `\n  A: ${show(ta)}\n  B: ${show(tb)}`;
		const words = b.words?.(text);
		if (same && words && JSON.stringify(words) !== JSON.stringify(align(text, ta))) {
			same = false;
			detail = `\n  offsets: ${JSON.stringify(words).slice(0, 300)}`;
		}
		if (!same) {
			result.differing++;
			if (result.samples.length < 5) result.samples.push(`${JSON.stringify(text.slice(0, 80))}${detail}`);
		}
	}
	return result;
}
