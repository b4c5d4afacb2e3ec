// Names shared by the client and the server. The client imports this file for types and
// constants only.

export const commands = {
	lintFolder: 'newsproof.lintFolder',
	fixAll: 'newsproof.fixAll',
	showOutput: 'newsproof.showOutput',
	restartServer: 'newsproof.restartServer',
	init: 'newsproof.init',
} as const;

/** Commands the server executes. The client wraps them; their ids differ from the UI commands
 * because vscode-languageclient registers every server command under its own id. */
export const serverCommands = {
	lintFolder: 'newsproof.server.lintFolder',
	fixAll: 'newsproof.server.fixAll',
	/** [uri, range, ruleId]: pin one occurrence in .newsproof/ignore.yaml. */
	ignore: 'newsproof.server.ignore',
	/** [uri, ruleId]: `rules: { id: off }` in the config file. */
	disableRule: 'newsproof.server.disableRule',
	/** [uri, word]: add to `words:` in the config file (the VS Code client offers editor settings too). */
	addWord: 'newsproof.server.addWord',
	/** [ruleId]: open the rule's entry in the rule reference. */
	ruleDoc: 'newsproof.server.ruleDoc',
	/** [folder uri]: write a commented starter .newsproofrc.yaml there (never over an existing one) and open it. */
	init: 'newsproof.server.init',
} as const;

export const fixAllKind = 'source.fixAll.newsproof';

/** Notifications beyond LSP, sent only to a client that asks for them in its initializationOptions. */
export const notifications = {
	/** Server to client: what state newsproof is in, for the status bar (ServerStatus). */
	status: 'newsproof/status',
	/** Server to client: files done out of total in a folder lint (FolderProgress). */
	folderProgress: 'newsproof/folderProgress',
	/** Client to server: the user trusted the workspace; its files may now be read. */
	workspaceTrusted: 'newsproof/workspaceTrusted',
} as const;

export interface ServerStatus {
	/** ready; loading (the dictionary); degraded (rules paused, `message` says why); restricted (untrusted workspace). */
	state: 'ready' | 'loading' | 'degraded' | 'restricted';
	message?: string;
}

export interface FolderProgress {
	folder: string;
	done: number;
	total: number;
}

/** What the VS Code client sends in initializationOptions. */
export interface InitializationOptions {
	/** False in Restricted Mode: only the built-in rules run until `workspaceTrusted`. */
	trusted?: boolean;
	/** The client shows `newsproof/status` notifications. */
	status?: boolean;
}

/** A rule id as rule files may write it (rules/schema/rules.schema.json): TYP-005, ZZB-LOCAL-1. */
export const ruleIdPattern = /^[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*$/;

export interface LintFolderResult {
	files: number;
	findings: number;
	skipped: { file: string; reason: string }[];
	cancelled?: boolean;
}
