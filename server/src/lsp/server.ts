import { existsSync, readFileSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	type CancellationToken,
	CodeActionKind,
	createConnection,
	DidChangeConfigurationNotification,
	DidChangeWatchedFilesNotification,
	type Diagnostic,
	DocumentDiagnosticReportKind,
	FileChangeType,
	ProposedFeatures,
	type Range,
	TextDocumentSyncKind,
	TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultExtensions, type Finding, lintFile, sharedSegmenter } from '../engine';
import { addIgnoreEntry, findIgnoreFile, ignoreEntryFor, withIgnores } from '../engine/ignore';
import { sharedModel } from '../engine/lm/loader';
import { readDraft } from '../io/readDraft';
import { collectDrafts } from '../io/walk';
import { codeActionsFor, fixAllEdit } from './codeActions';
import { addWordToConfig, configFileFor, disableRuleInConfig } from './configEdit';
import { problemToDiagnostic, ruleDocUri, toDiagnostic } from './diagnostics';
import { fixAllKind, type LintFolderResult, serverCommands } from './protocol';
import { defaultSettings, normalizeSettings, type Settings, settingsOverrides } from './settings';

// LSP wiring only: documents, scheduling, settings. The engine does the linting.
// Diagnostics for open documents are pulled (textDocument/diagnostic) when the client can,
// and pushed (publishDiagnostics) otherwise; either way a run waits for the typing to pause
// (per document) and a run whose document changed meanwhile is dropped. Files linted by
// "Lint Folder" without being open are always pushed.

// Standalone use (`newsproof-lsp`) defaults to stdio; editors pass their transport flag.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
	process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let canAskConfiguration = false;
let canWatchFiles = false;
let usePull = false;
let canRefresh = false;
let canShowDocument = false;
let workspaceRoots: string[] = [];
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
/** When each open document last changed, for the pull-side debounce. */
const lastChange = new Map<string, number>();
/** Last findings per open document and version, for code actions and fix-all. */
const results = new Map<string, { version: number; findings: Finding[] }>();
/** Config and rule files that currently carry problems, so that fixed files are cleared. */
const problemFiles = new Set<string>();
/** Files linted by "Lint Folder" that are not open in the editor. */
const folderUris = new Set<string>();
/** Folders linted by "Lint Folder" and the drafts found in each: kept up to date as files change on disk. */
const lintedFolders = new Map<string, Set<string>>();
const reported = new Set<string>();

function pathOf(uri: string): string | undefined {
	return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function rootFor(path: string | undefined): string | undefined {
	if (!path) return workspaceRoots[0];
	return workspaceRoots.filter((r) => path === r || path.startsWith(r + sep)).sort((a, b) => b.length - a.length)[0];
}

function reportOnce(message: string): void {
	if (reported.has(message)) return;
	reported.add(message);
	connection.console.warn(message);
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

/** Lints text as the draft at `uri`, with editor settings, ignore list and house words applied. */
function lintDocument(uri: string, text: string, settings: Settings, withWords: boolean) {
	const path = pathOf(uri);
	const notes: string[] = [];
	const result = lintFile(path, text, {
		segmenter: withWords ? sharedSegmenter : undefined,
		maxFindings: settings.maxFindings,
		overrides: settingsOverrides(settings, rootFor(path), notes),
	});
	notes.forEach((n) => reportOnce(`newsproof: ${n}`));
	return withIgnores(path, text, result);
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
		// The language model (TYP-900) follows the dictionary, before the re-lint that uses both.
		if (sharedModel.get()) connection.console.info(`newsproof: 语言模型已加载（${sharedModel.loadMs} ms）`);
		else connection.console.error(`newsproof: ${sharedModel.error?.message}；TYP-900（语境错别字）暂停，其他规则照常`);
		relintAll();
	}, 10);
}

/** Something every result depends on changed (settings, config, ignore list, dictionary). */
function relintAll(): void {
	if (usePull) {
		results.clear();
		if (canRefresh) void connection.languages.diagnostics.refresh();
	} else {
		for (const doc of documents.all()) schedule(doc, 0);
	}
	for (const uri of folderUris) void lintClosedFile(uri);
}

