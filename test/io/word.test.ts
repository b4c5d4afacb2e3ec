import * as assert from 'node:assert/strict';
import AdmZip from 'adm-zip';
import { readWordDraft, WordError } from '../../server/src/io/word';
import { bold, del, docx, field, footnoteReference, hyperlink, ins, p, r, table, textBox, textParagraph } from '../helpers/docx';

// Reading a Word document: one line per paragraph, in document order, as the editor sees
// the text with every tracked change accepted. Documents are built here, in the shape
// Word writes them.

const lines = (bytes: Buffer) => readWordDraft(bytes).text.split('\n');

describe('Word drafts: reading .docx', () => {
	it('reads paragraphs across runs, whatever the formatting', () => {
		const doc = docx([p(r('本报讯 全区'), bold('6个'), r('办事处'), r('均已成立。')), textParagraph('记者 王赛华 通讯员 李磊')]);
		assert.deepEqual(lines(doc), ['本报讯 全区6个办事处均已成立。', '记者 王赛华 通讯员 李磊']);
	});

	it('reads tables cell by cell, row by row, a line per cell paragraph', () => {
		const doc = docx([
			p(r('表前一段。')),
			table([
				[[p(r('单位'))], [p(r('人数'))]],
				[[p(r('经开区')), p(r('（含托管村）'))], [p(r('120'))]],
			]),
			p(r('表后一段。')),
		]);
		assert.deepEqual(lines(doc), ['表前一段。', '单位', '人数', '经开区', '（含托管村）', '120', '表后一段。']);
		const draft = readWordDraft(doc);
		assert.deepEqual(
			draft.lines.map((l) => l.where),
			['body', 'table', 'table', 'table', 'table', 'table', 'body'],
		);
	});

	it('reads a text box once, after the paragraph it is anchored in (mc:Fallback repeats it)', () => {
		const doc = docx([p(r('正文第一段，'), textBox([p(r('相关链接：')), p(r('框中第二段。'))]), r('接着写。')), p(r('正文第二段。'))]);
		assert.deepEqual(lines(doc), ['正文第一段，接着写。', '相关链接：', '框中第二段。', '正文第二段。']);
		assert.deepEqual(
			readWordDraft(doc).lines.map((l) => l.where),
			['body', 'textbox', 'textbox', 'body'],
		);
	});

	it("reads footnotes after the body, skipping Word's separator notes and the reference marks", () => {
		const doc = docx([p(r('据统计'), footnoteReference(1), r('，全年新增。')), p(r('第二段。'))], {
			footnotes: [[p(r('数据来自区统计局。'))], [p(r('另一条注释。'))]],
		});
		const draft = readWordDraft(doc);
		assert.deepEqual(draft.text.split('\n'), ['据统计，全年新增。', '第二段。', '数据来自区统计局。', '另一条注释。']);
		assert.deepEqual(
			draft.lines.map((l) => l.where),
			['body', 'body', 'footnote', 'footnote'],
		);
	});

	it('reads the text with every tracked change accepted: insertions in, deletions out', () => {
		const doc = docx([p(r('会议'), del('于昨日'), ins(r('于11月18日')), r('召开。'))]);
		assert.deepEqual(lines(doc), ['会议于11月18日召开。']);
	});

	it('joins a paragraph whose mark is deleted to the next one, as accepting the deletion does', () => {
		const deletedMark = '<w:p><w:pPr><w:rPr><w:del w:id="903" w:author="编辑甲" w:date="2024-03-01T08:00:00Z"/></w:rPr></w:pPr>' + r('坚持人民至上') + '</w:p>';
		const doc = docx([deletedMark, p(r('发展理念。')), p(r('下一段。'))]);
		assert.deepEqual(lines(doc), ['坚持人民至上发展理念。', '下一段。']);
	});

	it('reads a field as the result it shows, not its instruction; fldSimple too', () => {
		const simple = '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>4</w:t></w:r></w:fldSimple>';
		const doc = docx([p(r('本版共'), simple, r('页，第'), field('PAGE', '2'), r('页。'))]);
		assert.deepEqual(lines(doc), ['本版共4页，第2页。']);
	});

	it('reads hyperlinks as their text', () => {
		const doc = docx([p(r('详见'), hyperlink(r('区政府网站')), r('。'))]);
		assert.deepEqual(lines(doc), ['详见区政府网站。']);
	});

	it('tabs, symbols, non-breaking and soft hyphens; a manual line break starts a line, a page break does not', () => {
		const sym = '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>';
		const doc = docx([
			p(r('甲'), '<w:r><w:tab/><w:t>乙</w:t></w:r>'),
			p(r('核对'), sym, r('完毕')),
			p(r('COVID'), '<w:r><w:noBreakHyphen/><w:t>19</w:t><w:softHyphen/></w:r>'),
			p(r('标题第一行'), '<w:r><w:br/></w:r>', r('标题第二行'), '<w:r><w:br w:type="page"/></w:r>', r('续')),
		]);
		assert.deepEqual(lines(doc), ['甲\t乙', '核对\uf0fc完毕', 'COVID\u201119', '标题第一行', '标题第二行续']);
	});

	it('leaves out hidden text and ruby annotations', () => {
		const hidden = r('（内部备注）', '<w:vanish/>');
		const ruby =
			'<w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r><w:t>chóng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>重</w:t></w:r></w:rubyBase></w:ruby>';
		const doc = docx([p(r('文件'), hidden, r('已下发，')), p(ruby, r('庆'))]);
		assert.deepEqual(lines(doc), ['文件已下发，', '重庆']);
	});

	it('counts UTF-16 code units: a character outside the BMP takes two', () => {
		const draft = readWordDraft(docx([p(r('𠮷'), r('野家'))]));
		assert.equal(draft.text, '𠮷野家');
		assert.deepEqual(
			draft.lines[0].pieces.map((piece) => [piece.at, piece.text]),
			[
				[0, '𠮷'],
				[2, '野家'],
			],
		);
	});

	it('reads a part under another prefix, and entity and character references in text', () => {
		const xml =
			'<?xml version="1.0" encoding="UTF-8"?>\n<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>' +
			'<x:p><x:r><x:t>A&amp;B&#x3001;“C”</x:t></x:r></x:p></x:body></x:document>';
		assert.deepEqual(lines(docx([], { entries: { 'word/document.xml': xml } })), ['A&B、“C”']);
	});

	it('finds the main part through the package relationships', () => {
		const zip = new AdmZip(docx([p(r('正文在别处。'))]));
		const body = zip.getEntry('word/document.xml')!.getData();
		zip.deleteFile('word/document.xml');
		zip.addFile('word/document2.xml', body);
		const rels = zip.getEntry('_rels/.rels')!.getData().toString().replace('word/document.xml', 'word/document2.xml');
		zip.updateFile('_rels/.rels', Buffer.from(rels));
		assert.deepEqual(lines(zip.toBuffer()), ['正文在别处。']);
	});

	it('a document with nothing in it reads as one empty line', () => {
		assert.equal(readWordDraft(docx([p()])).text, '');
		assert.throws(() => readWordDraft(Buffer.alloc(0)), WordError);
	});
});
