import { dirname } from 'node:path';
import type { ConfigProblem, Engine } from '../engine';

// Before a command-line run lints anything, the files that configure it are judged: config
// files, the rule and people files they name, the ignore lists. One mistake in any of them
// stops the run with status 2 and nothing linted or fixed, instead of a run with defaults
// that reports rules the desk switched off (or, with --fix, changes drafts by them).

/** The problems of every config that applies to `paths` (drafts, or a folder's stand-in), each once. */
export function configErrors(engine: Engine, paths: string[], configFile: string | undefined): ConfigProblem[] {
	const folders = new Set<string>();
	const seen = new Set<string>();
	const problems: ConfigProblem[] = [];
	for (const path of paths) {
		// Drafts of one folder share their config and ignore list.
		if (folders.has(dirname(path))) continue;
		folders.add(dirname(path));
		for (const p of engine.configProblems(path, { configFile })) {
			const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.message}`;
			if (seen.has(key)) continue;
			seen.add(key);
			problems.push(p);
		}
	}
	return problems;
}