function tooLarge(doc: TextDocument, settings: Settings): boolean {
	const size = Buffer.byteLength(doc.getText(), 'utf8');
	if (size <= settings.maxFileSizeMB * 1048576) return false;
	reportOnce(`newsproof: ${doc.uri} 超过 newsproof.maxFileSizeMB（${settings.maxFileSizeMB} MB），不检查`);
	return true;
}

/** Lints an open document now; undefined when it is switched off or the run failed. */
async function runLint(doc: TextDocument): Promise<Finding[] | undefined> {
	const settings = await settingsFor(doc.uri);
	if (!settings.enable || tooLarge(doc, settings)) {
		results.delete(doc.uri);
		return [];
	}
	const withWords = sharedSegmenter.loaded;
	let result;
	try {
		result = lintDocument(doc.uri, doc.getText(), settings, withWords);
	} catch (err) {
		// One document's failure must not stop the server from serving the others.
		connection.console.error(`newsproof: 检查 ${doc.uri} 时出错：${(err as Error).stack ?? err}`);
		return undefined;
	}
	results.set(doc.uri, { version: doc.version, findings: result.findings });
	publishProblems(result.problems);
	if (result.partial && !withWords) {
		loadSegmenterSoon();
	}
	return result.findings;
}

async function validate(doc: TextDocument): Promise<void> {
	const version = doc.version;
	await settingsFor(doc.uri);
	if (documents.get(doc.uri)?.version !== version) {
		return; // A newer edit has its own run scheduled.
	}
	const findings = await runLint(doc);
	if (findings && documents.get(doc.uri)?.version === version) {
		connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: findings.map(toDiagnostic) });
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

const sleep = (ms: number, token: CancellationToken) =>
	new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		token.onCancellationRequested(() => {
			clearTimeout(t);
			resolve();
		});
	});

connection.onInitialize((params) => {
	const caps = params.capabilities;
	canAskConfiguration = caps.workspace?.configuration === true;
	canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
	usePull = caps.textDocument?.diagnostic !== undefined;
	canRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
	canShowDocument = caps.window?.showDocument?.support === true;
	const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
	workspaceRoots = folders.map(pathOf).filter((p): p is string => !!p);
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
			executeCommandProvider: { commands: Object.values(serverCommands) },
			...(usePull ? { diagnosticProvider: { identifier: 'newsproof', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
			workspace: { workspaceFolders: { supported: true } },
		},
		serverInfo: { name: 'newsproof', version: require('../../../package.json').version },
	};
});

connection.onInitialized(() => {
	if (canAskConfiguration) {
		void connection.client.register(DidChangeConfigurationNotification.type, undefined);
	}
	if (canWatchFiles) {
		void connection.client.register(DidChangeWatchedFilesNotification.type, {
			watchers: [
				{ globPattern: '**/.newsproofrc.{yaml,yml}' },
				{ globPattern: '**/*.{yaml,yml}' },
				{ globPattern: `**/*{${defaultExtensions.join(',')}}` },
				{ globPattern: '**/{.newsproofignore,.gitignore}' },
			],
		});
	}
});

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	relintAll();
});

function inLintedFolder(uri: string): boolean {
	return [...lintedFolders.values()].some((files) => files.has(uri));
}

function collectUris(folder: string): Set<string> {
	return new Set(collectDrafts([folder], defaultExtensions).files.map((f) => pathToFileURL(f).href));
}

/** Brings a linted folder up to date: drafts that left it (deleted, now ignored) are cleared,
 * drafts that joined it and the `changed` ones are linted again. */
function refreshFolder(folder: string, changed: Set<string>): void {
	const before = lintedFolders.get(folder) ?? new Set<string>();
	const now = collectUris(folder);
	lintedFolders.set(folder, now);
	for (const uri of before) {
		if (!now.has(uri) && !documents.get(uri)) {
			folderUris.delete(uri);
			connection.sendDiagnostics({ uri, diagnostics: [] });
		}
	}
	for (const uri of now) {
		if ((!before.has(uri) || changed.has(uri)) && !documents.get(uri)) void lintClosedFile(uri);
	}
}

