import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	CodeActionKind,
	createConnection,
	DidChangeConfigurationNotification,
	DidChangeWatchedFilesNotification,
	type Diagnostic,
	ProposedFeatures,
	TextDocumentSyncKind,
	TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultExtensions, type Finding, lintFile, sharedSegmenter } from './engine';
import { readDraft } from './io/readDraft';
import { collectDrafts } from './io/walk';
import { codeActionsFor, fixAllEdit } from './lsp/codeActions';
import { problemToDiagnostic, toDiagnostic } from './lsp/diagnostics';
import { fixAllKind, type LintFolderResult, serverCommands } from './lsp/protocol';
import { defaultSettings, normalizeSettings, type Settings } from './lsp/settings';

// LSP wiring only: documents, scheduling, settings. The engine does the linting. Findings
// for open documents are pushed (publishDiagnostics), debounced per document; a run whose
// document changed meanwhile is dropped rather than published.

// Standalone use (`newsproof-lsp`) defaults to stdio; editors pass their transport flag.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
	process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let canAskConfiguration = false;
let canWatchFiles = false;
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
/** Last findings per open document and version, for code actions and fix-all. */
const results = new Map<string, { version: number; findings: Finding[] }>();
/** Config and rule files that currently carry problems, so that fixed files are cleared. */
const problemFiles = new Set<string>();
/** Files linted by "Lint Folder" that are not open in the editor. */
const folderUris = new Set<string>();

function pathOf(uri: string): string | undefined {
	return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function settingsFor(uri: string): Promise<Settings> {
	if (!canAskConfiguration) {
		return Promise.resolve(defaultSettings);
	}
	const cached = settingsCache.get(uri);
	if (cached) {
		return cached;
	}
	const s = connection.workspace
		.getConfiguration({ scopeUri: uri, section: 'newsproof' })
		.then(normalizeSettings, () => defaultSettings);
	settingsCache.set(uri, s);
	return s;
}

function lintDocument(uri: string, text: string, settings: Settings, withWords: boolean) {
	return lintFile(pathOf(uri), text, {
		segmenter: withWords ? sharedSegmenter : undefined,
		maxFindings: settings.maxFindings,
		overrides: {
			rules: settings.rules,
			categories: settings.categories,
			ruleFiles: settings.ruleFiles,
			words: settings.words,
			publicationDate: settings.publicationDate || undefined,
		},
	});
}

function publishProblems(problems: { file: string; line: number; column: number; message: string }[]): void {
	const byFile = new Map<string, Diagnostic[]>();
	for (const p of problems) {
		const list = byFile.get(p.file) ?? [];
		list.push(problemToDiagnostic(p));
		byFile.set(p.file, list);
	}
	for (const file of problemFiles) {
		if (!byFile.has(file)) {
			connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
			problemFiles.delete(file);
		}
	}
	for (const [file, diagnostics] of byFile) {
		problemFiles.add(file);
		connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
	}
}

let segmenterScheduled = false;

/** Loads the dictionary once, after the first diagnostics are out, then re-lints everything. */
function loadSegmenterSoon(): void {
	if (segmenterScheduled || sharedSegmenter.loaded || sharedSegmenter.error) {
		return;
	}
	segmenterScheduled = true;
	setTimeout(() => {
		sharedSegmenter.load();
		if (sharedSegmenter.error) {
			connection.console.error(`newsproof: 分词组件不可用，依赖分词的规则暂停：${sharedSegmenter.error.message}`);
		} else {
			connection.console.info(`newsproof: 分词词典已加载（${sharedSegmenter.loadMs} ms）`);
		}
		for (const doc of documents.all()) {
			schedule(doc, 0);
		}
	}, 10);
}

async function validate(doc: TextDocument): Promise<void> {
	const settings = await settingsFor(doc.uri);
	const version = doc.version;
	if (documents.get(doc.uri)?.version !== version) {
		return; // A newer edit has its own run scheduled.
	}
	if (!settings.enable) {
		results.delete(doc.uri);
		connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
		return;
	}
	const withWords = sharedSegmenter.loaded;
	let result;
	try {
		result = lintDocument(doc.uri, doc.getText(), settings, withWords);
	} catch (err) {
		// One document's failure must not stop the server from serving the others.
		connection.console.error(`newsproof: 检查 ${doc.uri} 时出错：${(err as Error).stack ?? err}`);
		return;
	}
	results.set(doc.uri, { version, findings: result.findings });
	connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: result.findings.map(toDiagnostic) });
	publishProblems(result.problems);
	if (result.partial && !withWords) {
		loadSegmenterSoon();
	}
}

