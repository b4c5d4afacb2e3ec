import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { commands, type LintFolderResult, serverCommands } from '../../server/src/lsp/protocol';

// Starts the language server and adds the editor-only commands. All linting happens in
// the server; this file holds UI glue only.

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const serverModule = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module: serverModule, transport: TransportKind.ipc },
		debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	const output = vscode.window.createOutputChannel('newsproof', { log: true });
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'plaintext' },
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'file', language: 'newsdraft' },
			{ scheme: 'untitled', language: 'newsdraft' },
		],
		synchronize: {
			configurationSection: 'newsproof',
			fileEvents: vscode.workspace.createFileSystemWatcher('**/{.newsproofrc.yaml,.newsproofrc.yml,*.yaml,*.yml}'),
		},
		outputChannel: output,
	};
	client = new LanguageClient('newsproof', 'newsproof', serverOptions, clientOptions);

	context.subscriptions.push(
		output,
		vscode.commands.registerCommand(commands.lintFolder, async (target?: vscode.Uri) => {
			const folder = target ?? (await pickFolder());
			if (!folder || !client) return;
			await vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('newsproof: 正在检查 {0}', vscode.workspace.asRelativePath(folder)), cancellable: false },
				async () => {
					const result = (await client!.sendRequest('workspace/executeCommand', { command: serverCommands.lintFolder, arguments: [folder.toString()] })) as LintFolderResult;
					void vscode.window.showInformationMessage(vscode.l10n.t('newsproof: 已检查 {0} 个文件，发现 {1} 处问题', result.files, result.findings));
				},
			);
		}),
		vscode.commands.registerCommand(commands.fixAll, async () => {
			const editor = vscode.window.activeTextEditor;
			if (editor && client) {
				await client.sendRequest('workspace/executeCommand', { command: serverCommands.fixAll, arguments: [editor.document.uri.toString()] });
			}
		}),
		vscode.commands.registerCommand(commands.showOutput, () => output.show()),
	);
	await client.start();
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
