import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { docxOfText } from '../../helpers/docx';

// The extension in a real workbench: diagnostics, code actions and commands through the
// public VS Code API only. Waits are on onDidChangeDiagnostics events, never on sleeps; the
// timeout only turns a hang into a failure with a message.

const page = '000_0d5ab8225625b065.txt';

function workspaceUri(...parts: string[]): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'newsproof');

/** Resolves once the newsproof diagnostics of `uri` satisfy `accept` (checked now and on every change). */
function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const check = () => {
			const d = ours(uri);
			if (!accept(d)) return false;
			sub.dispose();
			clearTimeout(timer);
			resolve(d);
			return true;
		};
		const sub = vscode.languages.onDidChangeDiagnostics((e) => {
			if (e.uris.some((u) => u.toString() === uri.toString())) check();
		});
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`timed out waiting for ${what}; have ${JSON.stringify(ours(uri).map((d) => d.code))}`));
		}, timeoutMs);
		check();
	});
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const serious = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);

describe('newsproof in the workbench', () => {
	let doc: vscode.TextDocument;
	const uri = () => workspaceUri(page);

	before(async () => {
		const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'newsproof');
		assert.ok(ext, 'extension present');
		doc = await vscode.workspace.openTextDocument(uri());
		await vscode.window.showTextDocument(doc);
		await ext.activate();
	});

	it('reports exactly the nine serious findings of the sample page on open', async () => {
		const ds = await diagnosticsWhen(uri(), (d) => serious(d).length >= 9, 'nine serious findings');
		const codes = serious(ds).map(codeOf).sort();
		assert.deepEqual(codes, ['POL-501', 'POL-501', 'PUN-001', 'SPC-001', 'SPC-001', 'SPC-001', 'SPC-001', 'SPC-001', 'SPC-001']);
		const pol = ds.find((d) => codeOf(d) === 'POL-501')!;
		assert.equal(pol.range.start.line, 106);
		assert.equal(doc.getText(pol.range), '新的阶层人士');
		assert.equal(pol.severity, vscode.DiagnosticSeverity.Error);
	});

	it('explains a finding on hover, with its source', async () => {
		const target = ours(uri()).find((d) => codeOf(d) === 'PUN-001')!;
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), target.range.start);
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(text, new RegExp(codeOf(target)));
		assert.match(text, /依据：/);
	});

	it('applies the preferred quick fix and re-checks the edited text', async () => {
		const space = ours(uri()).find((d) => codeOf(d) === 'SPC-001')!;
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
			'vscode.executeCodeActionProvider',
			uri(),
			space.range,
			vscode.CodeActionKind.QuickFix.value,
		);
		const preferred = actions.find((a) => a.isPreferred);
		assert.ok(preferred?.edit, `preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
		assert.equal(preferred.title, '删除空格');
		const line = space.range.start.line;
		const before = doc.lineAt(line).text;
		assert.ok(await vscode.workspace.applyEdit(preferred.edit));
		assert.equal(doc.lineAt(line).text, before.replace(/(?<=\S) (?=\d)/, ''));
		const after = await diagnosticsWhen(uri(), (d) => serious(d).filter((x) => codeOf(x) === 'SPC-001').length === 5, 'five SPC-001 left');
		assert.equal(serious(after).length, 8);
	});

	it('ignores one occurrence through the code action, in .newsproof/ignore.yaml', async () => {
		const target = ours(uri()).find((d) => codeOf(d) === 'PUN-001')!;
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), target.range);
		const ignore = actions.find((a) => a.title.startsWith('忽略此处的 PUN-001'));
		assert.ok(ignore?.command, `ignore action among ${actions.map((a) => a.title).join(' | ')}`);
		const gone = diagnosticsWhen(uri(), (d) => !d.some((x) => codeOf(x) === 'PUN-001'), 'PUN-001 ignored');
		await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
		await gone;
		const list = readFileSync(workspaceUri('.newsproof', 'ignore.yaml').fsPath, 'utf8');
		assert.match(list, /rule: PUN-001/);
		assert.match(list, /text: 村\(社区\)|text: "?\(社区\)"?/);
		assert.ok(!doc.getText().includes('newsproof'), 'the draft itself is untouched');
	});

	it('opens the rule reference at the rule from the documentation action', async () => {
		const target = ours(uri()).find((d) => codeOf(d) === 'SPC-001')!;
		const id = codeOf(target);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), target.range);
		const show = actions.find((a) => a.title === `查看规则 ${id} 的说明`);
		assert.ok(show?.command);
		const opened = new Promise<vscode.TextEditor>((resolve) => {
			const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
				if (e && e.document.uri.path.endsWith('/docs/rules.md')) {
					sub.dispose();
					resolve(e);
				}
			});
		});
		await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
		const editor = await opened;
		assert.equal(editor.document.lineAt(editor.selection.active.line).text, `### ${id}`);
		await vscode.window.showTextDocument(doc);
	});

	it('Lint Folder reports drafts that are not open, and follows their changes on disk', async () => {
		const folder = workspaceUri('desk');
		const unopened = workspaceUri('desk', 'b.txt');
		assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()));
		const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('newsproof.lintFolder', folder);
		assert.equal(result.files, 3);
		const ds = await diagnosticsWhen(unopened, (d) => d.length > 0, 'diagnostics for an unopened file');
		assert.deepEqual(ds.map(codeOf), ['SPC-001']);
		const nested = await diagnosticsWhen(workspaceUri('desk', 'sub', 'c.news'), (d) => d.length > 0, 'diagnostics in a subfolder');
		assert.deepEqual(nested.map(codeOf), ['POL-501']);
		// Fixed on disk by someone else: the Problems panel follows.
		writeFileSync(unopened.fsPath, '全区6个办事处。\n');
		await diagnosticsWhen(unopened, (d) => d.length === 0, 'diagnostics cleared after the file changed on disk');
		// A .newsproofignore written afterwards takes the ignored drafts out of the Problems panel.
		writeFileSync(workspaceUri('desk', '.newsproofignore').fsPath, 'sub/\n');
		await diagnosticsWhen(workspaceUri('desk', 'sub', 'c.news'), (d) => d.length === 0, 'an ignored folder cleared');
	});

	it('disables a rule for the workspace in .newsproofrc.yaml', async () => {
		const target = ours(uri()).find((d) => codeOf(d) === 'POL-501')!;
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), target.range);
		const disable = actions.find((a) => a.title === '在本工作区停用规则 POL-501');
		assert.ok(disable?.command);
		const gone = diagnosticsWhen(uri(), (d) => !d.some((x) => codeOf(x) === 'POL-501'), 'POL-501 disabled');
		await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
		await gone;
		const config = workspaceUri('.newsproofrc.yaml').fsPath;
		assert.ok(existsSync(config));
		assert.match(readFileSync(config, 'utf8'), /POL-501: off/);
	});

	it('fixes everything certain with source.fixAll.newsproof', async () => {
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
			'vscode.executeCodeActionProvider',
			uri(),
			new vscode.Range(0, 0, 0, 0),
			'source.fixAll.newsproof',
		);
		const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.newsproof');
		assert.ok(fixAll?.edit);
		assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
		await diagnosticsWhen(uri(), (d) => !d.some((x) => codeOf(x) === 'SPC-001'), 'every stray space fixed');
	});

	it('fixes on save after fast typing, from the text as saved', async () => {
		const config = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
		await config.update('codeActionsOnSave', { 'source.fixAll.newsproof': 'explicit' }, vscode.ConfigurationTarget.Workspace);
		try {
			const file = workspaceUri('desk', 'fast.txt');
			writeFileSync(file.fsPath, '');
			const draft = await vscode.workspace.openTextDocument(file);
			const editor = await vscode.window.showTextDocument(draft);
			// Keystroke by keystroke, faster than the debounce, then save at once.
			for (const ch of '全区 6个办事处，大家再接再励。') {
				await editor.edit((e) => e.insert(draft.positionAt(draft.getText().length), ch), { undoStopBefore: false, undoStopAfter: false });
			}
			assert.ok(await draft.save());
			assert.equal(readFileSync(file.fsPath, 'utf8'), '全区6个办事处，大家再接再厉。');
		} finally {
			await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		}
	});

	it('in run-on-save mode, offers no edit for a squiggle the typing has moved', async () => {
		const settings = vscode.workspace.getConfiguration('newsproof');
		await settings.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
		try {
			const file = workspaceUri('desk', 'stale.txt');
			writeFileSync(file.fsPath, '全区 6个办事处。');
			const draft = await vscode.workspace.openTextDocument(file);
			const editor = await vscode.window.showTextDocument(draft);
			const [space] = await diagnosticsWhen(file, (d) => d.some((x) => codeOf(x) === 'SPC-001'), 'the stray space');
			await editor.edit((e) => e.insert(new vscode.Position(0, 0), '今天，'));
			// The squiggle stays where the last save put it, now on “，”.
			assert.equal(draft.getText(ours(file).find((x) => codeOf(x) === 'SPC-001')?.range ?? space.range), '，');
			const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
				'vscode.executeCodeActionProvider',
				file,
				space.range,
				vscode.CodeActionKind.QuickFix.value,
			);
			for (const a of actions.filter((x) => x.edit)) {
				assert.ok(await vscode.workspace.applyEdit(a.edit!));
				assert.ok(draft.getText().startsWith('今天，'), `“${a.title}” damaged the text: ${draft.getText()}`);
				await vscode.commands.executeCommand('undo');
			}
		} finally {
			await settings.update('run', undefined, vscode.ConfigurationTarget.Workspace);
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
	});

	it('contributes a walkthrough that opens', async () => {
		await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'newsproof.newsproof#start', false);
		const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
		assert.ok(tab, 'a tab opened');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	it("folds a folder of the paper's archive into the language model's overlay with its command", async () => {
		const archive = workspaceUri('archive');
		mkdirSync(archive.fsPath, { recursive: true });
		writeFileSync(workspaceUri('archive', '稿件.txt').fsPath, '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n');
		const result = (await vscode.commands.executeCommand('newsproof.lmAdd', archive)) as { file: string; files: number; message: string };
		assert.equal(result.files, 1);
		assert.equal(result.file, workspaceUri('.newsproof', 'lm-overlay.lm').fsPath);
		assert.ok(existsSync(result.file));
		assert.match(result.message, /lmOverlay: \[\.newsproof\/lm-overlay\.lm\]/);
	});

	it('registers its commands and the newsdraft language', async () => {
		const all = await vscode.commands.getCommands(true);
		for (const c of ['newsproof.lintFolder', 'newsproof.fixAll', 'newsproof.showOutput', 'newsproof.lmAdd']) assert.ok(all.includes(c), c);
		const news = await vscode.workspace.openTextDocument(workspaceUri('desk', 'sub', 'c.news'));
		assert.equal(news.languageId, 'newsdraft');
	});
});

