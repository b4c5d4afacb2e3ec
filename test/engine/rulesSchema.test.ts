import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir, lintText, stopsRun } from '../../server/src/engine';
import { kinds } from '../../server/src/engine/kinds';
import { rulesSchemaText } from '../../server/src/engine/kinds/schema';
import { rulesetFromYaml } from '../helpers/engine';

// Each kind declares its parameters once (its `params`); the rule file schema is made from
// them, and the loader checks each entry against its own kind.

const entry = (id: string, kind: string, lines: string) =>
	`rules:\n  - id: ${id}\n    kind: ${kind}\n    category: typography\n    severity: info\n${lines}    examples: { bad: [甲], good: [乙] }\n`;

describe('kinds declare their parameters once', () => {
	it('rules/schema/rules.schema.json is the one the kinds make (npm run rules:schema writes it)', () => {
		const committed = readFileSync(join(builtinRulesDir(), 'schema', 'rules.schema.json'), 'utf8');
		assert.ok(committed === rulesSchemaText(Object.values(kinds)), 'rules/schema/rules.schema.json is out of date: run npm run rules:schema');
	});

	it('every kind has a parameter object, and a sub-check is always called check', () => {
		for (const kind of Object.values(kinds)) {
			assert.equal(kind.params.type, 'object', kind.name);
			assert.ok(!('mode' in kind.params.properties), `${kind.name} still names its sub-check mode`);
		}
		const withSubCheck = Object.values(kinds)
			.filter((k) => 'check' in k.params.properties)
			.map((k) => k.name);
		assert.deepEqual(withSubCheck.sort(), ['byline-form', 'dateline', 'de-di-de', 'numeral-consistency', 'paired-marks', 'people', 'story-byline']);
	});

	it('checks an entry against its own kind, with the kind’s message at the entry’s line', () => {
		// A list is a valid `find` for replace, not for pattern, whose find is one expression.
		const rs = rulesetFromYaml(entry('PAT-900', 'pattern', '    find: [甲, 乙]\n'), 'house.yaml');
		assert.equal(rs.rules.length, 0);
		assert.equal(rs.problems.length, 1);
		assert.deepEqual({ file: rs.problems[0].file, line: rs.problems[0].line }, { file: 'house.yaml', line: 6 });
		assert.equal(rs.problems[0].message, 'PAT-900：pattern 规则需要 find（正则表达式）');
		// A missing required parameter is reported at its entry.
		const missing = rulesetFromYaml(entry('DLN-900', 'dateline', ''), 'house.yaml');
		assert.equal(missing.rules.length, 0);
		assert.equal(missing.problems[0].line, 2);
		assert.match(missing.problems[0].message, /^DLN-900：dateline 规则需要 check：space、according/);
	});

	it('still reads the old word mode, with a warning naming file and line', () => {
		const rs = rulesetFromYaml(entry('PAI-901', 'paired-marks', '    mode: balance\n'), 'house.yaml');
		assert.equal(rs.rules.length, 1);
		assert.equal(rs.problems.length, 1);
		const [warning] = rs.problems;
		assert.deepEqual({ file: warning.file, line: warning.line, column: warning.column }, { file: 'house.yaml', line: 6, column: 5 });
		assert.equal(warning.severity, 'warning');
		assert.equal(stopsRun(warning), false);
		assert.match(warning.message, /PAI-901：字段“mode”已改名为“check”/);
		// The rule it loads finds what check: balance finds.
		const current = rulesetFromYaml(entry('PAI-901', 'paired-marks', '    check: balance\n'));
		assert.deepEqual(current.problems, []);
		const draft = '他说：“今天开会。\n\n会议（第二次在区里召开。\n';
		const found = (ruleset: typeof rs) => lintText(draft, { ruleset }).findings.map((f) => `${f.ruleId} ${f.text}`);
		assert.deepEqual(found(rs), ['PAI-901 “', 'PAI-901 （']);
		assert.deepEqual(found(rs), found(current));
		// A wrong word under the old name is still wrong.
		const wrong = rulesetFromYaml(entry('DLN-902', 'dateline', '    mode: spaces\n'));
		assert.equal(wrong.rules.length, 0);
		assert.ok(wrong.problems.some((p) => stopsRun(p)));
	});
});
