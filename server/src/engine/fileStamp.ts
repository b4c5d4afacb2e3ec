import { statSync } from 'node:fs';

/** A key that changes when any of the files changes, appears or disappears: caches compare it. */
export function stampOf(files: string[]): string {
	return files
		.map((f) => {
			try {
				const s = statSync(f);
				return `${f}@${s.mtimeMs}:${s.size}`;
			} catch {
				return `${f}@missing`;
			}
		})
		.join('|');
}
