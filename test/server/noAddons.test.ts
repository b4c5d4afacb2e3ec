import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// The language server with Node's add-ons switched off: the segmenter is WebAssembly, so
// word-boundary rules work wherever Node or VS Code's extension host runs.

const root = join(builtinRulesDir(), '..');

describe('language server under node --no-addons', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-no-addons-'));

	before(async () => {
		session = startServer(root, ['--stdio'], root, ['--no-addons']);
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('finds 再接再励 once the dictionary has loaded', async () => {
		const uri = pathToFileURL(join(dir, 'draft.txt')).href;
		const found = session.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'TYP-005'));
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '希望同学们再接再励，取得更好成绩。\n' },
		});
		const diagnostics = await found;
		assert.deepEqual(
			diagnostics.map((d) => d.code),
			['TYP-005'],
		);
		assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
		assert.ok(!session.stderr().includes('分词组件不可用'), session.stderr());
	});
});
