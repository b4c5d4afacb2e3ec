import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { lintFile, sharedSegmenter, testEngine } from '../helpers/engine';
import { ignoreEntryFor } from '../../server/src/engine/ignore';
import { addIgnoreEntry } from '../../server/src/lsp/configEdit';

// The ignore list (.newsproof/ignore.yaml) as the server and the CLI use it, on real lint results.

const draftText = '全区 6个办事处。\n全区 6个街道。\n';

function setup() {
	const root = mkdtempSync(join(tmpdir(), 'newsproof-ignore-'));
	mkdirSync(join(root, 'desk'));
	const draft = join(root, 'desk', 'a.txt');
	writeFileSync(draft, draftText);
	return { root, draft };
}

describe('ignore list', function () {
	this.timeout(60000);

	it('drops exactly the pinned occurrence, also after edits elsewhere in the file', () => {
		const { root, draft } = setup();
		const before = lintFile(draft, draftText).findings;
		assert.deepEqual(
			before.map((f) => [f.ruleId, f.range.start.line]),
			[
				['SPC-001', 0],
				['SPC-001', 1],
			],
		);
		const file = addIgnoreEntry(root, ignoreEntryFor(root, draft, draftText, before[1]));
		assert.equal(file, join(root, '.newsproof', 'ignore.yaml'));
		const text = readFileSync(file, 'utf8');
		assert.match(text, /^# newsproof 忽略清单/);
		assert.match(text, /file: desk\/a\.txt/);
		assert.deepEqual(
			lintFile(draft, draftText).findings.map((f) => f.range.start.line),
			[0],
		);

		const edited = '导语。\n\n' + draftText;
		const after = lintFile(draft, edited);
		assert.deepEqual(
			after.findings.map((f) => f.range.start.line),
			[2],
		);
		assert.deepEqual(after.problems, []);
	});

	it('stops matching when the text around the occurrence changes, and only for that file', () => {
		const { root, draft } = setup();
		const findings = lintFile(draft, draftText).findings;
		addIgnoreEntry(root, ignoreEntryFor(root, draft, draftText, findings[1]));
		const changed = '全区 6个办事处。\n全区 6个社区。\n';
		assert.equal(lintFile(draft, changed).findings.length, 2);
		const other = join(root, 'desk', 'b.txt');
		assert.equal(lintFile(other, draftText).findings.length, 2);
	});

	it('adds entries once, keeps comments, and leaves no temporary file behind', () => {
		const { root, draft } = setup();
		const [first] = lintFile(draft, draftText).findings;
		mkdirSync(join(root, '.newsproof'));
		writeFileSync(join(root, '.newsproof', 'ignore.yaml'), '# 本社说明：保留此注释\nignore: []\n');
		const entry = ignoreEntryFor(root, draft, draftText, first);
		addIgnoreEntry(root, entry);
		addIgnoreEntry(root, entry);
		const text = readFileSync(join(root, '.newsproof', 'ignore.yaml'), 'utf8');
		assert.match(text, /^# 本社说明：保留此注释/);
		assert.equal(text.match(/rule: SPC-001/g)?.length, 1);
		assert.deepEqual(readdirSync(join(root, '.newsproof')), ['ignore.yaml']);
	});

	it('reports a broken ignore file with its line, and still lints', () => {
		const { root, draft } = setup();
		mkdirSync(join(root, '.newsproof'));
		const file = join(root, '.newsproof', 'ignore.yaml');
		writeFileSync(file, 'ignore:\n  - file: desk/a.txt\n    rule: SPC-001\n  - just text\n');
		const result = testEngine.ignores.filter(draft, draftText, lintFile(draft, draftText).findings);
		assert.equal(result.findings.length, 2);
		assert.equal(result.problems.length, 2);
		assert.deepEqual(
			result.problems.map((p) => [p.file, p.line]),
			[
				[file, 2],
				[file, 4],
			],
		);
		assert.match(result.problems[0].message, /file、rule、text/);
		writeFileSync(file, 'ignore: [\n');
		const broken = testEngine.ignores.filter(draft, draftText, []);
		assert.equal(broken.problems[0].file, file);
		assert.match(broken.problems[0].message, /YAML 语法错误/);
		// A broken list is never overwritten by a new entry.
		assert.throws(() => addIgnoreEntry(root, { file: 'x', rule: 'SPC-001', text: ' ', before: '', after: '' }), /ignore\.yaml: YAML 格式错误/);
		assert.equal(readFileSync(file, 'utf8'), 'ignore: [\n');
	});

	it('drops typo findings on a word the house dictionary accepts, and nothing else', () => {
		const text = '大家再接再励，全区 6个办事处。';
		sharedSegmenter.load();
		const findings = lintFile(undefined, text, { segmenter: sharedSegmenter }).findings;
		const typo = findings.find((f) => f.category === 'typo');
		if (!typo) return assert.fail(`a typo finding is expected in “${text}”: ${findings.map((f) => f.ruleId)}`);
		const kept = testEngine.ignores.filter(undefined, text, findings, [typo.text]).findings;
		assert.deepEqual(
			kept.map((f) => f.ruleId),
			findings.filter((f) => f !== typo).map((f) => f.ruleId),
		);
	});
});

describe('ignore list schema', () => {
	it('accepts what the editor writes and rejects a malformed entry', async () => {
		const { default: Ajv } = await import('ajv');
		const schema = JSON.parse(readFileSync(join(builtinRulesDir(), 'schema', 'ignore.schema.json'), 'utf8'));
		const validate = new Ajv({ allErrors: true }).compile(schema);
		const { root, draft } = setup();
		const [first] = lintFile(draft, draftText).findings;
		addIgnoreEntry(root, ignoreEntryFor(root, draft, draftText, first));
		const { parse } = await import('yaml');
		assert.ok(validate(parse(readFileSync(join(root, '.newsproof', 'ignore.yaml'), 'utf8'))), JSON.stringify(validate.errors));
		assert.ok(!validate({ ignore: [{ file: 'a.txt', rule: 'spc1', text: ' ' }] }));
	});
});
