import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinRulesDir, lintText, loadRuleset, builtinRuleFiles } from '../../server/src/engine';
import { sharedSegmenter, testEngine } from '../helpers/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// The language server under stress: bursts of edits, documents closed mid-lint, and
// malformed requests. None of them may kill it or leave stale diagnostics.

const root = join(builtinRulesDir(), '..');
const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);

describe('language server under stress', function () {
	this.timeout(120000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-stress-'));

	before(async () => {
		session = startServer(root);
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('100 edits within a second leave diagnostics that match the final text', async () => {
		const uri = pathToFileURL(join(dir, 'burst.txt')).href;
		let doc = TextDocument.create(uri, 'plaintext', 1, '会议强调，全区 6个办事处要再接再励。\n');
		const opened = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: doc.getText() } });
		await opened;
		const inserts = ['全区 6个', '再接再励', '，', '四个意识', '。'];
		for (let v = 2; v <= 101; v++) {
			const text = doc.getText();
			const at = doc.positionAt((v * 7) % (text.length + 1));
			const change = { range: { start: at, end: at }, text: inserts[v % inserts.length] };
			doc = TextDocument.update(doc, [change], v);
			void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
		}
		const final = await session.diagnostics(uri, (p) => p.version === 101);
		const expected = lintText(doc.getText(), { ruleset, segmenter: sharedSegmenter, ruleOptions: { model: testEngine.model } }).findings.map(
			(f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`,
		);
		assert.deepEqual(
			final.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
			expected,
		);
		assert.ok(expected.length > 20, `only ${expected.length} findings in the final text`);
	});

	it('a document closed right after a change gets its diagnostics cleared, and the server lives on', async () => {
		const uri = pathToFileURL(join(dir, 'closed.txt')).href;
		const opened = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处。'.repeat(2000) },
		});
		await opened;
		const cleared = session.diagnostics(uri, (p) => p.diagnostics.length === 0);
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [{ text: '再接再励。'.repeat(3000) }],
		});
		await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		await cleared;
		// Nothing stale arrives after the clear.
		const late = await Promise.race([
			session
				.diagnostics(uri, () => true, 1500)
				.then(
					() => 'late',
					() => 'none',
				),
			new Promise((r) => setTimeout(() => r('none'), 1600)),
		]);
		assert.equal(late, 'none');
	});

	it('malformed requests are answered with errors, not a crash', async () => {
		// Answered (with nothing to offer) or refused: either way the server stays up.
		const odd = await session.connection.sendRequest('textDocument/codeAction', { textDocument: {} }).then(
			(r) => r,
			(e: Error) => e,
		);
		assert.ok(odd === null || Array.isArray(odd) || odd instanceof Error, String(odd));
		await assert.rejects(session.connection.sendRequest('newsproof/noSuchMethod', { x: 1 }));
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri: 'file:///nowhere.txt', version: 3 },
			contentChanges: [{ text: 'x' }],
		});
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: 'file:///odd.txt', languageId: 'plaintext', version: 1, text: '\u0000\ud800半个代理项' },
		});
		const uri = pathToFileURL(join(dir, 'alive.txt')).href;
		const alive = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处。' } });
		assert.deepEqual(
			(await alive).map((d) => d.code),
			['SPC-001'],
		);
		assert.equal(session.child.exitCode, null);
	});
});
