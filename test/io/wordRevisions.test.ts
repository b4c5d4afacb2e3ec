import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { type JobOptions, runJob } from '../../server/src/cli/job';
import { Engine } from '../../server/src/engine';

const engine = new Engine({ batch: false });
import { builtinRulesDir } from '../../server/src/engine';
import { readWordDraft, revisionsPath } from '../../server/src/io/word';
import { bold, docx, docxOfText, field, ins, p, r, textBetween } from '../helpers/docx';

// --fix on a Word document: the certain fixes as tracked changes, everything else at warning
// or above as comments, in a copy beside the original. The copy, read with every change
// accepted (as newsproof reads any document), is exactly what --fix makes of the same text
// as a .txt draft; the LibreOffice test checks the same with another reader.

const root = join(builtinRulesDir(), '..');
const page = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8').replace(/\n$/, '');

const options = (fix: JobOptions['fix']): JobOptions => ({ maxFindings: 1000, fix, filter: { rules: [], categories: [], quiet: false }, keepSource: true });

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'newsproof-word-'));
}

/** Writes a document into a fresh folder and runs --fix on it; returns both documents' bytes. */
function fixDocument(bytes: Buffer, name = 'draft.docx') {
	const dir = tempDir();
	const path = join(dir, name);
	writeFileSync(path, bytes);
	const result = runJob(engine, path, name, options('write'));
	const copy = revisionsPath(path);
	return { dir, path, result, revised: existsSync(copy) ? readFileSync(copy) : undefined };
}

const documentXml = (bytes: Buffer, part = 'word/document.xml') => new AdmZip(bytes).getEntry(part)!.getData().toString('utf8');

/** Every run element of a part, outermost only (the test documents nest none). */
const runsOf = (xml: string) => [...xml.matchAll(/<w:r(?: [^>]*)?>.*?<\/w:r>/gs)].map((m) => m[0]);

