import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatVersion, writeModelFile } from '../server/src/engine/lm/format';
import { kneserNey } from '../server/src/engine/lm/kneserNey';
import { type DictionaryWord, modelSections } from '../server/src/engine/lm/pack';
import { firstChar, isHan, tokenOf } from '../server/src/engine/lm/tokens';
import { writeFileAtomic } from '../server/src/io/atomicWrite.mjs';
import { confusables, listPairs, readPairs } from './lm/candidates';

// npm run lm:build: turns the news corpus (../shared/lm-corpus, xz text, one file a year)
// into rules/lm/news.lm and its manifest. The same corpus gives the same file, byte for
// byte: CI rebuilds it where the corpus is present and compares the manifest.
//   --check     build in memory and compare with the committed manifest (exit 1 when they differ)
//   --corpus D  another corpus folder;  --out F  another model file

const { values } = parseArgs({
	options: {
		corpus: { type: 'string' },
		out: { type: 'string' },
		check: { type: 'boolean', default: false },
		'hold-out': { type: 'string', default: '2026' },
		'min-count': { type: 'string', default: '1,1,2,2' },
		'refresh-pairs': { type: 'boolean', default: false },
	},
});

const root = resolve(__dirname, '..');
/** ../shared beside the project (a worktree one level further down finds it one more up). */
const sharedDir = [join(root, '..', 'shared'), join(root, '..', '..', 'shared')].find((d) => existsSync(d)) ?? join(root, '..', 'shared');
const corpusDir = resolve(values.corpus ?? join(sharedDir, 'lm-corpus'));
const outFile = resolve(values.out ?? join(root, 'rules', 'lm', 'news.lm'));
const manifestFile = join(dirname(outFile), 'manifest.json');
const heldOut = new Set(values['hold-out']!.split(',').map(Number));
const minCount = values['min-count']!.split(',').map(Number);
const order = 4;
/** Ids are 13 bits: four of them make a key below 2^53. */
const base = 8192;
/** Characters seen fewer times are <unk>. */
const minCharCount = 2;
/** Candidates must be seen at least this often to be offered. */
const minCandidateCount = 20;

function log(message: string): void {
	process.stderr.write(`lm:build ${((Date.now() - started) / 1000).toFixed(1)} s  ${message}\n`);
}
const started = Date.now();

if (!existsSync(corpusDir)) {
	console.error(`lm:build: 找不到语料目录 ${corpusDir}`);
	process.exit(2);
}
const files = ['2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']
	.map((y) => ({ year: Number(y), path: join(corpusDir, `xwlb-${y}.txt.xz`) }))
	.filter((f) => existsSync(f.path) && !heldOut.has(f.year));
if (!files.length) {
	console.error(`lm:build: ${corpusDir} 中没有 xwlb-YYYY.txt.xz`);
	process.exit(2);
}

// 1. Lines of text, as tokens.
const lines: Uint32Array[] = [];
let characters = 0;
let stories = 0;
const sha = createHash('sha256');
for (const f of files) {
	const raw = readFileSync(f.path);
	sha.update(raw);
	const text = execFileSync('xz', ['-dc', f.path], { maxBuffer: 1 << 30 }).toString('utf8');
	stories += text.split(/\n\s*\n/).filter((s) => s.trim()).length;
	for (const line of text.split('\n')) {
		const tokens: number[] = [];
		for (const c of line) {
			const t = tokenOf(c.codePointAt(0)!);
			if (t >= 0) tokens.push(t);
		}
		if (tokens.length) {
			lines.push(Uint32Array.from(tokens));
			characters += tokens.length;
		}
	}
}
log(`${files.length} files, ${lines.length} lines, ${characters} tokens`);

// 2. The vocabulary: by frequency, then code point.
const counts = new Map<number, number>();
for (const l of lines) for (const t of l) counts.set(t, (counts.get(t) ?? 0) + 1);
const chars = [...counts].filter(([, c]) => c >= minCharCount).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
if (chars.length + firstChar > base) throw new Error('vocabulary too large for 13-bit ids');
const vocab = new Uint32Array(firstChar + chars.length);
const idOf = new Map<number, number>();
chars.forEach(([c], i) => {
	vocab[firstChar + i] = c;
	idOf.set(c, firstChar + i);
});
const sentences = lines.map((l) => Uint16Array.from(l, (t) => idOf.get(t) ?? 0));
lines.length = 0;
log(`vocabulary ${vocab.length}`);

// 3. Counts and Kneser-Ney smoothing, pruned.
const model = kneserNey(sentences, { order, base, vocabSize: vocab.length, minCount });
log(`n-grams seen ${model.seen.join(' / ')}, kept ${model.orders.map((o) => o.keys.length).join(' / ')}`);

