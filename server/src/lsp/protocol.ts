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

export interface LintFolderResult {
	files: number;
	findings: number;
	skipped: { file: string; reason: string }[];
	cancelled?: boolean;
}
