import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// Quick fixes and fix-all are computed against the text the request is about, never taken
// from an older lint: an edit made for another version of the text damages it.

const root = join(builtinRulesDir(), '..');

function applyEdits(text: string, edits: TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}

/** Every text edit the actions carry, applied one action at a time. */
function outcomes(text: string, uri: string, actions: CodeAction[]): string[] {
	return actions.filter((a) => a.edit).map((a) => applyEdits(text, a.edit!.changes![uri]));
}

interface Mode {
	name: string;
	pull: boolean;
	run: 'onType' | 'onSave';
}

const modes: Mode[] = [
	{ name: 'pull, run on save', pull: true, run: 'onSave' },
	{ name: 'push, run on save', pull: false, run: 'onSave' },
	{ name: 'pull, run on type', pull: true, run: 'onType' },
	{ name: 'push, run on type', pull: false, run: 'onType' },
];

for (const mode of modes) {
	describe(`language server fixes never damage text (${mode.name})`, function () {
		this.timeout(60000);
		let session: LspSession;
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-fixes-'));
		let n = 0;

		before(async () => {
			session = startServer(root);
			// A long debounce: the requests below always arrive before a scheduled lint would run.
			session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
				params.items.map((i) => (i.section === 'newsproof' ? { run: mode.run, debounceMs: 5000 } : null)),
			);
			session.connection.onRequest('client/registerCapability', () => null);
			await session.connection.sendRequest('initialize', {
				processId: process.pid,
				rootUri: pathToFileURL(dir).href,
				capabilities: {
					textDocument: { publishDiagnostics: { versionSupport: true }, ...(mode.pull ? { diagnostic: {} } : {}) },
					workspace: { configuration: true },
				},
			});
			await session.connection.sendNotification('initialized', {});
		});
		after(() => session.close());

		/** Opens a draft and returns its first diagnostics, pulled or pushed. */
		async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
			const uri = pathToFileURL(join(dir, `d${++n}.txt`)).href;
			const pushed = mode.pull ? undefined : session.diagnostics(uri);
			await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
			const diagnostics = mode.pull
				? ((await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items
				: await pushed!;
			return { uri, diagnostics };
		}

		const change = (uri: string, version: number, text: string) =>
			session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });

		it('offers no edit for a squiggle whose text has moved, and fixes the text where it is now', async () => {
			const { uri, diagnostics } = await open('全区 6个办事处。');
			const [space] = diagnostics.filter((d) => d.code === 'SPC-001');
			assert.deepEqual(space.range.start, { line: 0, character: 2 });
			// Typing before it moves the space two characters on; the editor still shows the old range.
			const typed = '今天，全区 6个办事处。';
			await change(uri, 2, typed);
			const actions = (await session.connection.sendRequest('textDocument/codeAction', {
				textDocument: { uri },
				range: space.range,
				context: { diagnostics: [space] },
			})) as CodeAction[];
			for (const result of outcomes(typed, uri, actions)) {
				assert.ok(result.startsWith('今天，'), `an edit damaged the text: ${result}`);
				assert.equal(result, '今天，全区6个办事处。');
			}
			// No action pins or acts on the stale place either.
			assert.ok(!actions.some((a) => a.title.startsWith('忽略此处')), 'no ignore entry for a range that moved');
		});

		it('answers source.fixAll right after an edit with the fixes of the edited text', async () => {
			const { uri } = await open('全区 6个办事处。');
			const typed = '希望大家再接再励，全区 7个街道。';
			await change(uri, 2, typed);
			const actions = (await session.connection.sendRequest('textDocument/codeAction', {
				textDocument: { uri },
				range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
				context: { diagnostics: [], only: ['source.fixAll.newsproof'] },
			})) as CodeAction[];
			assert.equal(actions.length, 1);
			assert.equal(actions[0].kind, 'source.fixAll.newsproof');
			assert.equal(applyEdits(typed, actions[0].edit!.changes![uri]), '希望大家再接再厉，全区7个街道。');
		});

		it('fixes the current text through the fix-all command after an edit', async () => {
			const { uri } = await open('全区 6个办事处。');
			const typed = '全区 8个社区，再接再励。';
			await change(uri, 2, typed);
			let applied: TextEdit[] | undefined;
			const disposable = session.connection.onRequest('workspace/applyEdit', (params: { edit: { changes: Record<string, TextEdit[]> } }) => {
				applied = params.edit.changes[uri];
				return { applied: true };
			});
			await session.connection.sendRequest('workspace/executeCommand', { command: 'newsproof.server.fixAll', arguments: [uri] });
			disposable.dispose();
			assert.ok(applied, 'the command applied an edit');
			assert.equal(applyEdits(typed, applied!), '全区8个社区，再接再厉。');
		});

		it('never offers to add a certain error to the word list', async () => {
			const { uri, diagnostics } = await open('希望大家再接再励。水质状况令人堪忧。');
			const certain = diagnostics.find((d) => d.code === 'TYP-005')!;
			const uncertain = diagnostics.find((d) => d.code === 'TYP-039')!;
			const titles = async (d: Diagnostic) =>
				(
					(await session.connection.sendRequest('textDocument/codeAction', {
						textDocument: { uri },
						range: d.range,
						context: { diagnostics: [d] },
					})) as CodeAction[]
				).map((a) => a.title);
			assert.ok(!(await titles(certain)).some((t) => t.includes('词表')), 'no word-list action on 再接再励');
			assert.ok(
				(await titles(uncertain)).some((t) => t.includes('词表')),
				'a word-list action where the finding is a judgement',
			);
		});
	});
}
