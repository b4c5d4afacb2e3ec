// npm run fuzz: the fuzz suites (test names containing "fuzz") at length: NEWSPROOF_FUZZ=long
// raises each suite's operation count; NEWSPROOF_FUZZ_SEED picks another sequence.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const bundles = readdirSync(join(root, 'dist', 'test')).filter((f) => f.endsWith('.js')).map((f) => join('dist', 'test', f));
const result = spawnSync(process.execPath, [mocha, '--grep', 'fuzz', ...bundles], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, NEWSPROOF_FUZZ: 'long' },
});
process.exit(result.status ?? 1);
