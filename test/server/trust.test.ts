import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRulesDir } from '../../server/src/engine';
import type { ServerStatus } from '../../server/src/lsp/protocol';
import { type LspSession, startServer } from '../helpers/lspClient';

// Restricted Mode: a cloned repository's config file, house rules and ignore list are data the
// user has not vetted. Until the workspace is trusted the built-in rules run alone; trusting
// it loads them without a restart.

const root = join(builtinRulesDir(), '..');

describe('language server in an untrusted workspace', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-trust-'));
	const statuses: ServerStatus[] = [];

	before(async () => {
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules:\n  SPC-001: off\nruleFiles: [house.yaml]\n');
		writeFileSync(
			join(dir, 'house.yaml'),
			'rules:\n  - id: ZZB-001\n    find: [经开去]\n    replace: 经开区\n    examples:\n      bad: [{ text: 在经开去。, fixed: 在经开区。 }]\n      good: [在经开区。]\n',
		);
		session = startServer(root);
		session.connection.onNotification('newsproof/status', (s: ServerStatus) => {
			statuses.push(s);
		});
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { textDocument: { publishDiagnostics: {} } },
			initializationOptions: { trusted: false, status: true },
		});
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('lints with the built-in rules only, says so, and loads the workspace rules once trusted', async () => {
		const uri = pathToFileURL(join(dir, 'a.txt')).href;
		const first = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处，在经开去。\n' },
		});
		assert.deepEqual(
			(await first).map((d) => d.code),
			['SPC-001'],
		);
		assert.equal(statuses[0]?.state, 'restricted');

		const trusted = session.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ZZB-001'));
		await session.connection.sendNotification('newsproof/workspaceTrusted');
		assert.deepEqual(
			(await trusted).map((d) => d.code),
			['ZZB-001'],
		);
		assert.notEqual(statuses[statuses.length - 1].state, 'restricted');
	});
});
