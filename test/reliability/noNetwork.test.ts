import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRulesDir } from '../../server/src/engine';
import { startServer } from '../helpers/lspClient';

// No network access at run time. Every way out of the machine (sockets, DNS, http, https,
// fetch) is replaced, in the CLI, its worker threads and the language server, by a trap that
// records the attempt; a full lint and an editor session must leave the record empty.

const root = join(builtinRulesDir(), '..');
const dir = mkdtempSync(join(tmpdir(), 'newsproof-offline-'));
const record = join(dir, 'attempts.log');
const loads = join(dir, 'loads.log');
const trap = join(dir, 'trap.cjs');
writeFileSync(
	trap,
	`const fs = require('node:fs');
const note = (what) => () => { fs.appendFileSync(${JSON.stringify(record)}, what + '\\n'); throw new Error('network access: ' + what); };
const net = require('node:net');
net.Socket.prototype.connect = note('net.connect');
net.connect = net.createConnection = note('net.connect');
require('node:dns').lookup = note('dns.lookup');
require('node:dns').resolve = note('dns.resolve');
require('node:http').request = require('node:http').get = note('http');
require('node:https').request = require('node:https').get = note('https');
globalThis.fetch = note('fetch');
fs.appendFileSync(${JSON.stringify(loads)}, 'thread ' + require('node:worker_threads').threadId + '\\n');
`,
);

const attempts = () => (existsSync(record) ? readFileSync(record, 'utf8').trim() : '');

describe('no network access at run time', function () {
	this.timeout(120000);

	it('the trap notices an attempt (control)', () => {
		const r = spawnSync(process.execPath, ['--require', trap, '-e', "require('node:https').get('https://example.com/')"], { encoding: 'utf8' });
		assert.notEqual(r.status, 0);
		assert.equal(attempts(), 'https');
		writeFileSync(record, '');
	});

	it('the CLI lints a folder on its thread pool without opening a connection', () => {
		writeFileSync(loads, '');
		const r = spawnSync(
			process.execPath,
			[join(root, 'bin', 'newsproof.js'), 'lint', '--threads', '2', '-f', 'json', join(root, 'seeds'), join(root, 'test')],
			{
				encoding: 'utf8',
				env: { ...process.env, NODE_OPTIONS: `--require ${trap}` },
				maxBuffer: 1 << 28,
			},
		);
		assert.equal(r.status, 1, r.stderr);
		assert.ok(JSON.parse(r.stdout).length > 1);
		assert.equal(attempts(), '');
		// The trap was in place in the main thread. Whether a worker got a file before the main
		// thread finished them all depends on the machine's load; the next test hands one all the work.
		assert.ok(readFileSync(loads, 'utf8').split('\n').includes('thread 0'));
	});

	it('a lint worker thread, given all the work, lints without opening a connection', () => {
		writeFileSync(loads, '');
		// The worker entry of the pool, started as the pool starts its first worker: the first
		// batch is the worker's from the start (the counter begins after it), so it provably
		// starts, loads the trap and lints.
		const driver = join(dir, 'worker-driver.cjs');
		writeFileSync(
			driver,
			`const { MessageChannel, receiveMessageOnPort, Worker } = require('node:worker_threads');
const [entry, file] = process.argv.slice(2);
const shared = new Int32Array(new SharedArrayBuffer(4));
Atomics.store(shared, 0, 1);
const claims = new Int32Array(new SharedArrayBuffer(4));
Atomics.store(claims, 0, 1);
const { port1, port2 } = new MessageChannel();
const options = { maxFindings: 1000, fix: 'none', filter: { rules: [], categories: [], quiet: false }, keepSource: false };
const worker = new Worker(entry, { workerData: { port: port2, shared, claims, worker: 1, tasks: [{ path: file, shown: file }], size: 1, options }, transferList: [port2] });
const counts = [];
const take = (m) => counts.push(...m.results.map((r) => r.report.diagnostics.length));
port1.on('message', take);
worker.on('exit', (code) => {
	for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) take(m.message);
	port1.close();
	process.stdout.write(JSON.stringify(counts));
	process.exitCode = code;
});
`,
		);
		const seed = join(root, 'seeds', '000_0d5ab8225625b065.txt');
		const r = spawnSync(process.execPath, [driver, join(root, 'dist', 'cliWorker.js'), seed], {
			encoding: 'utf8',
			env: { ...process.env, NODE_OPTIONS: `--require ${trap}` },
		});
		assert.equal(r.status, 0, r.stderr);
		const counts = JSON.parse(r.stdout) as number[];
		assert.equal(counts.length, 1);
		assert.ok(counts[0] > 0, "the worker found the sample page's problems");
		assert.equal(attempts(), '');
		const threads = readFileSync(loads, 'utf8').trim().split('\n');
		assert.ok(
			threads.some((t) => t !== 'thread 0'),
			threads.join(', '),
		);
	});

	it('the language server serves a session without opening a connection', async () => {
		const before = process.env.NODE_OPTIONS;
		process.env.NODE_OPTIONS = `--require ${trap}`;
		const session = startServer(root);
		process.env.NODE_OPTIONS = before ?? '';
		if (before === undefined) delete process.env.NODE_OPTIONS;
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
		await session.connection.sendNotification('initialized', {});
		const uri = pathToFileURL(join(dir, 'draft.txt')).href;
		const words = session.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'TYP-005'), 30000);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '全区 6个办事处。希望大家再接再励。\n' },
		});
		assert.ok((await words).length >= 2);
		await session.close();
		assert.equal(attempts(), '');
	});
});
