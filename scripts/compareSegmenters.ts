import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRulesDir } from '../server/src/engine';
import { locateSegmenterFiles } from '../server/src/engine/jieba/runtime';
import { collectDrafts } from '../server/src/io/walk';
import { compareTaggers, nativeTagger, type Tagger, unitsOf, wasmTagger } from './segmenterComparison';

// Checks that two builds of the segmenter cut and tag alike: a WebAssembly module rebuilt
// from source (CI, after scripts/buildJiebaWasm.mjs --out FILE) or the shipped one, against
// nodejieba's native build or the shipped module. Texts: the recorded edge cases and the
// sample page, before and after inserting house words, then the corpus. Exit status 1 on
// any difference.
//
//   node dist/compareSegmenters.js --wasm FILE [--native BINARY] [folders...]
//   node dist/compareSegmenters.js --native BINARY [folders...]     (against dist/jieba.wasm)

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { wasm: { type: 'string' }, native: { type: 'string' } },
});
const root = join(builtinRulesDir(), '..');
const files = locateSegmenterFiles();
if (!files) {
	console.error('newsproof: dist/jieba.wasm or dist/dict/ is missing: run npm run build');
	process.exit(2);
}
if (!values.wasm && !values.native) {
	console.error('usage: compareSegmenters --wasm FILE [--native BINARY] [folders...]');
	process.exit(2);
}
const reference: Tagger = values.native ? nativeTagger(resolve(values.native), files) : wasmTagger(files.wasm, files);
const tested: Tagger = wasmTagger(values.wasm ? resolve(values.wasm) : files.wasm, files);
const names = `${values.wasm ?? files.wasm} against ${values.native ?? files.wasm}`;

const fixture = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'jieba-native-tags.json'), 'utf8')) as { texts: string[]; inserted: string[] };
const seeds = readdirSync(join(root, 'seeds'))
	.filter((f) => f.endsWith('.txt'))
	.map((f) => readFileSync(join(root, 'seeds', f), 'utf8'));
const own = [...fixture.texts, ...seeds.flatMap(unitsOf)];

let failed = false;
const report = (what: string, texts: Iterable<string>) => {
	const r = compareTaggers(reference, tested, texts);
	console.log(`${what}: ${r.texts} texts, ${r.differing} differ`);
	for (const s of r.samples) console.log(`  ${s}`);
	failed ||= r.differing > 0;
};

report('recorded cases and sample pages', own);
for (const w of fixture.inserted) {
	reference.insertWord(w, 'nz');
	tested.insertWord(w, 'nz');
}
report('the same after inserting house words', own);
const folders = positionals.length ? positionals.map((p) => resolve(p)) : [join(root, '..', 'shared', 'corpus')].filter((f) => existsSync(f));
if (folders.length) {
	const { files: drafts } = collectDrafts(folders, ['.txt']);
	report(
		`corpus (${drafts.length} files)`,
		(function* () {
			for (const f of drafts) yield* unitsOf(readFileSync(f, 'utf8'));
		})(),
	);
}
console.log(failed ? `segmentation differs: ${names}` : `identical: ${names}`);
process.exit(failed ? 1 : 0);
