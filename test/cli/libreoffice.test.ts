import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { readWordDraft } from '../../server/src/io/word';
import { bold, docx, hyperlink, p, r, table, textParagraph } from '../helpers/docx';
import { odtContent, readWithLibreOffice, sofficePath } from '../helpers/libreoffice';
import AdmZip from 'adm-zip';

// The revised copy as another word processor reads it: LibreOffice finds newsproof's tracked
// changes and its comment on the flagged text, and, accepting all changes, saves exactly the
// text --fix makes of the same text as a .txt draft. Runs where LibreOffice is installed
// (.ci/run installs Debian's libreoffice-writer-nogui); skipped, with the reason, elsewhere.
// The same comparison without LibreOffice is in test/io/wordRevisions.test.ts. (Accepting
// needs a view, in which LibreOffice 7.4 headless is unstable with comments; see
// test/helpers/libreoffice.ts. The changes are accepted in a copy without the comment
// anchors, which hold no text.)

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

/** A story with fixes in plain, bold and linked runs and in a table, and one finding to comment on. */
export function storyDocument(): Buffer {
	return docx([
		textParagraph('本报讯 为进一步做好基层统战工作，全区 6个街道办事处均已成立新联会联络处。'),
		p(r('会上，'), bold('各村(社区)'), r('代表交流了工作经验，'), r('新的阶层人士'), r('代表踊跃发言。')),
		p(r('全区统战工作推进会'), r('隆重召开。')),
		table([
			[[p(r('街道'))], [p(r('联络处'))]],
			[[p(r('东城 街道'))], [p(r('已成立'))]],
		]),
		p(r('详见'), hyperlink(r('区委统战部 网站')), r('。')),
		textParagraph('记者 王赛华 通讯员 李磊'),
	]);
}

/** The document without its comment anchors (they hold no text): LibreOffice then builds no comment windows. */
function withoutCommentAnchors(bytes: Buffer): Buffer {
	const zip = new AdmZip(bytes);
	const xml = zip.getEntry('word/document.xml')!.getData().toString('utf8');
	const stripped = xml.replace(/<w:commentRange(?:Start|End) w:id="\d+"\/>|<w:r><w:commentReference w:id="\d+"\/><\/w:r>/g, '');
	assert.notEqual(stripped, xml);
	zip.updateFile('word/document.xml', Buffer.from(stripped, 'utf8'));
	return zip.toBuffer();
}

describe('Word drafts in LibreOffice', function () {
	this.timeout(300000);

	before(function () {
		if (!sofficePath()) {
			console.log('      LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui to run this test');
			this.skip();
		}
	});

	it('LibreOffice sees the tracked changes and the comment, and accepting all gives what --fix gives the same text as .txt', () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-lo-test-'));
		const bytes = storyDocument();
		writeFileSync(join(dir, 'story.docx'), bytes);
		writeFileSync(join(dir, 'story.txt'), readWordDraft(bytes).text + '\n');
		const word = run(['lint', '--fix', 'story.docx'], dir);
		assert.match(word.stderr, /已写出修订稿 story\.newsproof\.docx：修订 \d+ 处，批注 1 条/);
		const text = run(['lint', '--fix', 'story.txt'], dir);
		assert.match(text.stderr, /已修正 1 个文件/);
		const expected = readFileSync(join(dir, 'story.txt'), 'utf8');

		const content = odtContent(join(dir, 'story.newsproof.docx'));
		const annotations = [
			...content.matchAll(/<office:annotation [^>]*><dc:creator>([^<]*)<\/dc:creator>.*?<\/office:annotation>([^<]*)<office:annotation-end/g),
		];
		assert.deepEqual(
			annotations.map((m) => [m[1], m[2]]),
			[['newsproof', '隆重召开']],
			'one comment by newsproof, on the flagged text',
		);
		assert.match(annotations[0][0], /<text:p>BAN-006（警告）：一般性会议不用“隆重召开”，宜用“召开”<\/text:p><text:p>建议：改为“召开”<\/text:p>/);
		const regions = [...content.matchAll(/<text:changed-region .*?<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1]);
		assert.ok(regions.length >= 6, `tracked changes seen: ${regions.length}`);
		assert.deepEqual([...new Set(regions)], ['newsproof']);

		const uncommented = join(dir, 'uncommented.docx');
		writeFileSync(uncommented, withoutCommentAnchors(readFileSync(join(dir, 'story.newsproof.docx'))));
		const seen = readWithLibreOffice(uncommented);
		assert.equal(seen.text, expected);
		assert.equal(seen.redlines, regions.length);
		assert.deepEqual([...new Set(seen.authors)], ['newsproof']);
		// The original, read the same way, has no changes and still its errors.
		const original = readWithLibreOffice(join(dir, 'story.docx'));
		assert.equal(original.redlines, 0);
		assert.equal(original.text, readWordDraft(bytes).text + '\n');
	});
});
