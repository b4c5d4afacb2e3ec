// nodejieba's load() builds two segmenters: the Jieba instance newsproof cuts with, and a
// TextRank keyword extractor that parses the dictionary and the HMM model a second time.
// newsproof never extracts keywords, so the build compiles nodejieba's own sources with that
// one construction left out: the dictionary loads in about half the time and memory, in the
// language server and in every CLI thread. The result is cached by source and Node version.
// Whenever it cannot be built (no compiler, no node-gyp, nodejieba changed shape), the build
// uses nodejieba's own binary instead, which behaves the same apart from the second load.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const extractor = /_text_rank_extractor_handle\s*=\s*new\s+cppjieba\s*::\s*TextRankExtractor\([^;]*\);/g;
const refusal = /if\s*\(\s*!_text_rank_extractor_handle\s*\)\s*\{/g;

/** npm's own node-gyp: npm names it to the scripts it runs; otherwise beside the npm of this Node. */
function nodeGyp() {
	const candidates = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
	return candidates.find((c) => c && existsSync(c));
}

/** The Node headers nodejieba's own install was built against, when its build left a record. */
function nodedirOf(jiebaDir) {
	try {
		return /"nodedir":\s*"([^"]+)"/.exec(readFileSync(join(jiebaDir, 'build', 'config.gypi'), 'utf8'))?.[1];
	} catch {
		return undefined;
	}
}

/**
 * The path of a nodejieba binary without the keyword extractor, built (or found in the
 * cache) from the nodejieba package at `jiebaDir`; undefined, with the reason logged, when
 * it cannot be had.
 */
export function jiebaWithoutExtractor(jiebaDir, cacheDir, log = console.warn) {
	const sourceFile = join(jiebaDir, 'lib', 'nodejieba.cpp');
	if (!existsSync(sourceFile)) return undefined;
	const source = readFileSync(sourceFile, 'utf8');
	// The extractor is never made, and the one function that would use it refuses at once
	// (nodejieba's own check goes on to use the missing object).
	const patched = source
		.replace(extractor, '_text_rank_extractor_handle = nullptr;')
		.replace(
			refusal,
			'if (!_text_rank_extractor_handle) {\n    Napi::Error::New(info.Env(), "keyword extraction is not built in").ThrowAsJavaScriptException();\n    return info.Env().Undefined();\n  }\n  if (false) {',
		);
	if ((source.match(extractor) ?? []).length !== 1 || (source.match(refusal) ?? []).length !== 1) {
		log('newsproof: nodejieba.cpp has changed shape; using nodejieba\'s own binary (the dictionary loads twice)');
		return undefined;
	}
	const key = createHash('sha1')
		.update(patched)
		.update(readFileSync(join(jiebaDir, 'binding.gyp')))
		.update(`${process.version} ${process.platform} ${process.arch}`)
		.digest('hex')
		.slice(0, 16);
	const cached = join(cacheDir, `nodejieba-${key}.node`);
	if (existsSync(cached)) return cached;
	const gyp = nodeGyp();
	if (!gyp) {
		log('newsproof: node-gyp not found; using nodejieba\'s own binary (the dictionary loads twice)');
		return undefined;
	}
	// A copy of the package (its headers, binding.gyp and node-addon-api) with the one change.
	const work = join(cacheDir, 'src');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(cacheDir, { recursive: true });
	const skipped = new Set(['build', join('submodules', 'cppjieba', 'dict'), join('submodules', 'cppjieba', 'test'), 'test']);
	cpSync(jiebaDir, work, { recursive: true, filter: (path) => !skipped.has(relative(jiebaDir, path)) });
	writeFileSync(join(work, 'lib', 'nodejieba.cpp'), patched);
	try {
		const nodedir = process.env.npm_config_nodedir ?? nodedirOf(jiebaDir);
		const args = [gyp, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
		execFileSync(process.execPath, args, { cwd: work, stdio: 'pipe', timeout: 300_000 });
	} catch (err) {
		const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
		log(`newsproof: could not build nodejieba without its keyword extractor; using nodejieba's own binary (the dictionary loads twice)\n${output}`);
		return undefined;
	} finally {
		// Only the binary is kept.
		const built = join(work, 'build', 'Release', 'nodejieba.node');
		if (existsSync(built)) {
			for (const old of readdirSync(cacheDir).filter((f) => /^nodejieba-[0-9a-f]+\.node$/.test(f))) rmSync(join(cacheDir, old));
			copyFileSync(built, `${cached}.tmp`);
			renameSync(`${cached}.tmp`, cached);
		}
		rmSync(work, { recursive: true, force: true });
	}
	return existsSync(cached) ? cached : undefined;
}
