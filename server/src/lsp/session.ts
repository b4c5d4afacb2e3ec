import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Connection, type Diagnostic, type InitializeParams, LogMessageNotification, MessageType, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, type FileLintOptions, type Finding, type Ruleset, within } from '../engine';
import { problemToDiagnostic } from './diagnostics';
import { type InitializationOptions, notifications, type ServerStatus, wordFileUri } from './protocol';
import { defaultSettings, normalizeSettings, type Settings, settingsOverrides } from './settings';

// What the server knows between requests: the client's capabilities, the workspace folders,
// settings per document, and the latest lint of each open document by version. Scheduling
// (lsp/scheduler.ts), folder lints (lsp/folders.ts) and commands (lsp/commands.ts) build on it.

export interface ClientCapabilities {
	configuration: boolean;
	watchFiles: boolean;
	/** Diagnostics are pulled (textDocument/diagnostic) rather than pushed. */
	pull: boolean;
	refresh: boolean;
	showDocument: boolean;
	/** workspace/applyEdit takes versioned document changes, refused by the client when the text moved on. */
	versionedEdits: boolean;
}

export interface Lint {
	version: number;
	findings: Finding[];
	/** The rules the lint ran, for what hovers say about a finding. */
	ruleset?: Ruleset;
}

/** The local path of a file URI, or of the .docx a Word view shows. */
export function pathOf(uri: string): string | undefined {
	const file = wordFileUri(uri);
	return file.startsWith('file:') ? fileURLToPath(file) : undefined;
}

export class Session {
	caps: ClientCapabilities = { configuration: false, watchFiles: false, pull: false, refresh: false, showDocument: false, versionedEdits: false };
	roots: string[] = [];
	/** False until the user trusts the workspace: its config, rule, list and ignore files stay unread. */
	trusted = true;
	private wantsStatus = false;
	private lastStatus: string | undefined;
	private readonly settingsCache = new Map<string, Promise<Settings>>();
	/** The latest lint of each open document, whatever its version: code actions read it. */
	private readonly lints = new Map<string, Lint>();
	private readonly stoppedRules = new Map<string, NonNullable<FileLintOptions['stoppedRules']>>();
	/** The lint whose diagnostics the editor shows (run on save: the last saved version). */
	private readonly shownLints = new Map<string, Lint>();
	/** Config and rule files that currently carry problems, so that fixed files are cleared. */
	private readonly problemFiles = new Set<string>();
	private readonly reported = new Set<string>();
	private segmenterScheduled = false;
	/** A config file broken mid-edit is shown with its problems while its last good version applies. */
	/** What is kept between lints; a config file broken mid-edit applies as it last was. */
	readonly engine = new Engine({ keepLastGoodConfig: true });
	/** Called when something every result depends on changed (settings, config, dictionary). */
	private readonly relintListeners: (() => void)[] = [];

	constructor(
		readonly connection: Connection,
		readonly documents: TextDocuments<TextDocument>,
	) {}

	initialize(params: InitializeParams): void {
		const caps = params.capabilities;
		this.caps = {
			configuration: caps.workspace?.configuration === true,
			watchFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
			pull: caps.textDocument?.diagnostic !== undefined,
			refresh: caps.workspace?.diagnostics?.refreshSupport === true,
			showDocument: caps.window?.showDocument?.support === true,
			versionedEdits: caps.workspace?.workspaceEdit?.documentChanges === true,
		};
		const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
		this.roots = folders.map(pathOf).filter((p): p is string => !!p);
		const options = (params.initializationOptions ?? {}) as InitializationOptions;
		this.trusted = options.trusted !== false;
		this.wantsStatus = options.status === true;
	}

	/** The user trusted the workspace: its files are read from now on. */
	trust(): void {
		if (this.trusted) return;
		this.trusted = true;
		this.reportStatus();
		this.relintAll();
	}

	/** Sends one of newsproof's own notifications to a client that asked for them. */
	notify(method: string, params: object): void {
		if (this.wantsStatus) void this.connection.sendNotification(method, params);
	}

