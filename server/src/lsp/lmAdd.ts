import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { overlayHint, writeArchiveOverlay } from '../io/archiveOverlay';
import { refuseLinks } from './configEdit';
import { pathOf, type Session } from './session';

// The server's side of "newsproof: Fold the Paper's Archive into the Language Model", the
// editor's `newsproof lm add`: the folders given are counted into .newsproof/lm-overlay.lm
// of the first workspace folder, file by file, with the server's other work let through
// between files; then the drafts open are checked again, and the desk is told what the
// config still needs. Only in a trusted workspace: it reads folders and writes a file.

export interface LmAddResult {
	file: string;
	files: number;
	skipped: number;
	characters: number;
	/** What the desk is told (also shown as a message). */
	message: string;
}

export async function lmAddCommand(session: Session, folders: unknown): Promise<LmAddResult> {
	if (!session.trusted) throw new Error('工作区未受信任，不统计稿件库');
	const root = session.roots[0];
	if (!root) throw new Error('请先打开工作区文件夹：增补文件写在其中的 .newsproof/ 里');
	const paths = (Array.isArray(folders) ? folders : [folders]).map((f) => (typeof f === 'string' ? pathOf(f) : undefined));
	if (!paths.length) throw new Error('请给出稿件库的目录');
	for (const [i, path] of paths.entries()) {
		let folder = false;
		try {
			folder = path !== undefined && statSync(path).isDirectory();
		} catch {
			// Reported below.
		}
		if (!folder) throw new Error(`${path ?? String((folders as unknown[])[i])} 不是本地的目录`);
	}
	const model = session.engine.model.get();
	if (!model) throw new Error(`语言模型不可用：${session.engine.model.error?.message ?? '未知原因'}`);
	const output = join(root, '.newsproof', 'lm-overlay.lm');
	refuseLinks(root, output);
	const run = await writeArchiveOverlay(model, output, paths as string[], {
		note: (message, path) => session.connection.console.warn(`newsproof: ${path ? `${path}: ` : ''}${message}`),
		pause: () => new Promise((resolve) => setImmediate(resolve)),
	});
	const message =
		`newsproof：已写入 .newsproof/lm-overlay.lm（${run.counted} 个文件，${run.info.characters} 字` +
		`${run.skipped ? `，跳过 ${run.skipped} 个，原因见输出面板` : ''}）；${overlayHint(output, root)}`;
	void session.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
	session.relintAll();
	return { file: output, files: run.counted, skipped: run.skipped, characters: run.info.characters, message };
}
