import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { builtinRulesDir } from '../../server/src/engine';
import { compoundFile, declareSize, docx, documentXml, p, r } from '../helpers/docx';

// Word documents that cannot be read, each in a folder beside a text draft with a fixable
// finding: `lint --fix` names the document with a clear reason, writes nothing for it (no
// copy, no temporary file, the document's bytes unchanged), and still fixes the draft.

const root = join(builtinRulesDir(), '..');
const cli = (args: string[], cwd: string) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Outcome {
	skipped: string | undefined;
	files: string[];
	status: number | null;
	stdout: string;
}

/** Lints and fixes a folder holding the document and draft.txt; checks what happened to the draft and to the document. */
function fixFolder(name: string, bytes: Buffer, extra: Record<string, Buffer> = {}, args: string[] = ['--fix']): Outcome {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-word-bad-'));
	writeFileSync(join(dir, 'draft.txt'), '本报讯 全区 6个办事处均已挂牌。\n');
	writeFileSync(join(dir, name), bytes);
	for (const [file, content] of Object.entries(extra)) writeFileSync(join(dir, file), content);
	const r = cli(['lint', ...args, '-f', 'json', '.'], dir);
	assert.ok(r.status === 0 || r.status === 1, r.stderr);
	const reports = JSON.parse(r.stdout) as { file: string; skipped?: string; diagnostics: unknown[] }[];
	assert.equal(readFileSync(join(dir, 'draft.txt'), 'utf8'), '本报讯 全区6个办事处均已挂牌。\n', 'the text draft is still fixed');
	assert.deepEqual(readFileSync(join(dir, name)), bytes, 'the document is not touched');
	return { skipped: reports.find((x) => x.file === name)?.skipped, files: readdirSync(dir).sort(), status: r.status, stdout: r.stdout };
}

const nothingWritten = (o: Outcome, name: string, extra: string[] = []) => assert.deepEqual(o.files, [name, 'draft.txt', ...extra].sort());