	/** Tells the client what state newsproof is in (it shows it in the status bar), when it changed. */
	reportStatus(): void {
		if (!this.wantsStatus) return;
		const status: ServerStatus = !this.trusted
			? { state: 'restricted', message: '受限模式：只用内置规则检查，信任此工作区后读取其配置与本报规则' }
			: this.engine.segmenter.error
				? { state: 'degraded', message: `分词组件不可用，依赖分词的规则暂停：${this.engine.segmenter.error.message}` }
				: this.segmenterScheduled && !this.engine.segmenter.loaded
					? { state: 'loading', message: '正在加载分词词典' }
					: { state: 'ready' };
		const key = JSON.stringify(status);
		if (key === this.lastStatus) return;
		this.lastStatus = key;
		void this.connection.sendNotification(notifications.status, status);
	}

	/** The workspace folder holding `path` (the innermost), or the first one when there is no path. */
	rootFor(path: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
		if (!path) return this.roots[0];
		return this.roots.filter((r) => within(r, path, platform)).sort((a, b) => b.length - a.length)[0];
	}

	reportOnce(message: string): void {
		if (this.reported.has(message)) return;
		this.reported.add(message);
		this.connection.console.warn(message);
	}

	settings(uri: string): Promise<Settings> {
		if (!this.caps.configuration) {
			return Promise.resolve(defaultSettings);
		}
		let s = this.settingsCache.get(uri);
		if (!s) {
			s = this.connection.workspace.getConfiguration({ scopeUri: wordFileUri(uri), section: 'newsproof' }).then(normalizeSettings, () => defaultSettings);
			this.settingsCache.set(uri, s);
		}
		return s;
	}

	forgetSettings(uri?: string): void {
		if (uri) this.settingsCache.delete(uri);
		else this.settingsCache.clear();
	}

	onRelint(listener: () => void): void {
		this.relintListeners.push(listener);
	}

	/** Something every result depends on changed: every open and folder-linted file is checked again. */
	relintAll(): void {
		this.lints.clear();
		this.shownLints.clear();
		for (const listener of this.relintListeners) listener();
	}