function schedule(doc: TextDocument, delay?: number): void {
	const uri = doc.uri;
	clearTimeout(timers.get(uri));
	void settingsFor(uri).then((s) => {
		clearTimeout(timers.get(uri));
		timers.set(
			uri,
			setTimeout(() => {
				timers.delete(uri);
				const current = documents.get(uri);
				if (current) void validate(current);
			}, delay ?? s.debounceMs),
		);
	});
}

connection.onInitialize((params) => {
	const caps = params.capabilities;
	canAskConfiguration = caps.workspace?.configuration === true;
	canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
			executeCommandProvider: { commands: [serverCommands.lintFolder, serverCommands.fixAll] },
		},
		serverInfo: { name: 'newsproof', version: require('../../package.json').version },
	};
});

connection.onInitialized(() => {
	if (canAskConfiguration) {
		void connection.client.register(DidChangeConfigurationNotification.type, undefined);
	}
	if (canWatchFiles) {
		void connection.client.register(DidChangeWatchedFilesNotification.type, {
			watchers: [{ globPattern: '**/.newsproofrc.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml}' }],
		});
	}
});

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	for (const doc of documents.all()) schedule(doc, 0);
});

connection.onDidChangeWatchedFiles(() => {
	// Rule sets reload themselves when a file's stamp changes; re-lint to pick that up.
	for (const doc of documents.all()) schedule(doc, 0);
});

documents.onDidOpen((e) => {
	folderUris.delete(e.document.uri);
	// The first diagnostics go out at once, without waiting for the debounce.
	void validate(e.document);
});

documents.onDidChangeContent((e) => {
	void settingsFor(e.document.uri).then((s) => {
		if (s.run === 'onType') schedule(e.document);
	});
});

documents.onDidSave((e) => schedule(e.document, 0));

documents.onDidClose((e) => {
	clearTimeout(timers.get(e.document.uri));
	timers.delete(e.document.uri);
	results.delete(e.document.uri);
	settingsCache.delete(e.document.uri);
	connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
	const doc = documents.get(params.textDocument.uri);
	if (!doc) return [];
	const cached = results.get(doc.uri);
	const findings = cached && cached.version === doc.version ? cached.findings : [];
	return codeActionsFor(doc, params.context.diagnostics, findings, params.context.only);
});

async function lintFolder(folder: string): Promise<LintFolderResult> {
	const { files } = collectDrafts([folder], defaultExtensions);
	const result: LintFolderResult = { files: 0, findings: 0, skipped: [] };
	sharedSegmenter.load();
	for (const file of files) {
		const uri = pathToFileURL(file).href;
		if (documents.get(uri)) {
			result.files++;
			result.findings += results.get(uri)?.findings.length ?? 0;
			continue;
		}
		const draft = readDraft(file);
		if (draft.text === undefined) {
			result.skipped.push({ file, reason: draft.skipped ?? '' });
			continue;
		}
		const settings = await settingsFor(uri);
		const { findings } = lintDocument(uri, draft.text, settings, true);
		folderUris.add(uri);
		result.files++;
		result.findings += findings.length;
		connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
	}
	return result;
}

connection.onExecuteCommand(async (params) => {
	const [arg] = params.arguments ?? [];
	if (params.command === serverCommands.lintFolder && typeof arg === 'string') {
		return lintFolder(arg.startsWith('file:') ? fileURLToPath(arg) : arg);
	}
	if (params.command === serverCommands.fixAll && typeof arg === 'string') {
		const doc = documents.get(arg);
		const cached = doc && results.get(doc.uri);
		if (doc && cached && cached.version === doc.version) {
			const edits = fixAllEdit(doc, cached.findings);
			if (edits.length) {
				await connection.workspace.applyEdit({ label: 'newsproof: 修正全部', edit: { changes: { [doc.uri]: edits } } });
			}
		}
		return null;
	}
	return null;
});

process.on('uncaughtException', (err) => {
	connection.console.error(`newsproof: 未处理的错误：${err.stack ?? err}`);
});

documents.listen(connection);
connection.listen();
