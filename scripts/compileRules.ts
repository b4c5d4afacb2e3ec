import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import peopleSchema from '../rules/schema/people.schema.json';
import { builtinRuleFiles, loadRuleset } from '../server/src/engine';
import { rulesSchema } from '../server/src/engine/kinds';
import { type CompiledYaml, compileYaml, positionsFile, storedForms } from '../server/src/engine/compiledYaml';
import { literalMemo } from '../server/src/engine/regexLiterals';
import { parseYaml } from '../server/src/engine/yamlFile';
import { writeFileAtomic } from '../server/src/io/atomicWrite.mjs';

// Run by the build: parses and validates the shipped YAML files once and writes their
// values to dist/rules-compiled.json and their node positions to dist/rules-compiled-positions.json
// (see server/src/engine/compiledYaml.ts).
// A file with problems is left out, so that loading it reports them as usual.

const [rulesDir, out] = process.argv.slice(2);
// A copy from an earlier build must not feed this one.
rmSync(out, { force: true });
rmSync(positionsFile(out), { force: true });
const compiled: Record<string, CompiledYaml> = {};
for (const name of readdirSync(rulesDir)
	.filter((f) => f.endsWith('.yaml') && f !== 'sources.yaml')
	.sort()) {
	const text = readFileSync(join(rulesDir, name), 'utf8');
	const { loaded } = parseYaml(text, name, name === 'people.yaml' ? peopleSchema : rulesSchema);
	const entry = loaded ? compileYaml(text, statSync(join(rulesDir, name))) : undefined;
	if (entry) compiled[name] = entry;
}
// Loading the rules once fills the memo of the patterns' required literals.
loadRuleset(builtinRuleFiles());
const { rules, positions } = storedForms(compiled, [...literalMemo]);
writeFileAtomic(positionsFile(out), JSON.stringify(positions));
writeFileAtomic(out, JSON.stringify(rules));
