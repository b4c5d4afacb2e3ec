import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// Commands take their arguments from the client, and are checked like any other input:
// writes happen only inside the workspace folder that holds the document, never through a
// symbolic link, and only for a finding the document reports now.

const root = join(builtinRulesDir(), '..');

describe('language server commands write only where they should', function () {
	this.timeout(60000);
	let session: LspSession;
	const outside = mkdtempSync(join(tmpdir(), 'newsproof-outside-'));
	const workspace = join(outside, 'ws');
	const errors: string[] = [];

	before(async () => {
		mkdirSync(workspace);
		// A config above the workspace folder: another project's, never to be written.
		writeFileSync(join(outside, '.newsproofrc.yaml'), '# 上级目录的配置\nrules: {}\n');
		session = startServer(root);
		session.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
			errors.push(p.message);
			return null;
		});
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(workspace).href,
			capabilities: { textDocument: { diagnostic: {} } },
			workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
		});
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	const open = async (name: string, text: string) => {
		const uri = pathToFileURL(join(workspace, name)).href;
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		const { items } = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
		return { uri, items };
	};
	const command = (name: string, ...args: unknown[]) =>
		session.connection.sendRequest('workspace/executeCommand', { command: `newsproof.server.${name}`, arguments: args });

	it('refuses to ignore a range where the document reports nothing, and writes nothing', async () => {
		const { uri } = await open('a.txt', '全区 6个办事处。\n');
		errors.length = 0;
		const wrong = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
		assert.equal(await command('ignore', uri, wrong, 'SPC-001'), null);
		assert.equal(await command('ignore', uri, 'not a range', 'SPC-001'), null);
		assert.equal(await command('ignore', 'file:///etc/passwd', wrong, 'SPC-001'), null);
		assert.equal(existsSync(join(workspace, '.newsproof')), false);
		assert.equal(errors.length, 3);
		assert.match(errors[0], /此处已没有 SPC-001 的问题/);
	});

	it('refuses to write the ignore list through a symbolic link', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'newsproof-elsewhere-'));
		symlinkSync(elsewhere, join(workspace, '.newsproof'));
		const { uri, items } = await open('b.txt', '全区 7个办事处。\n');
		errors.length = 0;
		assert.equal(await command('ignore', uri, items[0].range, 'SPC-001'), null);
		assert.match(errors[0], /符号链接/);
		assert.equal(existsSync(join(elsewhere, 'ignore.yaml')), false);
	});

	it('adds a word to a config inside the workspace folder, never to one above it', async () => {
		const above = readFileSync(join(outside, '.newsproofrc.yaml'), 'utf8');
		const { uri } = await open('c.txt', '水质状况令人堪忧。\n');
		const file = await command('addWord', uri, '令人堪忧');
		assert.equal(file, join(workspace, '.newsproofrc.yaml'));
		assert.match(readFileSync(join(workspace, '.newsproofrc.yaml'), 'utf8'), /令人堪忧/);
		assert.equal(readFileSync(join(outside, '.newsproofrc.yaml'), 'utf8'), above);
	});

	it('refuses words, rule ids and files that no code action could have sent', async () => {
		const { uri } = await open('d.txt', '全区 8个办事处。\n');
		errors.length = 0;
		assert.equal(await command('addWord', uri, 'x\nrules: {SPC-001: off}'), null);
		assert.equal(await command('disableRule', uri, '../../etc'), null);
		assert.equal(await command('disableRule', pathToFileURL(join(outside, 'e.txt')).href, 'SPC-001'), null);
		assert.equal(await command('lintFolder', '/'), null);
		assert.equal(errors.length, 4, errors.join('\n'));
		assert.doesNotMatch(readFileSync(join(workspace, '.newsproofrc.yaml'), 'utf8'), /SPC-001/);
	});
});

describe('language server over stdio after a broken message', function () {
	this.timeout(30000);

	it('says why on stderr and exits, so that the client starts a fresh server', async () => {
		const child = spawn(process.execPath, [join(root, 'bin', 'newsproof-lsp.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
		// Five bytes more than the body: the next header is read from the wrong place.
		child.stdin.write(`Content-Length: ${body.length + 5}\r\n\r\n`);
		child.stdin.write(body);
		const next = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
		child.stdin.write(`Content-Length: ${next.length}\r\n\r\n`);
		child.stdin.write(next);
		assert.equal(await exited, 1);
		assert.match(stderr, /收到的消息无法解析/);
	});
});

describe('language server: Lint Folder progress', function () {
	this.timeout(60000);

	it('tells a client that asks how many files of how many are done', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-progress-'));
		for (let i = 0; i < 30; i++) writeFileSync(join(dir, `d${i}.txt`), '全区 6个办事处。\n');
		const session = startServer(root);
		const progress: { done: number; total: number }[] = [];
		session.connection.onNotification('newsproof/folderProgress', (p: { done: number; total: number }) => {
			progress.push(p);
		});
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: {},
			workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'desk' }],
			initializationOptions: { status: true },
		});
		await session.connection.sendNotification('initialized', {});
		const result = (await session.connection.sendRequest('workspace/executeCommand', {
			command: 'newsproof.server.lintFolder',
			arguments: [pathToFileURL(dir).href],
		})) as {
			files: number;
		};
		await session.close();
		assert.equal(result.files, 30);
		assert.ok(progress.length >= 3, JSON.stringify(progress));
		assert.ok(progress.every((p) => p.total === 30));
		assert.deepEqual(progress[progress.length - 1], { folder: dir, done: 30, total: 30 });
		assert.ok(
			progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done),
			'never goes backwards',
		);
	});
});
