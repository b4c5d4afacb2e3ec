import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { writeFileAtomic } from '../io/atomicWrite.mjs';
import { codeCachePlaces } from './codeCache';

// Starts the language server (dist/serverCore.js) through V8's code cache: compiling the
// bundle is a good part of a cold start, and a cache written by an earlier start skips it.
// The cache sits beside the bundle, or in the temporary folder when that is read-only. V8
// checks it against the source and its own version and quietly recompiles when it does not
// fit (another Node or Electron); a new cache is then written when the server exits.

// Regular expressions straight to machine code: by default V8 first interprets each one and
// compiles it again once it has run, and the first lint of a page runs some two hundred of them.
setFlagsFromString('--no-regexp-tier-up');

const core = join(__dirname, 'serverCore.js');
// The bundle is ASCII (esbuild escapes the rest); read as such, it skips UTF-8 decoding.
const bytes = readFileSync(core);
const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
const places = codeCachePlaces(core, source.length);

let cachedData: Buffer | undefined;
for (const place of places) {
	try {
		cachedData = readFileSync(place);
		break;
	} catch {
		// Not written yet.
	}
}

const script = new Script(Module.wrap(source), { filename: core, cachedData });

if (!cachedData || script.cachedDataRejected) {
	process.once('exit', () => {
		const data = script.createCachedData();
		for (const place of places) {
			try {
				writeFileAtomic(place, data);
				return;
			} catch {
				// Read-only: try the next place.
			}
		}
	});
}

const mod = new Module(core, module);
mod.filename = core;
mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(core));
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, file: string, dir: string) => void;
run.call(mod.exports, mod.exports, Module.createRequire(core), mod, core, dirname(core));
