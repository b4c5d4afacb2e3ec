import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinRulesDir } from '../server/src/engine';
import { type LspSession, startServer } from './helpers/lspClient';

// The built server (bin/newsproof-lsp.js -> dist/server.js), spawned and driven over stdio.

const root = join(builtinRulesDir(), '..');

function applyEdits(text: string, edits: TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}

describe('language server over stdio', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-'));

	before(async () => {
		session = startServer(root);
		const init = await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
			workspaceFolders: null,
		});
		assert.equal((init as { serverInfo: { name: string } }).serverInfo.name, 'newsproof');
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('publishes diagnostics for the sample page with code, link and fix data', async () => {
		const text = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
		const uri = pathToFileURL(join(dir, 'page.txt')).href;
		const first = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		const diagnostics = await first;
		const serious = diagnostics.filter((d) => d.severity! <= 2);
		assert.equal(serious.length, 9);
		const pol = serious.find((d) => d.code === 'POL-501')!;
		assert.equal(pol.source, 'newsproof');
		assert.match(pol.codeDescription!.href, /docs\/rules\.md#pol-501$/);
		assert.deepEqual(pol.range, { start: { line: 106, character: 1 }, end: { line: 106, character: 7 } });
		assert.equal((pol.data as { ruleId: string }).ruleId, 'POL-501');
	});

	it('offers a preferred quick fix whose edit corrects the text, then re-lints the edit', async () => {
		const uri = pathToFileURL(join(dir, 'draft.txt')).href;
		const text = '𠮷𠮷报道：全区 6个办事处。\n希望大家再接再励，增强四个意识。\n';
		const opened = session.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'TYP-005'));
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		const diagnostics = await opened;
		const codes = diagnostics.map((d) => d.code).sort();
		assert.deepEqual(codes, ['POL-001', 'SPC-001', 'TYP-005']);
		const space = diagnostics.find((d) => d.code === 'SPC-001')!;
		// UTF-16: two astral characters count four units before 报道.
		assert.deepEqual(space.range.start, { line: 0, character: 9 });

		const actions = (await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri },
			range: space.range,
			context: { diagnostics: [space] },
		})) as CodeAction[];
		const preferred = actions.find((a) => a.isPreferred)!;
		assert.equal(preferred.title, '删除空格');
		const edits = preferred.edit!.changes![uri];
		const fixed = applyEdits(text, edits);
		assert.equal(fixed, '𠮷𠮷报道：全区6个办事处。\n希望大家再接再励，增强四个意识。\n');

		const after = session.diagnostics(uri, (p) => p.version === 2);
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
		});
		const remaining = (await after).map((d: Diagnostic) => d.code).sort();
		assert.deepEqual(remaining, ['POL-001', 'TYP-005']);

		const fixAll = (await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri },
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			context: { diagnostics: [], only: ['source.fixAll'] },
		})) as CodeAction[];
		assert.equal(fixAll.length, 1);
		assert.equal(fixAll[0].kind, 'source.fixAll.newsproof');
		assert.equal(applyEdits(fixed, fixAll[0].edit!.changes![uri]), '𠮷𠮷报道：全区6个办事处。\n希望大家再接再厉，增强“四个意识”。\n');
	});

	it('reports a broken config file on the file itself and keeps serving', async () => {
		const sub = mkdtempSync(join(dir, 'bad-'));
		const configPath = join(sub, '.newsproofrc.yaml');
		writeFileSync(configPath, 'rules:\n  SPC-001: loud\n');
		const configUri = pathToFileURL(configPath).href;
		const uri = pathToFileURL(join(sub, 'a.txt')).href;
		const onConfig = session.diagnostics(configUri);
		const onDraft = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处。' } });
		const [configDiagnostics, draftDiagnostics] = await Promise.all([onConfig, onDraft]);
		assert.equal(configDiagnostics.length, 1);
		assert.equal(configDiagnostics[0].range.start.line, 1);
		assert.match(String(configDiagnostics[0].message), /取值应为/);
		assert.deepEqual(draftDiagnostics.map((d) => d.code), ['SPC-001']);
	});
});