connection.onDidChangeWatchedFiles((params) => {
	let settingsChanged = false;
	const changed = new Set<string>();
	let listsChanged = false;
	for (const change of params.changes) {
		const path = pathOf(change.uri);
		if (!path) continue;
		if (/\.ya?ml$/.test(path)) {
			settingsChanged = true; // Rule sets reload themselves when a file's stamp changes.
		} else if (/(^|[\\/])\.(newsproof|git)ignore$/.test(path)) {
			listsChanged = true;
		} else if (change.type !== FileChangeType.Deleted || folderUris.has(change.uri)) {
			changed.add(change.uri);
		}
	}
	for (const folder of lintedFolders.keys()) {
		const touched = listsChanged || [...changed].some((u) => pathOf(u)?.startsWith(folder + sep));
		if (touched) refreshFolder(folder, changed);
	}
	if (settingsChanged) relintAll();
});

documents.onDidOpen((e) => {
	if (folderUris.delete(e.document.uri) && usePull) {
		// The pulled result replaces the one pushed by "Lint Folder".
		connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
	}
	lastChange.set(e.document.uri, 0);
	// The first diagnostics go out at once, without waiting for the debounce.
	if (!usePull) void validate(e.document);
});

documents.onDidChangeContent((e) => {
	lastChange.set(e.document.uri, Date.now());
	if (usePull) return; // The client pulls after each change.
	void settingsFor(e.document.uri).then((s) => {
		if (s.run === 'onType') schedule(e.document);
	});
});

documents.onDidSave((e) => {
	if (usePull) {
		results.delete(e.document.uri);
		if (canRefresh) void connection.languages.diagnostics.refresh();
	} else {
		schedule(e.document, 0);
	}
});

documents.onDidClose((e) => {
	const uri = e.document.uri;
	clearTimeout(timers.get(uri));
	timers.delete(uri);
	results.delete(uri);
	lastChange.delete(uri);
	settingsCache.delete(uri);
	if (inLintedFolder(uri)) {
		void lintClosedFile(uri); // Keeps its place in the Problems panel, from the file on disk.
	} else if (!usePull) {
		connection.sendDiagnostics({ uri, diagnostics: [] });
	}
});

connection.languages.diagnostics.on(async (params, token) => {
	const uri = params.textDocument.uri;
	let doc = documents.get(uri);
	if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
	const settings = await settingsFor(uri);
	const cached = results.get(uri);
	if (settings.run === 'onSave' && cached) {
		// Checked at the last save; positions may lag behind unsaved edits, as with any on-save linter.
		return { kind: DocumentDiagnosticReportKind.Full, items: cached.findings.map(toDiagnostic) };
	}
	if (cached && cached.version === doc.version) {
		return { kind: DocumentDiagnosticReportKind.Full, items: cached.findings.map(toDiagnostic) };
	}
	// Wait for typing to pause; a newer keystroke cancels this request and pulls again.
	const quiet = (lastChange.get(uri) ?? 0) + settings.debounceMs - Date.now();
	if (quiet > 0) await sleep(quiet, token);
	doc = documents.get(uri);
	if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
	const findings = (await runLint(doc)) ?? [];
	return { kind: DocumentDiagnosticReportKind.Full, items: findings.map(toDiagnostic) };
});

connection.onCodeAction((params) => {
	const doc = documents.get(params.textDocument.uri);
	if (!doc) return [];
	const cached = results.get(doc.uri);
	const findings = cached && cached.version === doc.version ? cached.findings : [];
	return codeActionsFor(doc, params.context.diagnostics, findings, params.context.only);
});

async function lintClosedFile(uri: string): Promise<number | undefined> {
	const file = pathOf(uri);
	if (!file || documents.get(uri)) return undefined;
	if (!existsSync(file)) {
		folderUris.delete(uri);
		connection.sendDiagnostics({ uri, diagnostics: [] });
		return undefined;
	}
	const settings = await settingsFor(uri);
	const draft = readDraft(file, settings.maxFileSizeMB * 1048576);
	if (draft.text === undefined || !settings.enable) {
		connection.sendDiagnostics({ uri, diagnostics: [] });
		return undefined;
	}
	sharedSegmenter.load();
	const { findings } = lintDocument(uri, draft.text, settings, !sharedSegmenter.error);
	folderUris.add(uri);
	connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
	return findings.length;
}

