import { type CodeAction, CodeActionKind, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, type Finding } from '../engine';
import { fixAllKind, ruleIdPattern, serverCommands } from './protocol';

// Code actions are computed when they are asked for, from a lint of the very text the request
// is about (as vscode-eslint does). A diagnostic the editor still shows from an older lint
// (run on save, or typing faster than the debounce) is matched to the current findings by
// rule and range; one that no longer matches gets no edit, since an edit made for another
// version of the text lands on the wrong characters.

/** A finding of a rule (not a config problem or the findings cap), as this server reported it. */
function isOurs(d: Diagnostic): boolean {
	return d.source === 'newsproof' && typeof d.code === 'string' && ruleIdPattern.test(d.code);
}

const sameRange = (a: Range, b: Range) =>
	a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The current finding a diagnostic stands for, if the text under it has not moved. */
export function findingFor(d: Pick<Diagnostic, 'code' | 'range'>, findings: Finding[]): Finding | undefined {
	return findings.find((f) => f.ruleId === d.code && sameRange(f.range, d.range));
}

/** One edit replacing the changed span of the document with the result of the certain fixes. */
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

/**
 * Actions for the diagnostics of a request. `findings` must come from a lint of `doc` as it
 * is now (same version).
 */
export function codeActionsFor(doc: TextDocument, diagnostics: Diagnostic[], findings: Finding[], only?: string[]): CodeAction[] {
	const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
	const actions: CodeAction[] = [];
	const uri = doc.uri;
	const ours = diagnostics.filter(isOurs).map((d) => ({ d, finding: findingFor(d, findings) }));
	if (wants(CodeActionKind.QuickFix)) {
		const rulesSeen = new Set<string>();
		for (const { d, finding } of ours) {
			if (!finding) continue;
			finding.fixes.forEach((fix, i) => {
				actions.push({
					title: fix.title,
					kind: CodeActionKind.QuickFix,
					diagnostics: [d],
					isPreferred: i === 0 && finding.certain,
					edit: { changes: { [uri]: fix.edits } },
				});
			});
			const sameRule = findings.filter((f) => f.ruleId === finding.ruleId && f.certain);
			if (sameRule.length > 1 && !rulesSeen.has(finding.ruleId)) {
				rulesSeen.add(finding.ruleId);
				const edits = fixAllEdit(doc, sameRule);
				if (edits.length) {
					actions.push({
						title: `修正本文所有 ${finding.ruleId} 问题（${sameRule.length} 处）`,
						kind: CodeActionKind.QuickFix,
						diagnostics: [d],
						edit: { changes: { [uri]: edits } },
					});
				}
			}
		}
		// After every text fix, so that an editor's first quick fix is always a correction.
		for (const { d, finding } of ours) actions.push(...settingActions(uri, d, finding));
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
export const wordLike = /^[\u3400-\u9fff\u{20000}-\u{3134f}]{2,8}$/u;

/**
 * Whether "add to the word list" makes sense: a typo judgement on something that may be a
 * local name or term. A certain error (再接再励) or an error-level finding never qualifies:
 * accepting it would silence the rule for the whole desk.
 */
export function mayAddWord(f: Finding): boolean {
	return f.category === 'typo' && !f.certain && f.severity !== 'error' && wordLike.test(f.text);
}

/** Actions that leave the text alone and change what newsproof reports instead. They run as
 * server commands, so every editor gets them, and they come after the text fixes. Those that
 * pin a place need the finding as it stands now. */
function settingActions(uri: string, d: Diagnostic, finding: Finding | undefined): CodeAction[] {
	const id = String(d.code);
	const actions: CodeAction[] = [];
	if (finding) {
		actions.push({
			title: `忽略此处的 ${id}（记入 .newsproof/ignore.yaml）`,
			kind: CodeActionKind.QuickFix,
			diagnostics: [d],
			command: { title: '忽略此处', command: serverCommands.ignore, arguments: [uri, finding.range, id] },
		});
		if (mayAddWord(finding)) {
			actions.push({
				title: `将“${finding.text}”加入词表…`,
				kind: CodeActionKind.QuickFix,
				diagnostics: [d],
				command: { title: '加入词表', command: serverCommands.addWord, arguments: [uri, finding.text] },
			});
		}
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
