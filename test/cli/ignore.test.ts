import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { lintFile } from '../helpers/engine';
import { ignoreEntryFor } from '../../server/src/engine';
import { addIgnoreEntry } from '../../server/src/lsp/configEdit';
import { readWordDraft } from '../../server/src/io/word';
import { docx, p, r } from '../helpers/docx';

// An occurrence ignored in the editor stays ignored on the night desk's CLI run.

const root = join(builtinRulesDir(), '..');

describe('newsproof lint and the ignore list', function () {
	this.timeout(60000);

	it('skips an occurrence recorded in .newsproof/ignore.yaml and still reports the others', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-ignore-'));
		const draft = join(dir, 'page.txt');
		const text = '全区 6个办事处。\n经开区 6个办事处。\n';
		writeFileSync(draft, text);
		const [first] = lintFile(draft, text).findings;
		addIgnoreEntry(dir, ignoreEntryFor(dir, draft, text, first));
		const r = spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), 'lint', '--format', 'json', dir], { encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);
		const [report] = JSON.parse(r.stdout);
		assert.deepEqual(
			report.diagnostics.map((d: { ruleId: string; range: { start: { line: number } } }) => [d.ruleId, d.range.start.line]),
			[['SPC-001', 1]],
		);
	});

	it('skips an occurrence ignored in the editor view of a Word document when the folder is linted', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-cli-ignore-word-'));
		const draft = join(dir, 'page.docx');
		writeFileSync(draft, docx([p(r('全区 6个办事处。')), p(r('经开区 6个办事处。'))]));
		// The view shows the document's text as the command line reads it; the editor records the occurrence against that text.
		const text = readWordDraft(draft).text;
		const findings = lintFile(draft, text).findings;
		assert.deepEqual(
			findings.map((f) => [f.ruleId, f.range.start.line]),
			[
				['SPC-001', 0],
				['SPC-001', 1],
			],
		);
		addIgnoreEntry(dir, ignoreEntryFor(dir, draft, text, findings[0]));
		const run = spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), 'lint', '--format', 'json', dir], { encoding: 'utf8' });
		assert.equal(run.status, 1, run.stderr);
		const [report] = JSON.parse(run.stdout);
		assert.equal(report.kind, 'docx');
		assert.deepEqual(
			report.diagnostics.map((d: { ruleId: string; range: { start: { line: number } } }) => [d.ruleId, d.range.start.line]),
			[['SPC-001', 1]],
		);
	});
});
