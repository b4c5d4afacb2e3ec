import type { Finding, Severity } from '../engine';
import { categoryNames, type FileReport, placeOf, rateOf, severityNames, terminalSafe, totalsOf } from './report';

// The two human layouts. Compact: one `file:line:col  severity  rule  message` line per
// finding, what editors' problem matchers and grep read (and the golden files hold).
// Stylish: grouped by file, each finding with the source line and the flagged text marked,
// then counts by category; colour only when the output is a terminal. A Word document's
// lines are its paragraphs: its findings say 段 n, and the compact line ends with the
// paragraph around the flagged text.

/** Flagged text on one line: line breaks as ⏎, other controls escaped. */
function oneLine(text: string): string {
	return terminalSafe(text.replace(/\r\n|\r|\n/g, '⏎'));
}

export function formatCompact(reports: FileReport[]): string {
	const out: string[] = [];
	const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
	let characters = 0;
	for (const r of reports) {
		characters += r.characters;
		if (r.skipped) {
			out.push(`${terminalSafe(r.file)}:1:1  error  newsproof-io  ${terminalSafe(r.skipped)}`);
			totals.error++;
			continue;
		}
		const paragraphs = r.kind === 'docx' ? (r.source?.split('\n') ?? []) : undefined;
		for (const d of r.diagnostics) {
			totals[d.severity]++;
			const text = d.text ? `  原文：“${oneLine(d.text)}”` : '';
			const paragraph = paragraphs ? `  段 ${d.range.start.line + 1}：“${oneLine(excerpt(paragraphs, d).line)}”` : '';
			out.push(
				`${terminalSafe(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.ruleId}  ${terminalSafe(d.message)}${text}${paragraph}`,
			);
		}
	}
	const total = totals.error + totals.warning + totals.info + totals.hint;
	out.push(
		`共 ${total} 处：${(Object.keys(totals) as Severity[]).map((s) => `${severityNames[s]} ${totals[s]}`).join('，')}；` +
			`${reports.length} 个文件，${characters} 字，每万字 ${rateOf(total, characters)} 处`,
	);
	return out.join('\n') + '\n';
}

export interface StylishOptions {
	color: boolean;
}

const ansi = {
	reset: '\x1b[0m',
	bold: '\x1b[1m',
	dim: '\x1b[2m',
	underline: '\x1b[4m',
	red: '\x1b[31m',
	yellow: '\x1b[33m',
	blue: '\x1b[34m',
	gray: '\x1b[90m',
	green: '\x1b[32m',
};
const severityColor: Record<Severity, string> = { error: ansi.red, warning: ansi.yellow, info: ansi.blue, hint: ansi.gray };

