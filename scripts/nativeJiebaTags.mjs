// Records how nodejieba's native build tags the sample page and a few edge cases, with the
// dictionaries in dist/dict/, as test/fixtures/jieba-native-tags.json: the WebAssembly build
// must tag the same texts identically (test/engine/jiebaBuild.test.ts), on machines where no
// native build exists too. Needs a native nodejieba binary:
//
//   node scripts/nativeJiebaTags.mjs [path/to/nodejieba.node]
//
// (by default node_modules/nodejieba/build/Release/nodejieba.node, which package.json's
// allowScripts keeps nodejieba's install script from building; where a C++ compiler, make and
// python3 are present, npm's own node-gyp builds it:
//   (cd node_modules/nodejieba && node "$(npm config get node-gyp)" rebuild --nodedir="$(npm config get nodedir)")
// with --nodedir only where npm has one configured).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = resolve(process.argv[2] ?? join(root, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node'));
const dict = join(root, 'dist', 'dict');
const jieba = createRequire(import.meta.url)(binary);
// An empty user dictionary: the house terms (rules/dict/) are inserted below like any word.
const scratch = mkdtempSync(join(tmpdir(), 'newsproof-native-'));
const empty = join(scratch, 'user.dict.utf8');
writeFileSync(empty, '');
jieba.load(join(dict, 'jieba.dict.utf8'), join(dict, 'hmm_model.utf8'), empty, join(dict, 'idf.utf8'), join(dict, 'stop_words.utf8'));
rmSync(scratch, { recursive: true, force: true });

const page = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
// Cases the page lacks, in our own words: surrogate pairs and lone halves, a byte order mark,
// Latin letters and digits, full-width forms, white space of every kind, an empty text.
const edges = [
	'𠮷野家在2021年开了第3家店，ABC公司的CEO说：“good！”',
	'孤立的代理项\ud800在这里，还有\udc00一个。',
	'\ufeff开头有字节顺序标记',
	'全角ＡＢＣ１２３与半角abc123混排\t制表符\r\n回车换行',
	'',
	'   ',
	'再接再励，新的社会阶层人士，十九届六中全会，经开区新联会。',
];
const inserted = ['再接再励', '新的社会阶层人士', '十九届六中全会', '经开区', '新联会'];

const clauses = page.split(/[，。\n]/);
const tags = (texts) => texts.map((t) => jieba.tag(t).map(({ word, tag }) => [word, tag]));
const before = tags([...clauses, ...edges]);
for (const w of inserted) jieba.insertWord(w, 'nz');
const after = tags([...clauses, ...edges]);

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const out = join(root, 'test', 'fixtures', 'jieba-native-tags.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
	out,
	`${JSON.stringify({
		nodejieba: JSON.parse(readFileSync(join(root, 'node_modules', 'nodejieba', 'package.json'), 'utf8')).version,
		dictionary: { 'jieba.dict.utf8': sha256(join(dict, 'jieba.dict.utf8')), 'hmm_model.utf8': sha256(join(dict, 'hmm_model.utf8')) },
		texts: [...clauses, ...edges],
		inserted,
		before,
		after,
	})}\n`,
);
console.log(`${out}: ${clauses.length + edges.length} texts`);
