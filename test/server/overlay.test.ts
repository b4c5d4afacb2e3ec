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
// the overlay again (a new folder of the archive folded in), the open drafts are checked again
// with it, as when a rule file changes.

const root = join(builtinRulesDir(), '..');

describe('language server: a rewritten language-model overlay', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-overlay-'));
	const overlay = join(dir, '.newsproof', 'lm-overlay.lm');
	const model = new ModelHolder(builtinModelPath()).get()!;
	const write = (archive: string) => writeFileSync(overlay, buildOverlay(model, [archive], { folders: [], files: 1 }));

	before(async () => {
		mkdirSync(join(dir, '.newsproof'));
		write('二七区召开会议。二七区召开会议。\n');
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		session = startServer(root);
		await initializeFolder(session, dir);
	});
	after(() => session.close());

	it('checks the open drafts again, and the paper’s own usage is no longer flagged', async () => {
		const uri = pathToFileURL(join(dir, 'draft.txt')).href;
		const typo = (ds: Diagnostic[]) => ds.some((d) => d.code === 'TYP-900');
		// First diagnostics go out before the model is in; the draft is checked again once it is.
		const flagged = session.diagnostics(uri, (p) => typo(p.diagnostics), 30000);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '他们在会上对下一步工作作出了具体的不署。\n' },
		});
		await flagged;
		const again = session.diagnostics(uri);
		write('区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n');
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(overlay).href, type: 2 }] });
		assert.ok(!typo(await again), 'TYP-900 after the overlay was written again');
	});
});

describe('language server: an overlay the config names before it is built', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-overlay-late-'));
	const overlay = join(dir, '.newsproof', 'lm-overlay.lm');
	const model = new ModelHolder(builtinModelPath()).get()!;

	before(async () => {
		writeFileSync(join(dir, '.newsproofrc.yaml'), 'lmOverlay: [.newsproof/lm-overlay.lm]\n');
		session = startServer(root);
		await initializeFolder(session, dir);
	});
	after(() => session.close());

	it('is used once lm add has written it', async () => {
		const uri = pathToFileURL(join(dir, 'draft.txt')).href;
		const typo = (ds: Diagnostic[]) => ds.some((d) => d.code === 'TYP-900');
		const flagged = session.diagnostics(uri, (p) => typo(p.diagnostics), 30000);
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'plaintext', version: 1, text: '他们在会上对下一步工作作出了具体的不署。\n' },
		});
		await flagged;
		const again = session.diagnostics(uri);
		mkdirSync(join(dir, '.newsproof'));
		writeFileSync(overlay, buildOverlay(model, ['区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n'], { folders: [], files: 1 }));
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(overlay).href, type: 1 }] });
		assert.ok(!typo(await again), 'TYP-900 after the overlay was written');
	});
});
