import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRulesDir } from '../../server/src/engine';
import { startServer } from '../helpers/lspClient';

// dist/server.js starts the server bundle through V8's code cache. A cache that does not fit
// (garbage here, another Node in real life) must never stop the server: it is recompiled,
// serves as usual, and leaves a fresh cache behind when it exits.

const root = join(builtinRulesDir(), '..');
const cacheFile = join(root, 'dist', 'serverCore.js.cache');

async function serveOnce(): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-launch-'));
	const session = startServer(root);
	await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
	await session.connection.sendNotification('initialized', {});
	const uri = pathToFileURL(join(dir, 'draft.txt')).href;
	const published = session.diagnostics(uri);
	await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处。\n' } });
	const diagnostics = await published;
	await session.close();
	assert.equal(session.child.exitCode, 0, session.stderr());
	return diagnostics.filter((d) => d.code === 'SPC-001').length;
}

describe('server launcher and code cache', function () {
	this.timeout(60000);

	it('serves with a cache that does not fit, and writes a fresh one on exit', async () => {
		const garbage = Buffer.from('not a V8 code cache'.repeat(100));
		writeFileSync(cacheFile, garbage);
		assert.equal(await serveOnce(), 1);
		assert.ok(existsSync(cacheFile));
		const written = readFileSync(cacheFile);
		assert.ok(written.length > 10000 && !written.equals(garbage), `cache of ${written.length} bytes`);
	});

	it('serves again from the cache it wrote', async () => {
		const before = readFileSync(cacheFile);
		assert.equal(await serveOnce(), 1);
		// Accepted: nothing to rewrite.
		assert.ok(readFileSync(cacheFile).equals(before));
	});
});