	/**
	 * Text an editor decoded with the wrong encoding (a GB18030 draft opened as UTF-8) is full
	 * of U+FFFD: it gets no findings, and the user is told once how to reopen it.
	 */
	mojibake(text: string, uri: string): boolean {
		let count = 0;
		for (let i = text.indexOf('\ufffd'); i >= 0 && count < 3; i = text.indexOf('\ufffd', i + 1)) count++;
		if (count === 0 || (count < 3 && count * 100 < text.length)) return false;
		if (!this.reported.has(`mojibake ${uri}`)) {
			this.reported.add(`mojibake ${uri}`);
			const name = decodeURIComponent(uri.replace(/^.*\//, ''));
			void this.connection.window.showWarningMessage(
				`newsproof：${name} 含无法解码的字符（�），可能是 GB18030/GBK 编码的文稿被当作 UTF-8 打开，暂不检查。请用“通过编码重新打开”（Reopen with Encoding）选 GB18030，或在设置中打开 files.autoGuessEncoding。`,
			);
		}
		return true;
	}

	tooLarge(text: string, uri: string, settings: Settings): boolean {
		if (Buffer.byteLength(text, 'utf8') <= settings.maxFileSizeMB * 1048576) return false;
		this.reportOnce(`newsproof: ${uri} 超过 newsproof.maxFileSizeMB（${settings.maxFileSizeMB} MB），不检查`);
		return true;
	}

	/** Lints text as the draft at `uri`, with the editor settings over the config files. */
	lintText(uri: string, text: string, settings: Settings, withWords: boolean, languageId?: string) {
		const path = pathOf(uri);
		const notes: string[] = [];
		const result = this.engine.lintFile(path, text, {
			words: withWords,
			maxFindings: settings.maxFindings,
			overrides: settingsOverrides(settings, this.rootFor(path), notes),
			workspaceFiles: this.trusted,
			// An editor's language mode decides for open documents (an untitled Markdown draft has no extension).
			markdown: languageId === undefined ? undefined : languageId === 'markdown',
			stoppedRules: this.stoppedRulesOf(uri),
		});
		notes.forEach((n) => this.reportOnce(`newsproof: ${n}`));
		return result;
	}

	/**
	 * Lints an open document as it is now and keeps the result for its version. Undefined when
	 * the run failed; empty when newsproof is off for it.
	 */
	async lint(doc: TextDocument): Promise<Finding[] | undefined> {
		const settings = await this.settings(doc.uri);
		const version = doc.version;
		const text = doc.getText();
		if (!settings.enable || this.tooLarge(text, doc.uri, settings) || this.mojibake(text, doc.uri)) {
			this.lints.set(doc.uri, { version, findings: [] });
			return [];
		}
		const withWords = this.engine.segmenter.loaded;
		let result;
		try {
			result = this.lintText(doc.uri, text, settings, withWords, doc.languageId);
		} catch (err) {
			// One document's failure must not stop the server from serving the others.
			this.connection.console.error(`newsproof: 检查 ${doc.uri} 时出错：${(err as Error).stack ?? err}`);
			return undefined;
		}
		this.lints.set(doc.uri, { version, findings: result.findings, ruleset: result.ruleset });
		this.publishProblems(result.problems);
		if (result.partial && !withWords) {
			this.loadSegmenterSoon();
		}
		return result.findings;
	}

	/**
	 * A lint of the document as it is now: the kept one for its version, or a new one. The
	 * document object follows edits; compare `version` with it before using the findings.
	 */
	async current(doc: TextDocument): Promise<Lint> {
		const kept = this.lints.get(doc.uri);
		if (kept && kept.version === doc.version) return kept;
		const findings = await this.lint(doc);
		return this.lints.get(doc.uri) ?? { version: -1, findings: findings ?? [] };
	}

	/** The lint whose diagnostics the editor shows for `uri`, of whatever version. */
	shown(uri: string): Lint | undefined {
		return this.shownLints.get(uri);
	}

	show(uri: string, lint: Lint | undefined): void {
		if (lint) this.shownLints.set(uri, lint);
		else this.shownLints.delete(uri);
	}

	/** Per open document, the house rules the pattern budget switched off (until it is closed or the rules change). */
	private stoppedRulesOf(uri: string): NonNullable<FileLintOptions['stoppedRules']> {
		let stopped = this.stoppedRules.get(uri);
		if (!stopped) this.stoppedRules.set(uri, (stopped = new WeakMap()));
		return stopped;
	}

	forget(uri: string): void {
		this.stoppedRules.delete(uri);
		this.lints.delete(uri);
		this.shownLints.delete(uri);
		this.settingsCache.delete(uri);
	}

	publishProblems(problems: { file: string; line: number; column: number; message: string }[]): void {
		const byFile = new Map<string, Diagnostic[]>();
		for (const p of problems) {
			const list = byFile.get(p.file) ?? [];
			list.push(problemToDiagnostic(p));
			byFile.set(p.file, list);
		}
		for (const file of this.problemFiles) {
			if (!byFile.has(file)) {
				this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
				this.problemFiles.delete(file);
			}
		}
		for (const [file, diagnostics] of byFile) {
			this.problemFiles.add(file);
			this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
		}
	}

	/** Loads the dictionary once, after the first diagnostics are out, then re-lints everything. */
	loadSegmenterSoon(): void {
		if (this.segmenterScheduled || this.engine.segmenter.loaded || this.engine.segmenter.error) {
			return;
		}
		this.segmenterScheduled = true;
		this.reportStatus();
		setTimeout(() => {
			// The load holds the thread for a few hundred milliseconds. The connection writes its
			// messages in order, one at a time, so once this line is written, so is every message
			// queued before it: the first diagnostics (pushed, or the answer to a pull) are out.
			this.connection.sendNotification(LogMessageNotification.type, { type: MessageType.Log, message: 'newsproof: 加载分词词典与语言模型' }).then(
				() => this.loadSegmenter(),
				() => undefined,
			);
		}, 10);
	}

	/** The dictionary, then the model; then everything is linted again with both. */
	private loadSegmenter(): void {
		this.engine.segmenter.load();
		this.reportStatus();
		if (this.engine.segmenter.error) {
			this.connection.console.error(`newsproof: 分词组件不可用，依赖分词的规则暂停：${this.engine.segmenter.error.message}`);
		} else {
			this.connection.console.info(`newsproof: 分词词典已加载（${this.engine.segmenter.loadMs} ms）`);
		}
		this.loadModel();
		this.relintAll();
	}

	/** The language model (TYP-900) follows the dictionary, before the re-lint that uses both. */
	private loadModel(): void {
		if (this.engine.model.get()) this.connection.console.info(`newsproof: 语言模型已加载（${this.engine.model.loadMs} ms）`);
		else this.connection.console.error(`newsproof: ${this.engine.model.error?.message}；TYP-900（语境错别字）暂停，其他规则照常`);
	}
}