describe('Word drafts: bad input', function () {
	this.timeout(120000);

	it('a corrupt zip: truncated, or with damaged compressed text', () => {
		const good = docx([p(r('本报讯 全区 6个办事处均已挂牌。'))]);
		const truncated = fixFolder('cut.docx', good.subarray(0, Math.floor(good.length / 2)));
		assert.match(truncated.skipped ?? '', /^文件已损坏：ZIP 结构无效（.+），已跳过$/);
		nothingWritten(truncated, 'cut.docx');

		const zip = new AdmZip(good);
		const entry = zip.getEntry('word/document.xml')!;
		const at = good.indexOf(entry.getCompressedData()) + 20;
		const damaged = Buffer.from(good);
		for (let i = at; i < at + 12; i++) damaged[i] ^= 0x5a;
		const outcome = fixFolder('damaged.docx', damaged);
		assert.match(outcome.skipped ?? '', /^文件已损坏：word\/document\.xml (无法解压|校验和（CRC-32）不符|解压后的大小与包内记录不符)/);
		nothingWritten(outcome, 'damaged.docx');
	});

	it('a password-protected document (an encrypted package in a compound file)', () => {
		const encrypted = compoundFile({ EncryptionInfo: Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), EncryptedPackage: Buffer.alloc(4096, 0xa7) });
		const outcome = fixFolder('密码.docx', encrypted);
		assert.match(outcome.skipped ?? '', /^Word 文档设有打开密码.*取消密码.*已跳过$/);
		nothingWritten(outcome, '密码.docx');
	});

	it('a zip bomb: the declared size is refused before unpacking, and a lying one stops at the size it declared', () => {
		// 32 MB of text that deflates to well under a megabyte.
		const xml = documentXml([p(r('全区 6个办事处。' + ' '.repeat(32 * 1024 * 1024)))]);
		const bomb = docx([], { entries: { 'word/document.xml': xml } });
		assert.ok(bomb.length < 1024 * 1024, `${bomb.length}`);
		const honest = fixFolder('bomb.docx', bomb);
		assert.match(honest.skipped ?? '', /^Word 文档的文字部分过大（word\/document\.xml 解压后 32\.0 MB，文字部分合计上限 20\.0 MB），已跳过$/);
		nothingWritten(honest, 'bomb.docx');

		const lying = fixFolder('lying.docx', declareSize(bomb, 'word/document.xml', 4096));
		assert.match(lying.skipped ?? '', /^word\/document\.xml 解压后超过包内声明的大小（0\.0 MB），疑似 ZIP 炸弹，已停止解压并跳过$/);
		nothingWritten(lying, 'lying.docx');
	});

	it('a .docx without word/document.xml', () => {
		const outcome = fixFolder('empty.docx', docx([p(r('正文'))], { without: ['word/document.xml'] }));
		assert.equal(outcome.skipped, '不是 Word 文档：缺少正文部分 word/document.xml，已跳过');
		nothingWritten(outcome, 'empty.docx');
	});

	it('XML with a DTD and an external entity is refused, the entity never resolved', () => {
		const secret = join(mkdtempSync(join(tmpdir(), 'newsproof-secret-')), 'secret.txt');
		writeFileSync(secret, 'SECRET-VALUE-7431');
		const xml = documentXml([p(r('开头&xxe;结尾'))]).replace('\n<w:document', `\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<w:document`);
		const outcome = fixFolder('xxe.docx', docx([], { entries: { 'word/document.xml': xml } }));
		assert.equal(outcome.skipped, 'word/document.xml 含 DTD 声明（<!DOCTYPE>）；为安全起见，newsproof 不解析 DTD 和外部实体，已跳过');
		assert.ok(!outcome.stdout.includes('SECRET-VALUE'));
		nothingWritten(outcome, 'xxe.docx');

		// An entity used without any declaration is an XML error with its line and column.
		const undeclared = fixFolder('entity.docx', docx([], { entries: { 'word/document.xml': documentXml([p(r('开头'))]).replace('开头', '开头&xxe;') } }));
		assert.match(undeclared.skipped ?? '', /^文件已损坏：word\/document\.xml 第 2 行第 \d+ 列 XML 格式错误（未定义的实体 &xxe;），已跳过$/);
	});

	it('malformed XML is named with its line and column', () => {
		const xml = documentXml([p(r('第一段。'))]).replace('</w:body>', '\n<w:p><w:r><w:t>没有闭合</w:r></w:p></w:body>');
		const outcome = fixFolder('broken.docx', docx([], { entries: { 'word/document.xml': xml } }));
		assert.match(outcome.skipped ?? '', /^文件已损坏：word\/document\.xml 第 3 行第 \d+ 列 XML 格式错误（.+），已跳过$/);
		nothingWritten(outcome, 'broken.docx');
	});

	it('a 50 MB document: 50 MB of text is refused, 50 MB of pictures is read', () => {
		const text = '全区 6个办事处均已挂牌。'.repeat(1_600_000);
		const big = docx([], { entries: { 'word/document.xml': documentXml([p(r(text))]) }, stored: ['word/document.xml'] });
		assert.ok(big.length > 50 * 1024 * 1024, `${big.length}`);
		const refused = fixFolder('big.docx', big);
		assert.match(refused.skipped ?? '', /^Word 文档的文字部分过大（word\/document\.xml 解压后 5\d\.\d MB，文字部分合计上限 20\.0 MB），已跳过$/);
		nothingWritten(refused, 'big.docx');

		// Pictures are never unpacked: the text of a document full of them is read and revised.
		const picture = Buffer.alloc(50 * 1024 * 1024);
		for (let i = 0; i < picture.length; i += 4) picture.writeUInt32LE((i * 2654435761) >>> 0, i);
		const photos = docx([p(r('本报讯 全区 6个办事处均已挂牌。'))], { entries: { 'word/media/image1.png': picture }, stored: ['word/media/image1.png'] });
		const read = fixFolder('photos.docx', photos);
		assert.equal(read.skipped, undefined);
		assert.deepEqual(read.files, ['draft.txt', 'photos.docx', 'photos.newsproof.docx']);
	});

	it('a document open in Word: its lock file is skipped in folders, and --fix-in-place writes nothing', () => {
		const doc = docx([p(r('本报讯 全区 6个办事处均已挂牌。'))]);
		// Word's owner file: the user's name, padded, in a small binary file.
		const lock = Buffer.concat([Buffer.from([4]), Buffer.from('编辑甲'.padEnd(53, ' '), 'utf16le').subarray(0, 53), Buffer.alloc(109)]);
		const inPlace = fixFolder('稿件.docx', doc, { '~$稿件.docx': lock }, ['--fix-in-place']);
		const reports = JSON.parse(inPlace.stdout) as { file: string }[];
		assert.deepEqual(
			reports.map((x) => x.file),
			['draft.txt', '稿件.docx'],
			'the lock file is not a draft',
		);
		nothingWritten(inPlace, '稿件.docx', ['~$稿件.docx']);
		assert.equal(inPlace.status, 1);

		const dir = mkdtempSync(join(tmpdir(), 'newsproof-word-lock-'));
		writeFileSync(join(dir, '稿件.docx'), doc);
		writeFileSync(join(dir, '~$稿件.docx'), lock);
		const refused = cli(['lint', '--fix-in-place', '稿件.docx'], dir);
		assert.equal(refused.status, 1);
		assert.match(refused.stderr, /稿件\.docx: 修正未写入：文档正在 Word 或 WPS 中打开（有锁文件 ~\$稿件\.docx）/);
		assert.deepEqual(readFileSync(join(dir, '稿件.docx')), doc);
		// Without --fix-in-place the revised copy goes beside it, the open document untouched.
		const copy = cli(['lint', '--fix', '稿件.docx'], dir);
		assert.match(copy.stderr, /已写出修订稿 稿件\.newsproof\.docx：修订 1 处，批注 0 条/);
		assert.deepEqual(readdirSync(dir).sort(), ['~$稿件.docx', '稿件.docx', '稿件.newsproof.docx'].sort());
		// Named outright, the lock file is skipped with its reason.
		const named = cli(['lint', '-f', 'json', '~$稿件.docx'], dir);
		assert.match(JSON.parse(named.stdout)[0].skipped, /^Word 或 WPS 的锁文件/);
	});

	it('old .doc and .wps files: save as .docx', () => {
		const doc = fixFolder('旧稿.doc', compoundFile({ WordDocument: Buffer.alloc(2048, 1), '1Table': Buffer.alloc(1024, 2) }));
		assert.match(doc.skipped ?? '', /^旧版 Word（\.doc）二进制格式，newsproof 不读；请在 Word 或 WPS 中“另存为” Word 文档（\.docx）后再检查，已跳过$/);
		nothingWritten(doc, '旧稿.doc');
		const wps = fixFolder('旧稿.wps', compoundFile({ WpsContent: Buffer.alloc(2048, 1) }));
		assert.match(wps.skipped ?? '', /^旧版 Office\/WPS 二进制格式.*另存为/);
		// A .doc that is really a .docx (renamed) is read.
		const renamed = fixFolder('改名.doc', docx([p(r('本报讯 全区6个办事处均已挂牌。'))]));
		assert.equal(renamed.skipped, undefined);
	});
});
