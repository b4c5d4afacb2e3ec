// Bundles the client, the server, the CLI, the scripts and the tests into dist/, and lays
// the word segmenter (WebAssembly, committed in server/wasm/) and a trimmed dictionary beside
// them so that the .vsix and the CLI carry everything they load at run time.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './server/src/io/atomicWrite.mjs';
import { docLinesFile, headingPlaces } from './server/src/lsp/ruleDocLines.mjs';
import { trimDictionary } from './scripts/trimDictionary.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const release = process.argv.includes('--release');

// The most frequent words of jieba's dictionary: about 0.2 s and 70 MB to load instead of
// 2 s and 260 MB; the rules' own terms are added at run time and kept whole on top.
const dictionaryWords = 60000;

/**
 * Writes a file only when its content changes, through a new file renamed into place: a
 * running server or CLI has the old binary mapped, and overwriting it in place while it
 * runs kills that process (SIGBUS); a rename leaves the old inode to whoever holds it.
 */
function place(path, data) {
	if (existsSync(path) && readFileSync(path).equals(Buffer.isBuffer(data) ? data : Buffer.from(data))) {
		return;
	}
	writeFileAtomic(path, data);
}

function layOutSegmenter() {
	const dictDir = join(root, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict');
	mkdirSync(join(root, 'dist', 'dict'), { recursive: true });
	// The segmenter is WebAssembly for every platform (scripts/buildJiebaWasm.mjs builds it).
	for (const name of ['jieba.wasm', 'jieba.wasm.sha256']) {
		place(join(root, 'dist', name), readFileSync(join(root, 'server', 'wasm', name)));
	}
	// Left by builds from before the WebAssembly segmenter.
	rmSync(join(root, 'dist', 'native'), { recursive: true, force: true });
	rmSync(join(root, 'dist', 'dict', 'user.dict.utf8'), { force: true });
	const full = join(dictDir, 'jieba.dict.utf8');
	if (existsSync(full)) {
		place(join(root, 'dist', 'dict', 'jieba.dict.utf8'), trimDictionary(full, dictionaryWords));
		place(join(root, 'dist', 'dict', 'hmm_model.utf8'), readFileSync(join(dictDir, 'hmm_model.utf8')));
	} else {
		console.warn(`newsproof: ${full} is missing; segmentation will be unavailable`);
	}
	// Keyword extraction is never used, but jieba insists on non-empty idf and stop-word files.
	place(join(root, 'dist', 'dict', 'idf.utf8'), '新闻 10.0\n');
	place(join(root, 'dist', 'dict', 'stop_words.utf8'), '的\n');
}

/**
 * The test suites, one bundle per folder of test files (test/engine, test/engine/kinds,
 * test/cli, ...): each bundle imports the folder's *.test.ts files, so that the engine is
 * bundled a handful of times instead of once per test file, and mocha can run the bundles
 * side by side. test/e2e runs inside VS Code and is built by its own script.
 */
function testSuites() {
	const suites = {};
	const walk = (dir, name) => {
		const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
		const files = entries.filter((e) => e.isFile() && e.name.endsWith('.test.ts')).map((e) => join(dir, e.name));
		if (files.length) suites[name] = files;
		for (const e of entries) {
			if (e.isDirectory() && e.name !== 'e2e') walk(join(dir, e.name), name ? `${name}-${e.name}` : e.name);
		}
	};
	walk(join(root, 'test'), '');
	return suites;
}

/** Resolves `test-suite:<face>` to a module importing that face's test files in order. */
const suiteModules = (suites) => ({
	name: 'test-suites',
	setup(build) {
		build.onResolve({ filter: /^test-suite:/ }, (args) => ({ path: args.path.slice('test-suite:'.length), namespace: 'test-suite' }));
		build.onLoad({ filter: /.*/, namespace: 'test-suite' }, (args) => ({
			contents: suites[args.path].map((f) => `import ${JSON.stringify(f)};`).join('\n'),
			resolveDir: root,
			loader: 'ts',
		}));
	},
});

const base = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	sourcemap: !release,
	// Maps point at the sources in the checkout instead of carrying copies of them.
	sourcesContent: false,
	minify: release,
	logLevel: 'warning',
	absWorkingDir: root,
	// recheck names its worker for a backend that is never chosen (see engine/redos.ts).
	logOverride: { 'require-resolve-not-external': 'silent' },
};

