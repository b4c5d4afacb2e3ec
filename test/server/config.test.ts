import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { builtinRulesDir } from '../../server/src/engine';
import { initializeFolder, type LspSession, startServer } from '../helpers/lspClient';
import { endlessDevice, makeFifo } from '../helpers/specialFiles';

// Config mistakes in the editor, over stdio: the mistake is shown on the config file, at its
// line, while the last good version of the file still applies; hostile files named by a
// config or by the settings are refused and the server keeps serving.

const root = join(builtinRulesDir(), '..');
const example = 'examples: { bad: [甲乙], good: [丙丁] }';

describe('language server: config mistakes are shown on the file, the last good config applies', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-config-'));
	const messages: { type: number; message: string }[] = [];

	before(async () => {
		session = startServer(root);
		session.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => void messages.push(p));
		session.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => (messages.push(p), null));
		await initializeFolder(session, dir);
	});
	after(() => session.close());

	/** Opens a draft; resolves with its diagnostics once the words are in (the first pass runs without them). */
	const open = async (path: string, text: string, ready: (ds: Diagnostic[]) => boolean = () => true) => {
		const uri = pathToFileURL(path).href;
		const published = session.diagnostics(uri, (p) => ready(p.diagnostics));
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
		return published;
	};
	const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}:${d.severity}`);
	const changed = (file: string) =>
		session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });

	it('keeps the last good config while the file is broken, and shows the mistake at its line (before: defaults)', async () => {
		const sub = mkdtempSync(join(dir, 'desk-'));
		const config = join(sub, '.newsproofrc.yaml');
		writeFileSync(config, 'rules:\n  SPC-001: off\n');
		const draft = join(sub, 'a.txt');
		const hasTypo = (ds: Diagnostic[]) => ds.some((d) => d.code === 'TYP-005');
		assert.deepEqual(codes(await open(draft, '全区 6个办事处，再接再励。', hasTypo)), ['TYP-005:1']);

		const onConfig = session.diagnostics(pathToFileURL(config).href, (p) => p.diagnostics.length > 0);
		const onDraft = session.diagnostics(pathToFileURL(draft).href);
		writeFileSync(config, 'rules:\n  SPC-001: off\ncategorys:\n  typo: off\n');
		await changed(config);
		const [configDiagnostics, draftDiagnostics] = await Promise.all([onConfig, onDraft]);
		assert.deepEqual(
			configDiagnostics.map((d) => [d.range.start.line, d.message]),
			[[2, '不认识的字段“categorys”。您是否想写“categories”？（改正之前，仍按此文件上次正确的内容检查）']],
		);
		assert.deepEqual(codes(draftDiagnostics), ['TYP-005:1'], 'SPC-001 stays off');

		const cleared = session.diagnostics(pathToFileURL(config).href, (p) => p.diagnostics.length === 0);
		const relinted = session.diagnostics(pathToFileURL(draft).href);
		writeFileSync(config, 'rules:\n  SPC-001: info\n');
		await changed(config);
		await cleared;
		assert.deepEqual(codes(await relinted), ['SPC-001:3', 'TYP-005:1']);
	});

	it('shows unknown rule ids and impossible dates on the config file', async () => {
		const sub = mkdtempSync(join(dir, 'desk-'));
		const config = join(sub, '.newsproofrc.yaml');
		writeFileSync(config, 'rules:\n  TYP-05: off\n');
		const onConfig = session.diagnostics(pathToFileURL(config).href);
		await open(join(sub, 'a.txt'), '全区 6个办事处。');
		assert.deepEqual(
			(await onConfig).map((d) => [d.range.start.line, d.range.start.character, d.message]),
			[[1, 2, 'rules：没有编号为“TYP-05”的规则，也没有这个规则族。您是否想写“TYP-005”？']],
		);
		const dated = session.diagnostics(pathToFileURL(config).href, (p) => p.diagnostics.some((d) => /日历/.test(String(d.message))));
		writeFileSync(config, 'publicationDate: 2021-13-45\n');
		await changed(config);
		assert.deepEqual(
			(await dated).map((d) => d.range.start.line),
			[0],
		);
	});

	it('shows an alias bomb on the file and keeps serving (before: the error escaped)', async () => {
		const sub = mkdtempSync(join(dir, 'desk-'));
		const config = join(sub, '.newsproofrc.yaml');
		const lines = ['words: &a0 [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]'];
		for (let i = 1; i < 8; i++)
			lines.push(
				`k${i}: &a${i} [${Array(9)
					.fill(`*a${i - 1}`)
					.join(', ')}]`,
			);
		writeFileSync(config, lines.join('\n') + '\n');
		const onConfig = session.diagnostics(pathToFileURL(config).href);
		const draft = await open(join(sub, 'a.txt'), '全区 6个办事处。');
		assert.deepEqual(codes(draft), ['SPC-001:2']);
		const [bomb] = await onConfig;
		assert.equal(bomb.range.start.line, 7);
		assert.match(String(bomb.message), /^YAML 别名展开过多/);
		// Still serving.
		assert.deepEqual(codes(await open(join(dir, 'other.txt'), '再接再励。', (ds) => ds.length > 0)), ['TYP-005:1']);
	});

	it('refuses a FIFO and a device named by ruleFiles, at the line that names them, without hanging', async function () {
		if (!endlessDevice) this.skip();
		const sub = mkdtempSync(join(dir, 'desk-'));
		if (!makeFifo(join(sub, 'pipe.yaml'))) this.skip();
		const config = join(sub, '.newsproofrc.yaml');
		writeFileSync(config, `ruleFiles: [pipe.yaml, ${endlessDevice}]\n`);
		const onConfig = session.diagnostics(pathToFileURL(config).href);
		assert.deepEqual(codes(await open(join(sub, 'a.txt'), '全区 6个办事处。')), ['SPC-001:2']);
		assert.deepEqual(
			(await onConfig).map((d) => [d.range.start.line, d.range.start.character, d.message]),
			[
				[0, 12, 'ruleFiles 列出的“pipe.yaml”是命名管道（FIFO），不是普通文件，未读取'],
				[0, 23, `ruleFiles 列出的“${endlessDevice}”是字符设备，不是普通文件，未读取`],
			],
		);
	});

	it('creates a commented config file with the init command, and never overwrites one', async () => {
		const sub = mkdtempSync(join(dir, 'new-'));
		const init = (folder: string) =>
			session.connection.sendRequest('workspace/executeCommand', { command: 'newsproof.server.init', arguments: [pathToFileURL(folder).href] });
		assert.deepEqual(await init(sub), { file: join(sub, '.newsproofrc.yaml'), created: true });
		const text = readFileSync(join(sub, '.newsproofrc.yaml'), 'utf8');
		assert.match(text, /^# newsproof 配置文件/);
		writeFileSync(join(sub, '.newsproofrc.yaml'), '# ours\n');
		assert.deepEqual(await init(sub), { file: join(sub, '.newsproofrc.yaml'), created: false });
		const file = join(sub, '.newsproofrc.yaml');
		assert.deepEqual(
			messages.map((m) => [m.type, m.message]),
			[
				[3, `newsproof：已创建 ${file}，各项均已注释，去掉行首的“# ”即启用`],
				[3, `newsproof：已有配置文件 ${file}，未覆盖`],
			],
		);
		assert.equal(readFileSync(join(sub, '.newsproofrc.yaml'), 'utf8'), '# ours\n');
		// Outside the workspace nothing is written, and the user is told why.
		const outside = mkdtempSync(join(tmpdir(), 'newsproof-outside-'));
		assert.equal(await init(outside), null);
		assert.equal(existsSync(join(outside, '.newsproofrc.yaml')), false);
		assert.ok(
			messages.some((m) => m.type === 1 && /不在工作区内/.test(m.message)),
			JSON.stringify(messages) + session.stderr(),
		);
	});
});

