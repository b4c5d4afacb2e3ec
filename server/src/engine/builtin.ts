import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

// Where the shipped rules live: rules/ at the package root, found from the bundle, and the
// build's parsed copy of them in dist/.

let rulesDir: string | undefined;

/** The folder holding the built-in rules: rules/ at the package root, found from the bundle. */
export function builtinRulesDir(): string {
	if (rulesDir) return rulesDir;
	let dir = __dirname;
	for (let i = 0; i < 5; i++) {
		const candidate = join(dir, 'rules');
		if (existsSync(join(candidate, 'schema', 'rules.schema.json'))) {
			rulesDir = candidate;
			return candidate;
		}
		dir = dirname(dir);
	}
	throw new Error(`未找到内置规则目录 rules/（从 ${__dirname} 向上查找）`);
}

/** The build's parsed copy of the shipped YAML files (see compiledYaml). */
export function compiledRulesFile(): string {
	return join(builtinRulesDir(), '..', 'dist', 'rules-compiled.json');
}

export function isBuiltin(file: string): boolean {
	try {
		return dirname(file) === builtinRulesDir();
	} catch {
		return false;
	}
}

/** Shipped YAML files that hold data for the rules, not rules: the people registry, the sources. */
const dataFiles = new Set(['people.yaml', 'sources.yaml']);

let shippedFiles: string[] | undefined;

export function builtinRuleFiles(): string[] {
	if (shippedFiles) return [...shippedFiles];
	const dir = builtinRulesDir();
	shippedFiles = readdirSync(dir)
		.filter((f) => (f.endsWith('.yaml') || f.endsWith('.yml')) && !dataFiles.has(f))
		.sort()
		.map((f) => join(dir, f));
	return [...shippedFiles];
}

let sources: Map<string, string> | undefined;

/**
 * What a rule's `source:` codes stand for (rules/sources.yaml): Y100 is 《咬文嚼字》's list of
 * the hundred commonest wrong characters. A source that is not a code there (本报体例) reads as written.
 */
export function sourceTitle(code: string): string {
	if (!sources) {
		sources = new Map();
		try {
			const data = parse(readFileSync(join(builtinRulesDir(), 'sources.yaml'), 'utf8')) as { sources?: Record<string, unknown> };
			for (const [k, v] of Object.entries(data?.sources ?? {})) if (typeof v === 'string') sources.set(k, v);
		} catch {
			// Without the list, codes read as written.
		}
	}
	const title = sources.get(code);
	return title ? `${title}（${code}）` : code;
}