// Libraries the code requires on first use (a GB18030 draft, a newsroom's own rule file, a
// folder to walk, a pattern to analyse) stay out of the bundles that every start reads: each
// is its own file in dist/vendor/, required from there when needed. Half of the server bundle
// was these libraries (iconv-lite's code tables alone were a third).
const lazyPackages = [
	'iconv-lite',
	'ajv',
	'@eslint-community/regexpp',
	// A newsroom's own patterns only: the linear-time engine, and the ReDoS checker.
	're2js',
	'recheck',
	'fast-glob',
	'ignore',
	// Markdown drafts only.
	'mdast-util-from-markdown',
	'micromark-extension-frontmatter',
	'mdast-util-frontmatter',
	'micromark-extension-gfm',
	'mdast-util-gfm',
];
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replace(/\//g, '-')}.js`;
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const lazyVendor = {
	name: 'lazy-vendor',
	setup(build) {
		const filter = new RegExp(`^(?:${lazyPackages.map(escapeRegExp).join('|')})$`);
		// Only require() calls: type imports vanish, and these packages are never imported for values.
		build.onResolve({ filter }, (args) => (args.kind === 'require-call' ? { path: `./${vendorFile(args.path)}`, external: true } : undefined));
	},
};
/** Bundles written to dist/ itself, whose ./vendor/ requires resolve to dist/vendor/. */
const inDist = { ...base, plugins: [lazyVendor] };

const targets = [
	{ ...base, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
	// dist/server.js is a small launcher that loads the server through V8's code cache.
	// Without white space the server bundle reads and compiles faster at start; names stay.
	{ ...inDist, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/serverCore.js', minifyWhitespace: true, minifySyntax: true },
	{ ...base, entryPoints: ['server/src/lsp/launch.ts'], outfile: 'dist/server.js' },
	{ ...inDist, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
	{ ...inDist, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js' },
	{ ...inDist, entryPoints: ['scripts/evalCorpus.ts'], outfile: 'dist/evalCorpus.js' },
	{ ...inDist, entryPoints: ['scripts/compareSegmenters.ts'], outfile: 'dist/compareSegmenters.js' },
	{ ...inDist, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' },
	{ ...inDist, entryPoints: ['scripts/compileRules.ts'], outfile: 'dist/compileRules.js' },
	{ ...inDist, entryPoints: ['scripts/rulesSchema.ts'], outfile: 'dist/rulesSchema.js' },
	{ ...inDist, entryPoints: ['scripts/lmBuild.ts'], outfile: 'dist/lmBuild.js' },
	{ ...inDist, entryPoints: ['scripts/evalTypos.ts'], outfile: 'dist/evalTypos.js' },
	{ ...base, entryPoints: Object.fromEntries(lazyPackages.map((p) => [vendorFile(p).replace(/\.js$/, ''), p])), outdir: 'dist', minifyWhitespace: true },
];
if (!release) {
	// Bundles of suites that no longer exist must not run.
	rmSync(join(root, 'dist', 'test'), { recursive: true, force: true });
	const suites = testSuites();
	targets.push({
		...base,
		entryPoints: Object.fromEntries(Object.keys(suites).map((face) => [face, `test-suite:${face}`])),
		outdir: 'dist/test',
		// The lazily required libraries come from node_modules, as the tests' own imports of them
		// do: one copy each instead of one in every suite (recheck alone is 3 MB).
		external: ['mocha', 'vscode', ...lazyPackages],
		plugins: [suiteModules(suites)],
	});
}

layOutSegmenter();
// Source entry points must exist (a checkout without tests builds the rest); vendor entries are packages.
const present = targets.filter((t) =>
	Array.isArray(t.entryPoints) ? t.entryPoints.length > 0 && t.entryPoints.every((e) => existsSync(resolve(root, e))) : true,
);
const contexts = await Promise.all(present.map((t) => esbuild.context(t)));
if (watch) {
	await Promise.all(contexts.map((c) => c.watch()));
} else {
	await Promise.all(contexts.map((c) => c.rebuild()));
	await Promise.all(contexts.map((c) => c.dispose()));
	// The shipped rule files, parsed once here instead of at every start.
	execFileSync(process.execPath, [join(root, 'dist', 'compileRules.js'), join(root, 'rules'), join(root, 'dist', 'rules-compiled.json')], { stdio: 'inherit' });
	// The rule reference's heading lines, for the diagnostics' links (server/src/lsp/ruleDocLines.mjs).
	const reference = join(root, 'docs', 'rules.md');
	if (existsSync(reference)) {
		const bytes = readFileSync(reference);
		place(join(root, 'dist', docLinesFile), JSON.stringify({ size: bytes.byteLength, places: headingPlaces(bytes) }));
	}
}
