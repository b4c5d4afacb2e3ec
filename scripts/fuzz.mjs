// `npm run fuzz`: the fuzz tests (every test whose title says "fuzz") at length: the config and
// rule loader with NEWSPROOF_FUZZ_RUNS generated cases (default 3000), the language server with
// 20,000 operations (NEWSPROOF_FUZZ=long, or NEWSPROOF_FUZZ_OPERATIONS); NEWSPROOF_FUZZ_SEED
// picks another sequence than the fixed one.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NEWSPROOF_FUZZ: 'long', NEWSPROOF_FUZZ_RUNS: process.env.NEWSPROOF_FUZZ_RUNS ?? '3000' };
const mocha = require.resolve('mocha/bin/mocha.js');
const run = spawnSync(process.execPath, [mocha, 'dist/test/*.js', '--grep', 'fuzz', '--timeout', '0'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
