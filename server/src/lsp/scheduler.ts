import {
	type CancellationToken,
	type Diagnostic,
	type DocumentDiagnosticParams,
	type DocumentDiagnosticReport,
	DocumentDiagnosticReportKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './diagnostics';
import type { Session } from './session';

// When open documents are linted. Diagnostics are pulled (textDocument/diagnostic) when the
// client can, and pushed (publishDiagnostics) otherwise; either way a run waits for the typing
// to pause (per document), and a run whose document changed meanwhile is dropped. With
// `run: onSave` the editor keeps showing the last saved version's results until the next save.

const sleep = (ms: number, token: CancellationToken) =>
	new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		token.onCancellationRequested(() => {
			clearTimeout(t);
			resolve();
		});
	});

const full = (items: Diagnostic[]): DocumentDiagnosticReport => ({ kind: DocumentDiagnosticReportKind.Full, items });

export class Scheduler {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	/** When each open document last changed, for the pull-side debounce. */
	private readonly lastChange = new Map<string, number>();
	/** The version each document was opened at: the content event that follows an open is not typing. */
	private readonly openedAt = new Map<string, number>();

	constructor(private readonly session: Session) {
		session.onRelint(() => this.relintOpen());
	}

	private get pull(): boolean {
		return this.session.caps.pull;
	}

	private relintOpen(): void {
		if (this.pull) {
			if (this.session.caps.refresh) void this.session.connection.languages.diagnostics.refresh();
		} else {
			for (const doc of this.session.documents.all()) this.schedule(doc, 0);
		}
	}

	/** Lints the document and pushes the result, unless it changed in the meantime. */
	private async validate(doc: TextDocument): Promise<void> {
		const { session } = this;
		const version = doc.version;
		await session.settings(doc.uri);
		if (session.documents.get(doc.uri)?.version !== version) {
			return; // A newer edit has its own run scheduled.
		}
		const findings = await session.lint(doc);
		if (findings && session.documents.get(doc.uri)?.version === version) {
			session.show(doc.uri, { version, findings });
			session.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: findings.map(toDiagnostic) });
		}
	}

	private schedule(doc: TextDocument, delay?: number): void {
		const uri = doc.uri;
		clearTimeout(this.timers.get(uri));
		void this.session.settings(uri).then((s) => {
			clearTimeout(this.timers.get(uri));
			this.timers.set(
				uri,
				setTimeout(() => {
					this.timers.delete(uri);
					const current = this.session.documents.get(uri);
					if (current) void this.validate(current);
				}, delay ?? s.debounceMs),
			);
		});
	}

	opened(doc: TextDocument): void {
		this.lastChange.set(doc.uri, 0);
		this.openedAt.set(doc.uri, doc.version);
		// The first diagnostics go out at once, without waiting for the debounce.
		if (!this.pull) void this.validate(doc);
	}

	changed(doc: TextDocument): void {
		if (this.openedAt.get(doc.uri) === doc.version) return;
		this.openedAt.delete(doc.uri);
		this.lastChange.set(doc.uri, Date.now());
		if (this.pull) return; // The client pulls after each change.
		void this.session.settings(doc.uri).then((s) => {
			if (s.run === 'onType') this.schedule(doc);
		});
	}

	saved(doc: TextDocument): void {
		if (this.pull) {
			this.session.show(doc.uri, undefined);
			if (this.session.caps.refresh) void this.session.connection.languages.diagnostics.refresh();
		} else {
			this.schedule(doc, 0);
		}
	}

	closed(uri: string): void {
		clearTimeout(this.timers.get(uri));
		this.timers.delete(uri);
		this.lastChange.delete(uri);
		this.openedAt.delete(uri);
	}

	/** textDocument/diagnostic: the shown result when it still applies, else a lint once typing pauses. */
	async diagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
		const { session } = this;
		const uri = params.textDocument.uri;
		let doc = session.documents.get(uri);
		if (!doc) return full([]);
		const settings = await session.settings(uri);
		const shown = session.shown(uri);
		if (shown && (shown.version === doc.version || settings.run === 'onSave')) {
			// Run on save: checked at the last save; positions may lag behind unsaved edits, as
			// with any on-save linter (code actions never act on them: see codeActions.ts).
			return full(shown.findings.map(toDiagnostic));
		}
		// Wait for typing to pause; a newer keystroke cancels this request and pulls again.
		const quiet = (this.lastChange.get(uri) ?? 0) + settings.debounceMs - Date.now();
		if (quiet > 0) await sleep(quiet, token);
		doc = session.documents.get(uri);
		if (!doc || token.isCancellationRequested) return full([]);
		const version = doc.version;
		const findings = (await session.lint(doc)) ?? [];
		session.show(uri, { version, findings });
		return full(findings.map(toDiagnostic));
	}
}
