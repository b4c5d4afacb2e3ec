import { type Connection, createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

// The connection to the editor. Over --node-ipc, --socket and --pipe the transport frames
// each message itself. Over --stdio the messages are framed by Content-Length headers, and a
// client that gets one wrong (or a stray write to the stream) leaves the rest of the stream
// unreadable: the server says so on stderr, which editors keep in their log, and exits, so
// that the client starts a fresh one instead of waiting forever for answers.

function stdioConnection(): Connection {
	const reader = new StreamMessageReader(process.stdin);
	const writer = new StreamMessageWriter(process.stdout);
	let shutdown = false;
	reader.onError((err) => {
		process.stderr.write(`newsproof: 收到的消息无法解析（${err.message.split('\n')[0]}），消息流已无法继续读取；服务器退出，由编辑器重新启动\n`);
		process.exit(1);
	});
	// stdout carries the protocol: anything printed by accident goes to stderr instead.
	const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
	console.log = console.info = console.warn = console.error = console.debug = toStderr;
	const connection = createConnection(ProposedFeatures.all, reader, writer);
	connection.onShutdown(() => {
		shutdown = true;
	});
	for (const event of ['end', 'close'] as const) {
		process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
	}
	return connection;
}

export function openConnection(): Connection {
	// Standalone use (`newsproof-lsp`) defaults to stdio; editors pass their transport flag.
	const flags = process.argv.slice(2);
	const chosen = flags.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a));
	return !chosen || flags.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
}
