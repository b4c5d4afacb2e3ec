import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { rulesSchema as schema } from '../../server/src/engine/kinds';
import { builtinRuleFiles, loadRuleset } from '../../server/src/engine';
import { compiledCopy, locateIn, positionsFile, untouchedCopy } from '../../server/src/engine/compiledYaml';
import { compiledRulesFile } from '../../server/src/engine/builtin';
import { parseYaml } from '../../server/src/engine/yamlFile';

// The build's parsed copy of the shipped rule files must say exactly what parsing says:
// the same values and the same lines for every rule, and never stand in for a changed file.

describe('compiled copy of the shipped rule files', () => {
	it('exists after the build and holds every shipped file', () => {
		assert.ok(existsSync(compiledRulesFile()), compiledRulesFile());
		for (const file of builtinRuleFiles()) {
			assert.ok(compiledCopy(file, readFileSync(file, 'utf8'), compiledRulesFile()), basename(file));
		}
	});

	it('gives the values and rule lines that parsing gives', () => {
		for (const file of builtinRuleFiles()) {
			const text = readFileSync(file, 'utf8');
			const parsed = parseYaml(text, file, schema).loaded!;
			const copied = parseYaml(text, file, schema, { compiled: compiledRulesFile() }).loaded!;
			assert.deepEqual(copied.value, parsed.value, basename(file));
			const rules = (parsed.value as { rules: { id: string }[] }).rules;
			rules.forEach((rule, i) => {
				for (const path of [
					['rules', i],
					['rules', i, 'find'],
					['rules', i, 'examples'],
				]) {
					assert.deepEqual(copied.locate(path), parsed.locate(path), `${rule.id} ${path.join('.')}`);
				}
			});
		}
	});

	it('is ignored whole when written in another format (a build of another version)', () => {
		const file = builtinRuleFiles()[0];
		const text = readFileSync(file, 'utf8');
		const data = JSON.parse(readFileSync(compiledRulesFile(), 'utf8')) as { format: number };
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-compiled-'));
		const same = join(dir, 'same.json');
		const older = join(dir, 'older.json');
		writeFileSync(same, JSON.stringify(data));
		writeFileSync(older, JSON.stringify({ ...data, format: data.format - 1 }));
		assert.ok(compiledCopy(file, text, same));
		assert.equal(compiledCopy(file, text, older), undefined);
	});

	it('keeps the positions in a file of their own, read only when a place below a rule is asked for', () => {
		const file = builtinRuleFiles().find((f) => basename(f) === 'typ.yaml')!;
		const text = readFileSync(file, 'utf8');
		const parsed = parseYaml(text, file, schema).loaded!;
		assert.ok(existsSync(positionsFile(compiledRulesFile())));
		const stored = JSON.parse(readFileSync(compiledRulesFile(), 'utf8')) as { files: Record<string, object> };
		assert.ok(!('at' in stored.files['typ.yaml']), 'the compiled copy leaves the positions out');
		// Without the positions file, a rule's own place still comes from the copy.
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-compiled-'));
		const alone = join(dir, 'rules-compiled.json');
		copyFileSync(compiledRulesFile(), alone);
		const entry = compiledCopy(file, text, alone)!;
		assert.deepEqual(locateIn(entry, ['rules', 3]), parsed.locate(['rules', 3]));
		assert.deepEqual(locateIn(entry, ['rules', 3, 'find']), { line: 1, column: 1 });
		// With it, a field's place is the parser's.
		copyFileSync(positionsFile(compiledRulesFile()), positionsFile(alone));
		const withPositions = join(dir, 'again.json');
		copyFileSync(compiledRulesFile(), withPositions);
		copyFileSync(positionsFile(compiledRulesFile()), positionsFile(withPositions));
		const found = compiledCopy(file, text, withPositions)!;
		assert.deepEqual(locateIn(found, ['rules', 3, 'find']), parsed.locate(['rules', 3, 'find']));
	});

	it('is taken for a file of the size it was built from, unread at its time, by its bytes at another', () => {
		const file = builtinRuleFiles()[0];
		assert.ok(untouchedCopy(file, compiledRulesFile()), 'the shipped file, as built');
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-compiled-'));
		const copy = join(dir, basename(file));
		copyFileSync(file, copy);
		const built = statSync(file);
		// Same content, another time (as an installed extension's files): compared by its bytes.
		utimesSync(copy, built.atime, new Date(built.mtimeMs + 5000));
		assert.ok(untouchedCopy(copy, compiledRulesFile()));
		// Another character of the same size, at another time: not the file compiled.
		const text = readFileSync(file, 'utf8');
		const edited = text.replace(/severity: warning/, 'severity: errorxx');
		assert.notEqual(edited, text);
		writeFileSync(copy, edited);
		assert.equal(statSync(copy).size, built.size);
		assert.equal(untouchedCopy(copy, compiledRulesFile()), undefined);
		// Edited, with the time put back: the size still tells.
		writeFileSync(copy, readFileSync(file, 'utf8') + '\n# edited\n');
		utimesSync(copy, built.atime, built.mtime);
		assert.equal(untouchedCopy(copy, compiledRulesFile()), undefined);
	});

	it('is not used for a file whose text changed: its problems are reported', () => {
		const file = builtinRuleFiles()[0];
		const broken = readFileSync(file, 'utf8').replace(/\n {4}severity: \w+/, '\n    severity: [');
		assert.equal(compiledCopy(file, broken, compiledRulesFile()), undefined);
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-compiled-'));
		const copy = join(dir, basename(file));
		writeFileSync(copy, broken);
		const ruleset = loadRuleset([copy]);
		assert.ok(ruleset.problems.length > 0);
		assert.match(ruleset.problems[0].message, /YAML/);
	});
});
