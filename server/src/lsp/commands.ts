import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Range } from 'vscode-languageserver/node';
import { ignoreEntryFor, ignoreFilePath } from '../engine';
import { findingFor, fixAllEdit, wordLike } from './codeActions';
import { addIgnoreEntry, addWordToConfig, configFileFor, disableRuleInConfig, refuseLinks, within } from './configEdit';
import { ruleDocUri } from './diagnostics';
import type { FolderLints } from './folders';
import { ruleIdPattern, serverCommands, wordViewScheme } from './protocol';
import { pathOf, type Session } from './session';
import { initConfig } from './initConfig';
import { lmAddCommand } from './lmAdd';
import { writeWordRevisions } from './word';

// workspace/executeCommand: one handler per server command. Each reads its arguments as the
// protocol module documents them; a failure is shown to the user, never thrown at the client.

type Handler = (args: unknown[], token: CancellationToken) => Promise<unknown>;

function isRange(value: unknown): value is Range {
	const pos = (p: unknown) =>
		typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
	return typeof value === 'object' && value !== null && pos((value as Range).start) && pos((value as Range).end);
}

/**
 * The workspace folder an editor action may write in for a draft: the one holding it. With no
 * workspace folder at all (a single file opened), the draft's own folder. Anything else is
 * refused: a command's arguments come from the client and are checked like any input.
 */
function writableRoot(session: Session, path: string): string {
	if (!session.roots.length) return dirname(path);
	const root = session.rootFor(path);
	if (!root) throw new Error(`${path} 不在已打开的工作区文件夹中，未写入`);
	return root;
}

/** Where an occurrence of `path` is recorded: beside an existing ignore list inside the workspace folder, else the folder itself. */
function ignoreRootFor(session: Session, path: string, root: string): string {
	const existing = session.engine.ignores.find(path);
	const beside = existing ? dirname(dirname(existing)) : undefined;
	return beside && within(root, beside) ? beside : root;
}

/** Opens the rule's entry in docs/rules.md where the client can show documents; otherwise says where it is. */
async function showRuleDoc(session: Session, ruleId: string): Promise<void> {
	const href = ruleDocUri(ruleId);
	const file = fileURLToPath(href.replace(/#.*/, ''));
	if (session.caps.showDocument && existsSync(file)) {
		const line = Number(/#L(\d+)$/.exec(href)?.[1] ?? 1) - 1;
		const at = { line, character: 0 };
		await session.connection.window.showDocument({ uri: pathToFileURL(file).href, takeFocus: true, selection: { start: at, end: at } });
		return;
	}
	session.connection.window.showInformationMessage(`规则 ${ruleId} 的说明：${href}`);
}

export function commandTable(session: Session, folders: FolderLints): Record<string, Handler> {
	const { connection, documents } = session;
	/** The local path of a draft named by a command, or an error. */
	const draftPath = (uri: unknown): string => {
		const path = typeof uri === 'string' ? pathOf(uri) : undefined;
		if (!path) throw new Error('命令参数应为本地文件的 URI');
		return path;
	};
	const editConfig = (uri: unknown, edit: (file: string) => boolean): string => {
		const path = draftPath(uri);
		const root = writableRoot(session, path);
		const config = configFileFor(path, root);
		refuseLinks(root, config);
		if (edit(config)) {
			connection.console.info(`newsproof: 已写入 ${config}`);
			session.relintAll();
		}
		return config;
	};
	return {
		[serverCommands.lintFolder]: async ([folder], token) => {
			if (typeof folder !== 'string') throw new Error('命令参数应为文件夹路径或 URI');
			const path = folder.startsWith('file:') ? fileURLToPath(folder) : folder;
			if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${path} 不是文件夹`);
			if (session.roots.length && !session.roots.some((r) => within(r, path))) throw new Error(`${path} 不在已打开的工作区文件夹中`);
			return folders.lint(path, token);
		},
		[serverCommands.fixAll]: async ([uri]) => {
			const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
			// A Word document's view is read-only: its fixes go into the revised copy.
			if (!doc || doc.uri.startsWith(wordViewScheme + ':')) return null;
			const { version, findings } = await session.current(doc);
			if (doc.version !== version) return null;
			const edits = fixAllEdit(doc, findings);
			if (edits.length) {
				const edit = session.caps.versionedEdits
					? { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }] }
					: { changes: { [doc.uri]: edits } };
				await connection.workspace.applyEdit({ label: 'newsproof: 修正全部', edit });
			}
			return null;
		},
		[serverCommands.ignore]: async ([uri, range, ruleId]) => {
			const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
			const path = draftPath(uri);
			if (!doc) throw new Error('只能忽略已打开的文稿中的问题');
			if (!isRange(range) || typeof ruleId !== 'string' || !ruleIdPattern.test(ruleId)) throw new Error('忽略命令的参数无效');
			// Only an occurrence the draft reports now, exactly there, is recorded.
			const { version, findings } = await session.current(doc);
			const finding = doc.version === version ? findingFor({ range, code: ruleId }, findings) : undefined;
			if (!finding) throw new Error(`此处已没有 ${ruleId} 的问题（文稿已改动），未记入忽略清单`);
			const root = ignoreRootFor(session, path, writableRoot(session, path));
			refuseLinks(root, ignoreFilePath(root));
			const file = addIgnoreEntry(root, ignoreEntryFor(root, path, doc.getText(), finding));
			connection.console.info(`newsproof: 已记入 ${file}`);
			session.relintAll();
			return file;
		},
		[serverCommands.disableRule]: async ([uri, ruleId]) => {
			if (typeof ruleId !== 'string' || !ruleIdPattern.test(ruleId)) throw new Error('停用规则命令的参数无效');
			return editConfig(uri, (config) => disableRuleInConfig(config, ruleId));
		},
		[serverCommands.addWord]: async ([uri, word]) => {
			if (typeof word !== 'string' || !wordLike.test(word)) throw new Error('只能把 2 到 8 个汉字的词加入词表');
			return editConfig(uri, (config) => addWordToConfig(config, word));
		},
		[serverCommands.init]: async ([folder]) => initConfig(session, folder),
		[serverCommands.lmAdd]: async ([folders]) => lmAddCommand(session, folders),
		[serverCommands.wordRevisions]: async ([uri]) => {
			writableRoot(session, draftPath(uri));
			return writeWordRevisions(session, uri);
		},
		[serverCommands.ruleDoc]: async ([ruleId]) => {
			if (typeof ruleId !== 'string' || !ruleIdPattern.test(ruleId)) throw new Error('规则说明命令的参数无效');
			await showRuleDoc(session, ruleId);
			return null;
		},
	};
}
