import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { readConfigFile } from '../../server/src/engine/config';

// The README's examples are what newcomers copy: they must stay valid.

const readme = readFileSync(join(builtinRulesDir(), '..', 'README.md'), 'utf8');

describe('README', () => {
	it('shows a .newsproofrc.yaml that validates against the config schema', () => {
		const block = /```yaml\n# \.newsproofrc\.yaml\n([\s\S]*?)```/.exec(readme);
		assert.ok(block, 'no .newsproofrc.yaml example found');
		const file = join(mkdtempSync(join(tmpdir(), 'newsproof-readme-')), '.newsproofrc.yaml');
		writeFileSync(file, block[1]);
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