/** Terminal columns a character takes: two for Chinese and full-width forms. */
export function charWidth(c: number): number {
	if ((c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0x200d || c === 0xfeff) return 0;
	if (
		(c >= 0x1100 && c <= 0x115f) ||
		(c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
		(c >= 0xac00 && c <= 0xd7a3) ||
		(c >= 0xf900 && c <= 0xfaff) ||
		(c >= 0xfe30 && c <= 0xfe4f) ||
		(c >= 0xff00 && c <= 0xff60) ||
		(c >= 0xffe0 && c <= 0xffe6) ||
		(c >= 0x20000 && c <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

export function textWidth(s: string): number {
	let w = 0;
	for (const ch of s) w += charWidth(ch.codePointAt(0)!);
	return w;
}

/** Characters of context kept on each side of the flagged text (drafts can have long lines). */
const context = 24;

/** The source line of a finding, clipped around it, and a caret line under the flagged text. */
export function excerpt(lines: string[], d: Finding): { line: string; before: string; flagged: string; after: string } {
	const source = lines[d.range.start.line] ?? '';
	const start = d.range.start.character;
	const end = d.range.end.line === d.range.start.line ? d.range.end.character : source.length;
	let before = source.slice(0, start);
	let after = source.slice(end);
	if (before.length > context) before = '…' + before.slice(before.length - context);
	if (after.length > context) after = after.slice(0, context) + '…';
	const flagged = source.slice(start, end);
	return { line: before + flagged + after, before, flagged, after };
}

function visible(s: string): string {
	// Stray spaces are the commonest finding: show them.
	return terminalSafe(s.replace(/\t/g, '→').replace(/[ \u3000]/g, (m) => (m === ' ' ? '·' : '□')));
}

export function formatGrouped(reports: FileReport[], options: StylishOptions): string {
	const paint = (code: string, s: string) => (options.color ? `${code}${s}${ansi.reset}` : s);
	const out: string[] = [];
	let fixable = 0;
	for (const r of reports) {
		if (r.skipped) {
			out.push(paint(ansi.underline, terminalSafe(r.file)));
			out.push(`  ${paint(severityColor.error, severityNames.error)}  newsproof-io  ${terminalSafe(r.skipped)}`, '');
			continue;
		}
		if (!r.diagnostics.length) continue;
		out.push(
			`${paint(ansi.underline, terminalSafe(r.file))}  ${paint(ansi.dim, `${r.diagnostics.length} 处，每万字 ${rateOf(r.diagnostics.length, r.characters)} 处`)}`,
		);
		const lines = r.source?.split(/\r\n|\r|\n/) ?? [];
		const width = Math.max(...r.diagnostics.map((d) => textWidth(placeOf(r, d))));
		for (const d of r.diagnostics) {
			if (d.certain) fixable++;
			const place = placeOf(r, d);
			const at = place + ' '.repeat(width - textWidth(place));
			out.push(`  ${paint(ansi.dim, at)}  ${paint(severityColor[d.severity], severityNames[d.severity])}  ${d.ruleId.padEnd(8)}  ${terminalSafe(d.message)}`);
			const indent = ' '.repeat(width + 4);
			if (r.source !== undefined) {
				const raw = excerpt(lines, d);
				const e = { before: terminalSafe(raw.before), flagged: raw.flagged, after: terminalSafe(raw.after) };
				const flagged = e.flagged ? visible(e.flagged) : '‸';
				if (options.color) {
					out.push(`${indent}${paint(ansi.gray, '│')} ${e.before}${paint(ansi.bold + ansi.underline + severityColor[d.severity], flagged)}${e.after}`);
				} else {
					out.push(`${indent}│ ${e.before}${flagged}${e.after}`);
					out.push(`${indent}  ${' '.repeat(textWidth(e.before))}${'^'.repeat(Math.max(1, textWidth(flagged)))}`);
				}
			}
			const fix = d.fixes[0];
			if (fix) {
				out.push(`${indent}${paint(ansi.green, d.certain ? '修正' : '可选')}：${terminalSafe(d.fixes.map((f) => f.title).join('；'))}`);
			}
		}
		out.push('');
	}
	const t = totalsOf(reports);
	const sev = (Object.keys(t.bySeverity) as Severity[]).map((s) => `${severityNames[s]} ${t.bySeverity[s]}`).join('，');
	const issues = t.findings + t.skipped;
	out.push(
		paint(
			issues ? ansi.bold + (t.bySeverity.error || t.skipped ? ansi.red : ansi.yellow) : ansi.green,
			`${issues ? '✖' : '✔'} 共 ${t.findings} 处（${sev}），涉及 ${t.filesWithFindings}/${t.files} 个文件${t.skipped ? `，${t.skipped} 个文件未能检查` : ''}`,
		),
	);
	const cats = (Object.keys(t.byCategory) as (keyof typeof categoryNames)[]).filter((c) => t.byCategory[c] > 0);
	if (cats.length) {
		out.push(`  按类别：${cats.map((c) => `${categoryNames[c]} ${t.byCategory[c]}`).join('，')}`);
	}
	out.push(`  共 ${t.characters} 字，每万字 ${t.rate} 处${fixable ? `；其中 ${fixable} 处可用 --fix 自动修正` : ''}`);
	return out.join('\n') + '\n';
}