describe('Word documents in the workbench', () => {
	const folder = () => workspaceUri('word');
	const docx = () => workspaceUri('word', 'page.docx');
	const view = () => docx().with({ scheme: 'newsproof-word' });
	const same = (ds: vscode.Diagnostic[]) =>
		ds
			.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character])
			.sort()
			.join('|');

	before(() => {
		// The sample page as saved from disk, as a Word document and as text side by side.
		const text = readFileSync(workspaceUri(page).fsPath, 'utf8').replace(/\n$/, '');
		mkdirSync(folder().fsPath, { recursive: true });
		writeFileSync(docx().fsPath, docxOfText(text));
		writeFileSync(workspaceUri('word', 'page.txt').fsPath, text + '\n');
	});

	it('Lint Folder lists a .docx in the Problems panel, on the view of its text, as the same text as .txt', async () => {
		const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('newsproof.lintFolder', folder());
		assert.equal(result.files, 2);
		const asText = await diagnosticsWhen(workspaceUri('word', 'page.txt'), (d) => d.length > 0, 'findings of the text copy');
		const asWord = await diagnosticsWhen(view(), (d) => d.length === asText.length, 'findings of the Word document');
		assert.equal(same(asWord), same(asText));
		assert.deepEqual(ours(docx()), [], 'nothing on the .docx itself, which the editor cannot show');
	});

	it('opens the read-only text with the findings inline and hovers', async () => {
		const editor = await vscode.commands.executeCommand<vscode.TextEditor>('newsproof.openWord', docx());
		assert.equal(editor.document.uri.toString(), view().toString());
		assert.equal(editor.document.getText() + '\n', readFileSync(workspaceUri('word', 'page.txt').fsPath, 'utf8'));
		const ds = await diagnosticsWhen(view(), (d) => d.length > 0, 'findings on the open view');
		const first = ds[0];
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', view(), first.range.start);
		const said = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(said, new RegExp(codeOf(first)));
		// Read-only: no quick fix edits it, and typing in the editor changes nothing.
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', view(), first.range);
		assert.ok(
			actions.every((a) => !a.edit),
			JSON.stringify(actions.map((a) => a.title)),
		);
		const before = editor.document.getText();
		assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), view().toString());
		await vscode.commands.executeCommand('type', { text: '改' });
		assert.equal(editor.document.getText(), before);
		assert.equal(editor.document.isDirty, false);
	});

	it('writes the revised copy NAME.newsproof.docx, and the view follows the document on disk', async () => {
		const result = await vscode.commands.executeCommand<{ file?: string; changes: number; comments: number }>('newsproof.writeWordRevisions', docx());
		assert.ok(result?.file, 'a copy was written');
		assert.equal(result.file, workspaceUri('word', 'page.newsproof.docx').fsPath);
		assert.ok(existsSync(result.file) && result.changes > 0);
		const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === view().toString())!;
		const changed = new Promise<void>((resolve) => {
			const sub = vscode.workspace.onDidChangeTextDocument((e) => {
				if (e.document === doc && doc.getText() === '全区 6个办事处均已挂牌。') {
					sub.dispose();
					resolve();
				}
			});
		});
		writeFileSync(docx().fsPath, docxOfText('全区 6个办事处均已挂牌。'));
		await changed;
		await diagnosticsWhen(
			view(),
			(d) => d.some((x) => codeOf(x) === 'SPC-001') && d.every((x) => x.range.start.line === 0),
			'findings of the changed document',
		);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	it('registers the Word commands', async () => {
		const all = await vscode.commands.getCommands(true);
		for (const c of ['newsproof.openWord', 'newsproof.writeWordRevisions']) assert.ok(all.includes(c), c);
	});
});
