import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

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

	it('publishes diagnostics for the sample page with code and link', async () => {
		const text = readFileSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
		const uri = pathToFileURL(join(dir, 'page.txt')).href;
		const first = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		const diagnostics = await first;
		const serious = diagnostics.filter((d) => d.severity! <= 2);
		assert.equal(serious.length, 9);
		const pol = serious.find((d) => d.code === 'POL-501')!;
		assert.equal(pol.source, 'newsproof');
		// VS Code opens a file at a line fragment, not at a Markdown anchor.
		const [, line] = /docs\/rules\.md#L(\d+)$/.exec(pol.codeDescription!.href) ?? [];
		assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8').split('\n')[Number(line) - 1], '### POL-501');
		assert.deepEqual(pol.range, { start: { line: 106, character: 1 }, end: { line: 106, character: 7 } });
		assert.equal(pol.data, undefined, 'fixes are computed when asked for, not carried by the diagnostic');
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
		assert.deepEqual(
			draftDiagnostics.map((d) => d.code),
			['SPC-001'],
		);
	});
});

describe('language server: pull diagnostics, ignore list, config edits', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-pull-'));
	const text = '𠮷𠮷报道：全区 6个办事处，全区 6个街道。\n';

	before(async () => {
		session = startServer(root);
		const init = (await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: false } } },
			workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
		})) as { capabilities: { diagnosticProvider?: unknown } };
		assert.ok(init.capabilities.diagnosticProvider, 'pull offered to a client that supports it');
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	const pull = async (uri: string) =>
		((await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] }).items;
	const actionsFor = async (uri: string, d: Diagnostic) =>
		(await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];

	it('answers textDocument/diagnostic at UTF-16 positions and pushes nothing for open files', async () => {
		const uri = pathToFileURL(join(dir, 'pull.txt')).href;
		let pushed = 0;
		const pushedWatch = session.diagnostics(uri, () => ++pushed > 0, 1500).catch(() => []);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		const items = await pull(uri);
		assert.deepEqual(
			items.map((d) => [d.code, d.range.start.character]),
			[
				['SPC-001', 9],
				['SPC-001', 18],
			],
		);
		await pushedWatch;
		assert.equal(pushed, 0);
	});

	it('offers ignore, disable and documentation actions after the text fixes', async () => {
		const uri = pathToFileURL(join(dir, 'pull.txt')).href;
		const [first] = await pull(uri);
		const titles = (await actionsFor(uri, first)).filter((a) => a.kind === 'quickfix').map((a) => a.title);
		assert.equal(titles[0], '删除空格');
		const rest = titles.slice(titles.indexOf('修正本文所有 SPC-001 问题（2 处）') + 1);
		assert.deepEqual(rest, ['忽略此处的 SPC-001（记入 .newsproof/ignore.yaml）', '在本工作区停用规则 SPC-001', '查看规则 SPC-001 的说明']);
	});

	it('ignores one occurrence in .newsproof/ignore.yaml, keyed so that it survives edits elsewhere', async () => {
		const uri = pathToFileURL(join(dir, 'pull.txt')).href;
		const [first, second] = await pull(uri);
		const ignore = (await actionsFor(uri, second)).find((a) => a.title.startsWith('忽略此处'))!;
		const file = (await session.connection.sendRequest('workspace/executeCommand', ignore.command)) as string;
		assert.equal(file, join(dir, '.newsproof', 'ignore.yaml'));
		assert.match(readFileSync(file, 'utf8'), /rule: SPC-001/);
		const after = await pull(uri);
		assert.deepEqual(
			after.map((d) => d.range.start.character),
			[first.range.start.character],
		);

		// Insert a line above: the ignored occurrence moves but stays ignored.
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '导语 一句。\n' }],
		});
		const moved = await pull(uri);
		assert.deepEqual(
			moved.map((d) => [d.range.start.line, d.range.start.character]),
			[
				[0, 2],
				[1, 9],
			],
		);
	});

	it('disables a rule in the workspace config file and stops reporting it', async () => {
		const uri = pathToFileURL(join(dir, 'pull.txt')).href;
		const [d] = await pull(uri);
		const disable = (await actionsFor(uri, d)).find((a) => a.title.startsWith('在本工作区停用'))!;
		const file = (await session.connection.sendRequest('workspace/executeCommand', disable.command)) as string;
		assert.equal(file, join(dir, '.newsproofrc.yaml'));
		assert.match(readFileSync(file, 'utf8'), /SPC-001: off/);
		assert.deepEqual(await pull(uri), []);
	});
});

describe('language server: push-only client without workspace/configuration (Neovim 0.7)', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-push-'));

	before(async () => {
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'rules:\n  TYP: off\n');
		session = startServer(root);
		const init = (await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} })) as {
			capabilities: { diagnosticProvider?: unknown };
		};
		assert.equal(init.capabilities.diagnosticProvider, undefined);
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('works from defaults and the config file, and re-lints the last edit of a burst only', async () => {
		const uri = pathToFileURL(join(dir, 'a.txt')).href;
		const opened = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个，再接再励。' },
		});
		assert.deepEqual(
			(await opened).map((d) => d.code),
			['SPC-001'],
		);
		const versions: number[] = [];
		const settled = session.diagnostics(uri, (p) => (versions.push(p.version ?? -1), p.version === 4));
		for (const version of [2, 3, 4]) {
			await session.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ text: `全区 ${version}个 办事处。` }],
			});
		}
		assert.deepEqual(
			(await settled).map((d) => d.code),
			['SPC-001', 'SPC-001'],
		);
		assert.deepEqual(versions, [4]);
	});
});

describe('language server: run on save, with settings from workspace/configuration', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-onsave-'));

	before(async () => {
		session = startServer(root);
		session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
			params.items.map((i) => (i.section === 'newsproof' ? { run: 'onSave', disabledRules: ['TYP'] } : null)),
		);
		session.connection.onRequest('client/registerCapability', () => null);
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
		});
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('keeps the results of the last save while typing, and re-checks on save', async () => {
		const uri = pathToFileURL(join(dir, 'a.txt')).href;
		const pull = async () =>
			((await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items.map((d) => d.code);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个，再接再励。' },
		});
		assert.deepEqual(await pull(), ['SPC-001'], 'TYP off through disabledRules');
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [{ text: '全区6个，再接再励。' }],
		});
		assert.deepEqual(await pull(), ['SPC-001'], 'unchanged until saved');
		await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
		assert.deepEqual(await pull(), []);
	});
});
