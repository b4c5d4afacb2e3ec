import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	ConfigurationRequest,
	createProtocolConnection,
	DidChangeTextDocumentNotification,
	DidOpenTextDocumentNotification,
	ExitNotification,
	InitializedNotification,
	InitializeRequest,
	LogMessageNotification,
	type ProtocolConnection,
	PublishDiagnosticsNotification,
	type PublishDiagnosticsParams,
	RegistrationRequest,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { codeCachePlaces } from '../../server/src/lsp/codeCache';
import { median, mulberry32, percentile, statusField } from './util';

// The language server measured from a client over stdio, as an editor drives it. The
// client advertises workspace/configuration and answers debounceMs: 0, so that an
// edit-to-diagnostics time is the server's own work plus the JSON-RPC round trip, with
// no debounce to subtract.

interface Client {
	connection: ProtocolConnection;
	child: ChildProcess;
	/** Resolves with the first diagnostics for `uri` whose version is at least `version`. */
	next(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
	/** Resolves when the server logs that the dictionary has loaded (or after timeoutMs). */
	dictionaryLoaded(timeoutMs: number): Promise<boolean>;
	close(): Promise<void>;
}

async function startClient(root: string): Promise<{ client: Client; spawnedAt: bigint }> {
	const spawnedAt = process.hrtime.bigint();
	const child = spawn(process.execPath, [join(root, 'bin', 'newsproof-lsp.js'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
	child.stderr!.resume();
	const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
	const waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
	let loaded = false;
	const loadWaiters: (() => void)[] = [];
	connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
		for (const w of [...waiters]) {
			if (w.uri === p.uri && (p.version ?? 0) >= w.version) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(p);
			}
		}
	});
	connection.onNotification(LogMessageNotification.type, (m) => {
		if (m.message.includes('分词词典已加载') || m.message.includes('分词组件不可用')) {
			loaded = true;
			loadWaiters.splice(0).forEach((f) => f());
		}
	});
	connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((i) => (i.section === 'newsproof' ? { debounceMs: 0 } : null)));
	connection.onRequest(RegistrationRequest.type, () => undefined);
	connection.listen();
	await connection.sendRequest(InitializeRequest.type, {
		processId: process.pid,
		rootUri: pathToFileURL(root).href,
		capabilities: { workspace: { configuration: true } },
		workspaceFolders: null,
	});
	await connection.sendNotification(InitializedNotification.type, {});
	const client: Client = {
		connection,
		child,
		next(uri, version = 0, timeoutMs = 20000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
				waiters.push({
					uri,
					version,
					resolve: (p) => {
						clearTimeout(timer);
						resolve(p);
					},
				});
			});
		},
		dictionaryLoaded(timeoutMs) {
			if (loaded) return Promise.resolve(true);
			return new Promise((resolve) => {
				const timer = setTimeout(() => resolve(false), timeoutMs);
				loadWaiters.push(() => {
					clearTimeout(timer);
					resolve(true);
				});
			});
		},
		async close() {
			try {
				await connection.sendRequest(ShutdownRequest.type);
				await connection.sendNotification(ExitNotification.type);
			} catch {
				// Already gone.
			}
			connection.dispose();
			await new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				const t = setTimeout(() => {
					child.kill();
					resolve();
				}, 3000);
				child.on('exit', () => {
					clearTimeout(t);
					resolve();
				});
			});
		},
	};
	return { client, spawnedAt };
}

function open(client: Client, uri: string, text: string, version = 1): Promise<void> {
	return client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
		textDocument: { uri, languageId: 'plaintext', version, text },
	});
}

/** One spawn: the time from spawning the server to its first diagnostics for the sample page. */
async function timeOneStart(root: string, samplePath: string, sample: string): Promise<number> {
	const { client, spawnedAt } = await startClient(root);
	const uri = pathToFileURL(samplePath).href;
	const first = client.next(uri, 1);
	await open(client, uri, sample);
	await first;
	const ms = Number(process.hrtime.bigint() - spawnedAt) / 1e6;
	await client.close();
	return ms;
}

/**
 * Cold starts: first with V8's code cache of the server bundle removed (the first start after
 * an install or a build, which writes the cache when it exits), then `runs` fresh servers
 * that find it, as every later start does.
 */
export async function coldStart(root: string, samplePath: string, sample: string, runs: number): Promise<{ first: number; times: number[] }> {
	const core = join(root, 'dist', 'serverCore.js');
	const length = readFileSync(core).length;
	for (const cache of codeCachePlaces(core, length)) rmSync(cache, { force: true });
	const first = await timeOneStart(root, samplePath, sample);
	const times: number[] = [];
	for (let r = 0; r < runs; r++) times.push(await timeOneStart(root, samplePath, sample));
	return { first, times };
}

/**
 * Opens an article of about 5,000 characters, waits for the dictionary, then makes single-
 * character edits at scattered places (insertions and deletions in turn), each awaited to
 * its diagnostics before the next.
 */
export async function editLatency(root: string, article: string, edits: number): Promise<{ latencies: number[]; dictionary: boolean }> {
	const { client } = await startClient(root);
	const uri = pathToFileURL(join(root, 'bench-article.txt')).href;
	let text = article;
	let version = 1;
	const first = client.next(uri, 1);
	await open(client, uri, text, version);
	await first;
	const dictionary = await client.dictionaryLoaded(10000);
	// The re-lint that follows the dictionary load.
	await new Promise((r) => setTimeout(r, 300));
	const random = mulberry32(20261127);
	const insertable =
		'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
	const latencies: number[] = [];
	for (let i = 0; i < edits; i++) {
		const at = Math.floor(random() * (text.length - 1));
		// Never split a line break or a surrogate pair.
		const safe = !/[\r\n\ud800-\udfff]/.test(text[at]);
		const insert = i % 2 === 0 || !safe;
		const char = insertable[Math.floor(random() * insertable.length)];
		const pos = (offset: number) => {
			const before = text.slice(0, offset);
			const line = before.split('\n').length - 1;
			return { line, character: offset - (before.lastIndexOf('\n') + 1) };
		};
		const range = insert ? { start: pos(at), end: pos(at) } : { start: pos(at), end: pos(at + 1) };
		text = insert ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
		version++;
		const started = process.hrtime.bigint();
		const published = client.next(uri, version);
		await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri, version },
			contentChanges: [{ range, text: insert ? char : '' }],
		});
		await published;
		latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	await client.close();
	return { latencies, dictionary };
}

/** Resident memory of the server after opening the articles and receiving all their diagnostics. */
export async function memoryAfterOpening(root: string, articles: { path: string; text: string }[]): Promise<{ rss: number; dictionary: boolean }> {
	const { client } = await startClient(root);
	await Promise.all(
		articles.map(async (a) => {
			const uri = pathToFileURL(a.path).href;
			const first = client.next(uri, 1);
			await open(client, uri, a.text);
			await first;
		}),
	);
	const dictionary = await client.dictionaryLoaded(10000);
	// Let the re-lint after the dictionary load finish and the heap settle.
	await new Promise((r) => setTimeout(r, 1500));
	const rss = statusField(client.child.pid!, 'VmRSS') ?? NaN;
	await client.close();
	return { rss, dictionary };
}

export function summarize(latencies: number[]): { p50: number; p95: number; p99: number } {
	return { p50: median(latencies), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}
