import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	DidChangeWatchedFilesNotification,
	LSPErrorCodes,
	ResponseError,
	TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { defaultExtensions, wordExtensions } from '../engine';
import { codeActionsFor } from './codeActions';
import { commandTable } from './commands';
import { openDocuments } from './documents';
import { FolderLints } from './folders';
import { hoverFor } from './hover';
import { fixAllKind, notifications, requests, serverCommands, wordViewScheme } from './protocol';
import { Scheduler } from './scheduler';
import { Session } from './session';
import { openConnection } from './transport';
import { wordText } from './word';

// The language server's wiring: LSP messages to the session (state), the scheduler (when open
// documents are linted), folder lints and the command table. The engine does the linting.

const connection = openConnection();
const documents = openDocuments();
const session = new Session(connection, documents);
const scheduler = new Scheduler(session);
const folders = new FolderLints(session);
const commands = commandTable(session, folders);

connection.onInitialize((params) => {
	session.initialize(params);
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
			hoverProvider: true,
			executeCommandProvider: { commands: Object.values(serverCommands) },
			...(session.caps.pull ? { diagnosticProvider: { identifier: 'newsproof', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
			workspace: { workspaceFolders: { supported: true } },
		},
		serverInfo: { name: 'newsproof', version: require('../../../package.json').version },
	};
});

connection.onInitialized(() => {
	session.reportStatus();
	if (session.caps.configuration) {
		void connection.client.register(DidChangeConfigurationNotification.type, undefined);
	}
	if (session.caps.watchFiles) {
		void connection.client.register(DidChangeWatchedFilesNotification.type, {
			watchers: [
				{ globPattern: '**/.newsproofrc.{yaml,yml}' },
				{ globPattern: '**/*.{yaml,yml}' },
				{ globPattern: `**/*{${[...defaultExtensions, ...wordExtensions].join(',')}}` },
				{ globPattern: '**/{.newsproofignore,.gitignore}' },
				// Language-model overlays that `newsproof lm add` writes again.
				{ globPattern: '**/*.lm' },
			],
		});
	}
});

connection.onDidChangeConfiguration(() => {
	session.forgetSettings();
	session.relintAll();
});

connection.onDidChangeWatchedFiles((params) => folders.watchedFilesChanged(params));
connection.onNotification(notifications.workspaceTrusted, () => session.trust());

documents.onDidOpen((e) => {
	if (folders.opened(e.document.uri) && session.caps.pull) {
		// The pulled result replaces the one pushed by "Lint Folder".
		connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
	}
	scheduler.opened(e.document);
});
documents.onDidChangeContent((e) => scheduler.changed(e.document));
documents.onDidSave((e) => scheduler.saved(e.document));
documents.onDidClose((e) => {
	const uri = e.document.uri;
	scheduler.closed(uri);
	session.forget(uri);
	if (!folders.closed(uri) && !session.caps.pull) {
		connection.sendDiagnostics({ uri, diagnostics: [] });
	}
});

connection.languages.diagnostics.on((params, token) => scheduler.diagnostics(params, token));

connection.onCodeAction(async (params) => {
	const doc = documents.get(params.textDocument.uri);
	if (!doc) return [];
	const lint = await session.current(doc);
	// The document may have changed while it was linted: edits for another version would damage it.
	if (documents.get(doc.uri)?.version !== lint.version) return [];
	const actions = codeActionsFor(doc, params.context.diagnostics, lint.findings, params.context.only);
	// A Word document's text is shown read-only: its fixes go into the revised copy instead.
	return doc.uri.startsWith(wordViewScheme + ':') ? actions.filter((a) => !a.edit) : actions;
});

connection.onHover(async (params) => {
	const doc = documents.get(params.textDocument.uri);
	if (!doc) return null;
	const lint = await session.current(doc);
	return doc.version === lint.version ? hoverFor(lint.findings, lint.ruleset, params.position) : null;
});

connection.onRequest(requests.wordText, async (params: { uri?: unknown }) => {
	try {
		return { text: await wordText(session, params?.uri) };
	} catch (err) {
		return new ResponseError(LSPErrorCodes.RequestFailed, (err as Error).message);
	}
});

connection.onExecuteCommand(async (params, token) => {
	const handler = commands[params.command];
	if (!handler) return null;
	try {
		return await handler(params.arguments ?? [], token);
	} catch (err) {
		connection.window.showErrorMessage(`newsproof: ${(err as Error).message}`);
		return null;
	}
});

process.on('uncaughtException', (err) => {
	connection.console.error(`newsproof: 未处理的错误：${err.stack ?? err}`);
});

documents.listen(connection);
connection.listen();
