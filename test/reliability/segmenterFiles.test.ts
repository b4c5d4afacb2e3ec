import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRuleFiles, builtinRulesDir, lintText, loadRuleset, resolveConfig, Segmenter } from '../../server/src/engine';
import { missingMessage } from '../../server/src/engine/jieba/runtime';

// A missing or damaged segmenter file (the WebAssembly module, its checksum, a dictionary,
// a house word list) gives one clear message naming the file, and the line where there is
// one; every rule that needs no word boundaries still runs.

const root = join(builtinRulesDir(), '..');
const dist = join(root, 'dist');
const ruleset = loadRuleset(builtinRuleFiles());
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
// A stray space (no segmentation needed) and a typo flagged only on word boundaries.
const draft = '全区 6个办事处参加。希望同学们再接再励。\n';

/** A copy of dist/'s segmenter files in a fresh folder (its dist/), changed by `change`. */
function segmenterCopy(change: (distCopy: string) => void): string {
	const top = mkdtempSync(join(tmpdir(), 'newsproof-segmenter-'));
	const copy = join(top, 'dist');
	mkdirSync(copy);
	for (const name of ['jieba.wasm', 'jieba.wasm.sha256']) cpSync(join(dist, name), join(copy, name));
	cpSync(join(dist, 'dict'), join(copy, 'dict'), { recursive: true });
	change(copy);
	return copy;
}

/** Replaces line `n` (1-based) of a file. */
function replaceLine(file: string, n: number, line: string): void {
	const lines = readFileSync(file, 'utf8').split('\n');
	lines[n - 1] = line;
	writeFileSync(file, lines.join('\n'));
}

function failure(copy: string): { message: string; codes: string[] } {
	const segmenter = new Segmenter(copy);
	assert.equal(segmenter.load(), false);
	const codes = lintText(draft, { ruleset, segmenter }).findings.map((f) => f.ruleId);
	return { message: segmenter.error!.message, codes };
}

