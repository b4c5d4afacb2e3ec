import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iconv from 'iconv-lite';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// Text as an editor hands it over: a GB18030 draft opened as UTF-8, a Markdown draft.

const root = join(builtinRulesDir(), '..');

describe('language server on the text an editor opens', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-editor-text-'));
	const messages: string[] = [];

	before(async () => {
		session = startServer(root);
		session.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
			messages.push(p.message);
			return null;
		});
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('gives no findings on a GB18030 draft decoded as UTF-8, and says once how to reopen it', async () => {
		const bytes = iconv.encode('全区 6个办事处，希望大家再接再励。\n全区 7个社区。\n', 'gb18030');
		const mojibake = new TextDecoder('utf-8').decode(bytes);
		assert.ok(mojibake.includes('\ufffd'));
		const uri = pathToFileURL(join(dir, '旧稿.txt')).href;
		const pushed = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: mojibake } });
		assert.deepEqual(await pushed, []);
		assert.equal(messages.filter((m) => m.includes('旧稿.txt')).length, 1);
		assert.match(messages[0], /GB18030/);
		assert.match(messages[0], /files\.autoGuessEncoding/);
		const again = session.diagnostics(uri, (p) => p.version === 2);
		await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: mojibake + '。' }] });
		assert.deepEqual(await again, []);
		assert.equal(messages.filter((m) => m.includes('旧稿.txt')).length, 1, 'said once');
	});

	it('explains a finding on hover: message, explanation, source and fix', async () => {
		const uri = pathToFileURL(join(dir, 'hover.txt')).href;
		// The typo rule needs the dictionary, which loads after the first diagnostics.
		const pushed = session.diagnostics(uri, (p) => p.diagnostics.length > 0);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '希望大家再接再励。\n' },
		});
		const [typo] = await pushed;
		const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } })) as {
			contents: { kind: string; value: string };
		};
		assert.equal(typo.code, 'TYP-005');
		assert.equal(hover.contents.kind, 'markdown');
		assert.match(hover.contents.value, /\*\*“再接再励”应为“再接再厉”\*\*/);
		assert.match(hover.contents.value, /“厉”通“砺”/);
		assert.match(hover.contents.value, /依据：《咬文嚼字》2005 年公布《当代汉语出版物中最常见的 100 个别字》（Y100）/);
		assert.match(hover.contents.value, /修正：改为“再接再厉”/);
		assert.equal(await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
	});

	it('reads an untitled Markdown draft as Markdown by its language mode', async () => {
		const uri = 'untitled:Untitled-1';
		const pushed = session.diagnostics(uri);
		const text = '运行 `全区 6个` 即可。\n\n本周新增 12个网点。\n';
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
		assert.deepEqual(
			(await pushed).map((d) => [d.code, d.range.start.line]),
			[['SPC-001', 2]],
		);
	});
});
