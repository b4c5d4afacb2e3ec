import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRulesDir, Engine, type Finding, type Severity } from '../server/src/engine';
import { locateSegmenterFiles } from '../server/src/engine/jieba/runtime';
import { collectDrafts } from '../server/src/io/walk';
import { compareTaggers, nativeBinary, nativeTagger, unitsOf, wasmTagger } from './segmenterComparison';

// Precision on real published text: lints ../shared/corpus (or the folders given) and
// prints findings per 10,000 characters by rule and category, with a sample of each
// rule's hits in context, so that false positives can be reviewed by hand.
// npm run eval:corpus [-- --rule TYP-005 --all] [-- --json] [folders...]

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		rule: { type: 'string' },
		all: { type: 'boolean', default: false },
		samples: { type: 'string', default: '5' },
		json: { type: 'boolean', default: false },
	},
});

const root = join(builtinRulesDir(), '..');
const folders = positionals.length ? positionals.map((p) => resolve(p)) : [join(root, '..', 'shared', 'corpus')];
const present = folders.filter((f) => existsSync(f));
if (!present.length) {
	console.log(`未找到语料目录：${folders.join('、')}（共享语料不随项目分发），跳过。`);
	process.exit(0);
}

const { files } = collectDrafts(present, ['.txt']);
const engine = new Engine({ batch: true });
let characters = 0;
const hits: { file: string; finding: Finding; context: string }[] = [];
const started = Date.now();
for (const file of files) {
	if (file.endsWith('README.md')) continue;
	const text = readFileSync(file, 'utf8');
	characters += [...text].filter((c) => !/\s/.test(c)).length;
	const { findings } = engine.lintFile(file, text);
	for (const f of findings) {
		if (values.rule && f.ruleId !== values.rule) continue;
		const context = text.slice(Math.max(0, f.offset.start - 15), f.offset.end + 15).replace(/\n/g, '⏎');
		hits.push({ file: relative(process.cwd(), file), finding: f, context });
	}
}
const seconds = (Date.now() - started) / 1000;

// The shipped WebAssembly segmenter against nodejieba's native build, where one is built
// (nodejieba's install script, or NEWSPROOF_NATIVE_JIEBA): every line and clause of the corpus.
const native = nativeBinary(root);
const segmenterFiles = locateSegmenterFiles();
const segmentation =
	native && segmenterFiles
		? compareTaggers(
				nativeTagger(native, segmenterFiles),
				wasmTagger(segmenterFiles.wasm, segmenterFiles),
				(function* () {
					for (const f of files) if (!f.endsWith('README.md')) yield* unitsOf(readFileSync(f, 'utf8'));
				})(),
			)
		: undefined;
const segmentationLine = segmentation
	? `分词对照：${segmentation.texts} 行与分句，WebAssembly 与原生 nodejieba（${native}）不同 ${segmentation.differing} 处${segmentation.samples.map((s) => `\n  ${s}`).join('')}`
	: '分词对照：未找到原生 nodejieba 二进制（node_modules/nodejieba/build/Release/nodejieba.node 或 NEWSPROOF_NATIVE_JIEBA；构建方法见 scripts/nativeJiebaTags.mjs 开头），跳过';
const per10k = (n: number) => ((n * 10000) / characters).toFixed(3);

const byRule = new Map<string, { severity: Severity; category: string; count: number; samples: typeof hits }>();
const byCategory = new Map<string, Record<Severity, number>>();
for (const h of hits) {
	const f = h.finding;
	const r = byRule.get(f.ruleId) ?? { severity: f.severity, category: f.category, count: 0, samples: [] };
	r.count++;
	r.samples.push(h);
	byRule.set(f.ruleId, r);
	const c = byCategory.get(f.category) ?? { error: 0, warning: 0, info: 0, hint: 0 };
	c[f.severity]++;
	byCategory.set(f.category, c);
}

if (values.json) {
	console.log(
		JSON.stringify(
			{
				files: files.length,
				characters,
				seconds,
				rules: Object.fromEntries(
					[...byRule].map(([id, r]) => [id, { severity: r.severity, category: r.category, count: r.count, per10k: Number(per10k(r.count)) }]),
				),
				categories: Object.fromEntries(byCategory),
				segmentation: segmentation ?? null,
			},
			null,
			2,
		),
	);
	process.exit(0);
}

console.log(`语料：${files.length} 个文件，${characters} 字，用时 ${seconds.toFixed(1)} 秒`);
console.log(segmentationLine);
console.log('\n按类别（每万字）：');
console.log('类别'.padEnd(14) + 'error    warning  info     hint');
for (const [cat, c] of [...byCategory].sort()) {
	console.log(cat.padEnd(14) + (['error', 'warning', 'info', 'hint'] as Severity[]).map((s) => `${c[s]}/${per10k(c[s])}`.padEnd(9)).join(''));
}
const errors = [...byCategory].filter(([cat]) => cat === 'political' || cat === 'sensitive').reduce((n, [, c]) => n + c.error, 0);
console.log(`\n政治与敏感词类 error 级：${errors} 处，每万字 ${per10k(errors)}（目标 < 0.2）`);
console.log('\n按规则：');
for (const [id, r] of [...byRule].sort((a, b) => b[1].count - a[1].count)) {
	console.log(`\n${id}  ${r.severity}  ${r.category}  ${r.count} 处，每万字 ${per10k(r.count)}`);
	const n = values.all ? r.samples.length : Number(values.samples);
	for (const s of r.samples.slice(0, n)) {
		console.log(`  ${s.file}:${s.finding.range.start.line + 1}  ${s.finding.message}  …${s.context}…`);
	}
}
