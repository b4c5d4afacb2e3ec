import { existsSync, statSync } from 'node:fs';

// Caches keyed by files (config files, rule sets, ignore lists) ask the disk whether those
// files changed. An editor must see every change; a command-line run is over before anyone
// edits a config, so its lookups are frozen: each file is asked once. Each engine owns one
// FileLookups (see session.ts).

function stampNow(file: string): string {
	try {
		const s = statSync(file);
		return `${s.mtimeMs}:${s.size}`;
	} catch {
		return 'missing';
	}
}

/** A key that changes when any of the files changes, appears or disappears, asked of the disk now. */
export function stampOfFiles(files: string[]): string {
	return files.map((f) => `${f}@${stampNow(f)}`).join('|');
}

export class FileLookups {
	private readonly stamps = new Map<string, string>();
	private readonly present = new Map<string, boolean>();
	private readonly answers = new Map<string, unknown>();

	/** `frozen`: for one command-line run, each file's presence and stamp are read once and then reused. */
	constructor(readonly frozen = false) {}

	exists(file: string): boolean {
		if (!this.frozen) return existsSync(file);
		let known = this.present.get(file);
		if (known === undefined) {
			known = existsSync(file);
			this.present.set(file, known);
		}
		return known;
	}

	/** The stamp of one file: `mtime:size`, or `missing`. */
	stamp(file: string): string {
		if (!this.frozen) return stampNow(file);
		let known = this.stamps.get(file);
		if (known === undefined) {
			known = stampNow(file);
			this.stamps.set(file, known);
		}
		return known;
	}

	/** A key that changes when any of the files changes, appears or disappears: caches compare it. */
	stampOf(files: string[]): string {
		return files.map((f) => `${f}@${this.stamp(f)}`).join('|');
	}

	/**
	 * `compute()`, computed once per key in a frozen run (the config or ignore file that applies
	 * to a folder is the same for each of its drafts), and every time otherwise.
	 */
	answer<T>(key: string, compute: () => T): T {
		if (!this.frozen) return compute();
		if (this.answers.has(key)) return this.answers.get(key) as T;
		const answer = compute();
		this.answers.set(key, answer);
		return answer;
	}
}

/** Values computed from files, each kept until one of its files changes. */
export class StampedCache<T> {
	private readonly entries = new Map<string, { stamp: string; value: T }>();

	constructor(
		private readonly lookups: FileLookups,
		private readonly limit = 1000,
	) {}

	get(key: string, files: string[], compute: () => T): T {
		const stamp = this.lookups.stampOf(files);
		const hit = this.entries.get(key);
		if (hit && hit.stamp === stamp) return hit.value;
		const value = compute();
		if (this.entries.size >= this.limit) this.entries.clear();
		this.entries.set(key, { stamp, value });
		return value;
	}

	clear(): void {
		this.entries.clear();
	}
}
