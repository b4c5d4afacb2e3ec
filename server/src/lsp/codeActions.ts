import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, type Finding } from '../engine';
import { type DiagnosticData, fixAllKind, serverCommands } from './protocol';

// Code actions come from each diagnostic's `data` (its fixes as computed when it was
// reported), never from parsing its message. Fix-all actions use the current findings.

function isOurs(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
	return d.source === 'newsproof' && typeof d.data === 'object' && d.data !== null && Array.isArray((d.data as DiagnosticData).fixes);
}

/** One edit replacing the whole document with the result of the certain fixes. */
export function fixAllEdit(doc: TextDocument, findings: Finding[]): TextEdit[] {
	const text = doc.getText();
	const { text: fixed, applied } = applyFixes(text, findings);
	if (!applied || fixed === text) {
		return [];
	}
	// Narrow the edit to the changed span so that the editor keeps cursor and folding.
	let start = 0;
	while (start < text.length && start < fixed.length && text[start] === fixed[start]) start++;
	let endA = text.length;
	let endB = fixed.length;
	while (endA > start && endB > start && text[endA - 1] === fixed[endB - 1]) {
		endA--;
		endB--;
	}
	return [{ range: { start: doc.positionAt(start), end: doc.positionAt(endA) }, newText: fixed.slice(start, endB) }];
}

export function codeActionsFor(doc: TextDocument, diagnostics: Diagnostic[], findings: Finding[], only?: string[]): CodeAction[] {
	const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
	const actions: CodeAction[] = [];
	const uri = doc.uri;
	if (wants(CodeActionKind.QuickFix)) {
		const rulesSeen = new Set<string>();
		for (const d of diagnostics.filter(isOurs)) {
			const data: DiagnosticData = d.data;
			data.fixes.forEach((fix, i) => {
				actions.push({
					title: fix.title,
					kind: CodeActionKind.QuickFix,
					diagnostics: [d],
					isPreferred: i === 0 && data.certain,
					edit: { changes: { [uri]: fix.edits } },
				});
			});
			const ruleId = data.ruleId;
			const sameRule = findings.filter((f) => f.ruleId === ruleId && f.certain);
			if (sameRule.length > 1 && !rulesSeen.has(ruleId)) {
				rulesSeen.add(ruleId);
				const edits = fixAllEdit(doc, sameRule);
				if (edits.length) {
					actions.push({ title: `修正本文所有 ${ruleId} 问题（${sameRule.length} 处）`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: edits } } });
				}
			}
		}
		// After every text fix, so that an editor's first quick fix is always a correction.
		for (const d of diagnostics.filter(isOurs)) actions.push(...settingActions(uri, d, d.data));
	}
	if ((only && wants(fixAllKind)) || (!only && findings.some((f) => f.certain))) {
		const edits = fixAllEdit(doc, findings);
		if (edits.length) {
			actions.push({ title: '修正本文所有可确定的问题（newsproof）', kind: fixAllKind, edit: { changes: { [uri]: edits } } });
		}
	}
	return actions;
}


/** A word the house dictionary could accept: a short run of Han characters, nothing else. */
const wordLike = /^[\u3400-\u9fff\u{20000}-\u{3134f}]{2,8}$/u;

/** Actions that leave the text alone and change what newsproof reports instead. They run as
 * server commands, so every editor gets them, and they come after the text fixes. */
function settingActions(uri: string, d: Diagnostic, data: DiagnosticData): CodeAction[] {
	const id = data.ruleId;
	const actions: CodeAction[] = [
		{
			title: `忽略此处的 ${id}（记入 .newsproof/ignore.yaml）`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [d],
			command: { title: '忽略此处', command: serverCommands.ignore, arguments: [uri, d.range, id] },
		},
	];
	if (data.category === 'typo' && data.text && wordLike.test(data.text)) {
		actions.push({
			title: `将“${data.text}”加入本报词表`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [d],
			command: { title: '加入词表', command: serverCommands.addWord, arguments: [uri, data.text] },
		});
	}
	actions.push(
		{
			title: `在本工作区停用规则 ${id}`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [d],
			command: { title: '停用规则', command: serverCommands.disableRule, arguments: [uri, id] },
		},
		{
			title: `查看规则 ${id} 的说明`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [d],
			command: { title: '规则说明', command: serverCommands.ruleDoc, arguments: [id] },
		},
	);
	return actions;
}
