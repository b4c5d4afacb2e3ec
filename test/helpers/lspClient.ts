import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	createProtocolConnection,
	type Diagnostic,
	type ProtocolConnection,
	PublishDiagnosticsNotification,
	type PublishDiagnosticsParams,
	StreamMessageReader,
	StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

// A real JSON-RPC client speaking LSP to the built server over stdio, the way an editor does.

export interface LspSession {
	connection: ProtocolConnection;
	child: ChildProcess;
	stderr: () => string;
	/** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
	diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
	close(): Promise<void>;
}

/** `nodeArgs` go to Node itself, before the script (--no-addons). */
export function startServer(root: string, args = ['--stdio'], cwd = root, nodeArgs: string[] = []): LspSession {
	const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin', 'newsproof-lsp.js'), ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
	const latest = new Map<string, PublishDiagnosticsParams>();
	const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
	connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
		latest.set(p.uri, p);
		for (const w of [...waiters]) {
			if (w.uri === p.uri && w.accept(p)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(p.diagnostics);
			}
		}
	});
	connection.listen();
	return {
		connection,
		child,
		stderr: () => stderr,
		diagnostics(uri, accept = () => true, timeoutMs = 15000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
				waiters.push({
					uri,
					accept,
					resolve: (d) => {
						clearTimeout(timer);
						resolve(d);
					},
				});
			});
		},
		async close() {
			try {
				await connection.sendRequest('shutdown');
				await connection.sendNotification('exit');
			} catch {
				// The server may already be gone.
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
}

/** `initialize` with one workspace folder, then `initialized`: what an editor opening a folder sends. */
export async function initializeFolder(session: LspSession, dir: string, capabilities: object = {}): Promise<void> {
	const uri = pathToFileURL(dir).href;
	await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, capabilities, workspaceFolders: [{ uri, name: 'ws' }] });
	await session.connection.sendNotification('initialized', {});
}