describe('Word drafts: fixes as tracked changes, findings as comments', function () {
	this.timeout(60000);

	it('finds on the sample page as a Word document exactly what it finds on it as text', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'page.txt'), page + '\n');
		writeFileSync(join(dir, 'page.docx'), docxOfText(page));
		const strip = (r: ReturnType<typeof runJob>) => r.report.diagnostics.map((d) => [d.ruleId, d.severity, d.message, d.text, d.range, d.fixes]);
		const asText = runJob(engine, join(dir, 'page.txt'), 'page.txt', options('none'));
		const asWord = runJob(engine, join(dir, 'page.docx'), 'page.docx', options('none'));
		assert.equal(asWord.report.kind, 'docx');
		assert.equal(asText.report.diagnostics.length, 9);
		assert.deepEqual(strip(asWord), strip(asText));
		assert.equal(asWord.report.characters, asText.report.characters);
	});

	it('writes NAME.newsproof.docx whose text, all changes accepted, is what --fix makes of the same text as .txt', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'page.txt'), page + '\n');
		const asText = runJob(engine, join(dir, 'page.txt'), 'page.txt', options('dry-run'));
		const original = docxOfText(page);
		const { path, result, revised } = fixDocument(original, 'page.docx');
		assert.ok(revised, 'the revised copy is written');
		assert.deepEqual(readFileSync(path), original, 'the original is left alone');
		assert.equal(result.report.fix?.written, true);
		assert.equal(result.report.fix?.writtenTo, 'page.newsproof.docx');
		assert.equal(result.report.fix?.applied, 9);
		assert.equal(readWordDraft(revised!).text + '\n', asText.report.source);
		assert.deepEqual(result.report.diagnostics, [], 'nothing is left on the accepted text');
	});

	it('each certain fix is a w:del and w:ins by newsproof, dated, with ids of their own', () => {
		const { revised } = fixDocument(docx([p(r('本报讯 全区'), r(' 6个办事处，各村(社区)新的阶层人士代表参加。'))]));
		const xml = documentXml(revised!);
		const changes = [...xml.matchAll(/<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">/g)];
		assert.ok(changes.length >= 4, xml);
		for (const [, , , author, date] of changes) {
			assert.equal(author, 'newsproof');
			assert.match(date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			assert.ok(Math.abs(Date.parse(date) - Date.now()) < 24 * 3600 * 1000);
		}
		const ids = changes.map((m) => m[2]);
		assert.equal(new Set(ids).size, ids.length, 'no two revisions share an id');
		assert.deepEqual(textBetween(xml, 'delText'), [' ', '(', ')']);
		assert.deepEqual(
			textBetween(xml, 't').filter((t) => ['（', '）', '社会'].includes(t)),
			['（', '）', '社会'],
		);
		assert.equal(readWordDraft(revised!).text, '本报讯 全区6个办事处，各村（社区）新的社会阶层人士代表参加。');
	});

	it('leaves every run it does not touch byte for byte, keeps the properties of the runs it splits, and the other entries as they were', () => {
		const original = docx([p(r('会议指出，'), bold('全区 6个办事处'), r('已全部挂牌。')), p(r('本段没有问题。')), p(r('各村(社区)均已落实。'))]);
		const { revised } = fixDocument(original);
		const before = documentXml(original);
		const after = documentXml(revised!);
		const runs = runsOf(before);
		const kept = runs.filter((run) => after.includes(run));
		assert.deepEqual(
			runs.filter((run) => !kept.includes(run)).map((run) => textBetween(run, 't').join('')),
			['全区 6个办事处', '各村(社区)均已落实。'],
			'only the two runs with fixes are rewritten',
		);
		// The untouched runs come in their order, and everything between them is unchanged.
		let at = 0;
		for (const run of kept) {
			const found = after.indexOf(run, at);
			assert.ok(found >= at, run);
			at = found + run.length;
		}
		// The bold run, split around the deleted space, stays bold in every piece, the deleted one too.
		const boldRun = /<w:r w:rsidRPr="[0-9A-F]+"><w:rPr><w:rFonts w:hint="eastAsia"\/><w:b\/><\/w:rPr>/;
		const pieces = after.split('<w:r').filter((x) => x.includes('全区') || x.includes('6个办事处') || x.includes('<w:delText xml:space="preserve"> <'));
		assert.equal(pieces.length, 3, after);
		for (const piece of pieces) assert.ok(piece.includes('<w:b/>'), piece);
		assert.match(after, boldRun);
		const zipBefore = new AdmZip(original);
		const zipAfter = new AdmZip(revised!);
		for (const entry of zipBefore.getEntries()) {
			if (entry.entryName === 'word/document.xml') continue;
			assert.deepEqual(zipAfter.getEntry(entry.entryName)?.getCompressedData(), entry.getCompressedData(), entry.entryName);
		}
	});

	it('makes every other finding at warning or above a comment on its text, with rule, message and suggestion', () => {
		const { revised, result } = fixDocument(docx([p(r('全区安全生产工作会议'), r('隆重召开。')), p(r('本报讯 全区 6个办事处均已挂牌。'))]));
		assert.ok(revised);
		assert.equal(result.report.fix?.comments, 1);
		const zip = new AdmZip(revised!);
		const comments = zip.getEntry('word/comments.xml')!.getData().toString('utf8');
		assert.match(comments, /<w:comment w:id="\d+" w:author="newsproof" w:date="[^"]+" w:initials="NP">/);
		assert.deepEqual(textBetween(comments, 't'), ['BAN-006（警告）：一般性会议不用“隆重召开”，宜用“召开”', '建议：改为“召开”']);
		assert.match(
			zip.getEntry('word/_rels/document.xml.rels')!.getData().toString(),
			/Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/comments" Target="comments\.xml"/,
		);
		assert.match(
			zip.getEntry('[Content_Types].xml')!.getData().toString(),
			/<Override PartName="\/word\/comments\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.comments\+xml"\/>/,
		);
		// The comment's range holds exactly the flagged text.
		const xml = documentXml(revised!);
		const id = /<w:comment w:id="(\d+)"/.exec(comments)![1];
		const range = xml.slice(xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`), xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`));
		assert.equal(textBetween(range, 't').join(''), '隆重召开');
		assert.match(xml, new RegExp(`<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`));
		// The certain fix in the second paragraph is a revision, not a comment.
		assert.deepEqual(textBetween(xml, 'delText'), [' ']);
	});

	it('keeps a certain fix it cannot make a tracked change as a comment: inside another revision or a field result', () => {
		const doc = docx([p(r('会上，'), ins(r('全区 6个办事处'))), p(r('截至'), field('DATE \\@ "M月d日"', '11月 18日'), r('，工作完成。'))]);
		const { revised, result } = fixDocument(doc);
		assert.ok(revised);
		assert.equal(result.report.fix?.applied, 0);
		assert.equal(result.report.fix?.comments, 2);
		assert.deepEqual(
			result.report.diagnostics.map((d) => d.ruleId),
			['SPC-001', 'SPC-001'],
			'both findings remain, on the text as it stands',
		);
		const xml = documentXml(revised!);
		assert.ok(!/<w:(ins|del) [^>]*w:author="newsproof"/.test(xml), 'no revision is written');
		assert.equal(readWordDraft(revised!).text, readWordDraft(doc).text);
	});

	it("a fix across runs deletes in each run, with each run's properties", () => {
		const doc = docx([p(r('本报讯 各村'), bold('('), r('社区'), bold(')'), r('均已落实。'))]);
		const { revised } = fixDocument(doc);
		const xml = documentXml(revised!);
		const dels = [...xml.matchAll(/<w:del [^>]*><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:delText[^>]*>([^<]*)<\/w:delText><\/w:r><\/w:del>/g)].map((m) => [
			m[2],
			(m[1] ?? '').includes('<w:b/>'),
		]);
		assert.deepEqual(dels, [
			['(', true],
			[')', true],
		]);
		assert.equal(readWordDraft(revised!).text, '本报讯 各村（社区）均已落实。');
	});

	it('the revised copy has nothing left to fix, and appends new comments after the ones a document has', () => {
		const first = fixDocument(docx([p(r('全区安全生产工作会议隆重召开，全区 6个办事处参加。'))]));
		const dir = tempDir();
		copyFileSync(revisionsPath(first.path), join(dir, 'again.docx'));
		const again = runJob(engine, join(dir, 'again.docx'), 'again.docx', options('write'));
		assert.equal(again.report.fix?.applied, 0);
		// The uncertain finding is still there; its comment is written once more, with an id of its own.
		const comments = documentXml(readFileSync(join(dir, 'again.newsproof.docx')), 'word/comments.xml');
		const ids = [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((m) => m[1]);
		assert.equal(ids.length, 2);
		assert.notEqual(ids[0], ids[1]);
		assert.equal(readWordDraft(readFileSync(join(dir, 'again.newsproof.docx'))).text, readWordDraft(readFileSync(revisionsPath(first.path))).text);
	});

	it('writes nothing for a document without findings, and --fix-dry-run writes nothing either', () => {
		const clean = fixDocument(docx([p(r('本报讯 全区6个办事处均已挂牌。'))]));
		assert.equal(clean.revised, undefined);
		const dir = tempDir();
		writeFileSync(join(dir, 'd.docx'), docx([p(r('本报讯 全区 6个办事处均已挂牌。'))]));
		const dry = runJob(engine, join(dir, 'd.docx'), 'd.docx', options('dry-run'));
		assert.match(
			dry.report.fix?.diff ?? '',
			/^--- a\/d\.docx\n\+\+\+ b\/d\.docx\n@@ -1,1 \+1,1 @@\n-本报讯 全区 6个办事处均已挂牌。\n\+本报讯 全区6个办事处均已挂牌。\n$/,
		);
		assert.ok(!existsSync(join(dir, 'd.newsproof.docx')));
	});
});