describe('editor command: Create Config File', () => {
	it('is contributed with English and Chinese titles, registered by the client, and executed by the server', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
		const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8'));
		const command = (pkg.contributes.commands as { command: string; title: string }[]).find((c) => c.command === 'newsproof.init');
		assert.ok(command, 'newsproof.init is contributed');
		const ref = /^%(.+)%$/.exec(command.title)?.[1];
		assert.equal(en[ref!], 'Create Config File (.newsproofrc.yaml)');
		assert.equal(zh[ref!], '创建配置文件（.newsproofrc.yaml）');
		const client = readFileSync(join(root, 'client', 'src', 'extension.ts'), 'utf8');
		assert.match(client, /registerCommand\(commands\.init,/);
		assert.match(client, /command: serverCommands\.init/);
	});
});

describe('language server: files named by the editor settings are read only when regular', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-settings-'));
	const logs: string[] = [];
	let fifo = false;

	before(async function () {
		fifo = makeFifo(join(dir, 'pipe.txt'));
		if (!fifo || !endlessDevice) this.skip();
		mkdirSync(join(dir, 'names'));
		writeFileSync(join(dir, 'names', 'staff.txt'), '王赛华\n');
		writeFileSync(join(dir, 'house.yaml'), `rules:\n  - id: HSE-001\n    find: [甲乙]\n    replace: 丙丁\n    ${example}\n`);
		session = startServer(root);
		session.connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
		session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
			params.items.map((i) =>
				i.section === 'newsproof'
					? { nameFiles: [endlessDevice, 'pipe.txt'], staffFiles: ['pipe.txt', 'names/staff.txt'], ruleFiles: ['pipe.txt', 'house.yaml'] }
					: null,
			),
		);
		session.connection.onRequest('client/registerCapability', () => null);
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { workspace: { configuration: true } },
			workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
		});
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session?.close());

	it('lints with the regular files and names each refused one with its setting (before: hung or ran out of memory)', async () => {
		const uri = pathToFileURL(join(dir, 'a.txt')).href;
		const published = session.diagnostics(uri);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处，甲乙。' },
		});
		assert.deepEqual(
			(await published).map((d) => d.code),
			['SPC-001', 'HSE-001'],
		);
		const refused = logs.filter((l) => /未读取/.test(l));
		assert.deepEqual(refused, [
			`newsproof: 设置 newsproof.ruleFiles 列出的规则文件 ${join(dir, 'pipe.txt')} 是命名管道（FIFO），不是普通文件，未读取`,
			`newsproof: 设置 newsproof.nameFiles 列出的名单 ${endlessDevice} 是字符设备，不是普通文件，未读取`,
			`newsproof: 设置 newsproof.nameFiles 列出的名单 ${join(dir, 'pipe.txt')} 是命名管道（FIFO），不是普通文件，未读取`,
			`newsproof: 设置 newsproof.staffFiles 列出的名单 ${join(dir, 'pipe.txt')} 是命名管道（FIFO），不是普通文件，未读取`,
		]);
	});
});
