import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
	commands,
	type FolderProgress,
	type InitializationOptions,
	type LintFolderResult,
	notifications,
	serverCommands,
	type ServerStatus,
} from '../../server/src/lsp/protocol';
import { registerWord, wordViewSelector } from './word';

// Starts the language server and adds the editor-only parts: commands, the status bar
// item, the language list. All linting happens in the server; this file holds UI glue only.

let client: LanguageClient | undefined;

const defaultLanguages = ['plaintext', 'markdown', 'newsdraft'];

function documentSelector(): { scheme: string; language?: string }[] {
	const languages = vscode.workspace.getConfiguration('newsproof').get<string[]>('languages', defaultLanguages);
	return [
		...languages.flatMap((language) => [
			{ scheme: 'file', language },
			{ scheme: 'untitled', language },
		]),
		// The text of a Word document, shown read-only (client/src/word.ts).
		wordViewSelector,
	];
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
		initializationOptions: { trusted: vscode.workspace.isTrusted, status: true } satisfies InitializationOptions,
		middleware: {
			// "Add to the word list" asks where, as cSpell and LTeX do: other editors get the config file.
			executeCommand: async (command, args, next) => (command === serverCommands.addWord ? addWord(args, next) : next(command, args)),
		},
	};
	client = new LanguageClient('newsproof', 'newsproof', serverOptions, clientOptions);

	// The status bar says what state newsproof is in (ready, loading the dictionary, rules
	// paused, Restricted Mode, off for this file); the Problems panel already counts findings.
	const status = vscode.window.createStatusBarItem('newsproof.status', vscode.StatusBarAlignment.Right, 100);
	status.name = 'newsproof';
	let serverStatus: ServerStatus = { state: vscode.workspace.isTrusted ? 'ready' : 'restricted' };
	const updateStatus = () => {
		const editor = vscode.window.activeTextEditor;
		if (!editor || !vscode.languages.match(documentSelector(), editor.document)) {
			status.hide();
			return;
		}
		const enabled = vscode.workspace.getConfiguration('newsproof', editor.document.uri).get<boolean>('enable', true);
		const look: Record<ServerStatus['state'] | 'off', { icon: string; text: string; command?: string }> = {
			ready: { icon: '$(check)', text: 'newsproof', command: 'workbench.actions.view.problems' },
			loading: { icon: '$(sync~spin)', text: 'newsproof', command: commands.showOutput },
			degraded: { icon: '$(warning)', text: vscode.l10n.t('newsproof: some rules paused'), command: commands.showOutput },
			restricted: { icon: '$(shield)', text: vscode.l10n.t('newsproof: built-in rules only'), command: 'workbench.trust.manage' },
			off: { icon: '$(circle-slash)', text: vscode.l10n.t('newsproof: off'), command: 'workbench.action.openSettings' },
		};
		const state = enabled ? serverStatus.state : 'off';
		status.text = `${look[state].icon} ${look[state].text}`;
		status.command = look[state].command;
		status.tooltip =
			state === 'off'
				? vscode.l10n.t('newsproof is switched off for this file (newsproof.enable).')
				: state === 'ready'
					? vscode.l10n.t('newsproof is checking this file. Click to open the Problems panel.')
					: (serverStatus.message ?? '');
		status.backgroundColor = state === 'degraded' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
		status.show();
	};

	context.subscriptions.push(
		output,
		status,
		vscode.window.onDidChangeActiveTextEditor(updateStatus),
		// Trusting the workspace loads its config and house rules without a restart.
		vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(notifications.workspaceTrusted)),
		vscode.workspace.onDidChangeConfiguration(async (e) => {
			if (e.affectsConfiguration('newsproof.enable')) updateStatus();
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
		vscode.commands.registerCommand(commands.lmAdd, (target?: vscode.Uri, chosen?: vscode.Uri[]) =>
			lmAdd(chosen?.length ? chosen : target ? [target] : undefined),
		),
		vscode.commands.registerCommand(commands.showOutput, () => output.show()),
		vscode.commands.registerCommand(commands.restartServer, async () => {
			await client?.restart();
		}),
	);
	registerWord(context, () => client);
	client.onNotification(notifications.status, (s: ServerStatus) => {
		serverStatus = s;
		updateStatus();
	});
	await client.start();
	updateStatus();
	void warnAboutAutoCorrect(context);
	return { client: () => client };
}

