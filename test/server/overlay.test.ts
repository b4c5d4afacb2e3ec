import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { buildOverlay, builtinRulesDir } from '../../server/src/engine';
import { builtinModelPath, ModelHolder } from '../../server/src/engine/lm/loader';
import { initializeFolder, type LspSession, startServer } from '../helpers/lspClient';

// The editor and a newsroom's overlay of the language model: when `newsproof lm add` writes
// the overlay (again, with a new folder of the archive folded in, or for the first time after
// the config named it), the open drafts are checked again with it.

const root = join(builtinRulesDir(), '..');
const draft = '他们在会上对下一步工作作出了具体的不署。\n';
/** The paper's own usage of the draft's odd word, twice. */
const usage = '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n';
const typo = (ds: Diagnostic[]) => ds.some((d) => d.code === 'TYP-900');

describe('language server: the language-model overlay written by lm add', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-overlay-'));
	const model = new ModelHolder(builtinModelPath()).get()!;

	/** A folder whose config names its overlay (written with `archive` unless undefined). */
	const desk = (name: string, archive?: string) => {
		const folder = join(dir, name);
		mkdirSync(join(folder, '.newsproof'), { recursive: true });
		writeFileSync(join(folder, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		const overlay = join(folder, '.newsproof', 'lm-overlay.lm');
		const write = (text: string) => writeFileSync(overlay, buildOverlay(model, [text], { folders: [], files: 1 }));
		if (archive !== undefined) write(archive);
		return { folder, overlay, write };
	};

	/** Opens the draft in `folder` and waits until the model flags it; `next` waits for its next diagnostics. */
	const openFlagged = async (folder: string) => {
		const uri = pathToFileURL(join(folder, 'draft.txt')).href;
		// First diagnostics go out before the model is in; the draft is checked again once it is.
		const flagged = session.diagnostics(uri, (p) => typo(p.diagnostics), 30000);
		await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: draft } });
		await flagged;
		return { next: session.diagnostics(uri) };
	};
	const changed = (file: string, type: number) =>
		session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type }] });

	before(async () => {
		session = startServer(root);
		await initializeFolder(session, dir);
	});
	after(() => session.close());

	it('checks the open drafts again when it is written again, and the paper’s usage is no longer flagged', async () => {
		const { folder, overlay, write } = desk('rewritten', '二七区召开会议。二七区召开会议。\n');
		const { next } = await openFlagged(folder);
		write(usage);
		await changed(overlay, 2);
		assert.ok(!typo(await next), 'TYP-900 after the overlay was written again');
	});

	it("is written by the editor's command, and the drafts open are checked with it", async () => {
		// The command writes the overlay of the first workspace folder; this folder's config names it.
		const folder = join(dir, 'command');
		mkdirSync(join(folder, 'archive'), { recursive: true });
		writeFileSync(join(folder, '.newsproofrc.yaml'), 'lmOverlay: [../.newsproof/lm-overlay.lm]\n');
		writeFileSync(join(folder, 'archive', '稿件.txt'), usage);
		writeFileSync(join(folder, 'archive', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
		const { next } = await openFlagged(folder);
		const result = (await session.connection.sendRequest('workspace/executeCommand', {
			command: 'newsproof.server.lmAdd',
			arguments: [[pathToFileURL(join(folder, 'archive')).href]],
		})) as { file: string; files: number; skipped: number; message: string };
		assert.equal(result.file, join(dir, '.newsproof', 'lm-overlay.lm'));
		assert.deepEqual([result.files, result.skipped], [1, 1]);
		assert.match(result.message, /已写入 \.newsproof\/lm-overlay\.lm（1 个文件，\d+ 字，跳过 1 个/);
		assert.ok(!typo(await next), 'TYP-900 after the command wrote the overlay');
	});

	it('is used once written, when the config named it before it was built', async () => {
		// Until the file exists the config is unusable; the server reads it again once it does.
		const { folder, overlay, write } = desk('late');
		const { next } = await openFlagged(folder);
		write(usage);
		await changed(overlay, 1);
		assert.ok(!typo(await next), 'TYP-900 after the overlay was written');
	});
});
