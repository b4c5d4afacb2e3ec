import { existsSync, statSync } from 'node:fs';

// Caches keyed by files (rule sets, people registries, config and ignore lookups) ask the
// disk whether those files changed. An editor must see every change; a command-line run is
// over before anyone edits a config, so it freezes the answers: each file is asked once.

let frozen: { stamps: Map<string, string>; exists: Map<string, boolean>; answers: Map<string, unknown> } | undefined;

/** For one command-line run: each file's presence and stamp are read once and then reused. */
export function freezeFileLookups(): void {
	frozen = { stamps: new Map(), exists: new Map(), answers: new Map() };
}

/**
 * `compute()`, computed once per key in a frozen run (the config or ignore file that applies
 * to a folder is the same for each of its drafts), and every time otherwise.
 */
export function frozenAnswer<T>(key: string, compute: () => T): T {
	if (!frozen) return compute();
	if (frozen.answers.has(key)) return frozen.answers.get(key) as T;
	const answer = compute();
	frozen.answers.set(key, answer);
	return answer;
}

export function fileExists(file: string): boolean {
	if (!frozen) return existsSync(file);
	let known = frozen.exists.get(file);
	if (known === undefined) {
		known = existsSync(file);
		frozen.exists.set(file, known);
	}
	return known;
}

function stampOne(file: string): string {
	const known = frozen?.stamps.get(file);
	if (known !== undefined) return known;
	let stamp: string;
	try {
		const s = statSync(file);
		stamp = `${s.mtimeMs}:${s.size}`;
	} catch {
		stamp = 'missing';
	}
	frozen?.stamps.set(file, stamp);
	return stamp;
}

/** A key that changes when any of the files changes, appears or disappears: caches compare it. */
export function stampOf(files: string[]): string {
	return files.map((f) => `${f}@${stampOne(f)}`).join('|');
}

/** The stamp of one file: `mtime:size`, or `missing`. */
export function fileStampOf(file: string): string {
	return stampOne(file);
}
