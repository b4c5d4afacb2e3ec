import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The AutoCorrect style switch on the command line: a desk that writes 全区 6 个 sets
// style: { latinSpacing: spaced } in .newsproofrc.yaml; its drafts get the missing spaces
// and keep the ones they have, while a desk without the switch keeps Chinese and digits together.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });

const draft = '本报讯 全区 6 个办事处成立了联络处，全市已建成5G基站1200座。\n';

function desks(): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-latin-'));
	for (const [name, config] of [
		['spaced', 'style:\n  latinSpacing: spaced\n'],
		['plain', 'rules:\n  SPC-001: warning\n'],
	]) {
		mkdirSync(join(dir, name));
		writeFileSync(join(dir, name, '.newsproofrc.yaml'), config);
		writeFileSync(join(dir, name, 'a.txt'), draft);
	}
	return dir;
}

interface JsonFile {
	file: string;
	diagnostics: { ruleId: string; text: string }[];
}

describe('CLI: style latinSpacing', function () {
	this.timeout(120000);

	it("reports by each folder's config: missing spaces where spaced, stray ones elsewhere", () => {
		const dir = desks();
		const r = run(['lint', '--format', 'json', '.'], dir);
		assert.equal(r.status, 1, r.stderr);
		const byFile = Object.fromEntries(
			(JSON.parse(r.stdout) as JsonFile[]).map((f) => [
				f.file.replace(/\\/g, '/'),
				f.diagnostics.filter((d) => d.ruleId.startsWith('SPC')).map((d) => `${d.ruleId} ${d.text}`),
			]),
		);
		assert.deepEqual(byFile['spaced/a.txt'], ['SPC-505 5G', 'SPC-505 1200']);
		assert.deepEqual(byFile['plain/a.txt'], ['SPC-001  ', 'SPC-001  ']);
	});

	it("--fix twice gives the desk's own form, and the second run changes nothing", () => {
		const dir = desks();
		for (let i = 0; i < 2; i++) {
			const r = run(['lint', '--fix', '.'], dir);
			assert.ok(r.status === 0 || r.status === 1, r.stderr);
		}
		assert.equal(readFileSync(join(dir, 'spaced', 'a.txt'), 'utf8'), '本报讯 全区 6 个办事处成立了联络处，全市已建成 5G 基站 1200 座。\n');
		assert.equal(readFileSync(join(dir, 'plain', 'a.txt'), 'utf8'), '本报讯 全区6个办事处成立了联络处，全市已建成5G基站1200座。\n');
		const after = run(['lint', '--format', 'json', '--category', 'typography', '.'], dir);
		assert.deepEqual(
			(JSON.parse(after.stdout) as JsonFile[]).flatMap((f) => f.diagnostics.filter((d) => d.ruleId.startsWith('SPC'))),
			[],
		);
	});
});
