import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { ConfigExistsError, writeStarterConfig } from '../io/starterConfig';
import { pathOf, type Session } from './session';

// The server's side of "newsproof: Create Config File": the starter .newsproofrc.yaml in a
// workspace folder, opened where the client can show documents. An existing config file is
// opened instead, never overwritten.

export interface InitResult {
	file: string;
	created: boolean;
}

/** A message that needs no answer: every client shows window/showMessage. */
const tell = (session: Session, message: string) => void session.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });

export async function initConfig(session: Session, folder: unknown): Promise<InitResult> {
	const path = typeof folder === 'string' ? pathOf(folder) : undefined;
	if (!path) throw new Error('请给出要创建配置文件的本地目录');
	let isFolder = false;
	try {
		isFolder = statSync(path).isDirectory();
	} catch {
		// Reported below.
	}
	if (!isFolder) throw new Error(`${path} 不是已有的目录`);
	if (session.roots.length && !session.roots.some((r) => path === r || path.startsWith(r + sep))) {
		throw new Error(`${path} 不在工作区内，未创建配置文件`);
	}
	let result: InitResult;
	try {
		result = { file: writeStarterConfig(path), created: true };
		tell(session, `newsproof：已创建 ${result.file}，各项均已注释，去掉行首的“# ”即启用`);
	} catch (err) {
		if (!(err instanceof ConfigExistsError)) throw err;
		result = { file: err.file, created: false };
		tell(session, `newsproof：${err.message}${session.caps.showDocument ? '，已为您打开' : ''}`);
	}
	if (session.caps.showDocument) {
		await session.connection.window.showDocument({ uri: pathToFileURL(result.file).href, takeFocus: true });
	}
	session.relintAll();
	return result;
}
