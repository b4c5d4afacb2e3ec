// Names shared by the client and the server. The client imports this file for types and
// constants only.

export const commands = {
	lintFolder: 'newsproof.lintFolder',
	fixAll: 'newsproof.fixAll',
	showOutput: 'newsproof.showOutput',
	restartServer: 'newsproof.restartServer',
	init: 'newsproof.init',
	/** [.docx uri]: show the document's text, read-only, with its findings. */
	openWord: 'newsproof.openWord',
	/** [.docx uri]: write NAME.newsproof.docx, fixes as tracked changes and findings as comments. */
	writeWordRevisions: 'newsproof.writeWordRevisions',
	/** [folder uri, or none: asks]: fold the paper's archive into the language model's overlay. */
	lmAdd: 'newsproof.lmAdd',
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
	/** [.docx uri, or its view's]: write NAME.newsproof.docx beside it (WordRevisionsResult). */
	wordRevisions: 'newsproof.server.wordRevisions',
	/** [folder uris]: count them into .newsproof/lm-overlay.lm of the first workspace folder (LmAddResult). */
	lmAdd: 'newsproof.server.lmAdd',
} as const;

/** Requests beyond LSP. */
export const requests = {
	/** Client to server, { uri } of a .docx: its text as newsproof reads it, { text } (an error names why it cannot be read). */
	wordText: 'newsproof/wordText',
} as const;

/**
 * A Word document's text is shown, read-only, as a document of this scheme with the path of
 * the .docx (newsproof-word:/稿件.docx): its findings are published there, and positions
 * are paragraph and UTF-16 column, as in the command line's JSON. Written as VS Code writes
 * a URI of a scheme other than file: no `//` before an empty authority.
 */
export const wordViewScheme = 'newsproof-word';

/** The view of a .docx given by its file URI; other URIs as they are. */
export function wordViewUri(uri: string): string {
	if (!/^file:.*\.docx$/i.test(uri)) return uri;
	const rest = uri.slice('file:'.length);
	return wordViewScheme + ':' + (rest.startsWith('///') ? rest.slice(2) : rest);
}

/** The .docx file URI a view shows; other URIs as they are. */
export function wordFileUri(uri: string): string {
	if (!uri.startsWith(wordViewScheme + ':')) return uri;
	const rest = uri.slice(wordViewScheme.length + 1);
	return 'file:' + (rest.startsWith('//') ? rest : '//' + rest);
}

export interface WordRevisionsResult {
	/** The revised copy written, or undefined when there was nothing to revise. */
	file?: string;
	changes: number;
	comments: number;
}

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
