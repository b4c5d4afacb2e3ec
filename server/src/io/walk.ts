import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

// Collects the drafts under the paths given: files as named, folders recursively, in a
// stable order. Hidden folders and node_modules are never entered.

export function collectDrafts(paths: string[], extensions: string[]): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const wanted = new Set(extensions.map((e) => e.toLowerCase()));
	const walk = (dir: string) => {
		let entries;
		try {
			entries = readdirSync(dir, { withFileTypes: true });
		} catch {
			missing.push(dir);
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const e of entries) {
			if (e.name.startsWith('.') || e.name === 'node_modules') {
				continue;
			}
			const path = join(dir, e.name);
			if (e.isDirectory()) {
				walk(path);
			} else if (e.isFile() && wanted.has(extname(e.name).toLowerCase())) {
				files.push(path);
			}
		}
	};
	for (const p of paths) {
		let stat;
		try {
			stat = statSync(p);
		} catch {
			missing.push(p);
			continue;
		}
		if (stat.isDirectory()) {
			walk(p);
		} else {
			files.push(p);
		}
	}
	return { files, missing };
}
