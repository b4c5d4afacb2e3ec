import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as iconv from 'iconv-lite';
import { decodeDraft, encodeDraft, plausibleChinese, readDraft, writeDraft } from '../../server/src/io/readDraft';
import { collectDrafts } from '../../server/src/io/walk';

// Reading drafts in the encodings desks use, writing them back byte for byte, and finding
// them in folders the way git would (ignore files) with globs.

const sentence = '本报讯 全区6个办事处新联会联络处成立，“十四五”规划——稳步推进。\n记者 王赛华\n';

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'newsproof-io-'));
}

describe('reading drafts (io/readDraft)', () => {
	it('reads UTF-8 with and without a BOM, and writes the BOM back', () => {
		const plain = decodeDraft(Buffer.from(sentence, 'utf8'));
		assert.equal(plain.text, sentence);
		assert.equal(plain.encoding, 'utf-8');
		assert.equal(plain.bom, false);
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sentence, 'utf8')]);
		const d = decodeDraft(withBom);
		assert.equal(d.text, sentence, 'the BOM is not part of the text');
		assert.equal(d.bom, true);
		assert.deepEqual(encodeDraft(d.text!, d), withBom);
	});

	it('detects GB18030 and GBK drafts and re-encodes them to the same bytes', () => {
		for (const encoding of ['gb18030', 'gbk']) {
			const bytes = iconv.encode(sentence, encoding);
			assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError, 'the sample must not be valid UTF-8');
			const d = decodeDraft(bytes);
			assert.equal(d.text, sentence, encoding);
			assert.equal(d.encoding, 'gb18030');
			assert.deepEqual(encodeDraft(d.text!, d), Buffer.from(bytes));
		}
	});

	it('keeps characters outside GBK (𠮷) in a GB18030 draft', () => {
		const text = '𠮷野家在本市开设门店。';
		const bytes = iconv.encode(text, 'gb18030');
		const d = decodeDraft(bytes);
		assert.equal(d.text, text);
		assert.deepEqual(encodeDraft(d.text!, d), Buffer.from(bytes));
	});

	it('rejects Latin-1 and Big5 bytes instead of guessing them as GB18030', () => {
		const latin = decodeDraft(Buffer.from('Café crème brûlée, naïve façade — déjà vu.\n', 'latin1'));
		assert.equal(latin.text, undefined);
		assert.match(latin.skipped!, /UTF-8.*GB18030/);
		const big5 = decodeDraft(iconv.encode('臺灣總統府發言人說，這項政策將繼續實施。', 'big5'));
		assert.equal(big5.text, undefined, `Big5 read as ${big5.encoding}: ${big5.text}`);
	});

	it('calls files with NUL bytes binary, and reads UTF-16 with a BOM', () => {
		assert.match(decodeDraft(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])).skipped!, /二进制/);
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sentence, 'utf16le')]);
		const d = decodeDraft(le);
		assert.equal(d.text, sentence);
		assert.equal(d.encoding, 'utf-16le');
		assert.deepEqual(encodeDraft(d.text!, d), le);
	});

	it('judges plausibility by the share of common characters', () => {
		assert.equal(plausibleChinese(sentence), true);
		assert.equal(plausibleChinese('abc'), false, 'no Chinese at all is not a Chinese draft');
		assert.equal(plausibleChinese('本报讯\u0001记者'), false);
		assert.equal(plausibleChinese('本报讯\ue000\ue001\ue002记者'), false);
	});

	it('reports a missing file and a folder by reason', () => {
		const dir = tempDir();
		assert.match(readDraft(join(dir, 'nope.txt')).skipped!, /ENOENT/);
		assert.match(readDraft(dir).skipped!, /目录/);
	});

	it('writes atomically in the draft encoding, and refuses when the file changed since it was read', () => {
		const dir = tempDir();
		const file = join(dir, 'gb.txt');
		writeFileSync(file, iconv.encode(sentence, 'gb18030'));
		const d = readDraft(file);
		writeDraft(file, d.text!.replace('稳步', '积极'), d);
		assert.equal(iconv.decode(readFileSync(file), 'gb18030'), sentence.replace('稳步', '积极'));

		const again = readDraft(file);
		writeFileSync(file, iconv.encode(sentence + '补记。\n', 'gb18030'));
		assert.throws(() => writeDraft(file, again.text!.replace('积极', '稳步'), again), /检查期间被修改/);
		assert.equal(iconv.decode(readFileSync(file), 'gb18030'), sentence + '补记。\n', 'the newer file is left alone');
		assert.deepEqual(
			require('node:fs')
				.readdirSync(dir)
				.filter((f: string) => f.endsWith('.tmp')),
			[],
			'no temporary file is left behind',
		);
	});
});

