import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Range } from 'vscode-languageserver/node';
import { findIgnoreFile, ignoreEntryFor } from '../engine';
import { fixAllEdit } from './codeActions';
import { addIgnoreEntry, addWordToConfig, configFileFor, disableRuleInConfig } from './configEdit';
import { ruleDocUri } from './diagnostics';
import type { FolderLints } from './folders';
import { serverCommands } from './protocol';
import { pathOf, type Session } from './session';
import { initConfig } from './initConfig';

// workspace/executeCommand: one handler per server command. Each reads its arguments as the
// protocol module documents them; a failure is shown to the user, never thrown at the client.

type Handler = (args: unknown[], token: CancellationToken) => Promise<unknown>;

/** Where an occurrence of `path` is recorded: beside an existing ignore list, else the workspace folder. */
function ignoreRootFor(session: Session, path: string): string {
	const existing = findIgnoreFile(path);
	return existing ? dirname(dirname(existing)) : (session.rootFor(path) ?? dirname(path));
}

/** Opens the rule's entry in docs/rules.md where the client can show documents; otherwise says where it is. */
async function showRuleDoc(session: Session, ruleId: string): Promise<void> {
	const href = ruleDocUri(ruleId);
	const file = fileURLToPath(href.replace(/#.*/, ''));
	if (session.caps.showDocument && existsSync(file)) {
		const line = readFileSync(file, 'utf8')
			.split('\n')
			.findIndex((l) => l.trim() === `### ${ruleId}`);
		const at = { line: Math.max(0, line), character: 0 };
		await session.connection.window.showDocument({ uri: pathToFileURL(file).href, takeFocus: true, selection: { start: at, end: at } });
		return;
	}
	session.connection.window.showInformationMessage(`规则 ${ruleId} 的说明：${href}`);
}

export function commandTable(session: Session, folders: FolderLints): Record<string, Handler> {
	const { connection, documents } = session;
	const editConfig = (uri: unknown, edit: (file: string) => boolean): string | null => {
		const path = pathOf(String(uri));
		if (!path) return null;
		const config = configFileFor(path, session.rootFor(path));
		if (edit(config)) {
			connection.console.info(`newsproof: 已写入 ${config}`);
			session.relintAll();
		}
		return config;
	};
	return {
		[serverCommands.lintFolder]: async ([folder], token) => {
			if (typeof folder !== 'string') return null;
			return folders.lint(folder.startsWith('file:') ? fileURLToPath(folder) : folder, token);
		},
		[serverCommands.fixAll]: async ([uri]) => {
			const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
			if (!doc) return null;
			const { version, findings } = await session.current(doc);
			if (doc.version !== version) return null;
			const edits = fixAllEdit(doc, findings);
			if (edits.length) {
				const edit = session.caps.versionedEdits ? { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }] } : { changes: { [doc.uri]: edits } };
				await connection.workspace.applyEdit({ label: 'newsproof: 修正全部', edit });
			}
			return null;
		},
		[serverCommands.ignore]: async ([uri, range, ruleId]) => {
			const doc = documents.get(String(uri));
			const path = pathOf(String(uri));
			if (!doc || !path) throw new Error('只能忽略已打开的本地文件中的问题');
			const r = range as Range;
			const offset = { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) };
			const root = ignoreRootFor(session, path);
			const file = addIgnoreEntry(root, ignoreEntryFor(root, path, doc.getText(), { ruleId: String(ruleId), offset }));
			connection.console.info(`newsproof: 已记入 ${file}`);
			session.relintAll();
			return file;
		},
		[serverCommands.disableRule]: async ([uri, ruleId]) => editConfig(uri, (config) => disableRuleInConfig(config, String(ruleId))),
		[serverCommands.addWord]: async ([uri, word]) => editConfig(uri, (config) => addWordToConfig(config, String(word))),
		[serverCommands.init]: async ([folder]) => initConfig(session, folder),
		[serverCommands.ruleDoc]: async ([ruleId]) => {
			await showRuleDoc(session, String(ruleId));
			return null;
		},
	};
}
