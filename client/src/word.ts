import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { commands, requests, serverCommands, type WordRevisionsResult, wordViewScheme } from '../../server/src/lsp/protocol';

// Word documents in VS Code. A .docx cannot be opened as text, so the server reads it and
// the client shows its text read-only under the newsproof-word: scheme (one paragraph a
// line, as the command line numbers them); the server publishes the document's findings
// there, so the Problems panel opens the view, with the squiggles and hovers of any draft.
// A command writes the revised copy, NAME.newsproof.docx.

const viewOf = (file: vscode.Uri): vscode.Uri => file.with({ scheme: wordViewScheme });
const fileOf = (view: vscode.Uri): vscode.Uri => view.with({ scheme: 'file' });
const isDocx = (uri: vscode.Uri): boolean => /\.docx$/i.test(uri.path);

class WordTextProvider implements vscode.TextDocumentContentProvider {
	private readonly changes = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changes.event;

	constructor(private readonly client: () => LanguageClient | undefined) {}

	async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
		const client = this.client();
		if (!client) throw new Error(vscode.l10n.t('newsproof is not running'));
		const { text } = (await client.sendRequest(requests.wordText, { uri: fileOf(uri).toString() }, token)) as { text: string };
		return text;
	}

	/** The document changed on disk: an open view reads it again. */
	changed(file: vscode.Uri): void {
		const view = viewOf(file).toString();
		if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === view)) this.changes.fire(viewOf(file));
	}

	dispose(): void {
		this.changes.dispose();
	}
}

/** The .docx a command is about: the Explorer's, the open view's, or one the user picks. */
async function targetDocx(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
	if (target && isDocx(target)) return target.scheme === wordViewScheme ? fileOf(target) : target;
	const active = vscode.window.activeTextEditor?.document.uri;
	if (active?.scheme === wordViewScheme) return fileOf(active);
	const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Word documents')]: ['docx'] } });
	return picked?.[0];
}

/** Shows the text of a .docx, read-only, with its findings. */
async function openWord(target?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
	const file = await targetDocx(target);
	if (!file) return undefined;
	return vscode.window.showTextDocument(viewOf(file), { preview: false });
}

/** Writes NAME.newsproof.docx beside a .docx; the server reports a failure itself. */
async function writeRevisions(client: LanguageClient | undefined, target?: vscode.Uri): Promise<WordRevisionsResult | undefined> {
	const file = await targetDocx(target);
	if (!file || !client) return undefined;
	const result = (await client.sendRequest('workspace/executeCommand', {
		command: serverCommands.wordRevisions,
		arguments: [file.toString()],
	})) as WordRevisionsResult | null;
	if (!result) return undefined;
	const name = file.path.replace(/^.*\//, '');
	if (!result.file) {
		void vscode.window.showInformationMessage(vscode.l10n.t('newsproof: nothing to revise in {0}', name));
		return result;
	}
	const written = vscode.Uri.file(result.file);
	const reveal = vscode.l10n.t('Reveal in Explorer');
	void vscode.window
		.showInformationMessage(
			vscode.l10n.t('newsproof: wrote {0}: {1} tracked changes, {2} comments', vscode.workspace.asRelativePath(written), result.changes, result.comments),
			reveal,
		)
		.then((choice) => (choice === reveal ? vscode.commands.executeCommand('revealInExplorer', written) : undefined));
	return result;
}

/** The document selector entry for the views, and their provider, commands and watcher. */
export const wordViewSelector = { scheme: wordViewScheme };

export function registerWord(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
	const provider = new WordTextProvider(client);
	const watcher = vscode.workspace.createFileSystemWatcher('**/*.docx', true, false, true);
	context.subscriptions.push(
		provider,
		watcher,
		vscode.workspace.registerTextDocumentContentProvider(wordViewScheme, provider),
		watcher.onDidChange((uri) => provider.changed(uri)),
		vscode.commands.registerCommand(commands.openWord, (target?: vscode.Uri) => openWord(target)),
		vscode.commands.registerCommand(commands.writeWordRevisions, (target?: vscode.Uri) => writeRevisions(client(), target)),
	);
}
