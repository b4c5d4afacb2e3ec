import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { type JobOptions, runJob } from '../../server/src/cli/job';
import { builtinRulesDir } from '../../server/src/engine';
import { readWordDraft, revisionsPath } from '../../server/src/io/word';
import { wordFileUri, wordViewUri } from '../../server/src/lsp/protocol';
import { compoundFile, docxOfText } from '../helpers/docx';
import { testEngine } from '../helpers/engine';
import { initializeFolder, type LspSession, startServer } from '../helpers/lspClient';

// Word documents in the editor, over stdio: Lint Folder publishes a .docx's findings on the
// view of its text (newsproof-word:), where the editor shows them; the view's text is served
// by a request, linted like any open draft when opened, and offers no edits (it is
// read-only); a command writes the revised copy as `newsproof lint --fix` does.

const root = join(builtinRulesDir(), '..');
const page = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8').replace(/\n$/, '');
// As VS Code writes it: no // before the empty authority.
const view = (path: string) => pathToFileURL(path).href.replace(/^file:\/\//, 'newsproof-word:');
const strip = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.severity, d.message, d.range]);
const original = docxOfText(page);

describe('language server: Word documents', function () {
	this.timeout(60000);
	let session: LspSession;
	let dir: string;
	const errors: string[] = [];

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-word-'));
		const desk = join(dir, 'desk');
		mkdirSync(desk);
		writeFileSync(join(desk, 'page.txt'), page + '\n');
		writeFileSync(join(desk, 'page.docx'), original);
		// Skipped with a reason: an old binary document and a broken one; never read: a lock file and a copy newsproof wrote.
		writeFileSync(join(desk, 'old.doc'), compoundFile({ WordDocument: Buffer.alloc(600, 1) }));
		writeFileSync(join(desk, 'broken.docx'), Buffer.from('PK\u0003\u0004 这不是完整的压缩包'));
		writeFileSync(join(desk, '~$page.docx'), Buffer.alloc(162));
		writeFileSync(join(desk, 'old.newsproof.docx'), docxOfText('旧的修订稿'));
		session = startServer(root);
		session.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
			errors.push(p.message);
			return null;
		});
		session.connection.onNotification('window/showMessage', (p: { message: string }) => {
			errors.push(p.message);
		});
		await initializeFolder(session, dir);
	});

	after(async () => {
		await session.close();
	});

	const execute = (command: string, ...args: unknown[]) => session.connection.sendRequest('workspace/executeCommand', { command, arguments: args });

	it('Lint Folder lists a .docx by its view, with the findings of the same text as .txt, and says why others were skipped', async () => {
		const desk = join(dir, 'desk');
		const asText = session.diagnostics(pathToFileURL(join(desk, 'page.txt')).href);
		const asWord = session.diagnostics(view(join(desk, 'page.docx')));
		const result = (await execute('newsproof.server.lintFolder', pathToFileURL(desk).href)) as { files: number; skipped: { file: string; reason: string }[] };
		assert.equal(result.files, 2);
		const reasons = new Map(result.skipped.map((s) => [s.file.replace(/^.*[\\/]/, ''), s.reason]));
		assert.deepEqual([...reasons.keys()].sort(), ['broken.docx', 'old.doc']);
		assert.match(reasons.get('old.doc')!, /\.docx/);
		assert.match(reasons.get('broken.docx')!, /损坏|不是/);
		const [text, word] = await Promise.all([asText, asWord]);
		assert.ok(text.length > 0);
		// Paragraph and UTF-16 column: the .txt has one paragraph a line, so the positions agree.
		assert.deepEqual(strip(word), strip(text));
	});

	it('serves the text of a .docx as newsproof reads it, and says why a file cannot be read', async () => {
		const desk = join(dir, 'desk');
		const served = (await session.connection.sendRequest('newsproof/wordText', { uri: view(join(desk, 'page.docx')) })) as { text: string };
		assert.equal(served.text, readWordDraft(join(desk, 'page.docx')).text);
		assert.equal(served.text, page);
		await assert.rejects(session.connection.sendRequest('newsproof/wordText', { uri: view(join(desk, 'broken.docx')) }), /损坏|不是/);
		await assert.rejects(session.connection.sendRequest('newsproof/wordText', { uri: pathToFileURL(join(desk, 'page.txt')).href }), /\.docx/);
	});

	it('lints the opened view like a draft: the same findings, hovers, and no edits on the read-only text', async () => {
		const uri = view(join(dir, 'desk', 'page.docx'));
		const pushed = session.diagnostics(uri, (p) => p.diagnostics.length > 0);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: page } });
		const diagnostics = await pushed;
		const txt = runJob(testEngine, join(dir, 'desk', 'page.txt'), 'page.txt', {
			maxFindings: 1000,
			fix: 'none',
			filter: { rules: [], categories: [], quiet: false },
			keepSource: false,
		});
		assert.deepEqual(
			diagnostics.map((d) => [d.code, d.range]),
			txt.report.diagnostics.map((d) => [d.ruleId, d.range]),
		);
		const withFix = diagnostics.find((d) => txt.report.diagnostics.some((f) => f.ruleId === d.code && f.fixes.length > 0))!;
		assert.ok(withFix, 'the page has a finding with a fix');
		const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: withFix.range.start })) as Hover | null;
		assert.ok(hover);
		assert.match(JSON.stringify(hover.contents), new RegExp(String(withFix.code)));
		const actions = (await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri },
			range: withFix.range,
			context: { diagnostics: [withFix] },
		})) as CodeAction[];
		assert.ok(actions.length > 0, 'the commands (ignore, disable the rule) remain');
		assert.ok(
			actions.every((a) => !a.edit),
			JSON.stringify(actions),
		);
		await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	});

	it('writes the revised copy: its text, all changes accepted, is what --fix makes of the same text as .txt', async () => {
		const desk = join(dir, 'desk');
		const result = (await execute('newsproof.server.wordRevisions', pathToFileURL(join(desk, 'page.docx')).href)) as {
			file: string;
			changes: number;
			comments: number;
		};
		assert.equal(result.file, revisionsPath(join(desk, 'page.docx')));
		assert.ok(result.changes > 0, JSON.stringify(result));
		const fixedDir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-word-txt-'));
		writeFileSync(join(fixedDir, 'page.txt'), page + '\n');
		writeFileSync(join(fixedDir, 'page.docx'), original);
		const fix: JobOptions = { maxFindings: 1000, fix: 'write', filter: { rules: [], categories: [], quiet: false }, keepSource: false };
		runJob(testEngine, join(fixedDir, 'page.txt'), 'page.txt', fix);
		const cli = runJob(testEngine, join(fixedDir, 'page.docx'), 'page.docx', fix).report.fix!;
		assert.deepEqual([result.changes, result.comments], [cli.changes, cli.comments]);
		assert.equal(readWordDraft(result.file).text + '\n', readFileSync(join(fixedDir, 'page.txt'), 'utf8'));
		assert.deepEqual(readFileSync(join(desk, 'page.docx')), original, 'the original is untouched');
	});

	it('follows a linted .docx as it changes on disk, and clears it when it is deleted', async () => {
		const path = join(dir, 'desk', 'page.docx');
		writeFileSync(path, docxOfText('全区 6个办事处均已挂牌。'));
		const changed = session.diagnostics(view(path));
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 2 }] });
		const now = await changed;
		assert.ok(now.length > 0 && now.every((d) => d.range.start.line === 0), JSON.stringify(now));
		rmSync(path);
		const cleared = session.diagnostics(view(path));
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 3 }] });
		assert.deepEqual(await cleared, []);
		writeFileSync(path, original);
	});

	it('refuses a document outside the workspace and a file that is not a .docx, writing nothing', async () => {
		const outside = mkdtempSync(join(tmpdir(), 'newsproof-lsp-word-outside-'));
		writeFileSync(join(outside, 'page.docx'), docxOfText(page));
		const before = errors.length;
		assert.equal(await execute('newsproof.server.wordRevisions', pathToFileURL(join(outside, 'page.docx')).href), null);
		assert.equal(await execute('newsproof.server.wordRevisions', pathToFileURL(join(dir, 'desk', 'page.txt')).href), null);
		assert.equal(await execute('newsproof.server.wordRevisions', pathToFileURL(join(dir, 'desk', 'broken.docx')).href), null);
		assert.equal(existsSync(revisionsPath(join(outside, 'page.docx'))), false);
		assert.equal(existsSync(revisionsPath(join(dir, 'desk', 'broken.docx'))), false);
		assert.equal(errors.length - before, 3, errors.join('\n'));
	});
});

describe('Word views: URIs', () => {
	it('names the view of a .docx as VS Code writes it, and back; other URIs stay as they are', () => {
		const cases: [string, string][] = [
			['file:///home/desk/%E7%A8%BF%E4%BB%B6.docx', 'newsproof-word:/home/desk/%E7%A8%BF%E4%BB%B6.docx'],
			['file:///c%3A/desk/a.DOCX', 'newsproof-word:/c%3A/desk/a.DOCX'],
			['file://server/share/a.docx', 'newsproof-word://server/share/a.docx'],
		];
		for (const [file, view] of cases) {
			assert.equal(wordViewUri(file), view);
			assert.equal(wordFileUri(view), file);
		}
		assert.equal(wordFileUri('newsproof-word:///home/a.docx'), 'file:///home/a.docx');
		for (const other of ['file:///home/a.txt', 'untitled:Untitled-1', 'file:///home/a.docx.txt']) {
			assert.equal(wordViewUri(other), other);
			assert.equal(wordFileUri(other), other);
		}
	});
});