async function lintFolder(folder: string, token: CancellationToken): Promise<LintFolderResult> {
	// .gitignore and .newsproofignore apply, as on the command line.
	const { files } = collectDrafts([folder], defaultExtensions);
	const result: LintFolderResult = { files: 0, findings: 0, skipped: [] };
	lintedFolders.set(folder, new Set(files.map((f) => pathToFileURL(f).href)));
	for (const file of files) {
		if (token.isCancellationRequested) {
			result.cancelled = true;
			break;
		}
		const uri = pathToFileURL(file).href;
		const doc = documents.get(uri);
		if (doc) {
			result.files++;
			result.findings += (results.get(uri)?.findings ?? (await runLint(doc)) ?? []).length;
			continue;
		}
		const settings = await settingsFor(uri);
		const draft = readDraft(file, settings.maxFileSizeMB * 1048576);
		if (draft.text === undefined) {
			result.skipped.push({ file, reason: draft.skipped ?? '' });
			continue;
		}
		result.files++;
		result.findings += (await lintClosedFile(uri)) ?? 0;
		// Let a cancellation (and edits in open documents) get through between files.
		await new Promise((r) => setImmediate(r));
	}
	return result;
}

/** Where an occurrence of `path` is recorded: beside an existing ignore list, else the workspace folder. */
function ignoreRootFor(path: string): string {
	const existing = findIgnoreFile(path);
	return existing ? dirname(dirname(existing)) : (rootFor(path) ?? dirname(path));
}

function ignoreOccurrence(uri: string, range: Range, ruleId: string): string {
	const doc = documents.get(uri);
	const path = pathOf(uri);
	if (!doc || !path) throw new Error('只能忽略已打开的本地文件中的问题');
	const text = doc.getText();
	const offset = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
	const root = ignoreRootFor(path);
	return addIgnoreEntry(root, ignoreEntryFor(root, path, text, { ruleId, offset }));
}

/** Opens the rule's entry in docs/rules.md where the client can show documents; otherwise says where it is. */
async function showRuleDoc(ruleId: string): Promise<void> {
	const href = ruleDocUri(ruleId);
	const file = fileURLToPath(href.replace(/#.*/, ''));
	if (canShowDocument && existsSync(file)) {
		const line = readFileSync(file, 'utf8')
			.split('\n')
			.findIndex((l) => l.trim() === `### ${ruleId}`);
		const at = { line: Math.max(0, line), character: 0 };
		await connection.window.showDocument({ uri: pathToFileURL(file).href, takeFocus: true, selection: { start: at, end: at } });
		return;
	}
	connection.window.showInformationMessage(`规则 ${ruleId} 的说明：${href}`);
}

connection.onExecuteCommand(async (params, token) => {
	const args = params.arguments ?? [];
	const [arg] = args;
	try {
		switch (params.command) {
			case serverCommands.lintFolder:
				if (typeof arg !== 'string') return null;
				return await lintFolder(arg.startsWith('file:') ? fileURLToPath(arg) : arg, token);
			case serverCommands.fixAll: {
				const doc = typeof arg === 'string' ? documents.get(arg) : undefined;
				const cached = doc && results.get(doc.uri);
				if (doc && cached && cached.version === doc.version) {
					const edits = fixAllEdit(doc, cached.findings);
					if (edits.length) {
						await connection.workspace.applyEdit({ label: 'newsproof: 修正全部', edit: { changes: { [doc.uri]: edits } } });
					}
				}
				return null;
			}
			case serverCommands.ignore: {
				const file = ignoreOccurrence(String(arg), args[1] as Range, String(args[2]));
				connection.console.info(`newsproof: 已记入 ${file}`);
				relintAll();
				return file;
			}
			case serverCommands.disableRule:
			case serverCommands.addWord: {
				const path = pathOf(String(arg));
				if (!path) return null;
				const config = configFileFor(path, rootFor(path));
				const changed =
					params.command === serverCommands.disableRule ? disableRuleInConfig(config, String(args[1])) : addWordToConfig(config, String(args[1]));
				if (changed) {
					connection.console.info(`newsproof: 已写入 ${config}`);
					relintAll();
				}
				return config;
			}
			case serverCommands.ruleDoc:
				await showRuleDoc(String(arg));
				return null;
		}
	} catch (err) {
		connection.window.showErrorMessage(`newsproof: ${(err as Error).message}`);
	}
	return null;
});

process.on('uncaughtException', (err) => {
	connection.console.error(`newsproof: 未处理的错误：${err.stack ?? err}`);
});

documents.listen(connection);
connection.listen();
