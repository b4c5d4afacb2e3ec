import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinRulesDir } from '../../server/src/engine';
import { applyChanges } from '../../server/src/lsp/documents';
import { mulberry32 } from '../../scripts/bench/util';
import { type LspSession, startServer } from '../helpers/lspClient';

// A bounded fuzz test of the language server: random documents, random incremental edits
// (some out of range), random valid and invalid requests, from a fixed seed. A few hundred
// operations here; `npm run fuzz` runs 20,000 (or NEWSPROOF_FUZZ_OPERATIONS). Invariants:
// - the server answers every request and stays up;
// - the diagnostics of an edited document equal those of the same text opened fresh;
// - a code action's edit is always one a fresh lint of the current text would make.

const root = join(builtinRulesDir(), '..');
const operations = Number(process.env.NEWSPROOF_FUZZ_OPERATIONS ?? (process.env.NEWSPROOF_FUZZ === 'long' ? 20000 : 300));
const seed = Number(process.env.NEWSPROOF_FUZZ_SEED ?? 20261207);

// Pieces that exercise the rules and the position arithmetic: stray spaces, half-width
// brackets, quotes across lines, bylines, dates, astral characters, CRLF, control characters.
const pieces = [
	'全区 6个办事处。',
	'再接再励',
	'新的阶层人士',
	'村(社区)',
	'“四个意识”',
	'本报讯（记者 王赛华）',
	'记者 王赛华 通讯员 李磊',
	'2021年11月18日（星期三）',
	'今天',
	'𠮷',
	'𠮷𠮷报道：',
	'\n',
	'\r\n',
	'\n\n',
	' ',
	'　',
	'“',
	'”',
	'，',
	'。',
	'(',
	')',
	'截止到',
	'的',
	'地',
	'得',
	'ABC 123',
	'\t',
	'\u0000',
	'\u001b[31m',
	'\ufeff',
	'\u200b',
	'积极的参与',
	'进行了',
];

interface Doc {
	uri: string;
	doc: TextDocument;
}

