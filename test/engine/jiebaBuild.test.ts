import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The build compiles nodejieba without its keyword extractor (scripts/buildJieba.mjs), so that
// the dictionary is parsed once instead of twice. The binary it ships must cut and tag text
// exactly as nodejieba's own, and refuse keyword extraction instead of crashing.

const root = join(builtinRulesDir(), '..');
const shipped = join(root, 'dist', 'native', 'nodejieba.node');
const original = join(root, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');
const dict = join(root, 'dist', 'dict');

/** Runs `body` in a fresh Node with `jieba` loaded from `binary` and the shipped dictionary. */
function withBinary(binary: string, body: string): { stdout: string; stderr: string; status: number | null } {
	const script = `
const jieba = require(${JSON.stringify(binary)});
const d = ${JSON.stringify(dict)} + '/';
jieba.load(d + 'jieba.dict.utf8', d + 'hmm_model.utf8', d + 'user.dict.utf8', d + 'idf.utf8', d + 'stop_words.utf8');
${body}`;
	const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('the shipped nodejieba binary', () => {
	it('is the build without the keyword extractor', () => {
		assert.ok(existsSync(shipped) && existsSync(original));
		assert.ok(!readFileSync(shipped).equals(readFileSync(original)), 'dist/native holds nodejieba\'s own binary: see the build log');
	});

	it('tags every clause of the sample page exactly as nodejieba\'s own binary', () => {
		const text = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
		const body = `const text = require('fs').readFileSync(${JSON.stringify(join(root, 'seeds', '000_0d5ab8225625b065.txt'))}, 'utf8');
process.stdout.write(JSON.stringify(text.split(/[，。\\n]/).map((s) => jieba.tag(s))));`;
		const ours = withBinary(shipped, body);
		const theirs = withBinary(original, body);
		assert.equal(ours.status, 0, ours.stderr);
		assert.equal(theirs.status, 0, theirs.stderr);
		assert.ok(text.length > 1000 && ours.stdout.length > 1000);
		assert.equal(ours.stdout, theirs.stdout);
	});

	it('refuses keyword extraction with an error instead of crashing', () => {
		const r = withBinary(shipped, `try { jieba.textRankExtract('党的十九届六中全会在北京召开', 3); console.log('extracted'); } catch (e) { console.log('refused: ' + e.message); }`);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^refused: /);
	});
});
