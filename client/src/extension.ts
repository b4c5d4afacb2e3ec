import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { commands, type LintFolderResult, serverCommands } from '../../server/src/lsp/protocol';

// Starts the language server and adds the editor-only parts: commands, the status bar
// item, the language list. All linting happens in the server; this file holds UI glue only.

let client: LanguageClient | undefined;

const defaultLanguages = ['plaintext', 'markdown', 'newsdraft'];

function documentSelector(): { scheme: string; language: string }[] {
	const languages = vscode.workspace.getConfiguration('newsproof').get<string[]>('languages', defaultLanguages);
	return languages.flatMap((language) => [
		{ scheme: 'file', language },
		{ scheme: 'untitled', language },
	]);
}

export interface NewsproofApi {
	/** The running language client, for tests and other extensions. */
	client(): LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<NewsproofApi> {
	const serverModule = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module: serverModule, transport: TransportKind.ipc },
		debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	const output = vscode.window.createOutputChannel('newsproof', { log: true });
	const clientOptions: LanguageClientOptions = {
		documentSelector: documentSelector(),
		// The server registers its own file watchers (config, rule and ignore files, drafts under
		// folders linted by "Lint Folder"), the same for every editor.
		synchronize: { configurationSection: 'newsproof' },
		outputChannel: output,
		middleware: {
			// "Add to the word list" asks where, as cSpell and LTeX do: other editors get the config file.
			executeCommand: async (command, args, next) => (command === serverCommands.addWord ? addWord(args, next) : next(command, args)),
		},
	};
	client = new LanguageClient('newsproof', 'newsproof', serverOptions, clientOptions);

	const status = vscode.window.createStatusBarItem('newsproof.status', vscode.StatusBarAlignment.Right, 100);
	status.name = 'newsproof';
	status.command = 'workbench.actions.view.problems';
	const updateStatus = () => {
		const editor = vscode.window.activeTextEditor;
		if (!editor || !vscode.languages.match(documentSelector(), editor.document)) {
			status.hide();
			return;
		}
		const counts = [0, 0, 0, 0];
		for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
			if (d.source === 'newsproof') counts[d.severity]++;
		}
		const [errors, warnings, infos, hints] = counts;
		status.text = `$(checklist) ${errors} $(warning) ${warnings} $(info) ${infos + hints}`;
		status.tooltip = vscode.l10n.t('newsproof: {0} errors, {1} warnings, {2} notes in this file. Click to open the Problems panel.', errors, warnings, infos + hints);
		status.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
		status.show();
	};

	context.subscriptions.push(
		output,
		status,
		vscode.languages.onDidChangeDiagnostics((e) => {
			const active = vscode.window.activeTextEditor?.document.uri.toString();
			if (active && e.uris.some((u) => u.toString() === active)) updateStatus();
		}),
		vscode.window.onDidChangeActiveTextEditor(updateStatus),
		vscode.workspace.onDidChangeConfiguration(async (e) => {
			if (e.affectsConfiguration('newsproof.languages') && client) {
				// The document selector is fixed when the client starts.
				client.clientOptions.documentSelector = documentSelector();
				await client.restart();
				updateStatus();
			}
		}),
		vscode.commands.registerCommand(commands.lintFolder, (target?: vscode.Uri) => lintFolder(target)),
		vscode.commands.registerCommand(commands.fixAll, async () => {
			const editor = vscode.window.activeTextEditor;
			if (editor && client) {
				await client.sendRequest('workspace/executeCommand', { command: serverCommands.fixAll, arguments: [editor.document.uri.toString()] });
			}
		}),
		vscode.commands.registerCommand(commands.init, (target?: vscode.Uri) => initConfig(target)),
		vscode.commands.registerCommand(commands.showOutput, () => output.show()),
		vscode.commands.registerCommand(commands.restartServer, async () => {
			await client?.restart();
		}),
	);
	await client.start();
	updateStatus();
	return { client: () => client };
}

type Next = (command: string, args: unknown[]) => unknown;

/** Adds a word to the editor settings (user or workspace) or, through the server, to the folder's config file. */
async function addWord(args: unknown[], next: Next): Promise<unknown> {
	const [uri, word] = args as [string, string];
	const targets = [
		{ label: vscode.l10n.t('User settings'), detail: vscode.l10n.t('Only on this computer, in every workspace'), target: vscode.ConfigurationTarget.Global },
		{ label: vscode.l10n.t('Workspace settings'), detail: vscode.l10n.t('In this workspace, for everyone who opens it'), target: vscode.ConfigurationTarget.Workspace },
		{ label: vscode.l10n.t('Folder config file (.newsproofrc.yaml)'), detail: vscode.l10n.t('Shared with the whole desk and the command line'), target: undefined },
	];
	const picked = await vscode.window.showQuickPick(targets, { title: vscode.l10n.t('Add “{0}” to which word list?', word) });
	if (!picked) return null;
	if (picked.target === undefined) return next(serverCommands.addWord, [uri, word]);
	const config = vscode.workspace.getConfiguration('newsproof', vscode.Uri.parse(uri));
	const inspected = config.inspect<string[]>('words');
	const current = (picked.target === vscode.ConfigurationTarget.Global ? inspected?.globalValue : inspected?.workspaceValue) ?? [];
	if (!current.includes(word)) await config.update('words', [...current, word], picked.target);
	return null;
}

/** Lints every draft under a folder into the Problems panel; returns the server's summary. */
async function lintFolder(target?: vscode.Uri): Promise<LintFolderResult | undefined> {
	const folder = target ?? (await pickFolder());
	if (!folder || !client) return undefined;
	const c = client;
	return vscode.window.withProgress(
		{
			location: vscode.ProgressLocation.Notification,
			title: vscode.l10n.t('newsproof: checking {0}', vscode.workspace.asRelativePath(folder)),
			cancellable: true,
		},
		async (_progress, token) => {
			const result = (await c.sendRequest('workspace/executeCommand', { command: serverCommands.lintFolder, arguments: [folder.toString()] }, token)) as
				| LintFolderResult
				| undefined;
			if (!result) return undefined;
			const message = result.cancelled
				? vscode.l10n.t('newsproof: stopped after {0} files, {1} problems so far', result.files, result.findings)
				: vscode.l10n.t('newsproof: checked {0} files, found {1} problems', result.files, result.findings);
			const skipped = result.skipped.length ? ' ' + vscode.l10n.t('({0} files skipped, see Output)', result.skipped.length) : '';
			for (const s of result.skipped) client?.outputChannel.appendLine(`${s.file}: ${s.reason}`);
			void vscode.window.showInformationMessage(message + skipped);
			return result;
		},
	);
}

/** Creates a commented .newsproofrc.yaml (the server writes and opens it; an existing one is opened, never overwritten). */
async function initConfig(target?: vscode.Uri): Promise<unknown> {
	const active = vscode.window.activeTextEditor?.document.uri;
	const folder = target ?? (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ?? (await pickFolder());
	if (!folder || !client) return undefined;
	return client.sendRequest('workspace/executeCommand', { command: serverCommands.init, arguments: [folder.toString()] });
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length === 1) return folders[0].uri;
	const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false });
	return picked?.[0];
}

export async function deactivate(): Promise<void> {
	await client?.stop();
}
