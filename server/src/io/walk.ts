import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import type { Ignore } from 'ignore';
import { readRegularFile } from '../engine';

// Loaded on first use: the language server starts faster without them until a folder is linted.
let fastGlob: typeof FastGlob | undefined;
const fg = (): typeof FastGlob => (fastGlob ??= require('fast-glob') as typeof FastGlob);
const ignore = (): Ignore => (require('ignore') as () => Ignore)();

// Collects the drafts under the paths given: files as named, folders recursively, globs
// expanded, in a stable order. Hidden folders and node_modules are never entered. Folders
// and globs honour .gitignore and .newsproofignore files (gitignore syntax) in every folder
// from the repository root down; a file named outright is always taken.

export const ignoreFileNames = ['.gitignore', '.newsproofignore'];

export interface CollectOptions {
	/** Honour .gitignore and .newsproofignore (default true). */
	ignoreFiles?: boolean;
	/** Where relative globs start (default the current directory). */
	cwd?: string;
}

export interface Collected {
	files: string[];
	/** Paths given that exist nowhere and match nothing. */
	missing: string[];
}

/** The ignore rules of each folder, read once, and whether a path falls under them. */
export class IgnoreRules {
	private readonly perDir = new Map<string, Ignore | null>();

	private rulesOf(dir: string): Ignore | null {
		let rules = this.perDir.get(dir);
		if (rules === undefined) {
			rules = null;
			for (const name of ignoreFileNames) {
				const file = join(dir, name);
				let text: string;
				try {
					// Only a regular file: a FIFO named .gitignore must not stall the walk.
					text = readRegularFile(file).toString('utf8');
				} catch {
					continue;
				}
				rules ??= ignore();
				rules.add(text);
			}
			this.perDir.set(dir, rules);
		}
		return rules;
	}

	/** The folders whose ignore files apply below `dir`: up to the repository root, or `dir` itself outside one. */
	private chainOf(dir: string): string[] {
		const chain: string[] = [];
		for (let d = dir; ; d = dirname(d)) {
			chain.unshift(d);
			if (existsSync(join(d, '.git')) || dirname(d) === d) {
				return chain;
			}
		}
	}

	private readonly roots = new Map<string, string>();

	/** The top of the chain for `dir`, so that ancestors outside a repository are not consulted. */
	private rootOf(dir: string): string {
		let root = this.roots.get(dir);
		if (root === undefined) {
			const chain = this.chainOf(dir);
			root = existsSync(join(chain[0], '.git')) ? chain[0] : dir;
			this.roots.set(dir, root);
		}
		return root;
	}

	/** Whether `path` (absolute) is ignored, checking every folder from `top` down to its parent. */
	ignored(path: string, isDir: boolean, top = this.rootOf(dirname(path))): boolean {
		const parent = dirname(path);
		for (let d = parent; ; d = dirname(d)) {
			const rules = this.rulesOf(d);
			if (rules) {
				const rel = relative(d, path).split(sep).join('/');
				if (rel && !rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel)) {
					return true;
				}
			}
			if (d === top || dirname(d) === d || !d.startsWith(top)) {
				return false;
			}
		}
	}

	/** The root to check folders under `dir` against (its repository root, or itself). */
	topFor(dir: string): string {
		return this.rootOf(dir);
	}
}

function byName(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function wantedBy(extensions: string[]): (name: string) => boolean {
	const wanted = new Set(extensions.map((e) => e.toLowerCase()));
	return (name) => wanted.has(extname(name).toLowerCase());
}

export function collectDrafts(paths: string[], extensions: string[], options: CollectOptions = {}): Collected {
	const files: string[] = [];
	const missing: string[] = [];
	const wanted = wantedBy(extensions);
	const rules = options.ignoreFiles === false ? undefined : new IgnoreRules();
	const cwd = options.cwd ?? process.cwd();
	const walk = (dir: string, top: string) => {
		let entries;
		try {
			entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
		} catch {
			missing.push(dir);
			return;
		}
		entries.sort((a, b) => byName(a.name, b.name));
		for (const e of entries) {
			if (e.name.startsWith('.') || e.name === 'node_modules') {
				continue;
			}
			const path = join(dir, e.name);
			const isDir = e.isDirectory();
			if (rules?.ignored(resolve(cwd, path), isDir, top)) {
				continue;
			}
			if (isDir) {
				walk(path, top);
			} else if (e.isFile() && wanted(e.name)) {
				files.push(path);
			}
		}
	};
	for (const p of paths) {
		let stat;
		try {
			stat = statSync(resolve(cwd, p));
		} catch {
			// A path that exists is a path even with glob characters (file names with brackets).
			if (fg().isDynamicPattern(p)) {
				const found = fg().sync(p, { cwd, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] })
					.filter((f) => wanted(f) && !rules?.ignored(resolve(cwd, f), false))
					.sort(byName);
				if (found.length) {
					files.push(...found);
					continue;
				}
			}
			missing.push(p);
			continue;
		}
		if (stat.isDirectory()) {
			walk(p, rules ? rules.topFor(resolve(cwd, p)) : '');
		} else {
			files.push(p);
		}
	}
	return { files: dedupe(files, cwd), missing };
}

function dedupe(files: string[], cwd: string): string[] {
	const seen = new Set<string>();
	return files.filter((f) => {
		const key = resolve(cwd, f);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