describe('language server fuzz', function () {
	this.timeout(Math.max(120000, operations * 200));
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-fuzz-'));

	before(async () => {
		session = startServer(root);
		session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
			params.items.map((i) => (i.section === 'newsproof' ? { debounceMs: 0 } : null)),
		);
		session.connection.onRequest('client/registerCapability', () => null);
		session.connection.onRequest('window/showMessageRequest', () => null);
		session.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
		await session.connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(dir).href,
			capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
			workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'fuzz' }],
		});
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it(`keeps its invariants over ${operations} random operations (seed ${seed})`, async () => {
		const rnd = mulberry32(seed);
		const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
		const text = (n: number) => Array.from({ length: n }, () => pick(pieces)).join('');
		const docs: Doc[] = [];
		let fresh = 0;
		const pull = async (uri: string) =>
			((await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
		const shape = (ds: Diagnostic[]) =>
			ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
		const open = async (content: string): Promise<Doc> => {
			const uri = pathToFileURL(join(dir, `f${fresh++}.txt`)).href;
			await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: content } });
			return { uri, doc: TextDocument.create(uri, 'plaintext', 1, content) };
		};
		/** A lint of the same text in a new document: what the edited document must show. */
		const freshLint = async (d: Doc) => {
			const twin = await open(d.doc.getText());
			const items = await pull(twin.uri);
			const close = () => session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: twin.uri } });
			return { twin, items, close };
		};
		const randomPosition = (d: TextDocument, wild: boolean) => {
			if (wild && rnd() < 0.2) return { line: Math.floor(rnd() * 50) - 5, character: Math.floor(rnd() * 80) - 5 };
			return d.positionAt(Math.floor(rnd() * (d.getText().length + 1)));
		};
		const randomRange = (d: TextDocument, wild = false): Range => {
			const a = randomPosition(d, wild);
			const b = randomPosition(d, wild);
			return d.offsetAt(a) <= d.offsetAt(b) ? { start: a, end: b } : { start: b, end: a };
		};

		// The dictionary loads after the first diagnostics; the comparisons start once it is in.
		const warm = await open('希望大家再接再励。');
		for (let tries = 0; !(await pull(warm.uri)).some((x) => x.code === 'TYP-005'); tries++) {
			assert.ok(tries < 200, 'the dictionary never loaded');
			await new Promise((r) => setTimeout(r, 50));
		}
		docs.push(await open(text(20)));
		for (let op = 0; op < operations; op++) {
			const r = rnd();
			const d = pick(docs);
			if (r < 0.08 && docs.length < 6) {
				docs.push(await open(text(5 + Math.floor(rnd() * 40))));
			} else if (r < 0.45) {
				// Incremental edits, several per notification; the client applies them the same way.
				const changes = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ range: randomRange(d.doc, true), text: text(Math.floor(rnd() * 3)) }));
				const version = d.doc.version + 1;
				// What a correct server holds: each change clamped to the document (see lsp/documents.ts).
				applyChanges(d.doc, changes, version);
				await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: changes });
			} else if (r < 0.6) {
				const items = await pull(d.uri);
				const { items: expected, close } = await freshLint(d);
				await close();
				assert.deepEqual(shape(items), shape(expected), `op ${op}: incremental result differs from a fresh lint of ${JSON.stringify(d.doc.getText())}`);
			} else if (r < 0.8) {
				// Code actions for diagnostics pulled now, or stale ones from before the last edit.
				const diagnostics =
					rnd() < 0.5 ? await pull(d.uri) : [{ range: randomRange(d.doc), code: pick(['SPC-001', 'TYP-005', 'XYZ-1']), source: 'newsproof', message: '?' }];
				const only = rnd() < 0.3 ? ['source.fixAll.newsproof'] : undefined;
				const actions = (await session.connection.sendRequest('textDocument/codeAction', {
					textDocument: { uri: d.uri },
					range: randomRange(d.doc),
					context: { diagnostics, only },
				})) as CodeAction[];
				const edits = actions.flatMap((a) => a.edit?.changes?.[d.uri] ?? []);
				if (!edits.length) continue;
				// Every single-finding fix must be one a fresh lint of this very text offers.
				const { twin, items, close } = await freshLint(d);
				const offered = new Set<string>();
				for (const item of items) {
					const twinActions = (await session.connection.sendRequest('textDocument/codeAction', {
						textDocument: { uri: twin.uri },
						range: item.range,
						context: { diagnostics: [item] },
					})) as CodeAction[];
					for (const e of twinActions.flatMap((a) => a.edit?.changes?.[twin.uri] ?? [])) offered.add(JSON.stringify(e));
				}
				await close();
				for (const a of actions.filter((x) => x.kind === 'quickfix' && x.edit && !x.title.startsWith('修正本文所有'))) {
					for (const e of a.edit!.changes![d.uri] as TextEdit[]) {
						assert.ok(
							offered.has(JSON.stringify(e)),
							`op ${op}: “${a.title}” edits ${JSON.stringify(e)}, which a fresh lint of ${JSON.stringify(d.doc.getText())} does not offer`,
						);
					}
				}
			} else if (r < 0.9) {
				// Commands with random, often wrong, arguments: answered, never crashing the server.
				const command = pick(['ignore', 'disableRule', 'addWord', 'ruleDoc', 'fixAll', 'lintFolder', 'nonsense']);
				const args = [pick([d.uri, 'file:///', 42, null, '']), pick([randomRange(d.doc, true), 'SPC-001', {}, undefined]), pick(['SPC-001', 7, null])];
				await session.connection.sendRequest('workspace/executeCommand', { command: `newsproof.server.${command}`, arguments: args });
				// A valid command may switch a rule off or ignore a place: undo it, so that later operations see every rule.
				rmSync(join(dir, '.newsproofrc.yaml'), { force: true });
				rmSync(join(dir, '.newsproof'), { recursive: true, force: true });
			} else {
				// Requests the server does not know, or with nonsense parameters: an error answer, not silence.
				const method = pick(['textDocument/hover', 'textDocument/codeAction', 'textDocument/diagnostic', 'newsproof/unknown']);
				await session.connection
					.sendRequest(method, pick([{}, { textDocument: { uri: 42 } }, { textDocument: { uri: d.uri }, range: 'x' }, null]))
					.catch(() => undefined);
			}
		}
		// Still serving after it all.
		const last = await open('希望大家再接再励。');
		assert.deepEqual(
			(await pull(last.uri)).map((x) => x.code),
			['TYP-005'],
		);
		assert.equal(session.child.exitCode, null, session.stderr());
	});
});
