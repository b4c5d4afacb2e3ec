// `npm run fuzz`: the fuzz tests (every test whose title says "fuzz") with many more generated
// cases than `npm test` gives them. NEWSPROOF_FUZZ_RUNS sets how many (default 3000),
// NEWSPROOF_FUZZ_SEED another seed than the fixed one.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NEWSPROOF_FUZZ_RUNS: process.env.NEWSPROOF_FUZZ_RUNS ?? '3000' };
const mocha = require.resolve('mocha/bin/mocha.js');
const run = spawnSync(process.execPath, [mocha, 'dist/test/*.js', '--grep', 'fuzz', '--timeout', '0'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
