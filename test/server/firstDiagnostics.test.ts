import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogMessageNotification } from 'vscode-languageserver-protocol/node';
import { builtinRulesDir } from '../../server/src/engine';
import { startServer } from '../helpers/lspClient';

// The first diagnostics of a fresh server go out before it loads the dictionary and the
// language model, which hold its thread for a few hundred milliseconds: an editor shows the
// rules that need no words at once, and the rest follows. The load waits for the connection
// to have written them, not for a timer, so the order holds on a busy machine too.

const root = join(builtinRulesDir(), '..');

describe('first diagnostics before the dictionary', function () {
	this.timeout(60000);

	it('publishes the first diagnostics of a fresh server before it loads the dictionary and the model', async () => {
		for (let run = 0; run < 3; run++) {
			const dir = mkdtempSync(join(tmpdir(), 'newsproof-first-'));
			const session = startServer(root);
			const events: string[] = [];
			const uri = pathToFileURL(join(dir, 'page.txt')).href;
			session.connection.onNotification(LogMessageNotification.type, (m) => {
				if (m.message.includes('分词词典已加载')) events.push('dictionary');
				if (m.message.includes('语言模型已加载')) events.push('model');
			});
			// The helper asks `accept` as each publication arrives, in the order the messages came.
			const firstPush = session.diagnostics(uri, (p) => {
				events.push(`diagnostics ${p.diagnostics.length}`);
				return true;
			});
			await session.connection.sendRequest('initialize', {
				processId: process.pid,
				rootUri: pathToFileURL(dir).href,
				capabilities: {},
				workspaceFolders: null,
			});
			await session.connection.sendNotification('initialized', {});
			// Many findings: turning them into diagnostics and writing them takes a while, which a timer
			// started before them would not wait for.
			const text = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8').repeat(40);
			await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
			try {
				await firstPush;
				await session.diagnostics(uri, () => events.includes('model'));
			} finally {
				await session.close();
			}
			assert.match(events[0], /^diagnostics [1-9]/, events.join(', '));
			assert.deepEqual(events.slice(1, 3), ['dictionary', 'model'], events.join(', '));
		}
	});
});
