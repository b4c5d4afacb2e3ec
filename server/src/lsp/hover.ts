import type { Hover, Position } from 'vscode-languageserver/node';
import { categoryNames, type Finding, type Ruleset, severityNames, sourceTitle } from '../engine';

// A hover on a finding: its message, the rule's explanation and what it rests on (the national
// standard, the Xinhua list, 《咬文嚼字》), and the fix, in the reader's language.

/** Text shown as Markdown exactly as written (a rule's message may hold *, _ or <). */
const literal = (s: string) => s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The findings whose range holds `position` (an empty range holds its own point). */
function findingsAt(findings: Finding[], position: Position): Finding[] {
	return findings.filter(
		(f) =>
			!before(position, f.range.start) &&
			(before(position, f.range.end) ||
				(f.range.start.line === f.range.end.line && f.range.start.character === f.range.end.character && !before(f.range.end, position))),
	);
}

export function hoverFor(findings: Finding[], ruleset: Ruleset | undefined, position: Position): Hover | null {
	const here = findingsAt(findings, position);
	if (!here.length) return null;
	const parts = here.map((f) => {
		const meta = ruleset?.byId.get(f.ruleId)?.meta;
		const lines = [`**${literal(f.message)}**`, '', `${f.ruleId} · ${categoryNames[f.category]} · ${severityNames[f.severity]}`];
		if (meta?.explain) lines.push('', literal(meta.explain));
		if (meta?.source.length) lines.push('', `依据：${literal(meta.source.map(sourceTitle).join('；'))}`);
		if (f.fixes.length) lines.push('', `${f.certain ? '修正' : '可选'}：${literal(f.fixes.map((x) => x.title).join('；'))}`);
		return lines.join('\n');
	});
	const first = here[0].range;
	return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: first };
}
