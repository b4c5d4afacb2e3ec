import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import fc from 'fast-check';
import { type JobOptions, runJob } from '../../server/src/cli/job';
import { readWordDraft, revisionsPath, WordError } from '../../server/src/io/word';
import { docx, docxEntries, p, r, streamedZip, textParagraph } from '../helpers/docx';
import { testEngine } from '../helpers/engine';

// The package's ZIP container, read and written by newsproof itself: packages as streaming
// writers make them (data descriptors, ZIP64 records) are read; a revised copy keeps every
// entry it does not change byte for byte, local header included, and adm-zip (an
// independent reader) reads the copy; and no damaged file makes the reader fail any other
// way than with a WordError.

const options: JobOptions = { maxFindings: 1000, fix: 'write', filter: { rules: [], categories: [], quiet: false }, keepSource: false };

/** Writes the document into a fresh folder, runs --fix on it, and returns the revised copy. */
function revise(bytes: Buffer): Buffer {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-zip-'));
	const path = join(dir, 'draft.docx');
	writeFileSync(path, bytes);
	const result = runJob(testEngine, path, 'draft.docx', options);
	assert.equal(result.report.fix?.written, true, JSON.stringify(result.report));
	return readFileSync(revisionsPath(path));
}

/** Each entry's local record as stored: header, name, extra field and compressed data. */
function localRecords(bytes: Buffer): Map<string, Buffer> {
	const records = new Map<string, Buffer>();
	for (const entry of new AdmZip(bytes).getEntries()) {
		const at = entry.header.offset;
		const length = 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28) + entry.header.compressedSize;
		records.set(entry.entryName, bytes.subarray(at, at + length));
	}
	return records;
}

const body = [p(r('本报讯 全区'), r(' 6个办事处均已挂牌。')), textParagraph('记者 王赛华 通讯员 李磊')];

describe('Word drafts: the ZIP container', () => {
	it('reads packages with data descriptors, with ZIP64 records, and with an archive comment', () => {
		const expected = readWordDraft(docx(body)).text;
		for (const zip64 of [false, true]) {
			const bytes = streamedZip(docxEntries(body), { zip64, comment: '稿件 2024' });
			assert.equal(readWordDraft(bytes).text, expected, `zip64: ${zip64}`);
		}
	});

	it('writes a revised copy that keeps every untouched entry byte for byte, and that another reader reads', () => {
		for (const original of [docx(body), streamedZip(docxEntries(body), { comment: '稿件 2024' }), streamedZip(docxEntries(body), { zip64: true })]) {
			const revised = revise(original);
			const before = localRecords(original);
			const after = localRecords(revised);
			const changed = [...after.keys()].filter((name) => !before.get(name)?.equals(after.get(name)!));
			assert.deepEqual(changed.sort(), ['word/document.xml'], 'only the body changed');
			// adm-zip checks every entry's CRC as it unpacks it.
			const zip = new AdmZip(revised);
			for (const entry of zip.getEntries()) assert.ok(entry.getData().length >= 0);
			assert.equal(readWordDraft(revised).text, '本报讯 全区6个办事处均已挂牌。\n记者 王赛华 通讯员 李磊');
			assert.equal(zip.getZipComment(), new AdmZip(original).getZipComment());
		}
	});

	it('a new part (the comments) is added to the package with its relationship and content type', () => {
		const revised = revise(streamedZip(docxEntries([p(r('全区安全生产工作会议隆重召开。'))])));
		const zip = new AdmZip(revised);
		assert.match(zip.getEntry('word/comments.xml')!.getData().toString('utf8'), /隆重召开/);
		assert.match(zip.getEntry('[Content_Types].xml')!.getData().toString('utf8'), /PartName="\/word\/comments\.xml"/);
	});

	it('a damaged package, cut or with bytes changed anywhere, fails with a WordError and nothing else', () => {
		const good = docx(body);
		let failed = 0;
		fc.assert(
			fc.property(
				fc.nat(good.length - 1),
				fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
				fc.boolean(),
				(cut, flips, truncate) => {
					const bytes = Buffer.from(truncate ? good.subarray(0, cut) : good);
					for (const [at, mask] of flips) if (at < bytes.length) bytes[at] ^= mask;
					try {
						readWordDraft(bytes);
					} catch (err) {
						assert.ok(err instanceof WordError, String((err as Error).stack));
						failed++;
					}
				},
			),
			{ numRuns: 2000 },
		);
		assert.ok(failed > 500, `${failed}`);
	});
});
