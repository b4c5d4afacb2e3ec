import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRulesDir } from '../../server/src/engine';
import { type LspSession, startServer } from '../helpers/lspClient';

// A hostile house rule in the workspace: a pattern the ReDoS checker cannot judge (it does
// not know the Kawi script), exponential on 甲甲…丙. Before the budget, each lint of a draft
// full of such paragraphs held the server for 250 ms a paragraph (10 s and more for 40),
// and every other document waited. Now the rule is stopped at its first slow paragraph and
// switched off for the draft: its lint ends within the budget, the draft shows one
// diagnostic naming the rule, and another document's diagnostics and hover come through,
// on open and again after edits to the hostile draft.

const root = join(builtinRulesDir(), '..');

describe('language server with a hostile house pattern', function () {
	this.timeout(60000);
	let session: LspSession;
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lsp-house-regex-'));
	writeFileSync(
		join(dir, 'house.yaml'),
		"rules:\n  - id: HSE-001\n    kind: pattern\n    find: '(?:甲|甲甲)+(?=乙)|\\p{Script=Kawi}'\n    examples: { bad: [x], good: [y] }\n",
	);
	writeFileSync(join(dir, '.newsproofrc.yaml'), 'ruleFiles: [house.yaml]\n');
	const hostileText = (n: number) => Array.from({ length: 40 }, (_, i) => `他说${'甲'.repeat(50)}丙，第${i + n}件事已经办好了。`).join('\n\n') + '\n';

	before(async () => {
		session = startServer(root, ['--stdio'], root);
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
		await session.connection.sendNotification('initialized', {});
	});
	after(() => session.close());

	it('lints the hostile draft within its budget and keeps answering for another document', async () => {
		const hostile = pathToFileURL(join(dir, 'hostile.txt')).href;
		const other = pathToFileURL(join(dir, 'other.txt')).href;
		const stopped = session.diagnostics(hostile, (p) => p.diagnostics.some((d) => d.code === 'newsproof-budget'));
		const otherFound = session.diagnostics(other, (p) => p.diagnostics.some((d) => d.code === 'SPC-001'));
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: hostile, languageId: 'plaintext', version: 1, text: hostileText(1) },
		});
		await session.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: other, languageId: 'plaintext', version: 1, text: '全区 6个办事处已经开门。\n' },
		});

		const onHostile = await stopped;
		const budget = onHostile.filter((d) => d.code === 'newsproof-budget');
		assert.equal(budget.length, 1);
		assert.match(String(budget[0].message), /规则 HSE-001（.*house\.yaml:2）的正则表达式用完了本文档的时间预算/);
		assert.deepEqual(
			onHostile.filter((d) => String(d.code).startsWith('HSE')),
			[],
		);
		assert.deepEqual(
			(await otherFound).map((d) => d.code),
			['SPC-001'],
		);

		// Edits to the hostile draft: each lint has its own budget and ends; the other document is still served.
		for (let version = 2; version <= 4; version++) {
			const again = session.diagnostics(hostile, (p) => p.version === version || p.diagnostics.some((d) => d.code === 'newsproof-budget'));
			await session.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri: hostile, version },
				contentChanges: [{ text: hostileText(version) }],
			});
			const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 2 } })) as {
				contents: { value: string };
			} | null;
			assert.ok(hover, 'hover on the other document');
			assert.match(hover.contents.value, /SPC-001|空格/);
			assert.equal((await again).filter((d) => d.code === 'newsproof-budget').length, 1);
		}
		assert.ok(!/检查 .* 时出错/.test(session.stderr()), session.stderr());
	});
});