describe('collecting drafts (io/walk)', () => {
	function tree(): string {
		const dir = tempDir();
		mkdirSync(join(dir, '.git'));
		for (const f of [
			'a.txt',
			'b.md',
			'c.news',
			'd.json',
			'sub/e.txt',
			'sub/old/f.txt',
			'build/g.txt',
			'skip/h.txt',
			'.hidden/i.txt',
			'node_modules/j.txt',
			'sub/k.draft.txt',
		]) {
			mkdirSync(join(dir, f, '..'), { recursive: true });
			writeFileSync(join(dir, f), '本报讯\n');
		}
		writeFileSync(join(dir, '.gitignore'), 'build/\n');
		writeFileSync(join(dir, '.newsproofignore'), 'skip\n*.draft.txt\n');
		writeFileSync(join(dir, 'sub', '.gitignore'), 'old/\n');
		return dir;
	}
	const rel = (dir: string, files: string[]) => files.map((f) => relative(dir, join(dir, f)).split('\\').join('/'));

	it('walks folders in name order, by extension, honouring .gitignore and .newsproofignore at every level', () => {
		const dir = tree();
		const { files, missing } = collectDrafts(['.'], ['.txt', '.md', '.news'], { cwd: dir });
		assert.deepEqual(missing, []);
		assert.deepEqual(rel(dir, files), ['a.txt', 'b.md', 'c.news', 'sub/e.txt']);
	});

	it('takes everything with --no-ignore, a named file always, and configured extensions', () => {
		const dir = tree();
		assert.deepEqual(rel(dir, collectDrafts(['.'], ['.txt'], { cwd: dir, ignoreFiles: false }).files), [
			'a.txt',
			'build/g.txt',
			'skip/h.txt',
			'sub/e.txt',
			'sub/k.draft.txt',
			'sub/old/f.txt',
		]);
		assert.deepEqual(collectDrafts(['build/g.txt', 'd.json'], ['.txt'], { cwd: dir }).files, ['build/g.txt', 'd.json']);
		assert.deepEqual(rel(dir, collectDrafts(['.'], ['.news'], { cwd: dir }).files), ['c.news']);
	});

	it('expands globs, filtered by extension and ignore files, and reports a glob that matches nothing', () => {
		const dir = tree();
		assert.deepEqual(collectDrafts(['**/*.txt'], ['.txt'], { cwd: dir }).files, ['a.txt', 'sub/e.txt']);
		assert.deepEqual(collectDrafts(['sub/**'], ['.txt', '.md'], { cwd: dir }).files, ['sub/e.txt']);
		assert.deepEqual(collectDrafts(['nothing/*.txt'], ['.txt'], { cwd: dir }).missing, ['nothing/*.txt']);
		// A file whose name looks like a glob is a file.
		writeFileSync(join(dir, '[1].txt'), '本报讯\n');
		assert.deepEqual(collectDrafts(['[1].txt'], ['.txt'], { cwd: dir }).files, ['[1].txt']);
	});

	it('lists a file once when a folder and a glob both name it', () => {
		const dir = tree();
		assert.deepEqual(collectDrafts(['a.txt', '*.txt'], ['.txt'], { cwd: dir }).files, ['a.txt']);
	});
});