// 5. Confusable characters.
const charOf = (id: number) => String.fromCodePoint(vocab[id]);
const allowed = new Set<string>();
const hanChars: string[] = [];
for (let id = firstChar; id < vocab.length; id++) {
	const c = charOf(id);
	if (!/\p{Script=Han}/u.test(c)) continue;
	hanChars.push(c);
	if (model.orders[0].raw[id] >= minCandidateCount) allowed.add(c);
}
const confusionDir = join(dirname(corpusDir), 'confusion-sets');
// The typo rules' pairs come from a snapshot beside the model, so that editing rules/typ.yaml
// does not change the model (and its CI check) until the snapshot is refreshed on purpose.
const pairsFile = join(dirname(outFile), 'typo-pairs.txt');
if (values['refresh-pairs'] || !existsSync(pairsFile)) {
	const fresh = listPairs(join(root, 'rules', 'typ.yaml'));
	writeFileSync(
		pairsFile,
		`# wrong<TAB>right characters from the pairs of rules/typ.yaml (npm run lm:build -- --refresh-pairs)\n${fresh.map((p) => p.join('\t')).join('\n')}\n`,
	);
	log(`wrote ${pairsFile}`);
}
const table = confusables(hanChars, allowed, { confusionDir, pairs: readPairs(pairsFile) });
const start = new Uint32Array(vocab.length + 1);
const candIds: number[] = [];
const candKinds: number[] = [];
for (let id = 0; id < vocab.length; id++) {
	start[id] = candIds.length;
	const m = id >= firstChar ? table.get(charOf(id)) : undefined;
	for (const [c, kind] of [...(m ?? [])].sort((a, b) => idOf.get(a[0].codePointAt(0)!)! - idOf.get(b[0].codePointAt(0)!)!)) {
		candIds.push(idOf.get(c.codePointAt(0)!)!);
		candKinds.push(kind);
	}
}
start[vocab.length] = candIds.length;
log(`${candIds.length} candidate pairs`);

// 6. The dictionary's words of two to four characters (jieba's full dictionary, which the
// segmenter's trimmed one is cut from): a candidate that turns its word into one of them is
// more likely what was meant.
const dictionaryFile = join(root, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
const dictionaryText = readFileSync(dictionaryFile);
// With each word its frequency in the dictionary: a candidate that turns a rare word into a
// far more frequent one (世代 → 时代) is often the model's taste, not the writer's slip.
const words: DictionaryWord[] = [];
for (const line of dictionaryText.toString('utf8').split('\n')) {
	const [text, count] = line.split(' ');
	const word = [...text];
	if (word.length < 2 || word.length > 4) continue;
	const ids = word.map((c) => idOf.get(c.codePointAt(0)!) ?? 0);
	if (ids.every((id, i) => id >= firstChar && isHan(word[i].codePointAt(0)!))) words.push({ ids, count: Number(count) || 1 });
}
log(`${words.length} dictionary words`);

// 7. Packed tables.
const { arrays, collisions } = modelSections(model, base, vocab, { start, ids: Uint16Array.from(candIds), kinds: Uint8Array.from(candKinds) }, words);
log(`packed; fingerprint collisions ${collisions.join(' / ')}`);

const years = files.map((f) => f.year);
const info = {
	order,
	base,
	smoothing: 'interpolated modified Kneser-Ney',
	discounts: model.discounts.map((d) => d.map((x) => Number(x.toFixed(6)))),
	tokens: characters,
	years: [years[0], years[years.length - 1]],
	heldOut: [...heldOut],
	seen: model.seen,
	kept: model.orders.map((o) => o.keys.length),
	minCount,
	collisions,
	candidates: candIds.length,
	dictionaryWords: words.length,
	source:
		"CCTV 新闻联播 text (cctv.com, via GitHub china-data/xwlb @710ba229): counts only; confusion sets from pycorrector (Apache-2.0); words of jieba's dictionary (MIT)",
};
const file = writeModelFile('model', info, arrays);
const manifest = {
	file: 'news.lm',
	format: formatVersion,
	bytes: file.length,
	sha256: createHash('sha256').update(file).digest('hex'),
	corpus: { folder: 'lm-corpus', files: files.map((f) => `xwlb-${f.year}.txt.xz`), sha256: sha.digest('hex'), lines: sentences.length, stories },
	dictionary: { file: 'nodejieba/submodules/cppjieba/dict/jieba.dict.utf8', sha256: createHash('sha256').update(dictionaryText).digest('hex') },
	...info,
	licence:
		"The model holds counts of short character sequences, not text. Source text: CCTV 新闻联播 transcripts as published on cctv.com (collected in GitHub china-data/xwlb, commit 710ba229765c537beb474d9eb272fbc097981bc0; CCTV keeps all rights to the text). Confusion sets derived from pycorrector (shibing624/pycorrector, Apache-2.0; see LICENSE-pycorrector). Dictionary words (as hashed fingerprints, with their frequencies rounded to a quarter of a power of ten) from jieba's dictionary (fxsjy/jieba via nodejieba, MIT).",
};
const manifestText = JSON.stringify(manifest, null, '\t') + '\n';
log(`model ${(file.length / 1048576).toFixed(2)} MiB, sha256 ${manifest.sha256.slice(0, 16)}…`);

if (values.check) {
	const committed = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : '';
	const onDisk = existsSync(outFile) ? createHash('sha256').update(readFileSync(outFile)).digest('hex') : '';
	if (committed !== manifestText || onDisk !== manifest.sha256) {
		console.error(
			`lm:build --check: 重建的模型与提交的不一致（manifest ${committed === manifestText ? '相同' : '不同'}，模型文件 ${onDisk === manifest.sha256 ? '相同' : '不同'}）`,
		);
		process.exit(1);
	}
	log('manifest and model match the rebuild');
} else {
	mkdirSync(dirname(outFile), { recursive: true });
	writeFileAtomic(outFile, file);
	writeFileAtomic(manifestFile, manifestText);
	log(`wrote ${outFile} and ${manifestFile}`);
}
