import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir, maxDataFileBytes } from '../../server/src/engine';
import { docxOfText } from '../helpers/docx';

// `newsproof lm add`: a paper's archive folded into a local overlay of the language model.
// What the paper writes again and again in the same context is no longer flagged; the
// archive's text drafts and Word documents are counted, and binary files, broken encodings
// and unreadable documents are skipped one by one, with the reason.

const root = join(builtinRulesDir(), '..');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8' });

describe('newsproof lm add', function () {
	this.timeout(60000);
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lmadd-'));
	const draft = '他们在会上对下一步工作作出了具体的不署。\n';

	it('builds an overlay, skipping unreadable files with the reason', () => {
		mkdirSync(join(dir, 'archive'));
		// The paper's own (odd) usage, written twice in its archive.
		writeFileSync(join(dir, 'archive', 'a.txt'), '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n');
		writeFileSync(join(dir, 'archive', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
		writeFileSync(join(dir, 'archive', 'garbled.txt'), Buffer.from([0xe4, 0xbd, 0x41, 0xff, 0xfe, 0x80, 0x80, 0x80, 0xc3, 0x28, 0xa0, 0xa1]));
		const r = run(['lm', 'add', 'archive'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stderr, /image\.txt: 二进制文件/);
		assert.match(r.stderr, /garbled\.txt: 既不是有效的 UTF-8/);
		assert.match(r.stdout, /1 个文件（跳过 2 个）/);
		// No config here yet: the desk is told how to make one and what to write in it.
		assert.match(r.stdout, /newsproof init 建立配置文件，再在其中加入 lmOverlay: \[\.newsproof\/lm-overlay\.lm\]/);
		assert.ok(existsSync(join(dir, '.newsproof', 'lm-overlay.lm')));
	});

	it("leaves the paper's own usage alone once the config names the overlay", () => {
		writeFileSync(join(dir, 'draft.txt'), draft);
		const before = run(['lint', '--rule', 'TYP-900', 'draft.txt'], dir);
		assert.match(before.stdout, /TYP-900/);
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		const after = run(['lint', '--rule', 'TYP-900', 'draft.txt'], dir);
		assert.equal(after.status, 0, after.stdout + after.stderr);
		assert.doesNotMatch(after.stdout, /TYP-900/);
	});

	it('builds and uses an overlay of an archive far larger than a text data file may be', () => {
		const big = mkdtempSync(join(tmpdir(), 'newsproof-lmadd-big-'));
		mkdirSync(join(big, 'archive'));
		// Some 300,000 characters in no order, each file written twice: every 3- and 4-gram is
		// kept, an overlay of several megabytes (a text data file may hold 2 MB).
		const hanzi =
			'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
		let seed = 7;
		const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
		for (let f = 0; f < 10; f++) {
			const line = Array.from({ length: 30000 }, () => hanzi[Math.floor(next() * hanzi.length)]).join('');
			writeFileSync(join(big, 'archive', `${f}.txt`), `${line}\n${line}\n`);
		}
		writeFileSync(join(big, 'archive', 'usage.txt'), '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n');
		const r = run(['lm', 'add', 'archive'], big);
		assert.equal(r.status, 0, r.stderr);
		const size = statSync(join(big, '.newsproof', 'lm-overlay.lm')).size;
		assert.ok(size > 2 * maxDataFileBytes, `overlay of ${size} bytes`);
		writeFileSync(join(big, 'draft.txt'), draft);
		writeFileSync(join(big, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		const after = run(['lint', '--rule', 'TYP-900', 'draft.txt'], big);
		assert.equal(after.status, 0, after.stdout + after.stderr);
		assert.doesNotMatch(after.stdout + after.stderr, /TYP-900|过大/);
	});

	it("counts the archive's Word documents, and skips one that cannot be read with the reason", () => {
		const word = mkdtempSync(join(tmpdir(), 'newsproof-lmadd-word-'));
		mkdirSync(join(word, 'archive'));
		writeFileSync(join(word, 'archive', '稿件.docx'), docxOfText('区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。'));
		writeFileSync(join(word, 'archive', 'broken.docx'), Buffer.from('PK\u0003\u0004 not really a zip'));
		const r = run(['lm', 'add', 'archive'], word);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stderr, /broken\.docx: /);
		assert.match(r.stdout, /1 个文件（跳过 1 个）/);
		writeFileSync(join(word, 'draft.txt'), draft);
		writeFileSync(join(word, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		const after = run(['lint', '--rule', 'TYP-900', 'draft.txt'], word);
		assert.equal(after.status, 0, after.stdout + after.stderr);
		assert.doesNotMatch(after.stdout, /TYP-900/);
	});

	it('folds a second folder into the same overlay and reports a broken overlay file', () => {
		mkdirSync(join(dir, 'more'));
		writeFileSync(join(dir, 'more', 'b.txt'), '二七区召开会议。二七区召开会议。\n');
		const r = run(['lm', 'add', 'more'], dir);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /2 个目录，2 个文件/);
		assert.match(r.stdout, /\.newsproofrc\.yaml 已列出此增补文件/);
		writeFileSync(join(dir, '.newsproof', 'lm-overlay.lm'), 'not an overlay');
		const broken = run(['lint', 'draft.txt', '--rule', 'TYP'], dir);
		assert.equal(broken.status, 2);
		assert.match(broken.stderr, /lm-overlay\.lm.*无法使用/);
	});
});
