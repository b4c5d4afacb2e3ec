import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError, fileRefusal, readDataFile, readRegularFile } from '../../server/src/engine';
import { readDraft } from '../../server/src/io/readDraft';
import { collectDrafts } from '../../server/src/io/walk';
import { makeFifo } from '../helpers/specialFiles';

// Only regular files are read, drafts and data files alike: a FIFO is refused without being
// opened for a blocking read, a device by its type (its size reads 0), a large file by its
// size. (An endless device is tried only through the CLI, in a child process: test/cli.)

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'newsproof-special-'));
}

function refusedKind(read: () => unknown): string {
	try {
		read();
	} catch (err) {
		assert.ok(err instanceof DataFileError, String(err));
		return err.kind;
	}
	return 'read';
}

describe('special files are refused, never read (engine/dataFile, io/readDraft)', () => {
	it('refuses a FIFO as a draft and as a data file, without blocking', function () {
		const fifo = join(tempDir(), 'pipe.txt');
		if (!makeFifo(fifo)) this.skip();
		assert.match(readDraft(fifo).skipped!, /^是命名管道（FIFO），不是普通文件，已跳过$/);
		assert.equal(
			refusedKind(() => readDataFile(fifo)),
			'special',
		);
		assert.equal(fileRefusal(fifo)?.message, '是命名管道（FIFO），不是普通文件');
	});

	it('walks a folder whose .newsproofignore is a FIFO without waiting on it', function () {
		const dir = tempDir();
		writeFileSync(join(dir, 'a.txt'), '全区6个办事处。\n');
		if (!makeFifo(join(dir, '.newsproofignore'))) this.skip();
		assert.deepEqual(collectDrafts([dir], ['.txt']).files, [join(dir, 'a.txt')]);
	});

	it('refuses a character device by its type, whatever size it reports', function () {
		if (process.platform === 'win32') this.skip();
		assert.match(readDraft('/dev/null').skipped!, /^是字符设备，不是普通文件，已跳过$/);
		assert.equal(
			refusedKind(() => readRegularFile('/dev/null')),
			'special',
		);
		assert.equal(fileRefusal('/dev/null')?.kind, 'special');
	});

	it('refuses a data file over the cap, reads one under it, and names a missing one', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(2048));
		assert.equal(
			refusedKind(() => readRegularFile(join(dir, 'big.yaml'), 1024)),
			'too-large',
		);
		assert.equal(fileRefusal(join(dir, 'big.yaml'), 1024)!.message, '文件过大（2 KB，上限 1 KB）');
		assert.equal(readRegularFile(join(dir, 'big.yaml'), 4096).length, 2048);
		assert.equal(
			refusedKind(() => readDataFile(join(dir, 'none.yaml'))),
			'missing',
		);
		assert.equal(
			refusedKind(() => readDataFile(dir)),
			'directory',
		);
	});

	it('reads a data file as strict UTF-8 and names the line of a broken byte', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('words: [经开区]\n')]));
		assert.equal(readDataFile(join(dir, 'bom.yaml')), 'words: [经开区]\n');
		writeFileSync(join(dir, 'gbk.yaml'), Buffer.concat([Buffer.from('rules: {}\nwords: ['), Buffer.from([0xbe, 0xad]), Buffer.from(']\n')]));
		try {
			readDataFile(join(dir, 'gbk.yaml'));
			assert.fail('read');
		} catch (err) {
			assert.ok(err instanceof DataFileError);
			assert.equal(err.kind, 'encoding');
			assert.equal(err.line, 2);
			assert.match(err.message, /不是有效的 UTF-8 文本（第 2 行附近）/);
		}
	});
});
