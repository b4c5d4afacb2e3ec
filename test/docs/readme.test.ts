import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { builtinRulesDir } from '../../server/src/engine';
import { readConfigFile } from '../../server/src/engine/config';

// The README's examples are what newcomers copy: they must stay valid.

const readme = readFileSync(join(builtinRulesDir(), '..', 'README.md'), 'utf8');

describe('README', () => {
	it('shows a .newsproofrc.yaml that validates against the config schema', () => {
		const block = /```yaml\n# \.newsproofrc\.yaml\n([\s\S]*?)```/.exec(readme);
		assert.ok(block, 'no .newsproofrc.yaml example found');
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-readme-'));
		const file = join(dir, '.newsproofrc.yaml');
		writeFileSync(file, block[1]);
		// The files it names, as a newsroom would have them (a missing one is an error at its line).
		const named = parse(block[1]) as { ruleFiles?: string[]; people?: string[] };
		for (const f of named.ruleFiles ?? [])
			writeFileSync(join(dir, f), 'rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    examples: { bad: [甲乙], good: [丙丁] }\n');
		for (const f of named.people ?? []) {
			mkdirSync(dirname(join(dir, f)), { recursive: true });
			writeFileSync(join(dir, f), 'people:\n  - name: 张三丰\n    titles: [局长]\n');
		}
		const { config, problems } = readConfigFile(file);
		assert.deepEqual(problems, []);
		assert.equal(config?.rules?.['SPC-001'], 'info');
		assert.deepEqual(config?.staff, ['王赛华', '柴琳琳']);
	});

	it('states the two set-up commands that CI runs', () => {
		assert.match(readme, /npm ci && npx newsproof lint seeds/);
		assert.match(readme, /npm ci && npm test/);
		const ci = readFileSync(join(builtinRulesDir(), '..', '.ci', 'run'), 'utf8');
		assert.match(ci, /^npm test$/m);
		assert.match(ci, /^npx newsproof lint seeds$/m);
	});
});
