import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

let shippedFiles: string[] | undefined;

export function builtinRuleFiles(): string[] {
	if (shippedFiles) return [...shippedFiles];
	const dir = builtinRulesDir();
	shippedFiles = readdirSync(dir)
		// people.yaml is the people registry, read by the people kind, not a rule file.
		.filter((f) => (f.endsWith('.yaml') || f.endsWith('.yml')) && f !== 'people.yaml')
		.sort()
		.map((f) => join(dir, f));
	return [...shippedFiles];
}