/**
 * AutoCorrect puts a space between Chinese and digits or Latin letters; newsproof's default
 * house style calls that space stray. With both fixing on save they undo each other, so the
 * user is told once per workspace, with the style switch for desks that want the spaces.
 */
async function warnAboutAutoCorrect(context: vscode.ExtensionContext): Promise<void> {
	const key = 'newsproof.autocorrectNoticeShown';
	if (context.workspaceState.get(key)) return;
	const extension = vscode.extensions.getExtension('huacnlee.autocorrect') !== undefined;
	const configs = await vscode.workspace.findFiles('{.autocorrectrc,**/.autocorrectrc}', '**/node_modules/**', 1);
	if (!extension && !configs.length) return;
	await context.workspaceState.update(key, true);
	const docs = vscode.l10n.t('Show the style switch');
	const choice = await vscode.window.showInformationMessage(
		vscode.l10n.t(
			'newsproof: AutoCorrect is in use here. It puts a space between Chinese and digits or Latin letters, which newsproof reports as stray by default; fixing on save, the two undo each other. If your paper wants those spaces, set style: { latinSpacing: spaced } in .newsproofrc.yaml; otherwise turn off AutoCorrect’s fix on save in this workspace.',
		),
		docs,
	);
	if (choice === docs) {
		await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'style-switches.md'));
	}
}

type Next = (command: string, args: unknown[]) => unknown;

/** Adds a word to the editor settings (user or workspace) or, through the server, to the folder's config file. */
async function addWord(args: unknown[], next: Next): Promise<unknown> {
	const [uri, word] = args as [string, string];
	const targets = [
		{ label: vscode.l10n.t('User settings'), detail: vscode.l10n.t('Only on this computer, in every workspace'), target: vscode.ConfigurationTarget.Global },
		{
			label: vscode.l10n.t('Workspace settings'),
			detail: vscode.l10n.t('In this workspace, for everyone who opens it'),
			target: vscode.ConfigurationTarget.Workspace,
		},
		{
			label: vscode.l10n.t('Folder config file (.newsproofrc.yaml)'),
			detail: vscode.l10n.t('Shared with the whole desk and the command line'),
			target: undefined,
		},
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
		async (progress, token) => {
			let shown = 0;
			const listening = c.onNotification(notifications.folderProgress, (p: FolderProgress) => {
				if (!p.total) return;
				const percent = (p.done / p.total) * 100;
				progress.report({ message: vscode.l10n.t('{0} of {1} files', p.done, p.total), increment: percent - shown });
				shown = percent;
			});
			const result = (await c
				.sendRequest('workspace/executeCommand', { command: serverCommands.lintFolder, arguments: [folder.toString()] }, token)
				.finally(() => listening.dispose())) as LintFolderResult | undefined;
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

/**
 * "Fold the Paper's Archive into the Language Model": the archive's folders (from the
 * Explorer, or asked for) counted by the server into .newsproof/lm-overlay.lm; the server
 * says how it went.
 */
async function lmAdd(folders?: vscode.Uri[]): Promise<unknown> {
	const chosen =
		folders ??
		(await vscode.window.showOpenDialog({
			canSelectFolders: true,
			canSelectFiles: false,
			canSelectMany: true,
			openLabel: vscode.l10n.t('Fold into the language model'),
		}));
	if (!chosen?.length || !client) return undefined;
	const c = client;
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("newsproof: counting the paper's archive") }, () =>
		c.sendRequest('workspace/executeCommand', { command: serverCommands.lmAdd, arguments: [chosen.map((u) => u.toString())] }),
	);
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