describe('segmenter files: missing or damaged', () => {
	const made: string[] = [];
	const copy = (change: (d: string) => void) => {
		const c = segmenterCopy(change);
		made.push(join(c, '..'));
		return c;
	};
	after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

	it('an intact copy segments (the baseline the cases below break)', () => {
		const segmenter = new Segmenter(copy(() => {}));
		assert.equal(segmenter.load(), true, segmenter.error?.message);
		const codes = lintText(draft, { ruleset, segmenter }).findings.map((f) => f.ruleId);
		assert.ok(codes.includes('SPC-001') && codes.includes('TYP-005'), codes.join());
	});

	it('a missing module or dictionary: the message that says to build, and the other rules run', () => {
		for (const gone of ['jieba.wasm', join('dict', 'jieba.dict.utf8'), join('dict', 'hmm_model.utf8')]) {
			const { message, codes } = failure(copy((d) => rmSync(join(d, gone))));
			assert.equal(message, missingMessage);
			assert.ok(codes.includes('SPC-001'), codes.join());
			assert.ok(!codes.includes('TYP-005'));
		}
	});

	it('a module that does not match its checksum, or no checksum: damaged, named', () => {
		const flipped = copy((d) => {
			const bytes = readFileSync(join(d, 'jieba.wasm'));
			bytes[bytes.length >> 1] ^= 0xff;
			writeFileSync(join(d, 'jieba.wasm'), bytes);
		});
		const { message, codes } = failure(flipped);
		assert.match(message, /^分词组件已损坏：.*jieba\.wasm 与校验和 .*jieba\.wasm\.sha256 不符/);
		assert.ok(codes.includes('SPC-001'));
		assert.match(failure(copy((d) => rmSync(join(d, 'jieba.wasm.sha256')))).message, /^分词组件已损坏：/);
	});

	it('a truncated module with a matching checksum: not WebAssembly, named', () => {
		const truncated = copy((d) => {
			const bytes = readFileSync(join(d, 'jieba.wasm')).subarray(0, 5000);
			writeFileSync(join(d, 'jieba.wasm'), bytes);
			writeFileSync(join(d, 'jieba.wasm.sha256'), `${sha256(bytes)}  jieba.wasm\n`);
		});
		assert.match(failure(truncated).message, /^分词组件已损坏：.*jieba\.wasm（.+）/);
	});

	it('a dictionary line jieba cannot parse: file and line', () => {
		const twoColumns = copy((d) => replaceLine(join(d, 'dict', 'jieba.dict.utf8'), 3, '坏行 5'));
		const { message, codes } = failure(twoColumns);
		assert.match(message, /^分词词典无法读取：.*jieba\.dict\.utf8 第 3 行：应为“词 词频 词性”三列/);
		assert.ok(codes.includes('SPC-001'));
		const noWeight = copy((d) => replaceLine(join(d, 'dict', 'jieba.dict.utf8'), 7, '坏行 多少 n'));
		assert.match(failure(noWeight).message, /jieba\.dict\.utf8 第 7 行：词频“多少”不是正数/);
	});

	it('a damaged model line: file and line', () => {
		const file = (d: string) => join(d, 'dict', 'hmm_model.utf8');
		const lines = readFileSync(join(dist, 'dict', 'hmm_model.utf8'), 'utf8').split('\n');
		// The first emission line (the sixth line of data after comments).
		const data = lines.map((l, i) => ({ l: l.trim(), i })).filter(({ l }) => l && !l.startsWith('#'));
		const emission = data[5].i + 1;
		const { message } = failure(copy((d) => replaceLine(file(d), emission, '耶:-3.1,不像概率')));
		assert.match(message, new RegExp(`hmm_model\\.utf8 第 ${emission} 行：发射概率“不像概率”应为“字:概率”`));
	});

	it('a house word list line jieba cannot parse: its own file and line', () => {
		const withHouse = copy((d) => {
			mkdirSync(join(d, '..', 'rules', 'dict'), { recursive: true });
			writeFileSync(join(d, '..', 'rules', 'dict', 'local.txt'), '经开区\n新联会 nz\n\n经开区管委会 5 nt 多余\n');
		});
		assert.match(failure(withHouse).message, /^分词词典无法读取：.*rules[/\\]dict[/\\]local\.txt 第 4 行：.*实为 4 列/);
		// A well-formed list is read and its words are kept whole.
		const good = copy((d) => {
			mkdirSync(join(d, '..', 'rules', 'dict'), { recursive: true });
			writeFileSync(join(d, '..', 'rules', 'dict', 'local.txt'), '经开区管委会 nt\n');
		});
		const segmenter = new Segmenter(good);
		assert.ok(segmenter.words('经开区管委会召开会议')!.words.some((w) => w.word === '经开区管委会' && w.tag === 'nt'));
	});

	it('a house word from words: that jieba cannot keep whole is a config mistake at its file and line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-words-'));
		made.push(dir);
		const file = join(dir, '.newsproofrc.yaml');
		writeFileSync(file, 'words:\n  - 经开区\n  - 经开 区\n  - 新联会，商会\n  - 新联会\n');
		const config = resolveConfig([file]);
		// A config with a mistake is never half applied (see config.ts).
		assert.deepEqual(config.words, []);
		assert.deepEqual(
			config.problems.map((p) => [p.file, p.line]),
			[
				[file, 3],
				[file, 4],
			],
		);
		assert.match(config.problems[0].message, /“经开 区”含空白/);
	});

	it('the CLI with a damaged dictionary: one message naming file and line, findings without words, exit 1', () => {
		const top = mkdtempSync(join(tmpdir(), 'newsproof-cli-'));
		made.push(top);
		// The CLI as shipped, beside rules/ and package.json, with one bad dictionary line.
		for (const f of ['package.json', 'bin', 'rules']) cpSync(join(root, f), join(top, f), { recursive: true });
		mkdirSync(join(top, 'dist'));
		for (const f of ['cli.js', 'cliWorker.js', 'vendor', 'rules-compiled.json', 'rules-compiled-positions.json', 'jieba.wasm', 'jieba.wasm.sha256', 'dict']) {
			cpSync(join(dist, f), join(top, 'dist', f), { recursive: true });
		}
		replaceLine(join(top, 'dist', 'dict', 'jieba.dict.utf8'), 2, '坏行');
		for (let i = 0; i < 3; i++) writeFileSync(join(top, `draft${i}.txt`), draft);
		const r = spawnSync(process.execPath, [join(top, 'bin', 'newsproof.js'), 'lint', '--threads', '2', top], { cwd: top, encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);
		assert.equal(r.stdout.match(/SPC-001/g)?.length, 3, r.stdout);
		assert.ok(!r.stdout.includes('TYP-005'));
		const messages = r.stderr.match(/分词组件不可用.*/g) ?? [];
		assert.equal(messages.length, 1, r.stderr);
		assert.match(messages[0], /分词词典无法读取：.*jieba\.dict\.utf8 第 2 行：应为“词 词频 词性”三列/);
	});
});
