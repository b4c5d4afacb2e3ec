import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type CancellationToken, type DidChangeWatchedFilesParams, FileChangeType } from 'vscode-languageserver/node';
import { defaultExtensions, within, wordExtensions } from '../engine';
import { collectDrafts } from '../io/walk';
import { toDiagnostic } from './diagnostics';
import { type FolderProgress, type LintFolderResult, notifications, wordFileUri, wordViewUri } from './protocol';
import { pathOf, type Session } from './session';
import { readClosedDraft } from './word';

// "Lint Folder": every draft under a folder into the Problems panel, open or not. Files that
// are not open are read from disk and always pushed; the folder is kept up to date as its
// files change on disk, until the server stops. A Word document's findings go to the view of
// its text (lsp/word.ts), which is also what the editor opens; files here go by their file URIs.

/** What a folder lint reads: text drafts and Word documents. */
const folderExtensions = [...defaultExtensions, ...wordExtensions];

export class FolderLints {
	/** Files linted by "Lint Folder" that are not open in the editor. */
	private readonly closedUris = new Set<string>();
	/** Folders linted by "Lint Folder" and the drafts found in each. */
	private readonly folders = new Map<string, Set<string>>();

	constructor(private readonly session: Session) {
		session.onRelint(() => {
			for (const uri of this.closedUris) void this.lintClosedFile(uri);
		});
	}

	/** An open document leaves the folder's push: true when it had been pushed for the folder. */
	opened(uri: string): boolean {
		return this.closedUris.delete(wordFileUri(uri));
	}

	/** A closed document keeps its place in the Problems panel when its folder was linted. */
	closed(uri: string): boolean {
		const file = wordFileUri(uri);
		const linted = [...this.folders.values()].some((files) => files.has(file));
		if (linted) void this.lintClosedFile(file);
		return linted;
	}

	private collectUris(folder: string): Set<string> {
		return new Set(collectDrafts([folder], folderExtensions).files.map((f) => pathToFileURL(f).href));
	}

	/** Brings a linted folder up to date: drafts that left it (deleted, now ignored) are cleared,
	 * drafts that joined it and the `changed` ones are linted again. */
	private refresh(folder: string, changed: Set<string>): void {
		const { documents, connection } = this.session;
		const before = this.folders.get(folder) ?? new Set<string>();
		const now = this.collectUris(folder);
		this.folders.set(folder, now);
		for (const uri of before) {
			if (!now.has(uri) && !documents.get(wordViewUri(uri))) {
				this.closedUris.delete(uri);
				connection.sendDiagnostics({ uri: wordViewUri(uri), diagnostics: [] });
			}
		}
		for (const uri of now) {
			if ((!before.has(uri) || changed.has(uri)) && !documents.get(wordViewUri(uri))) void this.lintClosedFile(uri);
		}
	}

	/** Files changed on disk: linted folders follow; a config or rule file change re-lints everything. */
	watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
		let settingsChanged = false;
		let listsChanged = false;
		const changed = new Set<string>();
		for (const change of params.changes) {
			const path = pathOf(change.uri);
			if (!path) continue;
			if (/\.(ya?ml|lm)$/.test(path)) {
				// Rule sets and language-model overlays reload themselves when a file's stamp changes.
				settingsChanged = true;
			} else if (/(^|[\\/])\.(newsproof|git)ignore$/.test(path)) {
				listsChanged = true;
			} else if (change.type !== FileChangeType.Deleted || this.closedUris.has(change.uri)) {
				changed.add(change.uri);
			}
		}
		for (const folder of this.folders.keys()) {
			const touched =
				listsChanged ||
				[...changed].some((u) => {
					const p = pathOf(u);
					return p !== undefined && within(folder, p);
				});
			if (touched) this.refresh(folder, changed);
		}
		if (settingsChanged) this.session.relintAll();
	}

	/** Lints a draft that is not open, from disk (or as just read: `draft`), and pushes the result. */
	private async lintClosedFile(uri: string, draft?: { text?: string }): Promise<number | undefined> {
		const { session } = this;
		const file = pathOf(uri);
		const shown = wordViewUri(uri);
		if (!file || session.documents.get(shown)) return undefined;
		if (!existsSync(file)) {
			this.closedUris.delete(uri);
			session.connection.sendDiagnostics({ uri: shown, diagnostics: [] });
			return undefined;
		}
		const settings = await session.settings(uri);
		draft ??= readClosedDraft(file, settings.maxFileSizeMB * 1048576);
		if (draft.text === undefined || !settings.enable) {
			session.connection.sendDiagnostics({ uri: shown, diagnostics: [] });
			return undefined;
		}
		const segmenter = session.engine.segmenter;
		segmenter.load();
		const { findings } = session.lintText(uri, draft.text, settings, !segmenter.error);
		this.closedUris.add(uri);
		session.connection.sendDiagnostics({ uri: shown, diagnostics: findings.map(toDiagnostic) });
		return findings.length;
	}

	async lint(folder: string, token: CancellationToken): Promise<LintFolderResult> {
		const { session } = this;
		// .gitignore and .newsproofignore apply, as on the command line.
		const { files } = collectDrafts([folder], folderExtensions);
		const result: LintFolderResult = { files: 0, findings: 0, skipped: [] };
		this.folders.set(folder, new Set(files.map((f) => pathToFileURL(f).href)));
		let reported = 0;
		const progress = (done: number) => {
			// A few dozen updates over a folder, and the last one.
			if (done === files.length || done - reported >= Math.max(1, Math.floor(files.length / 50))) {
				reported = done;
				session.notify(notifications.folderProgress, { folder, done, total: files.length } satisfies FolderProgress);
			}
		};
		progress(0);
		for (const [index, file] of files.entries()) {
			progress(index);
			if (token.isCancellationRequested) {
				result.cancelled = true;
				break;
			}
			const uri = pathToFileURL(file).href;
			const doc = session.documents.get(wordViewUri(uri));
			if (doc) {
				result.files++;
				result.findings += (await session.current(doc)).findings.length;
				continue;
			}
			const settings = await session.settings(uri);
			const draft = readClosedDraft(file, settings.maxFileSizeMB * 1048576);
			if (draft.text === undefined) {
				result.skipped.push({ file, reason: draft.skipped ?? '' });
				continue;
			}
			result.files++;
			result.findings += (await this.lintClosedFile(uri, draft)) ?? 0;
			// Let a cancellation (and edits in open documents) get through between files.
			await new Promise((r) => setImmediate(r));
		}
		if (!result.cancelled) progress(files.length);
		return result;
	}
}
