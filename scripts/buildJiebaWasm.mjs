// Compiles nodejieba's own C++ (cppjieba and limonp, from node_modules/nodejieba) with the
// small C interface in server/wasm/jieba.cpp to WebAssembly, for WASI: server/wasm/jieba.wasm
// and its checksum server/wasm/jieba.wasm.sha256. The result is committed, so neither an
// install nor a build needs a compiler; run this after changing jieba.cpp or nodejieba.
//
//   node scripts/buildJiebaWasm.mjs              rebuild server/wasm/jieba.wasm and its checksum
//   node scripts/buildJiebaWasm.mjs --out FILE   build to FILE (with FILE.sha256), e.g. for a comparison
//   node scripts/buildJiebaWasm.mjs --probe      exit 0 when the toolchain is here, 1 when not
//
// Toolchain: clang++ with a wasm32-wasi target, wasm-ld, the WASI C library and libc++ for
// wasm32 (Debian: apt-get install clang-14 lld-14 wasi-libc libc++-14-dev-wasm32
// libc++abi-14-dev-wasm32 libclang-rt-14-dev-wasm32). CXX and WASI_SYSROOT override the
// compiler and the sysroot.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jieba = join(root, 'node_modules', 'nodejieba');
const glue = join(root, 'server', 'wasm', 'jieba.cpp');

/** A compiler that builds a WASI reactor, or undefined. */
function findCompiler() {
	const candidates = process.env.CXX ? [process.env.CXX] : ['clang++-14', 'clang++', 'clang++-15', 'clang++-16', 'clang++-17', 'clang++-18', 'clang++-19'];
	const probe = mkdtempSync(join(tmpdir(), 'newsproof-wasm-probe-'));
	try {
		writeFileSync(join(probe, 'p.cpp'), '#include <string>\nextern "C" __attribute__((export_name("f"))) int f() { return std::string("ab").size(); }\n');
		for (const cxx of candidates) {
			const r = spawnSync(cxx, [...targetFlags(), '-o', join(probe, 'p.wasm'), join(probe, 'p.cpp')], { stdio: 'pipe' });
			if (r.status === 0) return cxx;
		}
		return undefined;
	} finally {
		rmSync(probe, { recursive: true, force: true });
	}
}

function targetFlags() {
	return ['--target=wasm32-wasi', ...(process.env.WASI_SYSROOT ? [`--sysroot=${process.env.WASI_SYSROOT}`] : []), '-mexec-model=reactor', '-fno-exceptions'];
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function build(out) {
	const cxx = findCompiler();
	if (!cxx) {
		throw new Error('no clang++ with a wasm32-wasi target, wasm-ld and libc++ for wasm32 found (see the head of scripts/buildJiebaWasm.mjs)');
	}
	const version = JSON.parse(readFileSync(join(jieba, 'package.json'), 'utf8')).version;
	const flags = [
		...targetFlags(),
		'-std=c++17',
		'-O3',
		// nodejieba's own build setting: warnings and worse are logged, below that nothing.
		'-DLOGGING_LEVEL=LL_WARNING',
		`-I${join(jieba, 'submodules', 'cppjieba', 'include')}`,
		`-I${join(jieba, 'submodules', 'cppjieba', 'deps', 'limonp', 'include')}`,
		// Source paths end up in the module (assertions, jieba's default dictionary folder):
		// the same bytes wherever the project is checked out.
		`-ffile-prefix-map=${jieba}=nodejieba`,
		`-ffile-prefix-map=${root}=newsproof`,
		'-Wl,--strip-all',
		'-Wl,-z,stack-size=1048576',
	];
	mkdirSync(dirname(out), { recursive: true });
	const temporary = `${out}.${process.pid}.tmp`;
	execFileSync(cxx, [...flags, '-o', temporary, glue], { stdio: 'inherit' });
	const bytes = readFileSync(temporary);
	renameSync(temporary, out);
	writeFileSync(`${out}.sha256`, `${sha256(bytes)}  jieba.wasm\n`);
	const compiler = execFileSync(cxx, ['--version'], { encoding: 'utf8' }).split('\n')[0];
	console.log(`${out}: ${bytes.length} bytes, sha256 ${sha256(bytes)} (nodejieba ${version}, ${compiler})`);
}

const args = process.argv.slice(2);
if (args.includes('--probe')) {
	process.exit(findCompiler() ? 0 : 1);
}
const outAt = args.indexOf('--out');
build(outAt >= 0 ? resolve(args[outAt + 1]) : join(root, 'server', 'wasm', 'jieba.wasm'));
