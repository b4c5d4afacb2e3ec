import { type Dirent, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import type { Ignore } from 'ignore';
import { readRegularFile } from '../engine';
import { isLockFile, isRevisionsCopy } from './word';

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
	/** Drafts found that cannot be read as named, with the reason (a file name that is not UTF-8). */
	unreadable: Map<string, string>;
	/** Folders and globs given that hold no draft (a CI gate must not pass on an empty folder). */
	empty: string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A folder's entries with their names; a name that is not valid UTF-8 comes back as undefined. */
function entriesOf(dir: string): { name: string | undefined; shown: string; entry: Dirent<Buffer> }[] {
	return readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((entry) => {
		let name: string | undefined;
		try {
			name = strictUtf8.decode(entry.name);
		} catch {
			name = undefined;
		}
		return { name, shown: name ?? entry.name.toString('utf8'), entry };
	});
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

/**
 * Whether a folder or glob takes a file: by extension, and never Word's lock file of an open
 * document (~$稿件.docx) nor a revised copy newsproof wrote (稿件.newsproof.docx).
 */
function wantedBy(extensions: string[]): (name: string) => boolean {
	const wanted = new Set(extensions.map((e) => e.toLowerCase()));
	return (name) => wanted.has(extname(name).toLowerCase()) && !isLockFile(name) && !isRevisionsCopy(name);
}

export function collectDrafts(paths: string[], extensions: string[], options: CollectOptions = {}): Collected {
	const files: string[] = [];
	const missing: string[] = [];
	const unreadable = new Map<string, string>();
	const empty: string[] = [];
	const wanted = wantedBy(extensions);
	const rules = options.ignoreFiles === false ? undefined : new IgnoreRules();
	const cwd = options.cwd ?? process.cwd();
	/** Real paths of the folders entered, so that a symbolic link back up is not followed round. */
	const entered = new Set<string>();
	const walk = (dir: string, top: string) => {
		let entries;
		try {
			const real = realpathSync(resolve(cwd, dir));
			if (entered.has(real)) return;
			entered.add(real);
			entries = entriesOf(resolve(cwd, dir));
		} catch {
			missing.push(dir);
			return;
		}
		entries.sort((a, b) => byName(a.shown, b.shown));
		for (const { name, shown, entry } of entries) {
			if (shown.startsWith('.') || shown === 'node_modules') {
				continue;
			}
			const path = join(dir, shown);
			let isDir = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink() && name !== undefined) {
				// A linked draft or folder is followed; a broken link to a draft is reported when read.
				try {
					const target = statSync(resolve(cwd, path));
					isDir = target.isDirectory();
					isFile = target.isFile();
				} catch {
					isFile = true;
				}
			}
			if (rules?.ignored(resolve(cwd, path), isDir, top)) {
				continue;
			}
			if (isDir && name !== undefined) {
				walk(path, top);
			} else if (isFile && wanted(shown)) {
				files.push(path);
				if (name === undefined) unreadable.set(path, '文件名不是有效的 UTF-8 编码，无法按名打开，请改用 UTF-8 文件名');
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
				const found = fg()
					.sync(p, { cwd, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] })
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
			const before = files.length;
			walk(p, rules ? rules.topFor(resolve(cwd, p)) : '');
			if (files.length === before) empty.push(p);
		} else {
			files.push(p);
		}
	}
	return { files: dedupe(files, cwd), missing, unreadable, empty };
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
