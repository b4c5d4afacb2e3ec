import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { builtinRulesDir } from '../../server/src/engine';
import { readDictionaries, segmenterFilesIn } from '../../server/src/engine/jieba/runtime';
import { WasmJieba } from '../../server/src/engine/jieba/wasmJieba';
import { align, Segmenter } from '../../server/src/engine/segmenter';

// The segmenter is nodejieba's own C++ compiled to WebAssembly (scripts/buildJiebaWasm.mjs).
// It must cut and tag exactly as nodejieba's native build: test/fixtures/jieba-native-tags.json
// holds the native build's tags of every clause of the sample page and of a few edge cases
// (scripts/nativeJiebaTags.mjs records it where a native build exists), and npm run
// eval:corpus compares the two over the whole corpus wherever both are present.

const root = join(builtinRulesDir(), '..');
const dist = join(root, 'dist');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Fixture {
	dictionary: Record<string, string>;
	texts: string[];
	inserted: string[];
	before: [string, string][][];
	after: [string, string][][];
}
const fixture = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'jieba-native-tags.json'), 'utf8')) as Fixture;

/** A fresh instance of the shipped module with the shipped dictionaries, without house terms. */
function freshJieba(): WasmJieba {
	const files = segmenterFilesIn(dist)!;
	return WasmJieba.load(new WebAssembly.Module(readFileSync(files.wasm)), readDictionaries(files).contents);
}

const pairs = (tagged: { word: string; tag: string }[]) => tagged.map(({ word, tag }) => [word, tag]);

describe('the WebAssembly segmenter', () => {
	it('is the committed module, unchanged, with its checksum', () => {
		const committed = readFileSync(join(root, 'server', 'wasm', 'jieba.wasm'));
		assert.ok(readFileSync(join(dist, 'jieba.wasm')).equals(committed), 'dist/jieba.wasm is not server/wasm/jieba.wasm: run npm run build');
		assert.equal(readFileSync(join(root, 'server', 'wasm', 'jieba.wasm.sha256'), 'utf8').split(' ')[0], sha256(committed));
		// Imports are WASI calls only, all served from memory.
		const imports = WebAssembly.Module.imports(new WebAssembly.Module(committed));
		assert.deepEqual([...new Set(imports.map((i) => i.module))], ['wasi_snapshot_preview1']);
	});

	it('loads the dictionaries the native tags were recorded with', () => {
		for (const [name, hash] of Object.entries(fixture.dictionary)) {
			assert.equal(
				sha256(readFileSync(join(dist, 'dict', name))),
				hash,
				`dist/dict/${name} changed: record the native tags again (scripts/nativeJiebaTags.mjs)`,
			);
		}
	});

	it("tags every clause of the sample page and every edge case exactly as nodejieba's native build", () => {
		const jieba = freshJieba();
		assert.ok(fixture.texts.length > 300 && fixture.texts.join('').length > 2500);
		fixture.texts.forEach((text, i) => assert.deepEqual(pairs(jieba.tag(text)), fixture.before[i], JSON.stringify(text)));
		for (const w of fixture.inserted) assert.equal(jieba.insertWord(w, 'nz'), true);
		fixture.texts.forEach((text, i) => assert.deepEqual(pairs(jieba.tag(text)), fixture.after[i], JSON.stringify(text)));
		// The inserted words changed something, so the second pass compared something new.
		assert.notDeepEqual(fixture.before, fixture.after);
	});

	it("places words at the offsets align() finds for jieba's words, on any text", () => {
		const jieba = freshJieba();
		const pieces = ['再接再励', '新的社会阶层人士', '，', '。', ' ', '\n', '𠮷', '\ud800', '\udc00', 'ABC', '１２', '的', '地', '得', '\ufeff', 'é', '中国'];
		const texts = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 30 }).map((a) => a.join(''));
		fc.assert(
			fc.property(texts, (text) => {
				const words = jieba.words(text);
				const expected = align(text, jieba.tag(text));
				if (words === undefined) {
					// Only a text with a lone surrogate takes the long way.
					assert.ok(/[\ud800-\udfff]/u.test(text));
				} else {
					assert.deepEqual(words, expected);
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('cuts a text with a lone surrogate as nodejieba does: the altered word is dropped, the rest placed', () => {
		const segmenter = new Segmenter(dist);
		const text = '孤立的代理项\ud800在这里';
		const words = segmenter.words(text)!.words;
		assert.deepEqual(
			words.map((w) => w.word),
			['孤立', '的', '代理', '项', '在', '这里'],
		);
		assert.ok(words.every((w) => text.slice(w.start, w.end) === w.word));
	});

	it('ships no native code', () => {
		const found: string[] = [];
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(join(dir, entry.name));
				else if (/\.(node|so|dll|dylib)$/.test(entry.name)) found.push(join(dir, entry.name));
			}
		};
		walk(dist);
		assert.deepEqual(found, []);
	});
});
